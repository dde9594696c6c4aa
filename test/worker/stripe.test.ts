// Stripe's events against the real Worker and D1: signed by Stripe's own test helper with the demo program's test
// secret, from the documented payloads in scripts/billing/fixtures/stripe, given fresh ids per test.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { asUser, call, clickThrough, count, DEMO, eventually, referredCustomer, seedDemo, signIn } from './helpers';
import { stripeEvent, stripeSignature, uniqueId, type Patch, type StripeFixture } from '../../scripts/billing/stripe-events';
import { invoiceCommissionsRead, paymentByInvoice } from '../../worker/db/payments';
import { postedBy } from '../../worker/db/ledger';
import { readOne } from '../../worker/db/reads';

const HOOK = `/api/v1/programs/${DEMO.programId}/integrations/stripe/webhook`;
const DAY_S = 86_400;
let manager: string;
let partner: string;
let colleague: string;

beforeAll(async () => {
  await seedDemo();
  [manager, partner, colleague] = await Promise.all([signIn(DEMO.managerEmail), signIn(), signIn(DEMO.colleagueEmail)]);
});

async function send(body: unknown, opts: { secret?: string; timestamp?: number; path?: string; signature?: string } = {}): Promise<Response> {
  const payload = JSON.stringify(body);
  const signature = opts.signature ?? (await stripeSignature(payload, opts.secret ?? DEMO.stripeTestSecret, opts.timestamp));
  return call(opts.path ?? HOOK, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signature }, body: payload });
}

async function deliver(fixture: StripeFixture, object: Patch = {}, event: Patch = {}): Promise<{ status: string; reason: string | null; duplicate: boolean; event: Record<string, unknown> }> {
  const e = stripeEvent(fixture, object, event);
  const res = await send(e);
  expect(res.status, await res.clone().text()).toBe(200);
  return { ...(await res.json<{ status: string; reason: string | null; duplicate: boolean }>()), event: e };
}

/** A buyer's ids in Stripe, fresh per test. */
function buyer() {
  return { customer: uniqueId('cus'), invoice: uniqueId('in'), intent: uniqueId('pi'), charge: uniqueId('ch'), email: `${uniqueId('buyer')}@example.com` };
}
type Buyer = ReturnType<typeof buyer>;

const checkout = (b: Buyer, patch: Patch = {}) =>
  deliver('checkout.session.completed', { id: uniqueId('cs'), customer: b.customer, invoice: b.invoice, customer_details: { email: b.email }, ...patch });

/** invoice.paid in the current API shape; `daysLater` moves its payment time. */
const invoicePaid = (b: Buyer, patch: Patch = {}, daysLater = 0) => {
  const paidAt = Math.floor(Date.now() / 1000) + daysLater * DAY_S;
  return deliver('invoice.paid', { id: b.invoice, customer: b.customer, customer_email: b.email, status_transitions: { paid_at: paidAt }, ...patch });
};
const linkPayment = (b: Buyer) => deliver('invoice_payment.paid', { id: uniqueId('inpay'), invoice: b.invoice, payment: { type: 'payment_intent', payment_intent: b.intent } });

const commissionOf = async (invoiceId: string) => {
  const p = await paymentByInvoice(env.DB, DEMO.programId, invoiceId);
  return p ? (await readOne(env.DB, invoiceCommissionsRead(env.DB, DEMO.programId, p.invoiceId))).map((c) => c.amount.amount) : null;
};
const customerOfStripe = (stripeCustomer: string) =>
  env.DB.prepare("SELECT c.* FROM billing_links l JOIN customers c ON c.id = l.value WHERE l.kind = 'customer' AND l.external_id = ?").bind(stripeCustomer).first<{ id: string; external_id: string; attribution_method: string; partner_id: string }>();

