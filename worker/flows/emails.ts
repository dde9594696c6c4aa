// Sending email to people: due emails go to the EMAILS queue, and each message sends one email through the
// send_email binding (Cloudflare Email Service), in the recipient's language, retried on failure. An optional email
// the recipient turned off, or one to an erased account, is skipped, not sent.
import { money, sum, type Money } from '../../shared/money';
import { isOptionalEmail, type Language } from '../../shared/email-templates';
import { requiredSecret, type Env } from '../env';
import { ApiError } from '../middleware/errors';
import { partnerDisplayId } from '../domain/partners';
import { dashboardLink, EMAIL_PAGES, inviteLink, nextEmailAttempt, unsubscribeLink } from '../domain/mail';
import { renderEmail, type EmailFacts } from '../domain/email-texts';
import { mimeMessage } from '../domain/email-mime';
import { queueDelaySeconds } from '../domain/queue-delay';
import type { RelayLease } from './outbox';
import { inviteToken, unsubscribeSignature } from '../security/email-links';
import { batchLines, getPeriod } from '../db/periods';
import { balanceOf } from '../db/ledger';
import { activeRules } from '../db/rewards';
import { nextTier, ruleFor } from '../domain/commissions';
import { getReferral } from '../db/referrals';
import { getEndpoint } from '../db/webhooks';
import { termsStanding } from '../db/terms-acceptances';
import { mustAccept, pausedActions } from '../domain/terms-acceptance';
import { engagementFacts } from '../domain/email-texts-engagement';
import { claimEmails, inviteForEmail, leaseDueEmails, leaseDueEmailsStatement, partnerPeriodFigures, settleEmails, type EmailJob, type EmailOutcome, type EmailSettlement, type InviteForEmail } from '../db/emails';

/** A queue message for an email is expected to arrive within this long; past it, the sweep sends another. */
const LEASE_MS = 15 * 60_000;
/** Rows leased to a queue per statement (a sendBatch takes at most 100 messages). */
const LEASE_BATCH = 100;
/** One send holds its email this long: a second message for it meanwhile waits. */
const CLAIM_MS = 2 * 60_000;

export async function queueDueEmails(env: Env, now: number): Promise<number> {
  let queued = 0;
  for (;;) {
    const due = await leaseDueEmails(env.DB, now, now + LEASE_MS, LEASE_BATCH);
    queued += await sendQueued(env, due);
    if (due.length < LEASE_BATCH) break;
  }
  return queued;
}

async function sendQueued(env: Env, emailIds: string[]): Promise<number> {
  if (emailIds.length > 0) await env.EMAILS.sendBatch(emailIds.map((emailId) => ({ body: { emailId } })));
  return emailIds.length;
}

