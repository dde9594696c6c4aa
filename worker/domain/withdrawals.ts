// Withdrawals and spending from a balance: who may, how much, and the entries each step posts.
import { compare, equals, format, negate, percentOf, subtract, type Money } from '../../shared/money';
import { customerRef, type LedgerDraft } from './ledger';
import { addMonths } from './commissions';

export interface Problem {
  status: 409 | 422;
  code: string;
  message: string;
  details?: unknown;
}

export interface WithdrawalFacts {
  amount: Money;
  programCurrency: string;
  available: Money;
  minimum: Money;
  payoutMethod: 'card' | 'bank_account' | null;
  hasOpenRequest: boolean;
}

/** Why a withdrawal request cannot be made, or null when it can. */
export function withdrawalProblem(f: WithdrawalFacts): Problem | null {
  if (f.amount.currency !== f.programCurrency) return currencyProblem(f.amount.currency, f.programCurrency);
  if (f.hasOpenRequest) return { status: 409, code: 'withdrawal_open', message: 'A withdrawal request is already open; it is paid when the period closes, or can be canceled first.' };
  if (!f.payoutMethod) return { status: 422, code: 'payout_method_missing', message: 'Add a payout method (card or bank account) before requesting a withdrawal.' };
  if (compare(f.amount, f.minimum) < 0) {
    return { status: 422, code: 'below_minimum', message: `The minimum withdrawal is ${format(f.minimum)}.`, details: { minimum: f.minimum } };
  }
  if (compare(f.amount, f.available) > 0) {
    return { status: 422, code: 'insufficient_balance', message: `Only ${format(f.available)} is available to withdraw.`, details: { available: f.available } };
  }
  return null;
}

export function currencyProblem(given: string, expected: string): Problem {
  return { status: 422, code: 'currency_mismatch', message: `This program works in ${expected}; ${given} was given.`, details: { expected } };
}

export function insufficient(available: Money, what: string): Problem {
  return { status: 422, code: 'insufficient_balance', message: `Only ${format(available)} is available for ${what}.`, details: { available } };
}

const ref = (withdrawalId: string) => ({ eventType: 'withdrawal', eventId: withdrawalId });

/** Requesting reserves the amount: it leaves the available balance at once. */
export function withdrawalRequested(partnerId: string, withdrawalId: string, amount: Money, method: string): LedgerDraft {
  return {
    holder: { partnerId }, type: 'withdrawal', amount: negate(amount), status: 'available', availableAt: null,
    reason: `Withdrawal requested to ${method === 'card' ? 'card' : 'bank account'}`, ...ref(withdrawalId), idempotencyKey: `withdrawal:${withdrawalId}:request`,
  };
}

export function withdrawalPaid(partnerId: string, withdrawalId: string, amount: Money): LedgerDraft {
  return {
    holder: { partnerId }, type: 'withdrawal', amount, status: 'paid', availableAt: null,
    reason: 'Withdrawal paid out', ...ref(withdrawalId), idempotencyKey: `withdrawal:${withdrawalId}:paid`,
  };
}

/** A failed, rejected or canceled withdrawal gives the money back to the available balance. */
export function withdrawalReturned(partnerId: string, withdrawalId: string, amount: Money, why: string): LedgerDraft {
  return {
    holder: { partnerId }, type: 'reversal', amount, status: 'available', availableAt: null,
    reason: `Returned to balance: ${why}`, ...ref(withdrawalId), idempotencyKey: `withdrawal:${withdrawalId}:returned`,
  };
}

export type WithdrawalStatus = 'requested' | 'approved' | 'paid' | 'failed' | 'canceled';
export type Settlement = 'paid' | 'failed' | 'reject' | 'cancel';

/**
 * How a withdrawal may end. A period close approves the open requests; a manager then marks each paid or failed, and
 * may reject one before it is paid; the partner may cancel its own only while it waits for the close.
 */
const SETTLEMENTS = {
  paid: { from: ['approved'], to: 'paid', returned: null },
  failed: { from: ['approved'], to: 'failed', returned: 'the payout failed' },
  reject: { from: ['requested', 'approved'], to: 'canceled', returned: 'the request was rejected' },
  cancel: { from: ['requested'], to: 'canceled', returned: 'withdrawal canceled' },
} as const satisfies Record<Settlement, { from: readonly WithdrawalStatus[]; to: WithdrawalStatus; returned: string | null }>;

