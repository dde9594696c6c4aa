// Settling browser-reported and held signups: confirmed by the merchant's server, a first payment or the manager;
// rejected by the manager; expired by the hourly cron when nobody confirmed them in time.
import { confirmationMoves, mayConfirm, unconfirmedMoves, type SignupStatus } from '../domain/signups';
import { pendingSignupEntries, settleSignup, signupStatusOf, unconfirmedPastLimit } from '../db/signup-confirmations';

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

/** Signups nobody confirmed within their program's limit expire, and their entries are reversed. */
export async function expireUnconfirmedSignups(db: D1Database, now = Date.now()): Promise<number> {
  let expired = 0;
  for (const c of await unconfirmedPastLimit(db, now)) {
    const entries = await pendingSignupEntries(db, c.id);
    if (await settleSignup(db, { programId: c.programId, customerId: c.id, from: ['awaiting_confirmation'], to: 'expired', at: now, drafts: unconfirmedMoves(entries, c.id, 'expired') })) expired++;
  }
  return expired;
}
