// Applying a billing fact: the buyer attributed (or found), the payment recorded with its commissions, a refund
// clawing back, a subscription stored. A fact that needs another one first (an invoice its checkout, a refund its
// invoice) waits; one about money that is not a referred customer's is ignored.
import { nanoid } from 'nanoid';
import { convert, format, isPositive, subtract } from '../../shared/money';
import type { Env, ProgramRow } from '../env';
import { netRefunded, rateFor, refundedPerFacts, totalFactId, type BillingFact, type BillingProvider, type BuyerReference, type PaidInvoice, type RefundFact } from '../domain/billing';
import { refundMoves } from '../domain/ledger';
import { attributedCustomerByEmail, customerByAnyId, type CustomerRow } from '../db/customers';
import { lotsOfPayment } from '../db/ledger';
import { paymentByInvoice, recordRefund, type Conversion } from '../db/payments';
import { exchangeRatesOf } from '../db/billing';
import { emailLinkStatement, grossPaymentOf, grossPaymentStatement, linkedValues, linkStatements, promotionCodeStatement, refundFactsOf, refundFactStatement, type LinkKind } from '../db/billing-links';
import { payFor } from './payments';
import { recordCustomerSignup } from './signups';
import { subscriptionFor } from './subscriptions';

export type Outcome =
  | { status: 'applied'; reason: string; customerId: string | null }
  /**
   * `waitsFor`: the keys (`customer:cus_…`, `charge:ch_…`, `rate:USD`…) whose becoming known wakes it; `untilFixed`:
   * it waits for the manager (a missing exchange rate), however long that takes.
   */
  | { status: 'waiting'; reason: string; customerId: string | null; waitsFor: string[]; untilFixed?: boolean }
  | { status: 'refused' | 'ignored'; reason: string; customerId: string | null };

const applied = (reason: string, customerId: string | null): Outcome => ({ status: 'applied', reason, customerId });
const ignored = (reason: string, customerId: string | null = null): Outcome => ({ status: 'ignored', reason, customerId });
const refused = (reason: string, customerId: string | null = null): Outcome => ({ status: 'refused', reason, customerId });
const waiting = (reason: string, waitsFor: (string | null)[], customerId: string | null = null): Outcome => ({
  status: 'waiting',
  reason,
  customerId,
  waitsFor: waitsFor.filter((k): k is string => k !== null),
});

/** The key of a provider id, as waits name it and links make it known. */
export const waitKey = (kind: LinkKind | 'rate', id: string) => `${kind}:${id}`;

export interface Context {
  env: Env;
  program: ProgramRow;
  provider: BillingProvider;
  /** The event's own key (provider and id), which names what it records. */
  eventKey: string;
  /** The wait keys this application made known (links written), which wake the events waiting for them. */
  made: Set<string>;
}

export async function applyFact(ctx: Context, fact: BillingFact): Promise<Outcome> {
  switch (fact.kind) {
    case 'ignored':
      return ignored(fact.reason);
    case 'refused':
      return refused(fact.reason);
    case 'promotion_code':
      await promotionCodeStatement(ctx.env.DB, ctx.program.id, ctx.provider, fact.id, fact.code, Date.now()).run();
      ctx.made.add(waitKey('promotion_code', fact.id));
      return applied(`Promotion code ${fact.id} is ${fact.code}.`, null);
    case 'customer_email':
      await emailLinkStatement(ctx.env.DB, ctx.program.id, ctx.provider, fact.customer, fact.email, Date.now()).run();
      ctx.made.add(waitKey('email', fact.customer));
      return applied(`Customer ${fact.customer}'s email noted, for attributing their payments.`, null);
    case 'checkout':
      return checkout(ctx, fact.buyer, fact.payment);
    case 'payment':
      return invoicePaid(ctx, fact.buyer, fact.payment);
    case 'invoice_payment':
      await link(ctx, { charge: fact.charges, payment_intent: fact.paymentIntents }, fact.invoiceId);
      return applied(`Invoice ${fact.invoiceId} is paid by ${[...fact.charges, ...fact.paymentIntents].join(', ') || 'nothing named'}.`, null);
    case 'refund':
      return refundFacts(ctx, { charge: fact.charge, paymentIntent: fact.paymentIntent, invoiceId: null }, [{ factId: fact.refundId, chargeId: fact.charge ?? fact.paymentIntent ?? fact.refundId, amount: fact.amount }]);
    case 'charge_refunded':
      return refundFacts(ctx, { charge: fact.charge, paymentIntent: fact.paymentIntent, invoiceId: fact.invoiceId }, [
        { factId: totalFactId(fact.charge), chargeId: fact.charge, amount: fact.total },
        ...fact.refunds.map((r) => ({ factId: r.id, chargeId: fact.charge, amount: r.amount })),
      ]);
    case 'subscription':
      return subscription(ctx, fact);
  }
}

