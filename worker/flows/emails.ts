// Sending email to people: due emails go to the EMAILS queue, and each message sends one email through the
// send_email binding (Cloudflare Email Service), in the recipient's language, retried on failure. An optional email
// the recipient turned off, or one to an erased account, is skipped, not sent.
import type { Money } from '../../shared/money';
import { isOptionalEmail } from '../../shared/email-templates';
import { requiredSecret, type Env } from '../env';
import { ApiError } from '../middleware/errors';
import { partnerDisplayId, type PartnerStatus } from '../domain/partners';
import { dashboardLink, EMAIL_PAGES, nextEmailAttempt, unsubscribeLink } from '../domain/mail';
import { renderEmail, type EmailFacts } from '../domain/email-texts';
import { mimeMessage } from '../domain/email-mime';
import { unsubscribeSignature } from '../security/email-links';
import { claimEmail, endpointUrlForEmail, leaseDueEmails, partnerForEmail, settleEmail, type EmailJob } from '../db/emails';

/** A queue message for an email is expected to arrive within this long; past it, the sweep sends another. */
const LEASE_MS = 15 * 60_000;
/** One send holds its email this long: a second message for it meanwhile waits. */
const CLAIM_MS = 2 * 60_000;

export async function queueDueEmails(env: Env, now: number): Promise<number> {
  let queued = 0;
  for (;;) {
    const due = await leaseDueEmails(env.DB, now, now + LEASE_MS, 100);
    if (due.length === 0) break;
    await env.EMAILS.sendBatch(due.map((emailId) => ({ body: { emailId } })));
    queued += due.length;
    if (due.length < 100) break;
  }
  return queued;
}

/** The Worker's public origin, for the links in emails (a queue consumer has no request to take it from). */
function publicUrl(env: Env): string {
  if (!env.PUBLIC_URL) throw new ApiError(500, 'not_configured', 'PUBLIC_URL is not set: the links in emails need the Worker\'s public origin (set it under [vars] in wrangler.toml).');
  return env.PUBLIC_URL;
}

function sender(env: Env, programName: string): { name: string; addr: string } {
  if (!env.EMAIL_FROM?.includes('@')) throw new ApiError(500, 'not_configured', 'EMAIL_FROM is not set: the address emails are sent from (set it under [vars] in wrangler.toml).');
  return { name: programName, addr: env.EMAIL_FROM };
}

/** What the email tells: the event's ids and amounts, with the names they stand for read now. */
async function factsFor(env: Env, job: EmailJob): Promise<EmailFacts> {
  const d = job.data;
  const partnerId = typeof d.partnerId === 'string' ? d.partnerId : null;
  const partner = partnerId ? await partnerForEmail(env.DB, partnerId) : null;
  const where = EMAIL_PAGES[job.template];
  const link = dashboardLink(publicUrl(env), where.side === 'partner' && partnerId ? { partnerId, page: where.page } : { programId: job.programId, page: where.side === 'program' ? where.page : '' });
  return {
    recipientName: job.account.name,
    programName: job.programName,
    partnerName: partner?.name,
    partnerDisplayId: partner ? partnerDisplayId(partner.status as PartnerStatus, partner.number) : undefined,
    amount: d.amount as Money | undefined,
    availableAt: (d.availableAt as string | null | undefined) ?? null,
    invitationCode: d.invitationCode as string | undefined,
    reason: (d.reason as string | null | undefined) ?? null,
    endpointUrl: typeof d.endpointId === 'string' ? ((await endpointUrlForEmail(env.DB, d.endpointId)) ?? '(deleted)') : undefined,
    link,
  };
}

/** One send of one email, for one queue message. */
export async function sendEmail(env: Env, emailId: string, now = Date.now()): Promise<void> {
  const claim = now + CLAIM_MS;
  const job = await claimEmail(env.DB, emailId, now, claim);
  if (!job) return;
  if (job.nextAttemptAt !== null && job.nextAttemptAt > now + 1000) {
    // Not due yet: the message came early (a sweep's lease ran out). Wait for the time, keeping the claim off.
    await settleEmail(env.DB, emailId, claim, { kind: 'retry', error: 'waiting', nextAttemptAt: job.nextAttemptAt, queuedUntil: job.nextAttemptAt + LEASE_MS }, now);
    await env.EMAILS.send({ emailId }, { delaySeconds: Math.ceil((job.nextAttemptAt - now) / 1000) });
    return;
  }
  if (job.account.erased || !job.account.email.includes('@')) {
    await settleEmail(env.DB, emailId, claim, { kind: 'skipped', why: "The recipient's personal data was erased." }, now);
    return;
  }
  const optional = isOptionalEmail(job.template);
  if (optional && job.optedOut) {
    await settleEmail(env.DB, emailId, claim, { kind: 'skipped', why: 'The recipient unsubscribed from this email.' }, now);
    return;
  }
  try {
    const base = publicUrl(env);
    const unsubscribe = optional ? unsubscribeLink(base, job.account.id, job.template, await unsubscribeSignature(requiredSecret(env, 'EMAIL_LINK_SECRET'), job.account.id, job.template)) : null;
    const content = renderEmail(job.template, job.account.language, await factsFor(env, job), unsubscribe);
    const from = sender(env, job.programName);
    const raw = mimeMessage({ from, to: job.account.email, id: job.id, unsubscribe }, content);
    // Imported here, not at the top: the OpenAPI script loads the Worker's routes in Node, which has no cloudflare: modules.
    const { EmailMessage } = await import('cloudflare:email');
    await env.EMAIL.send(new EmailMessage(from.addr, job.account.email, raw));
    await settleEmail(env.DB, emailId, claim, { kind: 'sent', subject: content.subject }, now);
  } catch (e) {
    const error = String((e as Error).message ?? e).slice(0, 300);
    const next = nextEmailAttempt(job.attempts + 1, now);
    if (next === null) {
      await settleEmail(env.DB, emailId, claim, { kind: 'failed', error }, now);
      return;
    }
    if (await settleEmail(env.DB, emailId, claim, { kind: 'retry', error, nextAttemptAt: next, queuedUntil: next + LEASE_MS }, now)) {
      await env.EMAILS.send({ emailId }, { delaySeconds: Math.ceil((next - now) / 1000) });
    }
  }
}
