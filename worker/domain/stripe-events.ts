// Stripe's events, read as billing facts. Only the fields used are read, in the shapes of both older API versions
// (invoice.charge, charge.invoice, subscription.current_period_end) and current ones (invoice.payments,
// invoice.total_taxes, line pricing, items' current_period_end), so the merchant's endpoint version does not matter.
import { z } from '@hono/zod-openapi';
import { min, money, rateFromNumber, scale, subtract, sum, type Money } from '../../shared/money';
import type { BillingFact, BuyerReference, PaidInvoice, SubscriptionFact } from './billing';

/** The envelope every Stripe event has. */
export const StripeEventSchema = z.object({
  id: z.string().min(1).max(255),
  type: z.string().min(1).max(255),
  created: z.number().int(),
  livemode: z.boolean(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});
export type StripeEvent = z.infer<typeof StripeEventSchema>;

/** An expandable field: an id, an object with one, or nothing. */
const expandable = z.union([z.string(), z.object({ id: z.string() }), z.null()]).optional();
const idOf = (v: z.infer<typeof expandable>): string | null => (v == null ? null : typeof v === 'string' ? v : v.id);
const metadata = z.record(z.string(), z.string()).nullish();
const price = z.object({ id: z.string().nullish(), product: expandable, lookup_key: z.string().nullish(), unit_amount: z.number().int().nullish(), currency: z.string().nullish(), recurring: z.object({ interval: z.string() }).nullish() });
const discounts = z.array(z.union([z.string(), z.object({ promotion_code: expandable })])).nullish();

const CheckoutSession = z.object({
  id: z.string(),
  mode: z.string().nullish(),
  payment_status: z.string().nullish(),
  client_reference_id: z.string().nullish(),
  customer: expandable,
  customer_email: z.string().nullish(),
  customer_details: z.object({ email: z.string().nullish() }).nullish(),
  metadata,
  amount_total: z.number().int().nullish(),
  total_details: z.object({ amount_tax: z.number().int().nullish() }).nullish(),
  currency: z.string().nullish(),
  payment_intent: expandable,
  invoice: expandable,
  discounts,
});

const Invoice = z.object({
  id: z.string(),
  customer: expandable,
  customer_email: z.string().nullish(),
  amount_paid: z.number().int(),
  currency: z.string(),
  tax: z.number().int().nullish(),
  total_taxes: z.array(z.object({ amount: z.number().int() })).nullish(),
  status_transitions: z.object({ paid_at: z.number().int().nullish() }).nullish(),
  lines: z.object({ data: z.array(z.object({ price: price.nullish(), pricing: z.object({ price_details: z.object({ product: z.string().nullish() }).nullish() }).nullish() })) }).nullish(),
  charge: expandable,
  payment_intent: expandable,
  payments: z.object({ data: z.array(z.object({ payment: z.object({ charge: expandable, payment_intent: expandable }).nullish() })) }).nullish(),
  discounts,
  discount: z.object({ promotion_code: expandable }).nullish(),
  metadata,
  parent: z.object({ subscription_details: z.object({ metadata }).nullish() }).nullish(),
  subscription_details: z.object({ metadata }).nullish(),
});

const InvoicePayment = z.object({
  invoice: expandable,
  charge: expandable,
  payment_intent: expandable,
  payment: z.object({ charge: expandable, payment_intent: expandable }).nullish(),
});

const Refund = z.object({ id: z.string(), amount: z.number().int(), currency: z.string(), charge: expandable, payment_intent: expandable, status: z.string().nullish() });

const Charge = z.object({
  id: z.string(),
  amount_refunded: z.number().int(),
  currency: z.string(),
  payment_intent: expandable,
  invoice: expandable,
  refunds: z.object({ data: z.array(z.object({ id: z.string(), amount: z.number().int(), status: z.string().nullish() })) }).nullish(),
});

const Subscription = z.object({
  id: z.string(),
  customer: expandable,
  status: z.string(),
  metadata,
  current_period_end: z.number().int().nullish(),
  canceled_at: z.number().int().nullish(),
  ended_at: z.number().int().nullish(),
  items: z.object({ data: z.array(z.object({ price: price.nullish(), quantity: z.number().int().nullish(), current_period_end: z.number().int().nullish() })) }),
});

const PromotionCode = z.object({ id: z.string(), code: z.string() });

/** An expanded charge's balance transaction: Stripe's own rate from the charge's currency to the account's. */
const ChargeRate = z.object({ balance_transaction: z.object({ exchange_rate: z.number().nullish(), currency: z.string() }) });
const WithCharges = z.object({ charge: z.unknown().optional(), payments: z.object({ data: z.array(z.object({ payment: z.object({ charge: z.unknown().optional() }).nullish() })) }).nullish() });

/** Stripe's rate, when the payload carries an expanded charge with its balance transaction (Stripe sends ids otherwise). */
function providerRateOf(object: unknown): PaidInvoice['providerRate'] {
  const o = WithCharges.safeParse(object);
  if (!o.success) return null;
  const charges = [o.data.charge, ...(o.data.payments?.data ?? []).map((p) => p.payment?.charge)];
  for (const c of charges) {
    const bt = ChargeRate.safeParse(c);
    const rate = bt.success && bt.data.balance_transaction.exchange_rate ? rateFromNumber(bt.data.balance_transaction.exchange_rate) : null;
    if (rate) return { rate, currency: bt.data!.balance_transaction.currency.toUpperCase() };
  }
  return null;
}

const ms = (seconds: number) => seconds * 1000;
const amountOf = (minor: number, currency: string): Money => money(minor, currency.toUpperCase());
const compact = <T>(xs: (T | null | undefined)[]): T[] => [...new Set(xs.filter((x): x is T => x != null))];

/** The edgeref reference the site put into the metadata: `edgeref` (like client_reference_id) and `edgeref_code`. */
function fromMetadata(...sources: (Record<string, string> | null | undefined)[]): { ref: string | null; codes: string[] } {
  const ref = sources.map((m) => m?.edgeref).find((v) => v) ?? null;
  return { ref, codes: compact(sources.map((m) => m?.edgeref_code)) };
}

function promotionIds(d: z.infer<typeof discounts>, single?: { promotion_code?: z.infer<typeof expandable> } | null): string[] {
  const ids = (d ?? []).map((x) => (typeof x === 'string' ? null : idOf(x.promotion_code)));
  return compact([...ids, idOf(single?.promotion_code)]);
}

/** A plan or product is named by the price's lookup key when it has one (stable across prices), else its product id. */
const productOf = (p: z.infer<typeof price> | null | undefined): string | null => p?.lookup_key ?? idOf(p?.product) ?? null;

function checkoutFact(event: StripeEvent): BillingFact {
  const s = CheckoutSession.parse(event.data.object);
  const meta = fromMetadata(s.metadata);
  const buyer: BuyerReference = {
    customer: idOf(s.customer),
    email: s.customer_details?.email ?? s.customer_email ?? null,
    ref: s.client_reference_id ?? meta.ref,
    codes: meta.codes,
    promotionIds: promotionIds(s.discounts),
  };
  // A one-off payment without an invoice is paid here; subscriptions and invoiced checkouts are paid by invoice.paid.
  const paidHere = s.mode === 'payment' && s.payment_status === 'paid' && !idOf(s.invoice) && s.amount_total && s.currency;
  const intent = idOf(s.payment_intent);
  const payment: PaidInvoice | null = paidHere
    ? {
        invoiceId: intent ?? s.id,
        amount: subtract(amountOf(s.amount_total!, s.currency!), amountOf(s.total_details?.amount_tax ?? 0, s.currency!)),
        gross: amountOf(s.amount_total!, s.currency!),
        product: s.metadata?.edgeref_product ?? null,
        paidAt: ms(event.created),
        charges: [],
        paymentIntents: compact([intent]),
        providerRate: null,
      }
    : null;
  return { kind: 'checkout', buyer, payment };
}

function invoiceFact(event: StripeEvent): BillingFact {
  const i = Invoice.parse(event.data.object);
  if (i.amount_paid <= 0) return { kind: 'ignored', reason: 'Nothing was paid (a free or fully discounted invoice).' };
  const currency = i.currency.toUpperCase();
  const tax = i.tax ?? sum(currency, (i.total_taxes ?? []).map((t) => money(t.amount, currency))).amount;
  const lines = i.lines?.data ?? [];
  const meta = fromMetadata(i.metadata, i.parent?.subscription_details?.metadata, i.subscription_details?.metadata);
  const payments = i.payments?.data ?? [];
  return {
    kind: 'payment',
    buyer: { customer: idOf(i.customer), email: i.customer_email ?? null, ref: meta.ref, codes: meta.codes, promotionIds: promotionIds(i.discounts, i.discount) },
    payment: {
      invoiceId: i.id,
      amount: subtract(money(i.amount_paid, currency), min(money(tax, currency), money(i.amount_paid, currency))),
      gross: money(i.amount_paid, currency),
      product: lines.map((l) => productOf(l.price) ?? l.pricing?.price_details?.product ?? null).find((p) => p) ?? null,
      paidAt: ms(i.status_transitions?.paid_at ?? event.created),
      charges: compact([idOf(i.charge), ...payments.map((p) => idOf(p.payment?.charge))]),
      paymentIntents: compact([idOf(i.payment_intent), ...payments.map((p) => idOf(p.payment?.payment_intent))]),
      providerRate: providerRateOf(event.data.object),
    },
  };
}

function invoicePaymentFact(event: StripeEvent): BillingFact {
  const p = InvoicePayment.parse(event.data.object);
  const invoiceId = idOf(p.invoice);
  if (!invoiceId) return { kind: 'ignored', reason: 'The invoice payment names no invoice.' };
  return {
    kind: 'invoice_payment',
    invoiceId,
    charges: compact([idOf(p.charge), idOf(p.payment?.charge)]),
    paymentIntents: compact([idOf(p.payment_intent), idOf(p.payment?.payment_intent)]),
  };
}

function refundFact(event: StripeEvent): BillingFact {
  const r = Refund.parse(event.data.object);
  // A refund that failed or was canceled returned nothing (one that fails after succeeding is not handled: docs/BILLING.md).
  if (r.status === 'failed' || r.status === 'canceled') return { kind: 'ignored', reason: `The refund is ${r.status}.` };
  return { kind: 'refund', refundId: r.id, charge: idOf(r.charge), paymentIntent: idOf(r.payment_intent), amount: amountOf(r.amount, r.currency) };
}

function chargeRefundedFact(event: StripeEvent): BillingFact {
  const c = Charge.parse(event.data.object);
  const refunds = (c.refunds?.data ?? []).filter((r) => r.status !== 'failed' && r.status !== 'canceled').map((r) => ({ id: r.id, amount: amountOf(r.amount, c.currency) }));
  return { kind: 'charge_refunded', charge: c.id, paymentIntent: idOf(c.payment_intent), invoiceId: idOf(c.invoice), total: amountOf(c.amount_refunded, c.currency), refunds };
}

/** Stripe's statuses in edgeref's words: a subscription that is not paid for yet or any more counts as past due. */
const STATUSES: Record<string, SubscriptionFact['status']> = {
  trialing: 'trialing',
  active: 'active',
  past_due: 'past_due',
  unpaid: 'past_due',
  incomplete: 'past_due',
  paused: 'past_due',
  canceled: 'canceled',
  incomplete_expired: 'expired',
};

function subscriptionFact(event: StripeEvent): BillingFact {
  const s = Subscription.parse(event.data.object);
  const item = s.items.data[0];
  const status = event.type === 'customer.subscription.deleted' ? 'canceled' : STATUSES[s.status];
  if (!status) return { kind: 'ignored', reason: `Unknown subscription status ${s.status}.` };
  const p = item?.price;
  const meta = fromMetadata(s.metadata);
  const ended = s.ended_at ?? s.canceled_at;
  return {
    kind: 'subscription',
    buyer: { customer: idOf(s.customer), email: null, ref: meta.ref, codes: meta.codes, promotionIds: [] },
    subscription: {
      subscriptionId: s.id,
      plan: productOf(p) ?? p?.id ?? s.id,
      status,
      amount: p?.unit_amount && p.currency ? scale(amountOf(p.unit_amount, p.currency), item?.quantity ?? 1, 1) : null,
      interval: p?.recurring?.interval === 'year' ? 'year' : 'month',
      periodEnd: (item?.current_period_end ?? s.current_period_end) ? ms((item?.current_period_end ?? s.current_period_end)!) : null,
      canceledAt: status === 'canceled' || status === 'expired' ? ms(ended ?? event.created) : null,
    },
  };
}

const READERS: Record<string, (e: StripeEvent) => BillingFact> = {
  'checkout.session.completed': checkoutFact,
  'checkout.session.async_payment_succeeded': checkoutFact,
  'invoice.paid': invoiceFact,
  'invoice_payment.paid': invoicePaymentFact,
  'refund.created': refundFact,
  'refund.updated': refundFact,
  'charge.refunded': chargeRefundedFact,
  'customer.subscription.created': subscriptionFact,
  'customer.subscription.updated': subscriptionFact,
  'customer.subscription.deleted': subscriptionFact,
  'promotion_code.created': (e) => ({ kind: 'promotion_code', ...PromotionCode.parse(e.data.object) }),
  'promotion_code.updated': (e) => ({ kind: 'promotion_code', ...PromotionCode.parse(e.data.object) }),
};

/** The event types read; the Integrations page lists them as the ones to select in Stripe. */
export const STRIPE_EVENT_TYPES = Object.keys(READERS);

/** The fact an event states; an event of another type moves nothing, one with an object not shaped as documented is refused. */
export function stripeFact(event: StripeEvent): BillingFact {
  const read = READERS[event.type];
  if (!read) return { kind: 'ignored', reason: `Event type ${event.type} is not used by edgeref.` };
  try {
    return read(event);
  } catch (err) {
    const issue = err instanceof z.ZodError ? err.issues[0] : null;
    return { kind: 'refused', reason: `The ${event.type} object is not shaped as Stripe documents it${issue ? ` (${issue.path.join('.')}: ${issue.message})` : ''}.` };
  }
}
