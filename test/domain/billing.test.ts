// Billing facts as the rules in docs/BILLING.md state them: how Stripe's and Paddle's documented payloads read, what a refund
// takes back, how long an event waits, and which mode takes which events.
import { describe, expect, it } from 'vitest';
import { convert, money, rateFromNumber } from '../../shared/money';
import { modeProblem, netRefunded, nextWait, rateFor, refundedPerFacts, totalFactId, WAIT_SCHEDULE_S, type RefundFact } from '../../worker/domain/billing';
import { stripeFact, StripeEventSchema, type StripeEvent } from '../../worker/domain/stripe-events';
import { stripeEvent, type Patch, type StripeFixture } from '../../scripts/billing/stripe-events';
import { paddleEvent, type PaddleFixture } from '../../scripts/billing/paddle-events';
import { paddleFact, PaddleEventSchema } from '../../worker/domain/paddle-events';

const eur = (n: number) => money(n, 'EUR');
const read = (fixture: StripeFixture, object: Patch = {}, envelope: Patch = {}) => stripeFact(StripeEventSchema.parse(stripeEvent(fixture, object, envelope)) as StripeEvent);

describe("Stripe's documented events, read", () => {
  it('invoice.paid (current API): paid less tax, at paid_at, the line product, no charge named', () => {
    expect(read('invoice.paid')).toEqual({
      kind: 'payment',
      buyer: { customer: 'cus_RdemoCustomer01', email: 'buyer@example.com', ref: null, codes: [], promotionIds: [] },
      payment: { invoiceId: 'in_1QdemoInvoice0001', amount: eur(4900), gross: eur(6125), product: 'prod_RdemoPro', paidAt: 1764662399_000, charges: [], paymentIntents: [], providerRate: null },
    });
  });

  it('invoice.paid (2024-06-20): tax, charge, payment intent, the price lookup key and a discount promotion code', () => {
    const fact = read('invoice.paid.2024-06-20', { discount: { promotion_code: 'promo_1' } });
    expect(fact).toMatchObject({
      kind: 'payment',
      buyer: { promotionIds: ['promo_1'] },
      payment: { amount: eur(4900), product: 'pro', charges: ['ch_1PolderCharge0001'], paymentIntents: ['pi_1PolderPaymentInt1'] },
    });
  });

  it('invoice.paid of nothing (a free trial invoice) is ignored', () => {
    expect(read('invoice.paid', { amount_paid: 0 })).toMatchObject({ kind: 'ignored' });
  });

  it('invoice.paid names the edgeref reference in its or its subscription\'s metadata', () => {
    expect(read('invoice.paid', { parent: { subscription_details: { metadata: { edgeref: 'clk_1', edgeref_code: 'DEMO' } } } })).toMatchObject({ buyer: { ref: 'clk_1', codes: ['DEMO'] } });
  });

  it('checkout.session.completed: client_reference_id first, else metadata; a subscription checkout pays nothing itself', () => {
    expect(read('checkout.session.completed', { client_reference_id: 'clk_a', metadata: { edgeref: 'clk_b' } })).toMatchObject({ kind: 'checkout', buyer: { ref: 'clk_a', email: 'buyer@example.com' }, payment: null });
    expect(read('checkout.session.completed', { metadata: { edgeref: 'clk_b' } })).toMatchObject({ buyer: { ref: 'clk_b' } });
  });

  it('a one-off paid checkout without an invoice is the payment, by its payment intent, less tax', () => {
    const fact = read('checkout.session.completed', { mode: 'payment', invoice: null, payment_intent: 'pi_once', subscription: null, discounts: [{ promotion_code: 'promo_x' }] });
    expect(fact).toMatchObject({ kind: 'checkout', buyer: { promotionIds: ['promo_x'] }, payment: { invoiceId: 'pi_once', amount: eur(4900), gross: eur(6125), paymentIntents: ['pi_once'] } });
  });

  it('refunds: a refund by its id; a failed one is ignored; charge.refunded by its running total', () => {
    expect(read('refund.created')).toEqual({ kind: 'refund', refundId: 're_1QdemoRefund00001', charge: 'ch_1QdemoCharge00001', paymentIntent: 'pi_1QdemoPaymentIntent1', amount: eur(6125) });
    expect(read('refund.created', { status: 'failed' })).toMatchObject({ kind: 'ignored' });
    expect(read('charge.refunded')).toEqual({ kind: 'charge_refunded', charge: 'ch_1QdemoCharge00001', paymentIntent: 'pi_1QdemoPaymentIntent1', invoiceId: null, total: eur(6125), refunds: [] });
  });

  it.each([
    ['active', 'customer.subscription.created', 'active'],
    ['trialing', 'customer.subscription.updated', 'trialing'],
    ['unpaid', 'customer.subscription.updated', 'past_due'],
    ['incomplete_expired', 'customer.subscription.updated', 'expired'],
    ['canceled', 'customer.subscription.deleted', 'canceled'],
  ] as const)('a subscription %s (%s) is %s', (status, fixture, expected) => {
    const fact = read(fixture, { status });
    expect(fact).toMatchObject({ kind: 'subscription', subscription: { status: expected, plan: 'pro', amount: eur(4900), interval: 'month', periodEnd: 1767340800_000 } });
  });

  it('a canceled subscription is canceled at ended_at', () => {
    expect(read('customer.subscription.deleted')).toMatchObject({ subscription: { canceledAt: 1765267200_000 } });
  });

  it('a promotion code is its code; an unused type is ignored; a malformed object is refused', () => {
    expect(read('promotion_code.created')).toEqual({ kind: 'promotion_code', id: 'promo_1QdemoPromoCode01', code: 'DEMO' });
    expect(read('invoice.paid', {}, { type: 'invoice.created' })).toMatchObject({ kind: 'ignored', reason: expect.stringMatching(/not used/) });
    expect(read('invoice.paid', { amount_paid: 'lots' })).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/amount_paid/) });
  });
});