/**
 * Links the provider's ids to `value` (in one batch with `also`), and notes them as made known: the events waiting for
 * them are woken once this event has settled, so after whatever else it records (a payment a refund waits for).
 */
async function link(ctx: Context, ids: Partial<Record<LinkKind, string[]>>, value: string, also: D1PreparedStatement[] = []): Promise<void> {
  const now = Date.now();
  const links = Object.entries(ids).flatMap(([kind, externalIds]) =>
    linkStatements(ctx.env.DB, ctx.program.id, ctx.provider, kind as LinkKind, externalIds.map((id) => [id, value]), now),
  );
  if (links.length + also.length > 0) await ctx.env.DB.batch([...also, ...links]);
  for (const [kind, externalIds] of Object.entries(ids)) for (const id of externalIds) ctx.made.add(waitKey(kind as LinkKind, id));
}

/** What a buyer nobody attributed yet waits for: a checkout linking their provider customer, their email, a promotion code's text. */
const buyerKeys = (b: BuyerReference) => [
  b.customer && waitKey('customer', b.customer),
  b.customer && waitKey('email', b.customer),
  ...b.promotionIds.map((id) => waitKey('promotion_code', id)),
];

type Buyer = { kind: 'customer'; customer: CustomerRow; created: boolean } | { kind: 'not_referred'; reason: string } | { kind: 'refused'; reason: string };

/**
 * The edgeref customer a buyer is: one the provider's customer was linked to before; one the reference names (our id
 * or the merchant's); one who signed up with the same email; else a new signup, attributed by the reference as a click
 * id or by a promotion code, or, with neither, to the partner whose confirmed lead locks the buyer's company. The
 * provider's customer is then linked to it.
 */
async function buyerOf(ctx: Context, b: BuyerReference, fallbackExternalId: string): Promise<Buyer> {
  const db = ctx.env.DB;
  const programId = ctx.program.id;
  const [linked] = b.customer ? await linkedValues(db, programId, ctx.provider, 'customer', [b.customer]) : [];
  let customer = linked ? await customerByAnyId(db, programId, linked) : null;
  // Paddle names the buyer by id only: its email is the one customer.created or .updated told.
  const email = b.email ?? (b.customer ? ((await linkedValues(db, programId, ctx.provider, 'email', [b.customer]))[0] ?? null) : null);
  if (!customer && b.ref) customer = await customerByAnyId(db, programId, b.ref);
  if (!customer && email) customer = await attributedCustomerByEmail(db, programId, email);
  let created = false;
  if (!customer) {
    const codes = [...b.codes, ...(await linkedValues(db, programId, ctx.provider, 'promotion_code', b.promotionIds))];
    const tries = [...(b.ref && b.ref.length <= 64 ? [{ clickId: b.ref }] : []), ...codes.filter((c) => c.length <= 64).map((promoCode) => ({ promoCode }))];
    if (tries.length === 0) {
      // No reference and no code: a buyer from a company locked to a partner by a confirmed lead is that partner's.
      const byLead = email ? await recordCustomerSignup(ctx.env, ctx.program, { customerId: b.customer ?? fallbackExternalId, email }, { keyKind: 'secret', browserHash: async () => null }) : null;
      if (byLead?.kind !== 'recorded') return { kind: 'not_referred', reason: 'The buyer came with no edgeref reference or invitation code, from no company a lead locks.' };
      ({ customer, created } = byLead);
    } else {
      if (!email) return { kind: 'not_referred', reason: 'The buyer has a reference but no email address (yet), which a signup needs.' };
      let refusal = '';
      for (const t of tries) {
        const r = await recordCustomerSignup(ctx.env, ctx.program, { customerId: b.customer ?? fallbackExternalId, email, ...t }, { keyKind: 'secret', browserHash: async () => null });
        if (r.kind === 'recorded') {
          ({ customer, created } = r);
          break;
        }
        // An unknown or expired click, or an unknown code, means the buyer is not referred; a self-referral is refused.
        if (r.code === 'self_referral' || r.code === 'advocate_inactive') return { kind: 'refused', reason: r.message };
        refusal = r.message;
      }
      if (!customer) return { kind: 'not_referred', reason: `Not attributable: ${refusal}` };
    }
  }
  if (b.customer) await link(ctx, { customer: [b.customer] }, customer.id);
  return { kind: 'customer', customer, created };
}