/** The statuses a settlement moves a withdrawal from and to, and the entry it posts (`why` names a return's reason). */
export function settlement(action: Settlement, w: { id: string; partnerId: string; amount: Money }, why: string | null) {
  const rule = SETTLEMENTS[action];
  const entry = rule.returned === null ? withdrawalPaid(w.partnerId, w.id, w.amount) : withdrawalReturned(w.partnerId, w.id, w.amount, why ?? rule.returned);
  return { from: [...rule.from] as WithdrawalStatus[], to: rule.to as WithdrawalStatus, entry };
}

export interface Quote {
  listPrice: Money;
  discountBps: number;
  discount: Money;
  price: Money;
}

/** What a partner pays for a client's subscription: the list price less the program's partner discount. */
export function clientPaymentQuote(listPrice: Money, discountBps: number): Quote {
  const discount = percentOf(listPrice, discountBps);
  return { listPrice, discountBps, discount, price: subtract(listPrice, discount) };
}

const DAY_MS = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Paying one billing interval extends the subscription from its expiry. One that lapsed before today restarts from
 * the start of today (UTC), not from this very millisecond: the interval due is then the same all day, so the paid-until
 * date the partner reviewed in the quote names it, and a second payment for it is recognised as one.
 */
export function paidUntil(expiresAt: number | null, now: number, interval: 'month' | 'year'): number {
  const today = now - (now % DAY_MS);
  const from = new Date(Math.max(expiresAt ?? today, today));
  return addMonths(from.getTime(), interval === 'year' ? 12 : 1);
}

/** A payment for this interval was made already (perhaps a moment ago, by another request): nothing more is paid. */
export function intervalAlreadyPaid(reviewed: number, due: number): Problem {
  return {
    status: 409, code: 'already_paid',
    message: `The interval until ${day(reviewed)} is already paid; nothing was paid now. Review the subscription again to pay the next one.`,
    details: { paidUntil: new Date(due).toISOString() },
  };
}

export interface ClientPaymentFacts {
  reviewed: number; // the paid-until date the partner saw in the quote and sends back
  due: number; // the paid-until date of the interval due now, from the subscription as it is
  expiresAt: number | null;
  expectedPrice: Money;
  price: Money;
}

/**
 * Why a client payment cannot be made as the partner reviewed it, or null. It pays exactly the interval it names:
 * once that interval is paid the subscription's expiry has moved, and the same request is refused, whatever its key.
 */
export function clientPaymentProblem(f: ClientPaymentFacts): Problem | null {
  if (f.reviewed !== f.due) {
    if (f.expiresAt !== null && f.reviewed <= f.expiresAt) return intervalAlreadyPaid(f.reviewed, f.due);
    return {
      status: 409, code: 'interval_not_due',
      message: `The interval due now runs until ${day(f.due)}, not ${day(f.reviewed)}; nothing was paid. Review the subscription again.`,
      details: { paidUntil: new Date(f.due).toISOString() },
    };
  }
  if (!equals(f.expectedPrice, f.price)) {
    return { status: 409, code: 'price_changed', message: 'The price changed since it was shown; review the new price.', details: { price: f.price } };
  }
  return null;
}

export function clientPaymentEntry(partnerId: string, paymentId: string, customerId: string, plan: string, q: Quote): LedgerDraft {
  const discount = q.discountBps > 0 ? ` (${format(q.listPrice)} less the ${q.discountBps / 100}% partner discount)` : '';
  return {
    holder: { partnerId }, type: 'client_payment', amount: negate(q.price), status: 'available', availableAt: null,
    reason: `Paid ${customerRef(customerId)}'s ${plan} subscription${discount}`, eventType: 'client_payment', eventId: paymentId, idempotencyKey: `client_payment:${paymentId}`,
  };
}

export function topUpEntry(partnerId: string, amount: Money, reference: string): LedgerDraft {
  return {
    holder: { partnerId }, type: 'top_up', amount, status: 'available', availableAt: null,
    reason: `Top-up received (${reference})`, eventType: 'top_up', eventId: reference, idempotencyKey: `top_up:${partnerId}:${reference}`,
  };
}

export function creditSpendEntry(customerId: string, reference: string, amount: Money, description: string | undefined): LedgerDraft {
  return {
    holder: { customerId }, type: 'credit_spend', amount: negate(amount), status: 'available', availableAt: null,
    reason: description ? `Credit spent: ${description}` : `Credit spent (${reference})`, eventType: 'credit_spend', eventId: reference, idempotencyKey: `credit_spend:${customerId}:${reference}`,
  };
}
