// Paying for a client from the partner's balance against the real Worker and D1: the quote with the partner discount,
// one interval per payment however many arrive at once, and what the balance does not cover.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { asUser, count, DEMO, referredCustomer, seedDemo, server, signIn } from './helpers';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const DAY = 86_400_000;
let partner: string; // the demo partner's owner

beforeAll(async () => {
  await seedDemo();
  // A second partner, with invitation SPLIT: its customers are not the demo partner's clients.
  await env.DB.batch([
    env.DB.prepare("INSERT OR IGNORE INTO partners (id, program_id, number, name, email, status, created_at) VALUES ('prt_split', ?, 100777, 'Split AB', 'split@example.com', 'partner', 0)").bind(DEMO.programId),
    env.DB.prepare("INSERT OR IGNORE INTO invitations (id, program_id, partner_id, code, code_key, active, created_at, updated_at) VALUES ('inv_split', ?, 'prt_split', 'SPLIT', 'SPLIT', 1, 0, 0)").bind(DEMO.programId),
  ]);
  partner = await signIn();
});

let invoices = 0;
const invoice = () => `in_${++invoices}_${Date.now().toString(36)}`;
const balance = async (cookie = partner) => (await asUser(cookie, `/api/v1/partners/${DEMO.partnerId}/balance`)).json<any>();

