// The ledger's vocabulary: entry drafts, commission lots and the entries that move a lot between statuses.
import { add, compare, isPositive, min, negate, scale, subtract, zero, type Money } from '../../shared/money';

/**
 * Every type of entry. A commission is what a partner earns; the credits are a customer's: the signup credit for
 * joining through an invitation, the referrer credit for a friend who joined through theirs. The same list is the
 * ledger's CHECK (migration 0020) and the API's enum (shared/schemas/ledger.ts); a test keeps the three equal.
 */
export const ENTRY_TYPES = [
  'signup_credit', 'referrer_credit', 'commission', 'clawback', 'reversal', 'withdrawal', 'top_up', 'client_payment', 'credit_spend', 'release',
] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];
export type EntryStatus = 'pending' | 'available' | 'paid' | 'reversed';
export type Holder = { partnerId: string } | { customerId: string };

/**
 * How a reason names a customer: by our own id, never by email or name. Entries are never edited or deleted, so
 * personal data lives only in rows that erasure can clear (customers, accounts); readers join to show who it was.
 * Migration 0014 rewrote older reasons into this form.
 */
export const customerRef = (customerId: string) => `customer ${customerId}`;

/** An entry about to be posted. Its idempotency key is derived from the event, so a retry never posts twice. */
export interface LedgerDraft {
  holder: Holder;
  type: EntryType;
  amount: Money;
  status: EntryStatus;
  availableAt: number | null;
  reason: string;
  eventType: string;
  eventId: string;
  idempotencyKey: string;
  lotId?: string | null; // the commission this entry moves
  subjectCustomerId?: string | null; // the referred customer who earned it
  requiresRetention?: boolean;
}

/**
 * A commission as it stands: its own entry plus every entry that moved it. Nothing is updated in place,
 * so "where is this money now" is always a sum.
 */
export interface Lot {
  id: string;
  partnerId: string;
  amount: Money;
  pending: Money;
  available: Money;
  clawed: Money; // moved to reversed by refunds
  reversed: Money; // moved to reversed for any reason
  availableAt: number;
  requiresRetention: boolean;
  subjectCustomerId: string | null;
  eventType: string;
  eventId: string;
  reason: string;
}

function move(lot: Lot, from: EntryStatus, to: EntryStatus, amount: Money, type: EntryType, reason: string, key: string, event: { eventType: string; eventId: string }): LedgerDraft[] {
  const base = { holder: { partnerId: lot.partnerId }, type, availableAt: null, reason, lotId: lot.id, subjectCustomerId: lot.subjectCustomerId, ...event };
  return [
    { ...base, amount: negate(amount), status: from, idempotencyKey: `${key}:${from}` },
    { ...base, amount, status: to, idempotencyKey: `${key}:${to}` },
  ];
}

/** At a period close: every pending lot whose hold has ended becomes available. */
export function releaseMoves(lots: Lot[], at: number, periodId: string): LedgerDraft[] {
  return lots
    .filter((l) => isPositive(l.pending) && l.availableAt <= at)
    .flatMap((l) =>
      move(l, 'pending', 'available', l.pending, 'release', `Hold ended: ${l.reason}`, `release:${l.id}`, { eventType: 'period_close', eventId: periodId }),
    );
}

/** A customer who stops subscribing before a retention-bound lot matures takes that lot with them. */
export function retentionMoves(lots: Lot[], customerId: string, at: number, eventId: string): LedgerDraft[] {
  return lots
    .filter((l) => l.requiresRetention && l.subjectCustomerId === customerId && isPositive(l.pending) && l.availableAt > at)
    .flatMap((l) =>
      move(l, 'pending', 'reversed', l.pending, 'reversal', `Not earned: the customer canceled before the retention period ended (${l.reason})`, `retention:${l.id}`, {
        eventType: 'subscription',
        eventId,
      }),
    );
}

/**
 * An advocate who never claimed what a verbal referral earned (docs/LEADS.md): at the end of the program's unclaimed
 * period every commission still held for them, pending or available, is reversed.
 */
export function lapseMoves(lots: Lot[], lapseId: string): LedgerDraft[] {
  const event = { eventType: 'unclaimed', eventId: lapseId };
  const reason = (l: Lot) => `Unclaimed: the advocate did not join within the program's period (${l.reason})`;
  return lots.flatMap((l) => [
    ...(isPositive(l.pending) ? move(l, 'pending', 'reversed', l.pending, 'reversal', reason(l), `unclaimed:${l.id}:pending`, event) : []),
    ...(isPositive(l.available) ? move(l, 'available', 'reversed', l.available, 'reversal', reason(l), `unclaimed:${l.id}:available`, event) : []),
  ]);
}

export interface RefundFacts {
  refundId: string;
  paymentAmount: Money;
  refundedBefore: Money;
  refund: Money;
  invoiceId: string;
}

/**
 * A refund claws back the same share of every commission the payment earned: from what is still pending first,
 * then from what is available (which may go below zero when the money was already withdrawn). A refund that
 * completes the payment's refund takes back everything left, so rounding never leaves a cent behind.
 */
export function refundMoves(lots: Lot[], f: RefundFacts): LedgerDraft[] {
  const full = compare(add(f.refundedBefore, f.refund), f.paymentAmount) >= 0;
  const event = { eventType: 'refund', eventId: f.refundId };
  return lots.flatMap((l) => {
    const left = add(l.pending, l.available);
    const want = full ? left : min(scale(l.amount, f.refund.amount, f.paymentAmount.amount), left);
    if (!isPositive(want)) return [];
    const fromPending = min(want, isPositive(l.pending) ? l.pending : zero(want.currency));
    const fromAvailable = subtract(want, fromPending);
    const reason = `Refund of invoice ${f.invoiceId}: ${l.reason}`;
    const key = `refund:${f.refundId}:${l.id}`;
    const base = { holder: { partnerId: l.partnerId }, type: 'clawback' as const, availableAt: null, reason, lotId: l.id, subjectCustomerId: l.subjectCustomerId, ...event };
    const drafts: LedgerDraft[] = [];
    if (isPositive(fromPending)) drafts.push({ ...base, amount: negate(fromPending), status: 'pending', idempotencyKey: `${key}:pending` });
    if (isPositive(fromAvailable)) drafts.push({ ...base, amount: negate(fromAvailable), status: 'available', idempotencyKey: `${key}:available` });
    drafts.push({ ...base, amount: want, status: 'reversed', idempotencyKey: `${key}:reversed` });
    return drafts;
  });
}

export interface Balance {
  pending: Money;
  available: Money;
  paid: Money;
  reversed: Money;
}

export function emptyBalance(currency: string): Balance {
  return { pending: zero(currency), available: zero(currency), paid: zero(currency), reversed: zero(currency) };
}

/** The balance a list of entries adds up to. */
export function balanceFrom(currency: string, entries: { amount: Money; status: EntryStatus }[]): Balance {
  const b = emptyBalance(currency);
  for (const e of entries) b[e.status] = add(b[e.status], e.amount);
  return b;
}
