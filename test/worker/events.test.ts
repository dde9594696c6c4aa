// The outbox: each business change writes its events in its own transaction, once, and GET /events reads them in order.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { asUser, call, DEMO, seedDemo, server, signIn, widget } from './helpers';
import { api } from './portal-helpers';
import { EVENT_DATA } from '../../shared/schemas/event-data';
import type { EventType } from '../../shared/event-types';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
let manager: string;
let partner: string;

beforeAll(async () => {
  await seedDemo();
  [manager, partner] = await Promise.all([signIn(DEMO.managerEmail), signIn(DEMO.partnerEmail)]);
});

const feed = async (query = '', key: string = DEMO.secretKey) => call(`/api/v1/events${query}`, { headers: { Authorization: `Bearer ${key}` } });
const page = async (query = '') => (await (await feed(query)).json<any>()) as { data: any[]; hasMore: boolean; next: number };
/** Everything after the sequence `from`, all pages. */
async function since(from: number): Promise<any[]> {
  const all: any[] = [];
  for (let after = from, more = true; more; ) {
    const p = await page(`?after=${after}&limit=3`);
    all.push(...p.data);
    [after, more] = [p.next, p.hasMore];
  }
  return all;
}
/** The sequence of the newest event so far. */
const latest = async () => {
  let after = 0;
  for (let p = await page(`?after=0&limit=100`); ; p = await page(`?after=${after}&limit=100`)) {
    after = p.next;
    if (!p.hasMore) return after;
  }
};
const customerIdOf = async (externalId: string) =>
  (await env.DB.prepare('SELECT id FROM customers WHERE external_id = ?').bind(externalId).first<{ id: string }>())!.id;

let n = 0;
const someone = () => ({ customerId: `evt-${Date.now()}-${++n}`, email: `evt${n}.${Date.now()}@example.com`, promoCode: DEMO.invitationCode });

