// Paddle Billing's events against the real Worker and D1: the documented payloads in scripts/billing/fixtures/paddle,
// given fresh ids per test and signed with the demo program's sandbox secret key as Paddle signs them.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { asUser, call, clickThrough, count, DEMO, eventually, seedDemo, signIn } from './helpers';
import { paddleEvent, paddleSignature, type PaddleFixture } from '../../scripts/billing/paddle-events';
import { uniqueId, type Patch } from '../../scripts/billing/stripe-events';
import { invoiceCommissionsRead, paymentByInvoice } from '../../worker/db/payments';
import { readOne } from '../../worker/db/reads';

const HOOK = `/api/v1/programs/${DEMO.programId}/integrations/paddle/webhook`;
let partner: string;

beforeAll(async () => {
  await seedDemo();
  partner = await signIn();
});

async function send(body: unknown, opts: { secret?: string; timestamp?: number; signature?: string } = {}): Promise<Response> {
  const payload = JSON.stringify(body);
  const signature = opts.signature ?? (await paddleSignature(payload, opts.secret ?? DEMO.paddleTestSecret, opts.timestamp));
  return call(HOOK, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Paddle-Signature': signature }, body: payload });
}

async function deliver(fixture: PaddleFixture, data: Patch = {}): Promise<{ status: string; reason: string | null; duplicate: boolean; event: Record<string, unknown> }> {
  const e = paddleEvent(fixture, data);
  const res = await send(e);
  expect(res.status, await res.clone().text()).toBe(200);
  return { ...(await res.json<{ status: string; reason: string | null; duplicate: boolean }>()), event: e };
}

function buyer() {
  return { customer: uniqueId('ctm'), transaction: uniqueId('txn'), email: `${uniqueId('buyer')}@example.com` };
}
type Buyer = ReturnType<typeof buyer>;

const known = (b: Buyer) => deliver('customer.created', { id: b.customer, email: b.email });
const paid = (b: Buyer, data: Patch = {}) => deliver('transaction.completed', { id: b.transaction, customer_id: b.customer, ...data });
const commissionOf = async (id: string) => {
  const p = await paymentByInvoice(env.DB, DEMO.programId, id);
  return p ? (await readOne(env.DB, invoiceCommissionsRead(env.DB, DEMO.programId, p.invoiceId))).map((c) => c.amount.amount) : null;
};
const refunded = async (b: Buyer) => (await paymentByInvoice(env.DB, DEMO.programId, b.transaction))!.refunded.amount;

describe('Paddle transactions', () => {
  it("custom_data.edgeref with the click id attributes the buyer, whose email customer.created told; the payment is the grand total less tax", async () => {
    const b = buyer();
    expect((await known(b)).status).toBe('applied');
    const { clickId } = await clickThrough();
    expect((await paid(b, { custom_data: { edgeref: clickId } })).status).toBe('applied');
    expect(await paymentByInvoice(env.DB, DEMO.programId, b.transaction)).toMatchObject({ amount: { amount: 4900, currency: 'EUR' }, product: 'pro_01gsz4t5hdjse780zja8vvr7jg' });
    expect(await commissionOf(b.transaction)).toEqual([980]);
  });

  it('the same event twice gives one payment', async () => {
    const b = buyer();
    await known(b);
    const e = paddleEvent('transaction.completed', { id: b.transaction, customer_id: b.customer, custom_data: { edgeref: (await clickThrough()).clickId } });
    expect(await (await send(e)).json()).toMatchObject({ duplicate: false, status: 'applied' });
    expect(await (await send(e)).json()).toMatchObject({ duplicate: true, status: 'applied' });
    expect(await count('SELECT count(*) n FROM payments WHERE invoice_id = ?', b.transaction)).toBe(1);
  });

  it('a Paddle discount whose code is an invitation code attributes by code', async () => {
    const discount = uniqueId('dsc');
    expect((await deliver('discount.created', { id: discount, code: DEMO.invitationCode })).status).toBe('applied');
    const b = buyer();
    await known(b);
    expect((await paid(b, { discount_id: discount })).status).toBe('applied');
    expect(await commissionOf(b.transaction)).toEqual([980]);
  });

  it('a transaction whose buyer has a reference but no known email waits, and is applied when customer.created comes', async () => {
    const b = buyer();
    expect((await paid(b, { custom_data: { edgeref: (await clickThrough()).clickId } })).status).toBe('waiting');
    await known(b);
    expect(await eventually(() => commissionOf(b.transaction), (c) => c !== null)).toEqual([980]);
  });
});

describe('Paddle adjustments', () => {
  async function paidBuyer(): Promise<Buyer> {
    const b = buyer();
    await known(b);
    await paid(b, { custom_data: { edgeref: (await clickThrough()).clickId } });
    return b;
  }

  it('a refund pending approval returns nothing; approved, it claws back its share', async () => {
    const b = await paidBuyer();
    const adjustment = uniqueId('adj');
    expect((await deliver('adjustment.created', { id: adjustment, transaction_id: b.transaction, totals: { total: '3063' } })).status).toBe('ignored');
    expect(await refunded(b)).toBe(0);
    expect((await deliver('adjustment.updated', { id: adjustment, transaction_id: b.transaction, totals: { total: '3063' } })).status).toBe('applied');
    expect(await refunded(b)).toBe(2450);
    // Paddle tells of the same approval again: counted once.
    await deliver('adjustment.updated', { id: adjustment, transaction_id: b.transaction, totals: { total: '3063' } });
    expect(await refunded(b)).toBe(2450);
    await deliver('adjustment.updated', { id: uniqueId('adj'), transaction_id: b.transaction, totals: { total: '3062' } });
    expect(await refunded(b)).toBe(4900);
  });

  it('an approved refund before its transaction waits, and is applied once the transaction arrives', async () => {
    const b = buyer();
    await known(b);
    expect((await deliver('adjustment.updated', { id: uniqueId('adj'), transaction_id: b.transaction })).status).toBe('waiting');
    await paid(b, { custom_data: { edgeref: (await clickThrough()).clickId } });
    expect(await eventually(() => refunded(b), (n) => n === 4900)).toBe(4900);
  });
});

describe('Paddle subscriptions', () => {
  it('a subscription shows in "My clients", and its cancellation too', async () => {
    const b = buyer();
    await known(b);
    await paid(b, { custom_data: { edgeref: (await clickThrough()).clickId } });
    const sub = uniqueId('sub');
    expect((await deliver('subscription.created', { id: sub, customer_id: b.customer })).status).toBe('applied');
    const client = async () => (await (await asUser(partner, `/api/v1/partners/${DEMO.partnerId}/clients?q=${b.customer}`)).json<any>()).items.find((c: any) => c.externalId === b.customer);
    expect((await client()).subscriptions).toEqual([
      { plan: 'pro_01gsz4t5hdjse780zja8vvr7jg', status: 'active', amount: { amount: 4900, currency: 'EUR' }, expiresAt: '2027-01-02T10:00:03.941Z' },
    ]);
    expect((await deliver('subscription.canceled', { id: sub, customer_id: b.customer })).status).toBe('applied');
    expect((await client()).subscriptions[0].status).toBe('canceled');
  });
});

describe('Paddle signatures', () => {
  const events = () => count('SELECT count(*) n FROM billing_events');

  it('a wrong key, a stale timestamp, a missing or malformed header is a 400, with nothing written', async () => {
    const before = await events();
    const e = paddleEvent('transaction.completed', { id: uniqueId('txn') });
    expect((await send(e, { secret: 'pdl_ntfset_not_the_programs_key_000' })).status).toBe(400);
    const stale = await send(e, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(stale.status).toBe(400);
    expect((await stale.json<any>()).error).toMatchObject({ code: 'invalid_signature', message: expect.stringMatching(/tolerance/) });
    expect((await send(e, { signature: '' })).status).toBe(400);
    expect((await send(e, { signature: 'ts=1;h1=zz' })).status).toBe(400);
    const body = JSON.stringify(e);
    const signature = await paddleSignature(body, DEMO.paddleTestSecret);
    expect((await call(HOOK, { method: 'POST', headers: { 'Paddle-Signature': signature }, body: body.replace('"6125"', '"99999"') })).status).toBe(400);
    expect(await events()).toBe(before);
  });

  it('during a rotation the header carries two h1 values; the one made with a key set here counts', async () => {
    const e = paddleEvent('customer.created', { id: uniqueId('ctm'), email: 'rotation@example.com' });
    const body = JSON.stringify(e);
    const ts = Math.floor(Date.now() / 1000);
    const mine = (await paddleSignature(body, DEMO.paddleTestSecret, ts)).split(';')[1];
    const theirs = (await paddleSignature(body, 'pdl_ntfset_a_key_not_set_here_0000', ts)).split(';')[1];
    const res = await call(HOOK, { method: 'POST', headers: { 'Paddle-Signature': `ts=${ts};${theirs};${mine}` }, body });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'applied' });
  });
});