describe('what a refund takes back', () => {
  const r = (factId: string, chargeId: string, amount: number): RefundFact => ({ factId, chargeId, amount: eur(amount) });

  it.each([
    ['nothing said, nothing refunded', [], 0],
    ['one refund', [r('re_1', 'ch_1', 1000)], 1000],
    ['a refund and the same charge total: once', [r('re_1', 'ch_1', 1000), r(totalFactId('ch_1'), 'ch_1', 1000)], 1000],
    ['a total ahead of the refunds told so far', [r('re_1', 'ch_1', 1000), r(totalFactId('ch_1'), 'ch_1', 2500)], 2500],
    ['refunds ahead of the total told so far', [r('re_1', 'ch_1', 1000), r('re_2', 'ch_1', 2000), r(totalFactId('ch_1'), 'ch_1', 1000)], 3000],
    ['two charges of one invoice add up', [r('re_1', 'ch_1', 1000), r('re_2', 'ch_2', 500)], 1500],
    ['never more than was paid', [r('re_1', 'ch_1', 5000), r('re_2', 'ch_1', 5000)], 6125],
  ] as const)('%s', (_name, facts, expected) => {
    expect(refundedPerFacts([...facts], eur(6125))).toEqual(eur(expected));
  });

  it.each([
    [0, 0],
    [3063, 2450], // half of 61.25 paid is half of the 49.00 recorded less tax (rounded half up)
    [6124, 4899],
    [6125, 4900],
  ])('a refund of %i of 6125 gross takes back %i of 4900 net', (gross, net) => {
    expect(netRefunded(eur(gross), eur(6125), eur(4900))).toEqual(eur(net));
  });
});

describe('waiting and modes', () => {
  it('a waiting event is tried on the schedule, and given up when it has waited the whole schedule since it arrived', () => {
    const arrived = 1_000_000;
    const total = WAIT_SCHEDULE_S.reduce((a, b) => a + b, 0) * 1000;
    expect(nextWait(1, arrived, arrived)).toBe(arrived + 60_000);
    expect(nextWait(2, arrived + 60_000, arrived)).toBe(arrived + 360_000);
    // Tries that wake-ups caused do not use up its wait: the 20th try an hour in still waits.
    expect(nextWait(20, arrived + 3_600_000, arrived)).toBe(arrived + 3_600_000 + 43_200_000);
    // The last wait ends when the schedule does, and then it is given up.
    expect(nextWait(6, arrived + total - 1000, arrived)).toBe(arrived + total);
    expect(nextWait(7, arrived + total, arrived)).toBeNull();
  });

  it.each([
    ['live', true, null],
    ['test', false, null],
    ['live', false, /test-mode event/],
    ['test', true, /live-mode event/],
  ] as const)('a %s program and livemode %s', (mode, livemode, problem) => {
    const p = modeProblem(mode, livemode);
    if (problem === null) expect(p).toBeNull();
    else expect(p).toMatch(problem);
  });
});

