// Settling browser-reported and held signups: confirmed by the merchant's server, a first payment or the manager;
// rejected by the manager; expired by the hourly cron when nobody confirmed them in time.
import { awardMoves, confirmationMoves, mayConfirm, signupEntries, unconfirmedMoves, type SignupStatus } from '../domain/signups';
import { awardedToLead } from '../domain/events';
import { awardSignupToLead, pendingSignupEntries, settleSignup, signupStatusOf, unconfirmedPastLimit } from '../db/signup-confirmations';
import { activeRules } from '../db/rewards';
import type { ProgramRow } from '../env';

interface SignupRef {
  id: string;
  programId: string;
  signupStatus: SignupStatus;
}

/** Confirms the signup if `by` may; its waiting money becomes available. Returns the status that stands. */
export async function confirmSignup(db: D1Database, c: SignupRef, by: 'server' | 'payment' | 'manager', now = Date.now()): Promise<SignupStatus> {
  if (!mayConfirm(c.signupStatus, by)) return c.signupStatus;
  const entries = await pendingSignupEntries(db, c.id);
  const moved = await settleSignup(db, { programId: c.programId, customerId: c.id, from: [c.signupStatus], to: 'confirmed', at: now, drafts: confirmationMoves(entries, c.id, now) });
  // Not moved here: a concurrent request may have settled it either way; the status that stands is the answer.
  return moved ? 'confirmed' : ((await signupStatusOf(db, c.id)) ?? c.signupStatus);
}

/** A held signup the manager rejects: its pending money is reversed, and nothing it earns later is released. */
export async function rejectSignup(db: D1Database, c: SignupRef, now = Date.now()): Promise<boolean> {
  if (c.signupStatus !== 'held') return false;
  const entries = await pendingSignupEntries(db, c.id);
  return settleSignup(db, { programId: c.programId, customerId: c.id, from: ['held'], to: 'rejected', at: now, drafts: unconfirmedMoves(entries, c.id, 'rejected') });
}

/** awarded: false when a concurrent decision settled the signup otherwise first (status is then what stands). */
export type AwardOutcome = { kind: 'decided'; awarded: boolean; status: SignupStatus } | { kind: 'refused'; code: 'not_lead_conflict' | 'lead_not_locked'; message: string };

/**
 * A signup held as a lead conflict, awarded to the partner the lead is locked to (docs/LEADS.md): the customer and what
 * it brings from now on become that partner's, the invitation's side of its signup money is reversed, and the locked
 * partner earns the signup commission instead. The lead must still stand confirmed (a lead found not genuine, or
 * rejected, no longer locks anything). Idempotent, and exactly one of approve, reject and award wins a race.
 */
export async function awardSignupToLockedPartner(
  db: D1Database,
  program: ProgramRow,
  c: { id: string; externalId: string; partnerId: string | null; signupStatus: SignupStatus },
  now = Date.now(),
): Promise<AwardOutcome> {
  const lead = await db
    .prepare(
      `SELECT r.id, r.partner_id, r.customer_name, r.registration_status FROM customers c JOIN referrals r ON r.id = c.conflicting_referral_id
       WHERE c.id = ? AND c.held_reason = 'lead_conflict'`,
    )
    .bind(c.id)
    .first<{ id: string; partner_id: string; customer_name: string; registration_status: string }>();
  if (!lead) return { kind: 'refused', code: 'not_lead_conflict', message: 'This signup is not held as a conflict with a locked lead.' };
  if (lead.registration_status !== 'confirmed') return { kind: 'refused', code: 'lead_not_locked', message: 'The lead it conflicted with no longer stands confirmed, so it locks nothing.' };
  const [entries, rules] = await Promise.all([pendingSignupEntries(db, c.id), activeRules(db, program.id)]);
  // The locked partner's commission, as a signup from its lead earns it; only the commission (the customer's credit stays as it was).
  const earned = signupEntries({ customerId: c.id, source: { leadCompany: lead.customer_name }, partnerId: lead.partner_id, currency: program.currency, signupCreditMinor: 0, rules, now });
  const moved = await awardSignupToLead(db, {
    programId: program.id,
    customerId: c.id,
    leadId: lead.id,
    partnerId: lead.partner_id,
    at: now,
    drafts: [...awardMoves(entries, c.id, now), ...earned],
    event: awardedToLead({ customerId: c.id, externalId: c.externalId, referralId: lead.id, partnerId: lead.partner_id, fromPartnerId: c.partnerId }),
  });
  if (moved) return { kind: 'decided', awarded: true, status: 'confirmed' };
  const standing = await db.prepare('SELECT signup_status, lead_id FROM customers WHERE id = ?').bind(c.id).first<{ signup_status: SignupStatus; lead_id: string | null }>();
  return { kind: 'decided', awarded: standing?.lead_id === lead.id, status: standing?.signup_status ?? c.signupStatus };
}

/** Signups nobody confirmed within their program's limit expire, and their entries are reversed. */
export async function expireUnconfirmedSignups(db: D1Database, now = Date.now()): Promise<number> {
  let expired = 0;
  for (const c of await unconfirmedPastLimit(db, now)) {
    const entries = await pendingSignupEntries(db, c.id);
    if (await settleSignup(db, { programId: c.programId, customerId: c.id, from: ['awaiting_confirmation'], to: 'expired', at: now, drafts: unconfirmedMoves(entries, c.id, 'expired') })) expired++;
  }
  return expired;
}
