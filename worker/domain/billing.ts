// Billing events, whatever the provider: the facts an event states (a checkout, a paid invoice, a refund, a
// subscription), how long an event that needs another one waits, and how much of a payment the provider says is refunded.
import { add, compare, max, min, scale, sum, zero, type Money } from '../../shared/money';

export type BillingProvider = 'stripe' | 'paddle';
export type BillingMode = 'live' | 'test';
export type BillingEventStatus = 'received' | 'applied' | 'waiting' | 'refused' | 'ignored';

/** How a buyer may be attributed: a reference the site put into the checkout, or a promotion code used at it. */
export interface BuyerReference {
  /** The provider's customer id, once the buyer is one. */
  customer: string | null;
  email: string | null;
  /** `client_reference_id` or metadata: a click id from the widget, or an edgeref or merchant customer id. */
  ref: string | null;
  /** Promotion codes as typed (the provider's codes equal to invitation codes). */
  codes: string[];
  /** The provider's ids of promotion codes used, resolved through the codes it told of before. */
  promotionIds: string[];
}

/** A paid invoice (or one-off checkout): the payment it becomes. */
export interface PaidInvoice {
  /** The payment's business id: the invoice id, or the payment intent of a checkout without an invoice. */
  invoiceId: string;
  /** Paid, less tax. */
  amount: Money;
  /** Paid, tax included: what the provider's refunds are shares of. */
  gross: Money;
  product: string | null;
  /** The provider's time of payment (ms). */
  paidAt: number;
  /** The charges and payment intents that paid it, which refunds name. */
  charges: string[];
  paymentIntents: string[];
  /** The provider's own rate from the paid currency to `currency`, when its payload carries one (Stripe's balance transaction). */
  providerRate: { rate: string; currency: string } | null;
}

export interface SubscriptionFact {
  subscriptionId: string;
  plan: string;
  status: 'trialing' | 'active' | 'past_due' | 'canceled' | 'expired';
  amount: Money | null;
  interval: 'month' | 'year';
  /** The end of the period paid for, which is when an ended subscription expires. */
  periodEnd: number | null;
  canceledAt: number | null;
}

export type BillingFact =
  | { kind: 'checkout'; buyer: BuyerReference; payment: PaidInvoice | null }
  | { kind: 'payment'; buyer: BuyerReference; payment: PaidInvoice }
  /** Which charge or payment intent paid an invoice, told apart from the invoice itself. */
  | { kind: 'invoice_payment'; invoiceId: string; charges: string[]; paymentIntents: string[] }
  /** One refund, by its own id. */
  | { kind: 'refund'; refundId: string; charge: string | null; paymentIntent: string | null; amount: Money }
  /** A charge's refunded total, with the refunds it lists (if the API version lists them). */
  | { kind: 'charge_refunded'; charge: string; paymentIntent: string | null; invoiceId: string | null; total: Money; refunds: { id: string; amount: Money }[] }
  | { kind: 'subscription'; buyer: BuyerReference; subscription: SubscriptionFact }
  | { kind: 'promotion_code'; id: string; code: string }
  /** A provider customer's email (Paddle names buyers by id only in its transactions). */
  | { kind: 'customer_email'; customer: string; email: string }
  /** An event type or state that moves no money here. */
  | { kind: 'ignored'; reason: string }
  /** An event that cannot be read as documented. */
  | { kind: 'refused'; reason: string };

/** A refund fact: one refund (`refundId`) or a charge's running total (`total`), of one charge of an invoice. */
export interface RefundFact {
  factId: string;
  chargeId: string;
  amount: Money;
}

export const totalFactId = (chargeId: string) => `total:${chargeId}`;

/**
 * What the provider's facts say is refunded of a payment, tax included as the provider counts it: per charge, the
 * larger of its running total and its refunds added up (one event may tell of a refund the other has not yet), never
 * more than was paid (`paid`, tax included).
 */
export function refundedPerFacts(facts: RefundFact[], paid: Money): Money {
  const charges = new Map<string, { total: Money; refunds: Money }>();
  for (const f of facts) {
    const c = charges.get(f.chargeId) ?? { total: zero(paid.currency), refunds: zero(paid.currency) };
    if (f.factId === totalFactId(f.chargeId)) c.total = max(c.total, f.amount);
    else c.refunds = add(c.refunds, f.amount);
    charges.set(f.chargeId, c);
  }
  return min(sum(paid.currency, [...charges.values()].map((c) => max(c.total, c.refunds))), paid);
}

/**
 * The share of a payment recorded less tax (`net`) that a refund of `refundedGross` of the `gross` charged takes back:
 * the same share, so a refund of everything takes back all of it.
 */
export function netRefunded(refundedGross: Money, gross: Money, net: Money): Money {
  return compare(refundedGross, gross) >= 0 ? net : scale(net, refundedGross.amount, gross.amount);
}

export interface ExchangeRate {
  currency: string;
  /** The day it is for (YYYY-MM-DD). */
  asOf: string;
  /** Units of the program's currency per unit of `currency`, a decimal string. */
  rate: string;
}

/**
 * The program's rate for a payment on `day`: the latest one on or before that day, else (a payment older than every
 * rate kept) the earliest one.
 */
export function rateFor(rates: ExchangeRate[], currency: string, day: string): ExchangeRate | null {
  const mine = rates.filter((r) => r.currency === currency).sort((a, b) => a.asOf.localeCompare(b.asOf));
  return mine.filter((r) => r.asOf <= day).pop() ?? mine[0] ?? null;
}

/**
 * An event that needs another one first (a refund before its invoice, an invoice before its checkout) is tried again
 * after these waits (seconds; a queue message's delay is at most 12 hours), and at once when an event makes known what
 * it waits for. When a day and a bit has passed since it arrived, the other event never came, which means the money
 * is not a referred customer's: the event is ignored.
 */
export const WAIT_SCHEDULE_S = [60, 300, 1_800, 7_200, 43_200, 43_200];
const GIVE_UP_AFTER_MS = WAIT_SCHEDULE_S.reduce((a, b) => a + b, 0) * 1000;

/**
 * When a waiting event is tried next after `attempts` tries, or null when it has waited long enough: counted from
 * when it arrived, so the tries that other events' wake-ups cause do not use up its wait.
 */
export function nextWait(attempts: number, now: number, receivedAt: number): number | null {
  if (now - receivedAt >= GIVE_UP_AFTER_MS) return null;
  const wait = WAIT_SCHEDULE_S[Math.min(Math.max(attempts, 1), WAIT_SCHEDULE_S.length) - 1];
  return Math.min(now + wait * 1000, receivedAt + GIVE_UP_AFTER_MS);
}

/** A live program takes live events only, a test program test events only. */
export function modeProblem(programMode: BillingMode, livemode: boolean): string | null {
  if (livemode && programMode === 'test') return 'A live-mode event, but this program takes test-mode events only (Integrations: billing mode).';
  if (!livemode && programMode === 'live') return 'A test-mode event, but this program takes live-mode events only; use a test program for test events.';
  return null;
}