describe('the events of a signup', () => {
  it('a signup through an invitation writes customer.signed_up, then commission.earned, with ids and amounts and no email', async () => {
    const from = await latest();
    const c = someone();
    expect((await server('/api/v1/signups', c)).status).toBe(201);
    const id = await customerIdOf(c.customerId);
    const events = await since(from);
    expect(events.map((e) => e.type)).toEqual(['customer.signed_up', 'commission.earned']);
    const [signedUp, earned] = events;
    expect(signedUp).toMatchObject({
      id: expect.stringMatching(/^evt_/),
      version: 2,
      data: { customerId: id, externalId: c.customerId, invitationCode: DEMO.invitationCode, partnerId: DEMO.partnerId, referralId: null, attribution: 'promo_code', signupStatus: 'confirmed', credit: eur(500) },
    });
    expect(earned.data).toMatchObject({ partnerId: DEMO.partnerId, customerId: id, amount: eur(DEMO.signupCommissionMinor), cause: { type: 'signup', id } });
    expect(earned.sequence).toBeGreaterThan(signedUp.sequence);
    expect(Date.parse(signedUp.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(JSON.stringify(events)).not.toContain(c.email);
  });

  it('a repeated report, and 10 at once, raise nothing new: one customer.signed_up per customer', async () => {
    const c = someone();
    const from = await latest();
    await Promise.all(Array.from({ length: 10 }, () => server('/api/v1/signups', c)));
    await server('/api/v1/signups', c);
    expect((await since(from)).map((e) => e.type)).toEqual(['customer.signed_up', 'commission.earned']);
  });

  it("a signup the browser reported earns a pending commission; the server's confirmation makes it available: commission.available", async () => {
    const c = someone();
    const from = await latest();
    await widget('/api/v1/signups', c);
    expect((await server(`/api/v1/signups/${c.customerId}/confirmation`, {})).status).toBe(200);
    const events = await since(from);
    expect(events.map((e) => e.type)).toEqual(['customer.signed_up', 'commission.earned', 'commission.available']);
    expect(events[0].data.signupStatus).toBe('awaiting_confirmation');
    expect(events[1].data.status).toBe('pending');
    expect(events[2].data).toMatchObject({ commissionId: events[1].data.commissionId, amount: eur(DEMO.signupCommissionMinor), cause: { type: 'signup_confirmation' } });
  });

  it('a refused signup (unknown promo code) writes nothing', async () => {
    const from = await latest();
    expect((await server('/api/v1/signups', { ...someone(), promoCode: 'NO-SUCH-CODE' })).status).toBe(422);
    expect(await since(from)).toEqual([]);
  });
});

describe('the events of money', () => {
  it('a payment earns commission.earned (cause: the payment); a refund claws back: commission.clawed_back', async () => {
    const c = someone();
    await server('/api/v1/signups', c);
    const from = await latest();
    const invoiceId = `in_evt_${Date.now()}`;
    expect((await server('/api/v1/payments', { customerId: c.customerId, invoiceId, amount: eur(10_000) })).status).toBe(201);
    expect((await server('/api/v1/refunds', { invoiceId, refundId: `re_evt_${Date.now()}`, amount: eur(10_000) })).status).toBe(201);
    const events = await since(from);
    expect(events.map((e) => e.type)).toEqual(['commission.earned', 'commission.clawed_back']);
    expect(events[0].data).toMatchObject({ amount: eur(2000), status: 'pending', cause: { type: 'payment' } });
    expect(events[1].data).toMatchObject({ commissionId: events[0].data.commissionId, amount: eur(2000), cause: { type: 'refund' } });
  });

  it('a withdrawal requested, then paid: withdrawal.requested and withdrawal.paid; a refused request writes nothing', async () => {
    await server('/api/v1/top-ups', { partnerId: DEMO.partnerId, amount: eur(20_000), reference: `bank_evt_${Date.now()}` });
    const from = await latest();
    expect((await asUser(partner, `/api/v1/partners/${DEMO.partnerId}/withdrawals`, { amount: eur(10) })).status).toBe(422); // below the minimum
    const w = await (await asUser(partner, `/api/v1/partners/${DEMO.partnerId}/withdrawals`, { amount: eur(6000) })).json<any>();
    const payouts = await (await asUser(manager, `/api/v1/programs/${DEMO.programId}/payouts`)).json<any>();
    expect((await asUser(manager, `/api/v1/programs/${DEMO.programId}/periods/${payouts.currentPeriod.id}/close`, {})).status).toBe(200);
    expect((await asUser(manager, `/api/v1/programs/${DEMO.programId}/withdrawals/${w.id}/paid`, {})).status).toBe(200);
    expect((await asUser(manager, `/api/v1/programs/${DEMO.programId}/withdrawals/${w.id}/paid`, {})).status).toBe(200); // a retry
    const events = (await since(from)).filter((e) => e.type.startsWith('withdrawal.'));
    expect(events.map((e) => [e.type, e.data.withdrawalId, e.data.amount])).toEqual([
      ['withdrawal.requested', w.id, eur(6000)],
      ['withdrawal.paid', w.id, eur(6000)],
    ]);
  });
});

describe('the events of partners', () => {
  it('approving a registered affiliate writes partner.approved; rejecting another, partner.rejected with its reason', async () => {
    const join = (email: string) =>
      api(null, `/join/${DEMO.programId}`, { name: 'Eve Event', email, password: 'long-enough', partnerName: 'Eve Events', termsVersion: 1 }).then((r) => r.json<any>());
    const [a, b] = [await join(`eve.${Date.now()}@join.test`), await join(`eve2.${Date.now()}@join.test`)];
    const from = await latest();
    expect((await api(manager, `/programs/${DEMO.programId}/partners/${a.partnerId}/status`, { action: 'approve' })).status).toBe(200);
    expect((await api(manager, `/programs/${DEMO.programId}/partners/${a.partnerId}/status`, { action: 'approve' })).status).toBe(409);
    expect((await api(manager, `/programs/${DEMO.programId}/partners/${b.partnerId}/status`, { action: 'reject', reason: 'Not a fit' })).status).toBe(200);
    expect((await since(from)).map((e) => [e.type, e.data])).toEqual([
      ['partner.approved', { partnerId: a.partnerId, from: 'affiliate', to: 'partner', reason: null }],
      ['partner.rejected', { partnerId: b.partnerId, from: 'affiliate', to: 'rejected', reason: 'Not a fit' }],
    ]);
  });
});

describe('GET /events', () => {
  it('pages in order by sequence, filters by type, and refuses bad input in the one error shape', async () => {
    const all = await since(0);
    expect(all.length).toBeGreaterThan(5);
    expect(all.map((e) => e.sequence)).toEqual([...all.map((e) => e.sequence)].sort((x, y) => x - y));
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    // Each event's data is exactly what the OpenAPI document's webhooks section says it is: no field more, none less.
    expect(new Set(all.map((e) => e.type)).size).toBeGreaterThanOrEqual(8);
    for (const e of all) expect(() => EVENT_DATA[e.type as EventType].strict().parse(e.data), `${e.type} ${JSON.stringify(e.data)}`).not.toThrow();
    const signups = (await page('?type=customer.signed_up&limit=100')).data;
    expect(signups.length).toBeGreaterThan(0);
    expect(signups.every((e) => e.type === 'customer.signed_up')).toBe(true);
    for (const bad of ['?type=customer.exploded', '?limit=0', '?limit=101', '?after=-1', '?after=x']) {
      const res = await feed(bad);
      expect(res.status, bad).toBe(400);
      expect(await res.json<any>()).toMatchObject({ error: { code: 'invalid_request' } });
    }
  });

  it('is for the secret key only: the publishable key and no key are refused', async () => {
    expect((await feed('', DEMO.publishableKey)).status).toBe(403);
    expect((await call('/api/v1/events')).status).toBe(401);
  });
});