describe('paying for a client', () => {
  it('quotes the subscription with the partner discount, pays it from the balance, extends it, and tells the site', async () => {
    await env.DB.prepare('UPDATE programs SET partner_discount_bps = 1000 WHERE id = ?').bind(DEMO.programId).run();
    const customerId = await referredCustomer();
    const expiresAt = new Date(Date.now() + 5 * DAY).toISOString();
    await server('/api/v1/subscriptions', { customerId, plan: 'pro', status: 'active', amount: eur(4900), interval: 'month', expiresAt });
    const quote = await (await asUser(partner, `/api/v1/partners/${DEMO.partnerId}/client-payments/quote?customerId=${customerId}&plan=pro`)).json<any>();
    expect(quote).toMatchObject({ listPrice: eur(4900), discountBps: 1000, discount: eur(490), price: eur(4410) });
    expect(Date.parse(quote.paidUntil)).toBeGreaterThan(Date.parse(expiresAt) + 27 * DAY);

    const stale = await asUser(partner, `/api/v1/partners/${DEMO.partnerId}/client-payments`, { customerId, plan: 'pro', expectedPrice: eur(4900), paidUntil: quote.paidUntil });
    expect(stale.status).toBe(409);
    await server('/api/v1/top-ups', { partnerId: DEMO.partnerId, amount: eur(4410), reference: `bank_${invoice()}` });
    const before = await balance();
    const paid = await asUser(partner, `/api/v1/partners/${DEMO.partnerId}/client-payments`, { customerId, plan: 'pro', expectedPrice: eur(4410), paidUntil: quote.paidUntil }, { headers: { 'Idempotency-Key': `cp-${customerId}` } });
    expect(paid.status).toBe(201);
    const again = await asUser(partner, `/api/v1/partners/${DEMO.partnerId}/client-payments`, { customerId, plan: 'pro', expectedPrice: eur(4410), paidUntil: quote.paidUntil }, { headers: { 'Idempotency-Key': `cp-${customerId}` } });
    const paidBody = await paid.text();
    expect(await again.text()).toBe(paidBody); // a double click pays once
    expect((await balance()).balance.available.amount).toBe(before.balance.available.amount - 4410);

    const seen = await (await server('/api/v1/client-payments')).json<any[]>();
    expect(seen.filter((p) => p.customerId === customerId)).toEqual([expect.objectContaining({ plan: 'pro', partnerId: 'P100001', price: eur(4410), discountBps: 1000 })]);
    const sub = await env.DB.prepare('SELECT status, expires_at FROM subscriptions s JOIN customers c ON c.id = s.customer_id WHERE c.external_id = ?').bind(customerId).first<any>();
    expect(sub.status).toBe('active');
    expect(sub.expires_at).toBe(Date.parse(JSON.parse(paidBody).paidUntil));
  });

  /** A referred customer whose running monthly subscription expires on a known second, and a balance for ten payments. */
  async function clientToPay(price: number) {
    const customerId = await referredCustomer();
    const expiresAt = Math.floor((Date.now() + 5 * DAY) / 1000) * 1000;
    await server('/api/v1/subscriptions', { customerId, plan: 'pro', status: 'active', amount: eur(price), interval: 'month', expiresAt: new Date(expiresAt).toISOString() });
    await server('/api/v1/top-ups', { partnerId: DEMO.partnerId, amount: eur(10 * price), reference: `bank_${invoice()}` });
    const q = await (await asUser(partner, `/api/v1/partners/${DEMO.partnerId}/client-payments/quote?customerId=${customerId}&plan=pro`)).json<any>();
    const oneMonthOn = new Date(expiresAt);
    oneMonthOn.setUTCMonth(oneMonthOn.getUTCMonth() + 1);
    expect(Date.parse(q.paidUntil)).toBe(oneMonthOn.getTime()); // the quote names the next interval: one month from the expiry
    const payOnce = (key: string, reviewed = q.paidUntil) =>
      asUser(partner, `/api/v1/partners/${DEMO.partnerId}/client-payments`, { customerId, plan: 'pro', expectedPrice: q.price, paidUntil: reviewed }, { headers: { 'Idempotency-Key': key } });
    const written = async () => ({
      payments: await count('SELECT count(*) n FROM client_payments cp JOIN customers c ON c.id = cp.customer_id WHERE c.external_id = ?', customerId),
      entries: await count("SELECT count(*) n FROM ledger_entries WHERE type = 'client_payment' AND event_id IN (SELECT cp.id FROM client_payments cp JOIN customers c ON c.id = cp.customer_id WHERE c.external_id = ?)", customerId),
      allEntries: await count("SELECT count(*) n FROM ledger_entries WHERE partner_id = ? AND type = 'client_payment'", DEMO.partnerId),
      available: (await balance()).balance.available.amount as number,
      expiresAt: (await env.DB.prepare('SELECT expires_at FROM subscriptions s JOIN customers c ON c.id = s.customer_id WHERE c.external_id = ?').bind(customerId).first<any>()).expires_at as number,
    });
    return { customerId, expiresAt, q, payOnce, written };
  }

  it('ten identical payments at once with distinct Idempotency-Keys pay one interval: one 201, one row, one entry, one price, one month', async () => {
    const { expiresAt, q, payOnce, written } = await clientToPay(1000);
    const before = await written();
    expect(before.expiresAt).toBe(expiresAt);
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => payOnce(`cp-race-${i}-${q.paidUntil}`)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((st) => st === 201)).toHaveLength(1);
    expect(statuses.filter((st) => st === 409)).toHaveLength(9);
    for (const r of answers.filter((a) => a.status === 409)) expect((await r.json<any>()).error.code).toBe('already_paid');
    const after = await written();
    expect(after.payments).toBe(1);
    expect(after.entries).toBe(1);
    expect(after.allEntries).toBe(before.allEntries + 1);
    expect(after.available).toBe(before.available - q.price.amount);
    expect(after.expiresAt).toBe(Date.parse(q.paidUntil)); // extended by exactly one interval
  });

  it('a second payment naming the interval already paid is a 409 and writes nothing; so is one naming an interval not due', async () => {
    const { q, payOnce, written } = await clientToPay(1200);
    const first = await payOnce('cp-seq-1');
    expect(first.status).toBe(201);
    expect((await first.json<any>()).paidUntil).toBe(q.paidUntil);
    const paid = await written();

    const again = await payOnce('cp-seq-2'); // another key, the same reviewed date: the partner's second click, a retry, a second tab
    expect(again.status).toBe(409);
    const body = await again.json<any>();
    expect(body.error.code).toBe('already_paid');
    expect(body.error.message).toBe(`The interval until ${q.paidUntil.slice(0, 10)} is already paid; nothing was paid now. Review the subscription again to pay the next one.`);
    const next = new Date(q.paidUntil);
    next.setUTCMonth(next.getUTCMonth() + 1);
    expect(body.error.details).toEqual({ paidUntil: next.toISOString() });
    expect(await written()).toEqual(paid);

    const ahead = new Date(next);
    ahead.setUTCMonth(ahead.getUTCMonth() + 1);
    const skipping = await payOnce('cp-seq-3', ahead.toISOString()); // two intervals on: not the one due now
    expect(skipping.status).toBe(409);
    expect((await skipping.json<any>()).error).toMatchObject({ code: 'interval_not_due', details: { paidUntil: next.toISOString() } });
    expect(await written()).toEqual(paid);

    const due = await payOnce('cp-seq-4', next.toISOString()); // the next interval, named as the new quote shows it
    expect(due.status).toBe(201);
    expect((await written()).expiresAt).toBe(next.getTime());
  });

  it('a lapsed subscription restarts from the start of today, so the date the quote showed is still the one due when paid', async () => {
    const customerId = await referredCustomer();
    await server('/api/v1/subscriptions', { customerId, plan: 'pro', status: 'active', amount: eur(700), interval: 'month', expiresAt: new Date(Date.now() - 3 * DAY).toISOString() });
    await server('/api/v1/top-ups', { partnerId: DEMO.partnerId, amount: eur(700), reference: `bank_${invoice()}` });
    const q = await (await asUser(partner, `/api/v1/partners/${DEMO.partnerId}/client-payments/quote?customerId=${customerId}&plan=pro`)).json<any>();
    const today = new Date(new Date().toISOString().slice(0, 10));
    const until = new Date(today);
    until.setUTCMonth(until.getUTCMonth() + 1);
    expect(q.paidUntil).toBe(until.toISOString());
    const res = await asUser(partner, `/api/v1/partners/${DEMO.partnerId}/client-payments`, { customerId, plan: 'pro', expectedPrice: q.price, paidUntil: q.paidUntil });
    expect(res.status).toBe(201);
  });

  it('the database holds one payment per interval: a second row for the same customer, plan and paid-until date is refused', async () => {
    const { customerId, q, payOnce } = await clientToPay(900);
    expect((await payOnce('cp-db-1')).status).toBe(201);
    const row = await env.DB.prepare('SELECT cp.* FROM client_payments cp JOIN customers c ON c.id = cp.customer_id WHERE c.external_id = ?').bind(customerId).first<any>();
    expect(row.paid_until).toBe(Date.parse(q.paidUntil));
    const copy = env.DB.prepare(
      `INSERT INTO client_payments (id, program_id, partner_id, customer_id, plan, list_price_minor, discount_bps, price_minor, currency, paid_until, created_at)
       VALUES ('cpay_copy', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).bind(row.program_id, row.partner_id, row.customer_id, row.plan, row.list_price_minor, row.discount_bps, row.price_minor, row.currency, row.paid_until, Date.now());
    await expect(copy.run()).rejects.toThrow(/UNIQUE constraint failed/);
  });

  it('refuses a payment the balance does not cover, and a client the partner did not refer', async () => {
    const customerId = await referredCustomer();
    await server('/api/v1/subscriptions', { customerId, plan: 'enterprise', status: 'active', amount: eur(90_000_000) });
    const q = await (await asUser(partner, `/api/v1/partners/${DEMO.partnerId}/client-payments/quote?customerId=${customerId}&plan=enterprise`)).json<any>();
    const res = await asUser(partner, `/api/v1/partners/${DEMO.partnerId}/client-payments`, { customerId, plan: 'enterprise', expectedPrice: q.price, paidUntil: q.paidUntil });
    expect(res.status).toBe(422);
    expect((await res.json<any>()).error.code).toBe('insufficient_balance');
    const stranger = await referredCustomer('SPLIT');
    expect((await asUser(partner, `/api/v1/partners/${DEMO.partnerId}/client-payments/quote?customerId=${stranger}&plan=pro`)).status).toBe(404);
  });
});
