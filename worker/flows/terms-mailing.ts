// Asking every partner to accept new terms by email, at any scale: the publication writes one terms.published event
// and one mailing (db/terms.ts); each EMAILS queue message then writes one chunk of partners' emails and, while
// partners are left, sends the message for the next chunk. No request or statement writes more than a chunk, and the
// relay's sweep (hourly at the latest) sends a message again for a mailing whose message was lost.
import type { Env } from '../env';
import { getMailing, leaseDueMailings, mailTermsChunk, renewMailingLease } from '../db/terms-mailings';
import { queueDueEmails } from './emails';

/** Partners per chunk: up to three members each, so about 600 email rows in one short statement. */
export const TERMS_MAILING_CHUNK = 200;
/** A chunk's message is expected within this long; past it, the sweep sends another. */
const LEASE_MS = 15 * 60_000;

/** Sends a message for each open mailing that has none on its way. */
export async function queueTermsMailings(env: Env, now: number): Promise<number> {
  const due = await leaseDueMailings(env.DB, now, now + LEASE_MS, 100);
  if (due.length > 0) await env.EMAILS.sendBatch(due.map((termsMailing) => ({ body: { termsMailing } })));
  return due.length;
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
