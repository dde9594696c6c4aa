// Paddle Billing's events, read as billing facts. Paddle states amounts as strings of minor units and times as ISO
// dates; its transactions name the customer by id only, so the customer's email comes from customer.created/updated.
import { z } from '@hono/zod-openapi';
import { isPositive, min, money, scale, subtract, type Money } from '../../shared/money';
import type { BillingFact, SubscriptionFact } from './billing';

/** The envelope every Paddle notification has. Paddle has no livemode: sandbox and live have their own secrets. */
export const PaddleEventSchema = z.object({
  event_id: z.string().min(1).max(255),
  event_type: z.string().min(1).max(255),
  occurred_at: z.iso.datetime({ offset: true, local: false }),
  data: z.record(z.string(), z.unknown()),
});
export type PaddleEvent = z.infer<typeof PaddleEventSchema>;

const minor = z.string().regex(/^-?\d+$/).transform(Number);
const when = z.string().nullish();
const customData = z.record(z.string(), z.unknown()).nullish();
const price = z.object({
  id: z.string().nullish(),
  product_id: z.string().nullish(),
  unit_price: z.object({ amount: minor, currency_code: z.string() }).nullish(),
  billing_cycle: z.object({ interval: z.string() }).nullish(),
  custom_data: customData,
});

const Transaction = z.object({
  id: z.string(),
  status: z.string(),
  customer_id: z.string().nullish(),
  custom_data: customData,
  currency_code: z.string(),
  discount_id: z.string().nullish(),
  billed_at: when,
  updated_at: when,
  items: z.array(z.object({ price: price.nullish() })).nullish(),
  details: z.object({ totals: z.object({ tax: minor, grand_total: minor }) }),
  payments: z.array(z.object({ status: z.string().nullish(), captured_at: when })).nullish(),
});

const Adjustment = z.object({
  id: z.string(),
  action: z.string(),
  status: z.string(),
  transaction_id: z.string(),
  currency_code: z.string(),
  totals: z.object({ total: minor }),
});

const Subscription = z.object({
  id: z.string(),
  status: z.string(),
  customer_id: z.string().nullish(),
  custom_data: customData,
  canceled_at: when,
  current_billing_period: z.object({ ends_at: z.string() }).nullish(),
  items: z.array(z.object({ quantity: z.number().int().nullish(), price: price.nullish() })),
});

const Customer = z.object({ id: z.string(), email: z.string().nullish() });
const Discount = z.object({ id: z.string(), code: z.string().nullish() });

const at = (iso: string | null | undefined, fallback: string): number => Date.parse(iso ?? fallback);
const amountOf = (minorUnits: number, currency: string): Money => money(minorUnits, currency.toUpperCase());
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** The edgeref reference the site passed to Paddle.js as customData: `edgeref` (a click id or a customer id) and `edgeref_code`. */
function reference(data: Record<string, unknown> | null | undefined): { ref: string | null; codes: string[] } {
  const code = text(data?.edgeref_code);
  return { ref: text(data?.edgeref), codes: code ? [code] : [] };
}

/** A plan or product is named by the price's custom_data.edgeref_product when set, else the Paddle product id. */
const productOf = (p: z.infer<typeof price> | null | undefined): string | null => text(p?.custom_data?.edgeref_product) ?? p?.product_id ?? null;

function transactionFact(event: PaddleEvent): BillingFact {
  const t = Transaction.parse(event.data);
  if (t.status !== 'completed' && t.status !== 'paid') return { kind: 'ignored', reason: `The transaction is ${t.status}.` };
  const gross = amountOf(t.details.totals.grand_total, t.currency_code);
  if (!isPositive(gross)) return { kind: 'ignored', reason: 'Nothing was paid (a free or fully discounted transaction).' };
  const ref = reference(t.custom_data);
  const captured = (t.payments ?? []).find((p) => p.status === 'captured')?.captured_at;
  return {
    kind: 'payment',
    buyer: { customer: t.customer_id ?? null, email: null, ref: ref.ref, codes: ref.codes, promotionIds: t.discount_id ? [t.discount_id] : [] },
    payment: {
      invoiceId: t.id,
      amount: subtract(gross, min(amountOf(t.details.totals.tax, t.currency_code), gross)),
      gross,
      product: (t.items ?? []).map((i) => productOf(i.price)).find((p) => p) ?? null,
      paidAt: at(captured ?? t.billed_at, event.occurred_at),
      // A refund (adjustment) names the transaction: the transaction is its own charge.
      charges: [t.id],
      paymentIntents: [],
      providerRate: null,
    },
  };
}