describe('attribution', () => {
  it('client_reference_id with the click id signs the buyer up through that click; invoice.paid pays 20% of the amount less tax', async () => {
    const b = buyer();
    const { clickId } = await clickThrough();
    expect((await checkout(b, { client_reference_id: clickId })).status).toBe('applied');
    const customer = await customerOfStripe(b.customer);
    expect(customer).toMatchObject({ external_id: b.customer, attribution_method: 'click', partner_id: DEMO.partnerId });
    const paid = await invoicePaid(b);
    expect(paid.status).toBe('applied');
    const payment = await paymentByInvoice(env.DB, DEMO.programId, b.invoice);
    expect(payment).toMatchObject({ amount: { amount: 4900, currency: 'EUR' }, product: 'prod_RdemoPro' }); // 6125 paid, 1225 VAT
    expect(await commissionOf(b.invoice)).toEqual([980]);
  });

  it('metadata.edgeref attributes like client_reference_id', async () => {
    const b = buyer();
    const { clickId } = await clickThrough();
    expect((await checkout(b, { metadata: { edgeref: clickId } })).status).toBe('applied');
    expect((await customerOfStripe(b.customer))?.attribution_method).toBe('click');
  });

  it('a Stripe promotion code equal to an invitation code attributes by code when there was no click', async () => {
    const promo = uniqueId('promo');
    expect((await deliver('promotion_code.created', { id: promo, code: 'demo' })).status).toBe('applied');
    const b = buyer();
    expect((await checkout(b, { discounts: [{ coupon: 'demo10', promotion_code: promo }] })).status).toBe('applied');
    expect(await customerOfStripe(b.customer)).toMatchObject({ attribution_method: 'promo_code', partner_id: DEMO.partnerId });
  });

  it('an invoice with a promotion code and no checkout attributes by code too', async () => {
    const promo = uniqueId('promo');
    await deliver('promotion_code.created', { id: promo, code: DEMO.invitationCode });
    const b = buyer();
    expect((await invoicePaid(b, { discounts: [{ promotion_code: promo }] })).status).toBe('applied');
    expect(await commissionOf(b.invoice)).toEqual([980]);
  });

  it("client_reference_id naming a customer the site reported before links to that customer: no second signup", async () => {
    const externalId = await referredCustomer();
    const before = await count('SELECT count(*) n FROM customers');
    const b = buyer();
    expect((await checkout(b, { client_reference_id: externalId })).status).toBe('applied');
    expect((await customerOfStripe(b.customer))?.external_id).toBe(externalId);
    expect(await count('SELECT count(*) n FROM customers')).toBe(before);
    expect((await invoicePaid(b)).status).toBe('applied');
  });

  it('a buyer with no reference is ignored, and nothing is written but the event', async () => {
    const b = buyer();
    const before = await count('SELECT count(*) n FROM customers');
    const r = await checkout(b);
    expect(r).toMatchObject({ status: 'ignored' });
    expect(await count('SELECT count(*) n FROM customers')).toBe(before);
  });

  it("a buyer with no reference from a company locked by a partner's confirmed lead is that partner's, and its invoices pay the partner", async () => {
    const domain = `${uniqueId('umbrella').toLowerCase().replace(/[^a-z0-9]/g, '')}.com`;
    const registered = await asUser(partner, `/api/v1/partners/${DEMO.partnerId}/referrals`, { customerName: `Umbrella ${domain}`, domain });
    expect(registered.status).toBe(201);
    const lead = await registered.json<{ id: string }>();
    expect((await asUser(manager, `/api/v1/programs/${DEMO.programId}/referrals/${lead.id}/decision`, { decision: 'confirm', ownerId: 'acc_demo_manager' })).status).toBe(200);
    const b = { ...buyer(), email: `cfo@${domain}` };
    expect((await checkout(b)).status).toBe('applied');
    const customer = await customerOfStripe(b.customer);
    expect(customer).toMatchObject({ partner_id: DEMO.partnerId, attribution_method: null });
    expect((customer as unknown as { lead_id: string }).lead_id).toBe(lead.id);
    expect((await invoicePaid(b)).status).toBe('applied');
    expect((await commissionOf(b.invoice))?.length).toBeGreaterThan(0);
  });

  it('an invoice of a buyer not known yet waits for its checkout, and is applied when the checkout comes', async () => {
    const b = buyer();
    expect((await invoicePaid(b)).status).toBe('waiting');
    const { clickId } = await clickThrough();
    expect((await checkout(b, { client_reference_id: clickId })).status).toBe('applied');
    expect(await eventually(() => commissionOf(b.invoice), (c) => c !== null)).toEqual([980]);
  });
});

