// Asking every partner to accept new terms by email, at any scale: the publication writes one terms.published event
// and one mailing (db/terms.ts); each EMAILS queue message then writes one chunk of partners' emails and, while
// partners are left, sends the message for the next chunk. No request or statement writes more than a chunk, and the
// relay's sweep (hourly at the latest) sends a message again for a mailing whose message was lost.
import type { Env } from '../env';
import { getMailing, leaseDueMailingsStatement, mailTermsChunk, renewMailingLease } from '../db/terms-mailings';
import type { RelayLease } from './outbox';
import { queueDueEmails } from './emails';

/** Partners per chunk: up to three members each, so about 600 email rows in one short statement. */
export const TERMS_MAILING_CHUNK = 200;
/** A chunk's message is expected within this long; past it, the sweep sends another. */
const LEASE_MS = 15 * 60_000;

/**
 * The relay's lease of open mailings that have no message on their way, for its batch (flows/outbox.ts); `send`
 * sends a message for each. Up to 100 at a time: the next relay leases the rest.
 */
export function mailingsLease(env: Env, now: number): RelayLease {
  return {
    statement: leaseDueMailingsStatement(env.DB, now, now + LEASE_MS, 100),
    send: async (rows) => {
      const due = rows as unknown as { programId: string; version: number }[];
      if (due.length > 0) await env.EMAILS.sendBatch(due.map(({ programId, version }) => ({ body: { termsMailing: { programId, version } } })));
      return due.length;
    },
  };
}

/** One queue message: the next chunk's emails, on their way; then the message for the chunk after, if any. */
export async function continueTermsMailing(env: Env, m: { programId: string; version: number }, now = Date.now(), limit = TERMS_MAILING_CHUNK): Promise<{ finished: boolean; emails: number }> {
  const mailing = await getMailing(env.DB, m.programId, m.version);
  if (!mailing || mailing.finishedAt !== null) return { finished: true, emails: 0 };
  const chunk = await mailTermsChunk(env.DB, mailing, now, limit);
  if (!chunk.finished) {
    await renewMailingLease(env.DB, m.programId, m.version, now + LEASE_MS);
    await env.EMAILS.send({ termsMailing: m });
  }
  if (chunk.emails > 0) await queueDueEmails(env, now);
  return chunk;
}