async function checkout(ctx: Context, b: BuyerReference, payment: PaidInvoice | null): Promise<Outcome> {
  const buyer = await buyerOf(ctx, b, payment?.invoiceId ?? `${ctx.provider}:${ctx.eventKey}`);
  if (buyer.kind === 'not_referred') return ignored(buyer.reason);
  if (buyer.kind === 'refused') return refused(buyer.reason);
  const who = `${buyer.created ? 'Signed up' : 'Found'} customer ${buyer.customer.externalId}`;
  if (!payment) return applied(`${who}.`, buyer.customer.id);
  const paid = await pay(ctx, buyer.customer, payment);
  return paid.status === 'applied' ? applied(`${who}; ${paid.reason}`, buyer.customer.id) : paid;
}

async function invoicePaid(ctx: Context, b: BuyerReference, payment: PaidInvoice): Promise<Outcome> {
  const buyer = await buyerOf(ctx, b, payment.invoiceId);
  // The checkout that names the buyer may come after its invoice: wait for it before calling the buyer not referred.
  if (buyer.kind === 'not_referred') return waiting(`${buyer.reason} Waiting for a checkout that attributes this customer.`, buyerKeys(b));
  if (buyer.kind === 'refused') return refused(buyer.reason);
  return pay(ctx, buyer.customer, payment);
}

/**
 * A payment in another currency than the program's, converted: at the provider's own rate when its payload carries
 * one into the program's currency, else at the program's rate for the day it was paid. Null: no rate is kept.
 */
async function conversionOf(ctx: Context, p: PaidInvoice): Promise<Conversion | null> {
  const to = ctx.program.currency;
  if (p.providerRate && p.providerRate.currency === to) return { original: p.amount, rate: p.providerRate.rate, source: 'provider' };
  const rate = rateFor(await exchangeRatesOf(ctx.env.DB, ctx.program.id, p.amount.currency), p.amount.currency, new Date(p.paidAt).toISOString().slice(0, 10));
  return rate ? { original: p.amount, rate: rate.rate, source: 'program' } : null;
}

async function pay(ctx: Context, customer: CustomerRow, p: PaidInvoice): Promise<Outcome> {
  let conversion: Conversion | null = null;
  if (p.amount.currency !== ctx.program.currency) {
    conversion = await conversionOf(ctx, p);
    // Never dropped: it waits (for as long as it takes) until a manager keeps a rate, which wakes it.
    if (!conversion) {
      const reason = `Paid in ${p.amount.currency}; this program keeps ${ctx.program.currency} and has no ${p.amount.currency} rate yet: add one on the Integrations page.`;
      return { status: 'waiting', reason, customerId: customer.id, waitsFor: [waitKey('rate', p.amount.currency)], untilFixed: true };
    }
  }
  const amount = conversion ? convert(p.amount, conversion.rate, ctx.program.currency) : p.amount;
  if (!isPositive(amount)) return ignored(`Paid ${format(p.amount)}, which is nothing in ${ctx.program.currency}.`, customer.id);
  await link(ctx, { charge: p.charges, payment_intent: p.paymentIntents }, p.invoiceId, [grossPaymentStatement(ctx.env.DB, ctx.program.id, ctx.provider, p.invoiceId, p.gross)]);
  const r = await payFor(ctx.env.DB, ctx.program, customer, { invoiceId: p.invoiceId, amount, product: p.product, paidAt: p.paidAt, conversion });
  if (r.kind === 'conflict') return refused(`Invoice ${p.invoiceId} was recorded before with another customer or amount.`, customer.id);
  if (r.kind === 'unknown_customer') return refused('The customer is not known.', customer.id);
  const converted = conversion ? ` (${format(conversion.original)} at ${conversion.rate}, ${conversion.source === 'provider' ? "the provider's rate" : "the program's rate"})` : '';
  return applied(r.created ? `Payment of invoice ${p.invoiceId} recorded: ${format(amount)}${converted}.` : `Payment of invoice ${p.invoiceId} was recorded before.`, customer.id);
}