describe('exactly once', () => {
  it('the same event twice gives one payment; the second answers duplicate', async () => {
    const b = buyer();
    await checkout(b, { client_reference_id: (await clickThrough()).clickId });
    const e = stripeEvent('invoice.paid', { id: b.invoice, customer: b.customer, customer_email: b.email });
    const [first, second] = [await send(e), await send(e)];
    expect(await first.json()).toMatchObject({ duplicate: false, status: 'applied' });
    expect(await second.json()).toMatchObject({ duplicate: true, status: 'applied' });
    expect(await count('SELECT count(*) n FROM payments WHERE invoice_id = ?', b.invoice)).toBe(1);
    expect(await count("SELECT deliveries n FROM billing_events WHERE event_id = ?", e.id)).toBe(2);
  });

  it('concurrent deliveries of one event record one payment', async () => {
    const b = buyer();
    await checkout(b, { client_reference_id: (await clickThrough()).clickId });
    const e = stripeEvent('invoice.paid', { id: b.invoice, customer: b.customer, customer_email: b.email });
    const answers = await Promise.all(Array.from({ length: 5 }, () => send(e)));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await count('SELECT count(*) n FROM payments WHERE invoice_id = ?', b.invoice)).toBe(1);
    expect(await commissionOf(b.invoice)).toEqual([980]);
  });
});

describe('refunds', () => {
  async function paidBuyer(): Promise<Buyer & { paymentId: string }> {
    const b = buyer();
    await checkout(b, { client_reference_id: (await clickThrough()).clickId });
    await invoicePaid(b, { payments: undefined });
    await linkPayment(b);
    return { ...b, paymentId: (await paymentByInvoice(env.DB, DEMO.programId, b.invoice))!.id };
  }
  const refunded = async (b: Buyer) => (await paymentByInvoice(env.DB, DEMO.programId, b.invoice))!.refunded.amount;

  it('a partial refund claws back its share; a full one the rest', async () => {
    const b = await paidBuyer();
    // Half of the 61.25 paid (tax included) is refunded: the commission of 9.80 loses half.
    expect((await deliver('refund.created', { id: uniqueId('re'), amount: 3063, charge: b.charge, payment_intent: b.intent })).status).toBe('applied');
    expect(await refunded(b)).toBe(2450); // refunded in proportion, less tax: 3063/6125 of 4900, rounded the way the payment is
    const r2 = await deliver('refund.created', { id: uniqueId('re'), amount: 3062, charge: b.charge, payment_intent: b.intent });
    expect(r2.status).toBe('applied');
    expect(await refunded(b)).toBe(4900);
    const lotsLeft = await env.DB.prepare("SELECT coalesce(sum(amount_minor), 0) n FROM ledger_entries WHERE lot_id IS NOT NULL AND type = 'clawback' AND status = 'reversed' AND reason LIKE ?").bind(`%${b.invoice}%`).first<{ n: number }>();
    expect(lotsLeft!.n).toBe(980);
  });

  it('charge.refunded and refund.created of one refund count it once, in either order', async () => {
    for (const order of [['charge', 'refund'], ['refund', 'charge']]) {
      const b = await paidBuyer();
      const refundId = uniqueId('re');
      for (const which of order) {
        if (which === 'charge') await deliver('charge.refunded', { id: b.charge, amount_refunded: 3063, payment_intent: b.intent });
        else await deliver('refund.created', { id: refundId, amount: 3063, charge: b.charge, payment_intent: b.intent });
      }
      expect(await refunded(b)).toBe(2450);
    }
  });

  it('a refund that arrives before its invoice waits, and is applied once the invoice arrives', async () => {
    const b = buyer();
    await checkout(b, { client_reference_id: (await clickThrough()).clickId });
    const early = await deliver('refund.created', { id: uniqueId('re'), amount: 6125, charge: b.charge, payment_intent: b.intent });
    expect(early.status).toBe('waiting');
    await invoicePaid(b, { payments: { data: [{ payment: { payment_intent: b.intent } }] } });
    expect(await eventually(() => refunded(b), (n) => n === 4900)).toBe(4900);
    expect(await eventually(() => count("SELECT count(*) n FROM billing_events WHERE event_id = ? AND status = 'applied'", early.event.id), (n) => n === 1)).toBe(1);
  });

  it("only what a waiting refund waits for wakes it: other buyers' checkouts leave it on its schedule", async () => {
    const b = buyer();
    const early = await deliver('refund.created', { id: uniqueId('re'), amount: 6125, charge: b.charge, payment_intent: b.intent });
    expect(early.status).toBe('waiting');
    const due = () => count('SELECT next_attempt_at - received_at AS n FROM billing_events WHERE event_id = ?', early.event.id);
    expect(await due()).toBeGreaterThanOrEqual(59_000);
    for (let i = 0; i < 3; i++) await checkout(buyer(), { client_reference_id: (await clickThrough()).clickId });
    expect(await due()).toBeGreaterThanOrEqual(59_000);
    expect(await count('SELECT attempts n FROM billing_events WHERE event_id = ?', early.event.id)).toBe(1);
  });

  it('an invoice in the older API shape (charge and payment_intent on the invoice) links its refunds too', async () => {
    const b = buyer();
    await checkout(b, { client_reference_id: (await clickThrough()).clickId });
    expect((await deliver('invoice.paid.2024-06-20', { id: b.invoice, customer: b.customer, charge: b.charge, payment_intent: b.intent })).status).toBe('applied');
    const payment = await paymentByInvoice(env.DB, DEMO.programId, b.invoice);
    expect(payment).toMatchObject({ amount: { amount: 4900 }, product: 'pro' });
    await deliver('charge.refunded', { id: b.charge, amount_refunded: 6125, payment_intent: b.intent });
    expect(await refunded(b)).toBe(4900);
  });
});

