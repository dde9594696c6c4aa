// The money engine against the real Worker and D1: conversions, idempotency, withdrawals, periods and payouts.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { asUser, BASE, call, count, DEMO, referredCustomer, seedDemo, server, signIn } from './helpers';
import { hourly } from '../../worker/scheduled';
import { getProgram } from '../../worker/db/programs';
import { reportSubscription, type SubscriptionReport } from '../../worker/flows/subscriptions';
import { closeReportingPeriod, currentPeriod } from '../../worker/flows/periods';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const DAY = 86_400_000;
let partner: string; // the demo partner's owner
let manager: string;
let colleague: string; // a member with the manager role: may not move money

const SPLIT_PARTNER = 'prt_split'; // a second partner, with invitation SPLIT

beforeAll(async () => {
  await seedDemo();
  await env.DB.batch([
    env.DB.prepare("INSERT INTO partners (id, program_id, number, name, email, status, created_at) VALUES (?, ?, 100777, 'Split AB', 'split@example.com', 'partner', 0)").bind(SPLIT_PARTNER, DEMO.programId),
    env.DB.prepare("INSERT INTO invitations (id, program_id, partner_id, code, code_key, active, created_at, updated_at) VALUES ('inv_split', ?, ?, 'SPLIT', 'SPLIT', 1, 0, 0)").bind(DEMO.programId, SPLIT_PARTNER),
  ]);
  [partner, manager, colleague] = await Promise.all([signIn(), signIn(DEMO.managerEmail), signIn(DEMO.colleagueEmail)]);
});

let invoices = 0;
const invoice = () => `in_${++invoices}_${Date.now().toString(36)}`;
const pay = (customerId: string, amount: number, extra: Record<string, unknown> = {}, headers?: Record<string, string>) =>
  server('/api/v1/payments', { customerId, invoiceId: invoice(), amount: eur(amount), ...extra }, undefined, headers);
const balance = async (cookie = partner) => (await asUser(cookie, `/api/v1/partners/${DEMO.partnerId}/balance`)).json<any>();
const check = async () => (await asUser(manager, `/api/v1/programs/${DEMO.programId}/ledger/check`)).json<any>();

/**
 * The D1 for a flow under test whose first write (a batch) waits until a refund of half the invoice has gone through:
 * a refund landing between the flow's read and its write, every time.
 */
function refundingBeforeFirstWrite(invoiceId: string): { db: D1Database; interleaved: () => boolean } {
  let done = false;
  const db = new Proxy(env.DB, {
    get(target, key) {
      if (key !== 'batch') return Reflect.get(target, key).bind(target);
      return async (statements: D1PreparedStatement[]) => {
        if (!done) {
          done = true;
          expect((await server('/api/v1/refunds', { invoiceId, refundId: `re_${invoice()}`, amount: eur(5000) })).status).toBe(201);
        }
        return target.batch(statements);
      };
    },
  });
  return { db, interleaved: () => done };
}