function adjustmentFact(event: PaddleEvent): BillingFact {
  const a = Adjustment.parse(event.data);
  if (a.action !== 'refund' && a.action !== 'chargeback') return { kind: 'ignored', reason: `An adjustment of action ${a.action} moves no commission.` };
  // Refunds need Paddle's approval: until then (and if rejected) nothing was returned.
  if (a.status !== 'approved') return { kind: 'ignored', reason: `The ${a.action} is ${a.status}; only an approved one is returned money.` };
  return { kind: 'refund', refundId: a.id, charge: a.transaction_id, paymentIntent: null, amount: amountOf(a.totals.total, a.currency_code) };
}

const STATUSES: Record<string, SubscriptionFact['status']> = { trialing: 'trialing', active: 'active', past_due: 'past_due', paused: 'past_due', canceled: 'canceled' };

function subscriptionFact(event: PaddleEvent): BillingFact {
  const s = Subscription.parse(event.data);
  const status = event.event_type === 'subscription.canceled' ? 'canceled' : STATUSES[s.status];
  if (!status) return { kind: 'ignored', reason: `Unknown subscription status ${s.status}.` };
  const item = s.items[0];
  const unit = item?.price?.unit_price ? amountOf(item.price.unit_price.amount, item.price.unit_price.currency_code) : null;
  const ref = reference(s.custom_data);
  return {
    kind: 'subscription',
    buyer: { customer: s.customer_id ?? null, email: null, ref: ref.ref, codes: ref.codes, promotionIds: [] },
    subscription: {
      subscriptionId: s.id,
      plan: productOf(item?.price) ?? item?.price?.id ?? s.id,
      status,
      amount: unit && isPositive(unit) ? scale(unit, item?.quantity ?? 1, 1) : null,
      interval: item?.price?.billing_cycle?.interval === 'year' ? 'year' : 'month',
      periodEnd: s.current_billing_period ? Date.parse(s.current_billing_period.ends_at) : null,
      canceledAt: status === 'canceled' ? at(s.canceled_at, event.occurred_at) : null,
    },
  };
}

function customerFact(event: PaddleEvent): BillingFact {
  const c = Customer.parse(event.data);
  return c.email ? { kind: 'customer_email', customer: c.id, email: c.email } : { kind: 'ignored', reason: 'The customer has no email.' };
}

function discountFact(event: PaddleEvent): BillingFact {
  const d = Discount.parse(event.data);
  return d.code ? { kind: 'promotion_code', id: d.id, code: d.code } : { kind: 'ignored', reason: 'The discount has no code.' };
}

const READERS: Record<string, (e: PaddleEvent) => BillingFact> = {
  'transaction.completed': transactionFact,
  'adjustment.created': adjustmentFact,
  'adjustment.updated': adjustmentFact,
  'subscription.created': subscriptionFact,
  'subscription.updated': subscriptionFact,
  'subscription.canceled': subscriptionFact,
  'customer.created': customerFact,
  'customer.updated': customerFact,
  'discount.created': discountFact,
  'discount.updated': discountFact,
};

/** The event types read; the Integrations page lists them as the ones to select in Paddle. */
export const PADDLE_EVENT_TYPES = Object.keys(READERS);

/** The fact an event states; an event of another type moves nothing, one with data not shaped as documented is refused. */
export function paddleFact(event: PaddleEvent): BillingFact {
  const read = READERS[event.event_type];
  if (!read) return { kind: 'ignored', reason: `Event type ${event.event_type} is not used by edgeref.` };
  try {
    return read(event);
  } catch (err) {
    const issue = err instanceof z.ZodError ? err.issues[0] : null;
    return { kind: 'refused', reason: `The ${event.event_type} data is not shaped as Paddle documents it${issue ? ` (${issue.path.join('.')}: ${issue.message})` : ''}.` };
  }
}