describe('subscriptions', () => {
  it('a subscription shows in "My clients", and its cancellation too', async () => {
    const b = buyer();
    await checkout(b, { client_reference_id: (await clickThrough()).clickId });
    const sub = uniqueId('sub');
    expect((await deliver('customer.subscription.created', { id: sub, customer: b.customer })).status).toBe('applied');
    const clients = async () => (await (await asUser(partner, `/api/v1/partners/${DEMO.partnerId}/clients?q=${b.customer}`)).json<any>()).items.find((c: any) => c.externalId === b.customer);
    expect((await clients()).subscriptions).toEqual([{ plan: 'pro', status: 'active', amount: { amount: 4900, currency: 'EUR' }, expiresAt: '2026-01-02T08:00:00.000Z' }]);
    expect((await deliver('customer.subscription.deleted', { id: sub, customer: b.customer })).status).toBe('applied');
    expect((await clients()).subscriptions[0].status).toBe('canceled');
  });

  it('a renewal pays recurring commission in month 2, and none after the rule\'s 12 months', async () => {
    const b = buyer();
    await checkout(b, { client_reference_id: (await clickThrough()).clickId });
    // Stripe's own times count: the first invoice paid 400 days ago, the second a month later, the 14th today.
    await invoicePaid(b, {}, -400);
    const month2 = { ...b, invoice: uniqueId('in') };
    await invoicePaid(month2, { billing_reason: 'subscription_cycle' }, -369);
    expect(await commissionOf(month2.invoice)).toEqual([980]);
    const month14 = { ...b, invoice: uniqueId('in') };
    expect((await invoicePaid(month14, { billing_reason: 'subscription_cycle' })).status).toBe('applied');
    expect(await commissionOf(month14.invoice)).toEqual([]);
  });
});

