// Signups: what a signup posts (the customer's credit, a referring customer's credit, the partner's signup commission),
// whether its money may become available (confirmation), and the entries that settle it.
import { money, negate } from '../../shared/money';
import { joinedVia, signupCommission, type Recruiter, type RewardRule, type SignupSource } from './commissions';
import { customerRef, type LedgerDraft } from './ledger';

export type SignupStatus = 'confirmed' | 'awaiting_confirmation' | 'held' | 'rejected' | 'expired';
export type BrowserSignups = 'await_confirmation' | 'trusted';

export interface SignupFacts {
  customerId: string;
  source: SignupSource;
  partnerId: string | null;
  partnerDisplayId?: string;
  recruiter?: Recruiter | null;
  secondTierBps?: number;
  currency: string;
  signupCreditMinor: number;
  referrerCustomerId?: string | null; // the customer whose invitation it was, when the advocate is a customer
  referrerCreditMinor?: number;
  rules: RewardRule[];
  now: number;
}

/**
 * A signup posts the customer's signup credit and, for a partner's invitation, its flat signup commission; for a
 * customer's invitation, the referring customer's referrer credit (a credit, not a commission: commission is a partner's).
 */
export function signupEntries(f: SignupFacts): LedgerDraft[] {
  const entries: LedgerDraft[] = [];
  const event = { eventType: 'signup', eventId: f.customerId };
  if (f.signupCreditMinor > 0) {
    entries.push({
      holder: { customerId: f.customerId },
      type: 'signup_credit',
      amount: money(f.signupCreditMinor, f.currency),
      status: 'available',
      availableAt: null,
      reason: `Signup credit for joining ${joinedVia(f.source)}`,
      ...event,
      idempotencyKey: `signup:${f.customerId}:credit`,
    });
  }
  if (f.referrerCustomerId && f.referrerCustomerId !== f.customerId && (f.referrerCreditMinor ?? 0) > 0) {
    entries.push({
      holder: { customerId: f.referrerCustomerId },
      type: 'referrer_credit',
      amount: money(f.referrerCreditMinor!, f.currency),
      status: 'available',
      availableAt: null,
      reason: `Referral credit: ${customerRef(f.customerId)} joined ${joinedVia(f.source).replace('with invitation', 'with your invitation')}`,
      subjectCustomerId: f.customerId,
      ...event,
      idempotencyKey: `signup:${f.customerId}:referrer`,
    });
  }
  if (f.partnerId) {
    entries.push(
      ...signupCommission({
        customerId: f.customerId,
        source: f.source,
        partnerId: f.partnerId,
        partnerDisplayId: f.partnerDisplayId ?? f.partnerId,
        recruiter: f.recruiter ?? null,
        secondTierBps: f.secondTierBps ?? 0,
        currency: f.currency,
        rules: f.rules,
        now: f.now,
      }),
    );
  }
  return entries;
}

export interface SignupTrust {
  keyKind: 'publishable' | 'secret';
  browserSignups: BrowserSignups;
  /** The signup came from a browser the advocate themselves signed in from (or clicked from). */
  sameVisitorAsAdvocate: boolean;
  /** The customer's company is locked to another partner by a confirmed lead (docs/LEADS.md). */
  lockedToAnotherPartner?: boolean;
}

/**
 * The publishable key is public: anyone can read it from the merchant's page. So a signup only the browser reported
 * is money nobody may withdraw until the merchant's server vouches for it, unless the program chose to trust browsers.
 * A signup from the advocate's own browser is held for the manager whichever key reported it; so is one from a
 * company locked to another partner, so that neither claim wins silently.
 */
export function signupStatusFor(t: SignupTrust): SignupStatus {
  if (t.sameVisitorAsAdvocate || t.lockedToAnotherPartner) return 'held';
  if (t.keyKind === 'secret' || t.browserSignups === 'trusted') return 'confirmed';
  return 'awaiting_confirmation';
}