describe('several currencies', () => {
  it.each([
    ['USD 53.00 at 0.9215', money(5300, 'USD'), '0.9215', 'EUR', 4884],
    ['JPY 10,000 (no minor digits) at 0.00612', money(10_000, 'JPY'), '0.00612', 'EUR', 6120],
    ['EUR 49.00 into JPY at 162.5 (rounded half up)', money(4900, 'EUR'), '162.5', 'JPY', 7963],
    ['USD 0.01 at 0.4 rounds to nothing', money(1, 'USD'), '0.4', 'EUR', 0],
  ])('converts %s', (_name, from, rate, to, expected) => {
    expect(convert(from, rate, to)).toEqual(money(expected, to));
  });

  it('reads a provider rate as a decimal string, 12 significant digits, never a float', () => {
    expect([rateFromNumber(1.0855), rateFromNumber(0.000058123456789), rateFromNumber(162.5), rateFromNumber(0), rateFromNumber(Number.NaN)]).toEqual(['1.0855', '0.000058123457', '162.5', null, null]);
    expect(() => convert(eur(1), '1e-7', 'USD')).toThrow(RangeError);
  });

  const rates = [
    { currency: 'USD', asOf: '2026-11-01', rate: '0.95' },
    { currency: 'USD', asOf: '2026-12-01', rate: '0.92' },
    { currency: 'SEK', asOf: '2026-11-15', rate: '0.087' },
  ];
  it.each([
    ['the rate of the day', 'USD', '2026-12-01', '0.92'],
    ['the latest before the day', 'USD', '2026-11-20', '0.95'],
    ['the earliest, for a day before every rate', 'USD', '2026-01-01', '0.95'],
    ['nothing for a currency without rates', 'GBP', '2026-12-01', null],
  ])('%s', (_name, currency, day, expected) => {
    expect(rateFor(rates, currency, day)?.rate ?? null).toBe(expected);
  });
});

describe("Paddle's documented events, read", () => {
  const readPaddle = (fixture: PaddleFixture, data: Patch = {}) => paddleFact(PaddleEventSchema.parse(paddleEvent(fixture, data)));

  it('transaction.completed: the grand total less tax, at the capture time, by the transaction id (its own charge)', () => {
    expect(readPaddle('transaction.completed', { custom_data: { edgeref: 'clk_1', edgeref_code: 'DEMO' }, discount_id: 'dsc_1' })).toEqual({
      kind: 'payment',
      buyer: { customer: 'ctm_01hv8wt8nffez4p2t6typn4a5j', email: null, ref: 'clk_1', codes: ['DEMO'], promotionIds: ['dsc_1'] },
      payment: {
        invoiceId: 'txn_01hv8wptq8987qeep44cyrewp9', amount: eur(4900), gross: eur(6125), product: 'pro_01gsz4t5hdjse780zja8vvr7jg',
        paidAt: Date.parse('2026-12-02T10:00:03.523021Z'), charges: ['txn_01hv8wptq8987qeep44cyrewp9'], paymentIntents: [], providerRate: null,
      },
    });
  });

  it('a price may name the product edgeref rules use in custom_data.edgeref_product', () => {
    const items = [{ price: { id: 'pri_1', product_id: 'pro_1', unit_price: { amount: '4900', currency_code: 'EUR' }, custom_data: { edgeref_product: 'pro' } }, quantity: 1 }];
    expect(readPaddle('transaction.completed', { items })).toMatchObject({ payment: { product: 'pro' } });
  });

  it.each([
    ['pending_approval', 'refund', 'ignored'],
    ['approved', 'refund', 'refund'],
    ['approved', 'chargeback', 'refund'],
    ['rejected', 'refund', 'ignored'],
    ['approved', 'credit', 'ignored'],
  ])('an adjustment %s of action %s is %s', (status, action, kind) => {
    expect(readPaddle('adjustment.updated', { status, action })).toMatchObject({ kind });
  });

  it('an approved refund is its total, tax included, against its transaction', () => {
    expect(readPaddle('adjustment.updated')).toEqual({ kind: 'refund', refundId: 'adj_01hv9k1qd4n57b5jy1r1c0hmzz', charge: 'txn_01hv8wptq8987qeep44cyrewp9', paymentIntent: null, amount: eur(6125) });
  });

  it('subscriptions, customers and discounts', () => {
    expect(readPaddle('subscription.created')).toMatchObject({ kind: 'subscription', subscription: { status: 'active', amount: eur(4900), interval: 'month', periodEnd: Date.parse('2027-01-02T10:00:03.941911Z'), canceledAt: null } });
    expect(readPaddle('subscription.created', { status: 'paused' })).toMatchObject({ subscription: { status: 'past_due' } });
    expect(readPaddle('subscription.canceled')).toMatchObject({ subscription: { status: 'canceled', canceledAt: Date.parse('2026-12-20T08:00:00Z'), periodEnd: null } });
    expect(readPaddle('customer.created')).toEqual({ kind: 'customer_email', customer: 'ctm_01hv8wt8nffez4p2t6typn4a5j', email: 'buyer@example.com' });
    expect(readPaddle('discount.created')).toEqual({ kind: 'promotion_code', id: 'dsc_01hv7a1eyv1qgb7m9r2t8c6xmz', code: 'DEMO' });
    expect(readPaddle('transaction.completed', { details: { totals: { tax: 'x' } } })).toMatchObject({ kind: 'refused' });
  });
});