describe('refused, with nothing written', () => {
  const events = () => count('SELECT count(*) n FROM billing_events');

  it('a bad signature, a stale timestamp, a missing header or an unknown program is a 4xx', async () => {
    const before = await events();
    const e = stripeEvent('invoice.paid', { id: uniqueId('in') });
    const wrongSecret = await send(e, { secret: 'whsec_not_the_programs_secret_123456' });
    expect(wrongSecret.status).toBe(400);
    expect(await wrongSecret.json()).toMatchObject({ error: { code: 'invalid_signature' } });
    const stale = await send(e, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(stale.status).toBe(400);
    expect((await stale.json<any>()).error.message).toMatch(/tolerance/);
    expect((await send(e, { signature: '' })).status).toBe(400);
    const tampered = JSON.stringify(e);
    const sig = await stripeSignature(tampered, DEMO.stripeTestSecret);
    const altered = await call(HOOK, { method: 'POST', headers: { 'Stripe-Signature': sig }, body: tampered.replace('"amount_paid":6125', '"amount_paid":9999999') });
    expect(altered.status).toBe(400);
    expect((await send(e, { path: '/api/v1/programs/prg_nope/integrations/stripe/webhook' })).status).toBe(404);
    expect(await events()).toBe(before);
  });

  it('a live-mode event is refused by a test program; replayed after the mode is switched, it is applied', async () => {
    const b = buyer();
    const { clickId } = await clickThrough();
    const live = await deliver('checkout.session.completed', { id: uniqueId('cs'), customer: b.customer, invoice: b.invoice, customer_details: { email: b.email }, client_reference_id: clickId }, { livemode: true });
    // Signed with the test secret, so refused as a live event signed by a test-mode secret.
    expect(live.status).toBe('refused');
    const row = await env.DB.prepare('SELECT id FROM billing_events WHERE event_id = ?').bind(live.event.id).first<{ id: string }>();
    // A live secret, and the program switched to live: the replay applies it.
    const added = await asUser(manager, `/api/v1/programs/${DEMO.programId}/integrations/stripe/secrets`, { mode: 'live', secret: 'whsec_live_secret_for_this_test_0123' });
    expect(added.status).toBe(201);
    const liveAgain = await send(stripeEvent('checkout.session.completed', { id: uniqueId('cs'), customer: uniqueId('cus'), customer_details: { email: b.email } }, { livemode: true }), {
      secret: 'whsec_live_secret_for_this_test_0123',
    });
    expect(await liveAgain.json()).toMatchObject({ status: 'refused', reason: expect.stringMatching(/test-mode events only/) });
    expect((await asUser(manager, `/api/v1/programs/${DEMO.programId}/integrations`, { billingMode: 'live' }, { method: 'PATCH' })).status).toBe(200);
    try {
      // The manager replays the first one (refused at receipt, as signed by the test secret): the program takes live events now.
      const replay = await asUser(manager, `/api/v1/programs/${DEMO.programId}/integrations/events/${row!.id}/replay`, {});
      expect(replay.status).toBe(200);
      expect(await replay.json()).toMatchObject({ status: 'applied', replayable: false });
      expect(await customerOfStripe(b.customer)).toMatchObject({ attribution_method: 'click' });
    } finally {
      await asUser(manager, `/api/v1/programs/${DEMO.programId}/integrations`, { billingMode: 'test' }, { method: 'PATCH' });
      const secret = (await (await asUser(manager, `/api/v1/programs/${DEMO.programId}/integrations`)).json<any>()).providers[0].secrets.find((s: any) => s.mode === 'live');
      await asUser(manager, `/api/v1/programs/${DEMO.programId}/integrations/stripe/secrets/${secret.id}`, undefined, { method: 'DELETE' });
    }
  });
});

describe('the Integrations console', () => {
  it('managers see the webhook URL and masked secrets; add and remove secrets; list events; a colleague may not', async () => {
    const res = await asUser(manager, `/api/v1/programs/${DEMO.programId}/integrations`);
    expect(res.status).toBe(200);
    const body = await res.json<any>();
    expect(body.billingMode).toBe('test');
    const stripe = body.providers.find((p: any) => p.provider === 'stripe');
    expect(stripe.webhookUrl).toBe(`http://edgeref.test${HOOK}`);
    expect(stripe.eventTypes).toContain('invoice.paid');
    expect(stripe.secrets).toEqual([{ id: 'bsec_demo_stripe_test', provider: 'stripe', mode: 'test', hint: `whsec_…${DEMO.stripeTestSecret.slice(-4)}`, createdAt: expect.any(String) }]);
    expect(JSON.stringify(body)).not.toContain(DEMO.stripeTestSecret);
    expect((await asUser(colleague, `/api/v1/programs/${DEMO.programId}/integrations`)).status).toBe(404);
    expect((await asUser(manager, `/api/v1/programs/${DEMO.programId}/integrations/stripe/secrets`, { mode: 'test', secret: 'not-a-stripe-secret-000' })).status).toBe(400);
    const events = await (await asUser(manager, `/api/v1/programs/${DEMO.programId}/integrations/events?limit=5`)).json<any[]>();
    expect(events.length).toBeGreaterThan(0);
    expect(events[0]).toMatchObject({ provider: 'stripe', status: expect.stringMatching(/applied|waiting|refused|ignored/) });
  });

  it('pages through every event once, even events received in the same millisecond', async () => {
    for (let i = 0; i < 5; i++) await checkout(buyer());
    await env.DB.prepare('UPDATE billing_events SET received_at = 1 WHERE id IN (SELECT id FROM billing_events ORDER BY id LIMIT 3)').run();
    const all = await count('SELECT count(*) n FROM billing_events');
    const seen: string[] = [];
    let before = '';
    for (;;) {
      const page = await (await asUser(manager, `/api/v1/programs/${DEMO.programId}/integrations/events?limit=2${before ? `&before=${before}` : ''}`)).json<any[]>();
      if (page.length === 0) break;
      seen.push(...page.map((e) => e.id));
      before = page.at(-1).id;
    }
    expect(all).toBeGreaterThanOrEqual(5);
    expect(new Set(seen).size).toBe(all);
    expect(seen.length).toBe(all);
  });
});

describe('several currencies', () => {
  const TODAY = () => new Date().toISOString().slice(0, 10);
  const usd = (b: Buyer, patch: Patch = {}) =>
    invoicePaid(b, { currency: 'usd', total_taxes: [{ amount: 1225 }], ...patch });
  const rates = `/api/v1/programs/${DEMO.programId}/exchange-rates`;

  it('a payment in USD waits for a rate, is converted at the rate the manager keeps, and keeps what was paid', async () => {
    const b = buyer();
    await checkout(b, { client_reference_id: (await clickThrough()).clickId });
    const early = await usd(b);
    expect(early).toMatchObject({ status: 'waiting', reason: expect.stringMatching(/no USD rate/) });
    expect((await asUser(manager, `${rates}/USD/${TODAY()}`, { rate: '0.9215' }, { method: 'PUT' })).status).toBe(200);
    const payment = await eventually(() => paymentByInvoice(env.DB, DEMO.programId, b.invoice), (p) => p !== null);
    // 61.25 USD paid, 12.25 USD of it tax: 49.00 USD at 0.9215 is 45.15 EUR (45.1535, rounded).
    expect(payment).toMatchObject({ amount: { amount: 4515, currency: 'EUR' }, conversion: { original: { amount: 4900, currency: 'USD' }, rate: '0.9215', source: 'program' } });
    const [commission] = await readOne(env.DB, invoiceCommissionsRead(env.DB, DEMO.programId, b.invoice));
    expect(commission.amount.amount).toBe(903);
    expect(commission.reason).toContain('$49.00 at 0.9215');
    // A refund of all of it, in USD, takes back all of it.
    await deliver('charge.refunded', { id: b.charge, amount_refunded: 6125, currency: 'usd', invoice: b.invoice, payment_intent: b.intent });
    expect((await paymentByInvoice(env.DB, DEMO.programId, b.invoice))!.refunded.amount).toBe(4515);
    expect((await asUser(manager, `${rates}/USD/${TODAY()}`, undefined, { method: 'DELETE' })).status).toBe(204);
  });

  it("Stripe's own rate, when the payload carries the charge's balance transaction, comes first", async () => {
    const b = buyer();
    await checkout(b, { client_reference_id: (await clickThrough()).clickId });
    const r = await usd(b, { charge: { id: b.charge, object: 'charge', balance_transaction: { id: uniqueId('txn'), exchange_rate: 0.93, currency: 'eur' } } });
    expect(r.status).toBe('applied');
    expect(await paymentByInvoice(env.DB, DEMO.programId, b.invoice)).toMatchObject({ amount: { amount: 4557 }, conversion: { rate: '0.93', source: 'provider' } });
  });

  it("a rate for the program's own currency, or not a rate, is a 400", async () => {
    expect((await asUser(manager, `${rates}/EUR/2026-12-01`, { rate: '1' }, { method: 'PUT' })).status).toBe(400);
    expect((await asUser(manager, `${rates}/USD/2026-12-01`, { rate: '-1' }, { method: 'PUT' })).status).toBe(400);
    expect((await asUser(manager, `${rates}/USD/2026-12-01`, { rate: '0' }, { method: 'PUT' })).status).toBe(400);
    expect((await asUser(manager, `${rates}/usd/2026-12-01`, { rate: '0.9' }, { method: 'PUT' })).status).toBe(400);
    expect(await count('SELECT count(*) n FROM exchange_rates')).toBe(0);
  });
});