/** How often a refund is computed again when another one of the payment landed meanwhile. */
const ATTEMPTS = 50;

/**
 * Records what the provider said was refunded, then brings the payment's refunded amount up to what all it said adds
 * up to: a refund told of by two events (the refund and its charge's total) counts once, whichever comes first.
 */
async function refundFacts(ctx: Context, of: { charge: string | null; paymentIntent: string | null; invoiceId: string | null }, facts: RefundFact[]): Promise<Outcome> {
  const db = ctx.env.DB;
  const programId = ctx.program.id;
  const [invoiceId] = [
    ...(of.invoiceId ? [of.invoiceId] : []),
    ...(of.charge ? await linkedValues(db, programId, ctx.provider, 'charge', [of.charge]) : []),
    ...(of.paymentIntent ? await linkedValues(db, programId, ctx.provider, 'payment_intent', [of.paymentIntent]) : []),
  ];
  const payment = invoiceId ? await paymentByInvoice(db, programId, invoiceId) : null;
  if (!invoiceId || !payment) {
    const keys = [of.charge && waitKey('charge', of.charge), of.paymentIntent && waitKey('payment_intent', of.paymentIntent)];
    return waiting(`No payment here for ${of.charge ?? of.paymentIntent ?? 'the refunded charge'} yet: waiting for its invoice.`, keys);
  }
  // Refunds are stated tax included, as the provider charged; a payment the site reported itself has no tax taken off.
  const gross = (await grossPaymentOf(db, programId, ctx.provider, invoiceId)) ?? payment.amount;
  if (facts.some((f) => f.amount.currency !== gross.currency)) return refused(`The refund is in another currency than the payment (${gross.currency}).`, payment.customerId);
  await db.batch(facts.map((f) => refundFactStatement(db, programId, ctx.provider, invoiceId, f)));
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const current = (await paymentByInvoice(db, programId, invoiceId))!;
    const target = netRefunded(refundedPerFacts(await refundFactsOf(db, programId, invoiceId, gross.currency), gross), gross, current.amount);
    const refund = subtract(target, current.refunded);
    if (!isPositive(refund)) return applied(`Invoice ${invoiceId} is refunded ${format(current.refunded)} of ${format(current.amount)}; nothing more to claw back.`, current.customerId);
    const id = `ref_${nanoid()}`;
    const lots = await lotsOfPayment(db, current.id);
    const entries = refundMoves(lots, { refundId: id, invoiceId, paymentAmount: current.amount, refundedBefore: current.refunded, refund });
    // The reference names the state it was computed from, so a racing twin of this event lands once, not twice.
    const recorded = await recordRefund(db, programId, {
      id, paymentId: current.id, refundRef: `${ctx.eventKey}@${current.refunded.amount}`, amount: refund, refundedBefore: current.refunded, lots, entries, now: Date.now(),
    });
    if (recorded?.created) return applied(`Refund of ${format(refund)} on invoice ${invoiceId} recorded.`, current.customerId);
  }
  return waiting(`Other refunds of invoice ${invoiceId} kept landing first; trying again.`, [], payment.customerId);
}

async function subscription(ctx: Context, fact: Extract<BillingFact, { kind: 'subscription' }>): Promise<Outcome> {
  const buyer = await buyerOf(ctx, fact.buyer, fact.subscription.subscriptionId);
  if (buyer.kind === 'not_referred') return waiting(`${buyer.reason} Waiting for a checkout that attributes this customer.`, buyerKeys(fact.buyer));
  if (buyer.kind === 'refused') return refused(buyer.reason);
  const s = fact.subscription;
  // A price in another currency is shown in the program's, at its latest rate; with no rate kept, without a price.
  let amount = s.amount;
  if (amount && amount.currency !== ctx.program.currency) {
    const rate = rateFor(await exchangeRatesOf(ctx.env.DB, ctx.program.id, amount.currency), amount.currency, new Date().toISOString().slice(0, 10));
    amount = rate ? convert(amount, rate.rate, ctx.program.currency) : null;
  }
  const r = await subscriptionFor(ctx.env.DB, ctx.program, buyer.customer.id, { plan: s.plan, status: s.status, amount, interval: s.interval, expiresAt: s.periodEnd, canceledAt: s.canceledAt });
  const reversed = isPositive(r.reversed) ? `; ${format(r.reversed)} of commission needing retention reversed` : '';
  return applied(`Subscription ${s.plan} is ${s.status}${reversed}.`, buyer.customer.id);
}