describe('payments earn commission', () => {
  it('a payment earns the program rule (20%), pending for the 30-day hold, with a reason naming the invoice', async () => {
    const customerId = await referredCustomer();
    const res = await pay(customerId, 4900, { product: 'pro' });
    expect(res.status).toBe(201);
    const body = await res.json<any>();
    expect(body.commissions).toHaveLength(1);
    expect(body.commissions[0]).toMatchObject({ partnerId: DEMO.partnerId, amount: eur(980), status: 'pending' });
    expect(body.commissions[0].reason).toMatch(/20% of invoice in_.* \(pro\)/);
    expect(Date.parse(body.commissions[0].availableAt) - Date.now()).toBeGreaterThan(29 * DAY);
  });

  it('the same invoice reported again changes nothing and answers with what stands (200)', async () => {
    const customerId = await referredCustomer();
    const body = { customerId, invoiceId: invoice(), amount: eur(1000) };
    const first = await server('/api/v1/payments', body);
    const again = await server('/api/v1/payments', body);
    expect([first.status, again.status]).toEqual([201, 200]);
    // The first answer is built from what was written, the repeat's is read back: the same, but for `created`.
    expect(await again.json<any>()).toEqual({ ...(await first.json<any>()), created: false });
    expect(await count("SELECT count(*) n FROM ledger_entries WHERE event_type = 'payment' AND event_id = (SELECT id FROM payments WHERE invoice_id = ?)", body.invoiceId)).toBe(1);
  });

  it('the same payment reported 20 times at once gives one commission', async () => {
    const customerId = await referredCustomer();
    const body = { customerId, invoiceId: invoice(), amount: eur(2500) };
    const answers = await Promise.all(Array.from({ length: 20 }, () => server('/api/v1/payments', body)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(19);
    expect(await count('SELECT count(*) n FROM payments WHERE invoice_id = ?', body.invoiceId)).toBe(1);
    expect(await count("SELECT count(*) n FROM ledger_entries e JOIN payments p ON e.event_id = p.id WHERE p.invoice_id = ? AND e.type = 'commission'", body.invoiceId)).toBe(1);
  });

  it('an invoice id reused with another amount is a conflict (409); another currency is refused (422); an unknown customer is 404', async () => {
    const customerId = await referredCustomer();
    const body = { customerId, invoiceId: invoice(), amount: eur(1000) };
    await server('/api/v1/payments', body);
    expect((await server('/api/v1/payments', { ...body, amount: eur(999) })).status).toBe(409);
    const usd = await server('/api/v1/payments', { ...body, invoiceId: invoice(), amount: { amount: 1000, currency: 'USD' } });
    expect(usd.status).toBe(422);
    expect((await usd.json<any>()).error).toMatchObject({ code: 'currency_mismatch', message: expect.stringContaining('EUR') });
    expect((await server('/api/v1/payments', { ...body, invoiceId: invoice(), customerId: 'nobody' })).status).toBe(404);
    expect((await server('/api/v1/payments', { ...body, amount: { amount: 10.5, currency: 'EUR' } })).status).toBe(400);
  });

  it('Idempotency-Key: the same key and body replay the first answer; the same key with another body is a 409', async () => {
    const customerId = await referredCustomer();
    const key = { 'Idempotency-Key': `key-${invoice()}` };
    const body = { customerId, invoiceId: invoice(), amount: eur(3000) };
    const first = await server('/api/v1/payments', body, undefined, key);
    const replay = await server('/api/v1/payments', body, undefined, key);
    expect([first.status, replay.status]).toEqual([201, 201]);
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await replay.text()).toBe(await first.text());
    const other = await server('/api/v1/payments', { ...body, amount: eur(3001) }, undefined, key);
    expect(other.status).toBe(409);
    expect((await other.json<any>()).error.code).toBe('idempotency_key_reused');
  });
});

describe('refunds claw back', () => {
  it('a partial refund claws back the same share from pending; the rest of the refund takes back everything left', async () => {
    const customerId = await referredCustomer();
    const p = await (await pay(customerId, 10_000)).json<any>(); // earns 2000 pending
    const before = await balance();
    const partial = await server('/api/v1/refunds', { invoiceId: p.invoiceId, refundId: `re_${invoice()}`, amount: eur(2500) });
    expect(partial.status).toBe(201);
    expect(await partial.json<any>()).toMatchObject({ clawedBack: eur(500), refundedTotal: eur(2500) });
    const rest = await (await server('/api/v1/refunds', { invoiceId: p.invoiceId, refundId: `re_${invoice()}`, amount: eur(7500) })).json<any>();
    expect(rest.clawedBack).toEqual(eur(1500));
    const after = await balance();
    expect(after.balance.pending.amount - before.balance.pending.amount).toBe(-2000);
    expect(after.reversed.amount - before.reversed.amount).toBe(2000);
    const over = await server('/api/v1/refunds', { invoiceId: p.invoiceId, refundId: `re_${invoice()}`, amount: eur(1) });
    expect(over.status).toBe(422);
    expect((await over.json<any>()).error.code).toBe('refund_exceeds_payment');
  });

  it('a refund reported twice claws back once', async () => {
    const customerId = await referredCustomer();
    const p = await (await pay(customerId, 5000)).json<any>();
    const body = { invoiceId: p.invoiceId, refundId: `re_${invoice()}`, amount: eur(5000) };
    const [a, b] = await Promise.all([server('/api/v1/refunds', body), server('/api/v1/refunds', body)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(await count("SELECT count(*) n FROM ledger_entries WHERE type = 'clawback' AND status = 'reversed' AND event_id = (SELECT r.id FROM refunds r WHERE r.refund_ref = ?)", body.refundId)).toBe(1);
  });
});

describe('customer credit', () => {
  it('the site spends credit idempotently and never below zero', async () => {
    const customerId = await referredCustomer(); // 5 EUR credit
    const spend = (amount: number, reference: string) => server(`/api/v1/customers/${customerId}/credit-spends`, { amount: eur(amount), reference });
    const first = await spend(300, 'order_1');
    expect(first.status).toBe(201);
    expect((await first.json<any>()).balance).toEqual(eur(200));
    expect((await spend(300, 'order_1')).status).toBe(200); // the same order again spends nothing
    expect((await spend(100, 'order_1')).status).toBe(409); // the same order with another amount is a conflict
    const tooMuch = await spend(201, 'order_2');
    expect(tooMuch.status).toBe(422);
    expect((await tooMuch.json<any>()).error).toMatchObject({ code: 'insufficient_balance', details: { available: eur(200) } });
    const racers = await Promise.all(Array.from({ length: 5 }, (_, i) => spend(100, `order_race_${i}`)));
    expect(racers.filter((r) => r.status === 201)).toHaveLength(2);
    expect((await (await server(`/api/v1/customers/${customerId}/balance`)).json<any>()).balance).toEqual(eur(0));
  });
});

describe('withdrawals, periods and payouts', () => {
  it('refuses a request below the minimum with the minimum in the message, and above the available balance', async () => {
    const below = await asUser(partner, `/api/v1/partners/${DEMO.partnerId}/withdrawals`, { amount: eur(4999) });
    expect(below.status).toBe(422);
    expect((await below.json<any>()).error).toMatchObject({ code: 'below_minimum', message: 'The minimum withdrawal is €50.00.' });
    const available = (await balance()).balance.available.amount;
    const above = await asUser(partner, `/api/v1/partners/${DEMO.partnerId}/withdrawals`, { amount: eur(available + 5000) });
    expect(above.status).toBe(422);
    expect((await above.json<any>()).error.code).toBe('insufficient_balance');
  });

  it('only the owner or finance may request; a member of another role gets 403', async () => {
    const res = await asUser(colleague, `/api/v1/partners/${DEMO.partnerId}/withdrawals`, { amount: eur(5000) });
    expect(res.status).toBe(403);
    expect((await balance(colleague)).mayWithdraw).toBe(false);
  });

  it('a request reserves the amount, one at a time; closing the period batches it; paid moves it to paid, and the CSV lists it', async () => {
    await server('/api/v1/top-ups', { partnerId: DEMO.partnerId, amount: eur(20_000), reference: `bank_${invoice()}` });
    const before = await balance();
    const req = await asUser(partner, `/api/v1/partners/${DEMO.partnerId}/withdrawals`, { amount: eur(6000) });
    expect(req.status).toBe(201);
    const w = await req.json<any>();
    expect(w).toMatchObject({ status: 'requested', payoutMethod: 'bank_account', amount: eur(6000) });
    expect((await balance()).balance.available.amount).toBe(before.balance.available.amount - 6000);
    const second = await asUser(partner, `/api/v1/partners/${DEMO.partnerId}/withdrawals`, { amount: eur(5000) });
    expect(second.status).toBe(409);

    const payouts = await (await asUser(manager, `/api/v1/programs/${DEMO.programId}/payouts`)).json<any>();
    expect(payouts.openRequests.map((l: any) => l.withdrawalId)).toContain(w.id);
    const close = await asUser(manager, `/api/v1/programs/${DEMO.programId}/periods/${payouts.currentPeriod.id}/close`, {});
    expect(close.status).toBe(200);
    const closed = await close.json<any>();
    expect((await asUser(manager, `/api/v1/programs/${DEMO.programId}/periods/${payouts.currentPeriod.id}/close`, {})).status).toBe(409);

    const batch = await (await asUser(manager, `/api/v1/programs/${DEMO.programId}/payout-batches/${closed.batchId}`)).json<any>();
    expect(batch.lines).toEqual([expect.objectContaining({ withdrawalId: w.id, displayId: 'P100001', status: 'approved', amount: eur(6000) })]);
    const csv = await asUser(manager, `/api/v1/programs/${DEMO.programId}/payout-batches/${closed.batchId}/export.csv`);
    expect(csv.headers.get('Content-Type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('withdrawal_id,partner_id,partner_name,payout_method,payout_details,amount_minor,currency,amount,status');
    expect(lines[1]).toBe(`${w.id},P100001,Demo Partner AB,bank_account,IBAN SE45 5000 0000 0583 9825 7466,6000,EUR,€60.00,approved`);

    const paid = await asUser(manager, `/api/v1/programs/${DEMO.programId}/withdrawals/${w.id}/paid`, {});
    expect((await paid.json<any>()).status).toBe('paid');
    expect((await asUser(manager, `/api/v1/programs/${DEMO.programId}/withdrawals/${w.id}/paid`, {})).status).toBe(200); // a retry changes nothing
    const after = await balance();
    expect(after.balance.paid.amount - before.balance.paid.amount).toBe(6000);
    expect(after.balance.available.amount - before.balance.available.amount).toBe(-6000);
    expect((await check()).ok).toBe(true);
  });

  it('a failed payout returns the money to the available balance', async () => {
    await server('/api/v1/top-ups', { partnerId: DEMO.partnerId, amount: eur(10_000), reference: `bank_${invoice()}` });
    const before = await balance();
    const w = await (await asUser(partner, `/api/v1/partners/${DEMO.partnerId}/withdrawals`, { amount: eur(5000) })).json<any>();
    // The previous test closed the month early; the rest of it is an open period of its own.
    const payouts = await (await asUser(manager, `/api/v1/programs/${DEMO.programId}/payouts`)).json<any>();
    expect(payouts.currentPeriod.closedAt).toBeNull();
    expect((await asUser(manager, `/api/v1/programs/${DEMO.programId}/periods/${payouts.currentPeriod.id}/close`, {})).status).toBe(200);
    const failed = await asUser(manager, `/api/v1/programs/${DEMO.programId}/withdrawals/${w.id}/failed`, { reason: 'Account closed' });
    expect(await failed.json<any>()).toMatchObject({ status: 'failed', statusReason: 'Account closed' });
    const after = await balance();
    expect(after.balance.available).toEqual(before.balance.available);
    const ledger = await (await asUser(partner, `/api/v1/partners/${DEMO.partnerId}/ledger`)).json<any[]>();
    expect(ledger[0]).toMatchObject({ type: 'reversal', amount: eur(5000), reason: 'Returned to balance: Account closed' });
  });

  it('the Cron Trigger closes ended periods and releases commissions whose hold has ended', async () => {
    const customerId = await referredCustomer();
    const p = await (await pay(customerId, 10_000)).json<any>();
    const before = await balance();
    await hourly(env as never, Date.now()); // the hourly run keeps a current period
    await hourly(env as never, Date.now() + 40 * DAY); // that period has ended, and the 30-day hold with it
    const after = await balance();
    expect(after.balance.pending.amount).toBeLessThanOrEqual(before.balance.pending.amount - 2000);
    expect(after.balance.available.amount - before.balance.available.amount).toBe(before.balance.pending.amount - after.balance.pending.amount);
    const release = await count("SELECT count(*) n FROM ledger_entries WHERE type = 'release' AND lot_id = (SELECT id FROM ledger_entries WHERE event_id = (SELECT id FROM payments WHERE invoice_id = ?) AND type = 'commission')", p.invoiceId);
    expect(release).toBe(2);
    expect((await check()).ok).toBe(true);
  });
});

describe('the second tier', () => {
  it('a partner who joined through a recruiting link earns its recruiter the second tier, one level only', async () => {
    const settings = (secondTierBps: number) => asUser(manager, `/api/v1/programs/${DEMO.programId}/settings`, { secondTierBps }, { method: 'PATCH' });
    expect((await settings(2500)).status).toBe(400); // bounded: at most 20%
    expect((await settings(1000)).status).toBe(200);
    const terms = await (await asUser(partner, `/api/v1/partners/${DEMO.partnerId}/terms`)).json<any>();
    expect(terms.recruitingLink).toBe(`http://edgeref.test/dashboard/join/${DEMO.programId}?recruiter=P100001`);
    expect(terms.terms).toContain('You also earn 10% of what the partners you recruited earn (one level only).');

    const version = (await (await call(`/api/v1/join/${DEMO.programId}`)).json<any>()).terms.version;
    const join = (recruiter: string, email: string) =>
      call(`/api/v1/join/${DEMO.programId}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: BASE },
        body: JSON.stringify({ name: 'Rae Recruit', email, password: 'recruit-pass', partnerName: `Recruit ${email}`, termsVersion: version, recruiter }),
      });
    expect((await join('P999999', 'nobody@example.com')).status).toBe(422);
    const joined = await join('P100001', `recruit-${invoice()}@example.com`);
    expect(joined.status).toBe(201);
    const { partnerId } = await joined.json<any>();
    // Approved, with an invitation of its own, it refers a paying customer.
    await env.DB.batch([
      env.DB.prepare("UPDATE partners SET status = 'partner' WHERE id = ?").bind(partnerId),
      env.DB.prepare("INSERT INTO invitations (id, program_id, partner_id, code, code_key, active, created_at, updated_at) VALUES ('inv_recruit', ?, ?, 'RECRUIT', 'RECRUIT', 1, 0, 0)").bind(DEMO.programId, partnerId),
    ]);
    const customerId = await referredCustomer('RECRUIT');
    const p = await (await pay(customerId, 10_000)).json<any>();
    expect(p.commissions.map((c: any) => [c.partnerId, c.amount.amount])).toEqual([[partnerId, 2000], [DEMO.partnerId, 200]]);
    expect(p.commissions[1].reason).toMatch(/^Second tier: 10% of A\d{6}|^Second tier: 10% of P\d{6}/);
    expect((await settings(0)).status).toBe(200);
  });
});

describe('escalation tiers', () => {
  it("count the partner's customers who first paid in the period: the second reaches the tier, a repeat payment keeps it, last period's first payment does not count", async () => {
    const partnerId = 'prt_tiers';
    await env.DB.batch([
      env.DB.prepare("INSERT INTO partners (id, program_id, number, name, email, status, created_at) VALUES (?, ?, 100778, 'Tiers AB', 'tiers@example.com', 'partner', 0)").bind(partnerId, DEMO.programId),
      env.DB.prepare("INSERT INTO invitations (id, program_id, partner_id, code, code_key, active, created_at, updated_at) VALUES ('inv_tiers', ?, ?, 'TIERS', 'TIERS', 1, 0, 0)").bind(DEMO.programId, partnerId),
    ]);
    const rule = await asUser(manager, `/api/v1/programs/${DEMO.programId}/reward-rules`, { partnerId, event: 'payment', kind: 'percent', percentBps: 1000, holdDays: 0, tiers: [{ minReferrals: 2, percentBps: 3000 }] });
    expect(rule.status).toBe(201);
    const earned = async (customerId: string, paidAt?: number) => (await (await pay(customerId, 10_000, paidAt ? { paidAt: new Date(paidAt).toISOString() } : {})).json<any>()).commissions[0].amount.amount;
    // A customer who first paid last month (reported now): not one of this period's successful referrals.
    const old = await referredCustomer('TIERS');
    const lastMonth = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 0, 12);
    expect(await earned(old, lastMonth)).toBe(1000);
    const [first, second] = [await referredCustomer('TIERS'), await referredCustomer('TIERS')];
    expect(await earned(old)).toBe(1000); // a repeat payment: still one first payment in this period (none)
    expect(await earned(first)).toBe(1000); // 1 successful referral this period
    expect(await earned(second)).toBe(3000); // 2: the tier
    expect(await earned(first)).toBe(3000); // a repeat payment at the tier's rate
  });
});

describe('retention and the ledger check', () => {
  it('a customer who cancels before the retention part matures takes that part back; the first part stays', async () => {
    const partnerId = SPLIT_PARTNER;
    const rule = await asUser(manager, `/api/v1/programs/${DEMO.programId}/reward-rules`, {
      partnerId, event: 'payment', kind: 'percent', percentBps: 4000, holdDays: 0,
      split: [{ shareBps: 2500, afterDays: 0 }, { shareBps: 7500, afterDays: 180, retention: true }],
    });
    expect(rule.status).toBe(201);
    const held = async () => (await env.DB.prepare('SELECT * FROM holder_balances WHERE holder_id = ?').bind(partnerId).first<any>()) ?? { available_minor: 0, pending_minor: 0, reversed_minor: 0 };
    const before = await held();
    const customerId = await referredCustomer('SPLIT');
    const p = await (await pay(customerId, 10_000)).json<any>(); // 4000: 1000 now, 3000 after 180 days if retained
    expect(p.commissions.map((c: any) => [c.amount.amount, c.status])).toEqual([[1000, 'available'], [3000, 'pending']]);
    // Both parts, as written, are what the invoice reads back.
    expect(await (await server('/api/v1/payments', { customerId, invoiceId: p.invoiceId, amount: eur(10_000) })).json<any>()).toEqual({ ...p, created: false });
    await server('/api/v1/subscriptions', { customerId, plan: 'pro', status: 'active', amount: eur(10_000) });
    const cancel = await server('/api/v1/subscriptions', { customerId, plan: 'pro', status: 'canceled' });
    expect((await cancel.json<any>()).reversed).toEqual(eur(3000));
    const b = await held();
    // The signup's flat 10 EUR and the first part stay; the retention part is reversed.
    expect([b.available_minor - before.available_minor, b.pending_minor - before.pending_minor, b.reversed_minor - before.reversed_minor]).toEqual([1000 + 1000, 0, 3000]);
    expect((await (await server('/api/v1/subscriptions', { customerId, plan: 'pro', status: 'canceled' })).json<any>()).reversed).toEqual(eur(0));
  });

  it('a refund that lands between the cancellation reading the lots and posting its reversal: the reversal is read again, and the lot gives back exactly what it held', async () => {
    // The SPLIT partner's rule from the test above: 40% of a payment, 75% of it kept until 180 days of retention.
    const customerId = await referredCustomer('SPLIT');
    const p = await (await pay(customerId, 10_000)).json<any>(); // the retention part: 3000, pending
    await server('/api/v1/subscriptions', { customerId, plan: 'pro', status: 'active', amount: eur(10_000) });
    // The cancellation's first write waits until a refund of half the invoice has gone through, as if the refund had
    // come in between the cancellation's read of the lots and its write.
    const { db, interleaved } = refundingBeforeFirstWrite(p.invoiceId);
    const program = (await getProgram(env.DB, DEMO.programId))!;
    const result = await reportSubscription(db, program, { customerId, plan: 'pro', status: 'canceled', interval: 'month' } as SubscriptionReport);
    expect(interleaved()).toBe(true);
    expect(result).toMatchObject({ kind: 'reported', reversed: eur(1500) }); // the half the refund left
    const lot = (await env.DB.prepare("SELECT e.id FROM ledger_entries e JOIN payments p ON p.id = e.event_id WHERE p.invoice_id = ? AND e.type = 'commission' AND e.requires_retention = 1").bind(p.invoiceId).first<{ id: string }>())!.id;
    const held = (status: string) => count('SELECT coalesce(sum(amount_minor), 0) n FROM ledger_entries WHERE (id = ?1 OR lot_id = ?1) AND status = ?2', lot, status);
    expect([await held('pending'), await held('reversed')]).toEqual([0, 3000]);
    expect((await check()).overdrawnLots).toEqual([]);
  });

  it('the invariant check finds a balance that disagrees with its entries', async () => {
    expect(await check()).toMatchObject({ ok: true, balances: [], overdrawnLots: [] });
    await env.DB.prepare('UPDATE holder_balances SET available_minor = available_minor + 1 WHERE holder_id = ?').bind(DEMO.partnerId).run();
    const broken = await check();
    expect(broken.ok).toBe(false);
    expect(broken.balances).toEqual([expect.objectContaining({ holderId: DEMO.partnerId, status: 'available' })]);
    await env.DB.prepare('UPDATE holder_balances SET available_minor = available_minor - 1 WHERE holder_id = ?').bind(DEMO.partnerId).run();
  });

  it("the console's metrics show the period's revenue (partners' customers' payments less refunds) and the commission earned", async () => {
    const customerId = await referredCustomer();
    const p = await (await pay(customerId, 7000)).json<any>();
    await server('/api/v1/refunds', { invoiceId: p.invoiceId, refundId: `re_${invoice()}`, amount: eur(1000) });
    const today = new Date().toISOString().slice(0, 10);
    const o = (await (await asUser(manager, `/api/v1/programs/${DEMO.programId}/metrics?from=${today}&to=${today}`)).json<any>()).pipeline.current;
    const [start, end] = [Date.parse(today), Date.parse(today) + 86_400_000];
    const ofPartners = 'JOIN customers c ON c.id = p.customer_id AND c.partner_id IS NOT NULL';
    const paid = await count(`SELECT coalesce(sum(p.amount_minor), 0) n FROM payments p ${ofPartners} WHERE p.program_id = ? AND p.paid_at >= ? AND p.paid_at < ?`, DEMO.programId, start, end);
    const refunded = await count(`SELECT coalesce(sum(r.amount_minor), 0) n FROM refunds r JOIN payments p ON p.id = r.payment_id ${ofPartners} WHERE r.program_id = ? AND r.created_at >= ? AND r.created_at < ?`, DEMO.programId, start, end);
    expect(o.revenue).toEqual(eur(paid - refunded));
    expect(paid - refunded).toBeGreaterThanOrEqual(6000);
    expect(o.commission.amount).toBe(await count("SELECT sum(amount_minor) n FROM ledger_entries WHERE type = 'commission' AND lot_id IS NULL AND partner_id IS NOT NULL AND created_at >= ? AND created_at < ?", start, end));
    expect(o.paying).toBe(await count(`SELECT count(*) n FROM (SELECT min(p.paid_at) AS first FROM payments p ${ofPartners} GROUP BY p.customer_id) WHERE first >= ? AND first < ?`, start, end));
  });

  it('only program managers reach the console: a partner member gets 404, and nobody edits the ledger in place', async () => {
    expect((await asUser(partner, `/api/v1/programs/${DEMO.programId}/ledger/check`)).status).toBe(404);
    expect((await asUser(partner, `/api/v1/programs/${DEMO.programId}/payouts`)).status).toBe(404);
    await expect(env.DB.prepare('UPDATE ledger_entries SET amount_minor = 0').run()).rejects.toThrow(/append-only/);
  });
});

// Last in the file: it closes a period 40 days ahead.
describe('a period close racing a refund', () => {
  it('a refund that lands between the close reading the matured commissions and committing: the close reads again, and releases only what is left', async () => {
    const customerId = await referredCustomer();
    const p = await (await pay(customerId, 10_000)).json<any>(); // 2000, pending for the 30-day hold
    const lot = (await env.DB.prepare("SELECT e.id FROM ledger_entries e JOIN payments p ON p.id = e.event_id WHERE p.invoice_id = ? AND e.type = 'commission'").bind(p.invoiceId).first<{ id: string }>())!.id;
    const later = Date.now() + 40 * DAY; // the hold has ended
    const program = (await getProgram(env.DB, DEMO.programId))!;
    const period = await currentPeriod(env.DB, program, later);
    // The close's first write waits until a refund of half the invoice has gone through.
    const { db, interleaved } = refundingBeforeFirstWrite(p.invoiceId);
    const result = await closeReportingPeriod(db, DEMO.programId, period, 'EUR', later);
    expect(interleaved()).toBe(true);
    expect(result.closed).toBe(true);
    const held = (status: string) => count('SELECT coalesce(sum(amount_minor), 0) n FROM ledger_entries WHERE (id = ?1 OR lot_id = ?1) AND status = ?2', lot, status);
    expect([await held('pending'), await held('available'), await held('reversed')]).toEqual([0, 1000, 1000]);
    expect((await check()).overdrawnLots).toEqual([]);
  });
});