/** Why a signup is held: the advocate's own browser first (a self-referral says more than a conflict), else the lock. */
export const heldReasonFor = (t: SignupTrust): 'same_visitor' | 'lead_conflict' | null =>
  t.sameVisitorAsAdvocate ? 'same_visitor' : t.lockedToAnotherPartner ? 'lead_conflict' : null;

/** Who may settle a signup in this status: the merchant's server or a payment confirm awaiting ones; only a manager decides held ones. */
export function mayConfirm(status: SignupStatus, by: 'server' | 'payment' | 'manager'): boolean {
  if (status === 'awaiting_confirmation') return true;
  return status === 'held' && by === 'manager';
}

/**
 * The entries of an unconfirmed signup are posted pending. What would have been available at once has no date: it
 * waits for the confirmation, which makes it available, not for a period close.
 */
export function awaitingConfirmation(drafts: LedgerDraft[]): LedgerDraft[] {
  return drafts.map((d) => (d.status === 'available' ? { ...d, status: 'pending' as const, availableAt: null } : d));
}

/** A signup entry still pending, as the settling moves need it. */
export interface PendingSignupEntry {
  id: string;
  holder: { partnerId: string } | { customerId: string };
  amount: LedgerDraft['amount'];
  availableAt: number | null;
  subjectCustomerId: string | null;
}

function move(e: PendingSignupEntry, to: 'available' | 'reversed', type: 'release' | 'reversal', reason: string, key: string, eventType: string, eventId: string): LedgerDraft[] {
  const base = { holder: e.holder, type, availableAt: null, reason, lotId: e.id, subjectCustomerId: e.subjectCustomerId, eventType, eventId };
  return [
    { ...base, amount: negate(e.amount), status: 'pending', idempotencyKey: `${key}:${e.id}:pending` },
    { ...base, amount: e.amount, status: to, idempotencyKey: `${key}:${e.id}:${to}` },
  ];
}

/**
 * Confirmed: every entry that was only waiting for the confirmation becomes available now. Entries still inside
 * their own hold stay pending, and the period close releases them as usual.
 */
export function confirmationMoves(entries: PendingSignupEntry[], customerId: string, at: number): LedgerDraft[] {
  return entries
    .filter((e) => e.availableAt === null || e.availableAt <= at)
    .flatMap((e) => move(e, 'available', 'release', `Signup ${customerId} confirmed`, 'signup_confirmed', 'signup_confirmation', customerId));
}

/** Expired unconfirmed, or rejected on review: every pending entry of the signup is reversed. */
export function unconfirmedMoves(entries: PendingSignupEntry[], customerId: string, why: 'expired' | 'rejected'): LedgerDraft[] {
  const reason = why === 'expired' ? `Signup ${customerId} was never confirmed` : `Signup ${customerId} was rejected on review`;
  return entries.flatMap((e) => move(e, 'reversed', 'reversal', reason, `signup_${why}`, `signup_${why}`, customerId));
}

/**
 * A lead conflict the manager awards to the partner the lead is locked to: the customer keeps its signup credit (made
 * available, as on approval), while what the invitation's side earned on it (the partner's signup commission, a
 * recruiter's share, a referring customer's credit) is reversed. The locked partner's own signup commission is
 * posted beside these moves (signupEntries with the lead as the source).
 */
export function awardMoves(entries: PendingSignupEntry[], customerId: string, at: number): LedgerDraft[] {
  const own = (e: PendingSignupEntry) => 'customerId' in e.holder && e.holder.customerId === customerId;
  return [
    ...confirmationMoves(entries.filter(own), customerId, at),
    ...entries
      .filter((e) => !own(e))
      .flatMap((e) => move(e, 'reversed', 'reversal', `Signup ${customerId} was awarded to the partner its company is locked to`, 'signup_awarded', 'signup_awarded', customerId)),
  ];
}