/** The relay's lease of due emails, for its batch (flows/outbox.ts); `send` queues them, and any more a batch at a time. */
export function emailsLease(env: Env, now: number): RelayLease {
  return {
    statement: leaseDueEmailsStatement(env.DB, now, now + LEASE_MS, LEASE_BATCH),
    send: async (rows) => (await sendQueued(env, rows.map((r) => r.id as string))) + (rows.length === LEASE_BATCH ? await queueDueEmails(env, now) : 0),
  };
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

/** Whom an email goes to, in which language: its account, or for an invite, the invited address. */
interface Recipient {
  address: string;
  name: string;
  language: Language;
  /** For an invite: the invite, read when it is sent. */
  invite: InviteForEmail | null;
}

const INVITES = { member_invite: 'member', staff_invite: 'staff', advocate_invite: 'member' } as const;

/** The recipient, or why the email is not to be sent (an erased person, an invite no longer open). */
async function recipientOf(env: Env, job: EmailJob, now: number): Promise<Recipient | { skip: string }> {
  if (job.account) {
    if (job.account.erased || !job.account.email.includes('@')) return { skip: "The recipient's personal data was erased." };
    return { address: job.account.email, name: job.account.name, language: job.account.language, invite: null };
  }
  const kind = INVITES[job.template as keyof typeof INVITES];
  const invite = kind && typeof job.data.inviteId === 'string' ? await inviteForEmail(env.DB, kind, job.data.inviteId, now) : null;
  if (!invite) return { skip: 'The email has no recipient.' };
  if (!invite.open) return { skip: 'The invite was accepted, withdrawn or expired before it was sent.' };
  return { address: invite.email, name: invite.name, language: invite.language, invite };
}

/** The link of the email's button: the dashboard page it is about, or for an invite, its accept link. */
async function linkFor(env: Env, job: EmailJob): Promise<string> {
  const base = publicUrl(env);
  const kind = INVITES[job.template as keyof typeof INVITES];
  if (kind) return inviteLink(base, kind, await inviteToken(requiredSecret(env, 'EMAIL_LINK_SECRET'), String(job.data.inviteId)));
  const where = EMAIL_PAGES[job.template as keyof typeof EMAIL_PAGES];
  const partnerId = typeof job.data.partnerId === 'string' ? job.data.partnerId : null;
  return dashboardLink(base, where.side === 'partner' && partnerId ? { partnerId, page: where.page } : { programId: job.programId, page: where.page });
}

/** A period summary's figures: the period's, the balance now, and how far the partner's next escalation tier is. */
async function periodFacts(env: Env, job: EmailJob, partnerId: string): Promise<Pick<EmailFacts, 'period' | 'nextTier' | 'amount'>> {
  const period = await getPeriod(env.DB, job.programId, String(job.data.periodId));
  if (!period) throw new Error(`period ${String(job.data.periodId)} not found`);
  const [figures, balance, rules] = await Promise.all([
    partnerPeriodFigures(env.DB, partnerId, period.startsAt, period.endsAt),
    balanceOf(env.DB, { partnerId }, job.currency),
    activeRules(env.DB, job.programId),
  ]);
  const rule = ruleFor(rules, partnerId, 'payment');
  const next = rule ? nextTier(rule, figures.successfulReferrals) : null;
  return {
    amount: money(figures.commissionMinor, job.currency),
    period: { from: new Date(period.startsAt).toISOString(), to: new Date(period.endsAt).toISOString(), clicks: figures.clicks, signups: figures.signups, successfulReferrals: figures.successfulReferrals, available: balance.available },
    nextTier: next === null || next === 'top' ? next : { needed: next.needed, percentBps: next.tier.percentBps ?? null, amount: next.tier.amountMinor === undefined ? null : money(next.tier.amountMinor, job.currency) },
  };
}

/**
 * New terms' email: the version and what waits for it, read now; or why it is no longer to be sent (the partner
 * accepted meanwhile, or a newer version's email asks for that one).
 */
async function termsFacts(env: Env, job: EmailJob): Promise<Pick<EmailFacts, 'termsVersion' | 'paused'> | { skip: string }> {
  const standing = await termsStanding(env.DB, String(job.data.partnerId));
  if (standing.currentVersion !== job.data.version) return { skip: 'Newer terms were published; their own email asks for them.' };
  if (!mustAccept(standing)) return { skip: 'The partner accepted these terms before the email was sent.' };
  return { termsVersion: job.data.version as number, paused: pausedActions(standing) };
}

/** What the email tells: the event's ids and amounts, with the names they stand for read now. */
async function factsFor(env: Env, job: EmailJob, to: Recipient): Promise<EmailFacts> {
  const d = job.data;
  const partnerId = typeof d.partnerId === 'string' ? d.partnerId : null;
  const partner = job.partner;
  const batch = typeof d.batchId === 'string' ? await batchLines(env.DB, job.programId, d.batchId) : null;
  const referral = typeof d.referralId === 'string' ? await getReferral(env.DB, { programId: job.programId }, d.referralId) : null;
  return {
    recipientName: to.name,
    programName: job.programName,
    partnerName: partner?.name,
    partnerDisplayId: partner ? partnerDisplayId(partner.status, partner.number) : undefined,
    amount: batch && batch.length > 0 ? sum(batch[0].amount.currency, batch.map((l) => l.amount)) : (d.amount as Money | undefined),
    requests: batch?.length,
    referralName: typeof d.referralId === 'string' ? (referral?.customerName ?? '') : undefined,
    stage: typeof d.to === 'string' ? d.to : undefined,
    dueAt: typeof d.dueAt === 'string' ? d.dueAt : undefined,
    lockedUntil: typeof d.lockedUntil === 'string' ? d.lockedUntil : undefined,
    ownerName: referral?.ownerName ?? null,
    duplicate: d.duplicate === true,
    availableAt: (d.availableAt as string | null | undefined) ?? null,
    invitationCode: (d.invitationCode as string | null | undefined) ?? undefined,
    reason: (d.reason as string | null | undefined) ?? null,
    endpointUrl: typeof d.endpointId === 'string' ? ((await getEndpoint(env.DB, job.programId, d.endpointId))?.url ?? '(deleted)') : undefined,
    inviterName: to.invite?.inviterName,
    role: typeof d.role === 'string' ? d.role : undefined,
    expiresAt: to.invite ? new Date(to.invite.expiresAt).toISOString() : undefined,
    link: await linkFor(env, job),
    ...(job.template === 'period_summary' && partnerId ? await periodFacts(env, job, partnerId) : {}),
    ...(job.template.startsWith('partner_') ? { engagement: engagementFacts(d) } : {}),
  };
}

/** One send of one email: a queue batch of one. Throws what stopped it before a send was tried (it stays claimed). */
export async function sendEmail(env: Env, emailId: string, now = Date.now()): Promise<void> {
  const { failed } = await sendEmails(env, [emailId], now);
  if (failed.length > 0) throw failed[0].error;
}

/**
 * One send of each email of a queue batch. The emails are claimed in one round trip and settled in another,
 * whatever their number; each is sent on its own. One whose send fails is rescheduled (or failed after its last
 * attempt); one that came before its time waits for it. An email whose facts could not be read is left claimed and
 * returned in `failed`, so its message is retried. A Worker stopped between a send and the settlement sends that
 * email again once the claim runs out: at least once, as before.
 */
export async function sendEmails(env: Env, emailIds: string[], now = Date.now()): Promise<{ failed: { id: string; error: unknown }[] }> {
  const claim = now + CLAIM_MS;
  const jobs = await claimEmails(env.DB, emailIds, now, claim);
  const failed: { id: string; error: unknown }[] = [];
  const settled = await Promise.all(
    jobs.map(async (job) => {
      try {
        return { id: job.id, claim, outcome: await sendOne(env, job, now) };
      } catch (error) {
        failed.push({ id: job.id, error });
        return null;
      }
    }),
  );
  const settlements = settled.filter((s): s is EmailSettlement => s !== null);
  const kept = await settleEmails(env.DB, settlements, now);
  // Each message that waits for its time, or for the next attempt, is sent with that delay once its settlement holds.
  const later = settlements.flatMap(({ id, outcome }, i) => {
    if (!kept[i]) return [];
    const at = outcome.kind === 'wait' ? outcome.queuedUntil - LEASE_MS : outcome.kind === 'retry' ? outcome.nextAttemptAt : null;
    return at === null ? [] : [{ body: { emailId: id }, delaySeconds: queueDelaySeconds(now, at) }];
  });
  if (later.length > 0) await env.EMAILS.sendBatch(later);
  return { failed };
}

/** Sends one claimed email, or says why not: its settlement. Throws what stopped it before a send was tried. */
async function sendOne(env: Env, job: EmailJob, now: number): Promise<EmailOutcome> {
  // Not due yet: the message came early (a sweep's lease ran out). Wait for the time, keeping the claim off.
  if (job.nextAttemptAt !== null && job.nextAttemptAt > now + 1000) return { kind: 'wait', queuedUntil: job.nextAttemptAt + LEASE_MS };
  const to = await recipientOf(env, job, now);
  if ('skip' in to) return { kind: 'skipped', why: to.skip };
  const terms = job.template === 'terms_updated' ? await termsFacts(env, job) : {};
  if ('skip' in terms) return { kind: 'skipped', why: terms.skip };
  const optional = job.account !== null && isOptionalEmail(job.template);
  if (optional && job.optedOut) return { kind: 'skipped', why: 'The recipient unsubscribed from this email.' };
  try {
    const unsubscribe = optional ? unsubscribeLink(publicUrl(env), job.account!.id, job.template, await unsubscribeSignature(requiredSecret(env, 'EMAIL_LINK_SECRET'), job.account!.id, job.template)) : null;
    const facts = { ...(await factsFor(env, job, to)), ...terms };
    if (facts.requests === 0) return { kind: 'skipped', why: 'The payout batch holds no withdrawal requests.' };
    const content = renderEmail(job.template, to.language, facts, unsubscribe);
    const from = sender(env, job.programName);
    const raw = mimeMessage({ from, to: to.address, id: job.id, unsubscribe }, content);
    // Imported here, not at the top: the OpenAPI script loads the Worker's routes in Node, which has no cloudflare: modules.
    const { EmailMessage } = await import('cloudflare:email');
    await env.EMAIL.send(new EmailMessage(from.addr, to.address, raw));
    return { kind: 'sent', subject: content.subject };
  } catch (e) {
    const error = String((e as Error).message ?? e).slice(0, 300);
    const next = nextEmailAttempt(job.attempts + 1, now);
    return next === null ? { kind: 'failed', error } : { kind: 'retry', error, nextAttemptAt: next, queuedUntil: next + LEASE_MS };
  }
}
