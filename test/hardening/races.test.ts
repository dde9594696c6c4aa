// Races, all in one place: each operation that moves money or grants access, sent 20 times at once (Promise.all),
// has its effect exactly once, and the ledger's invariant check finds nothing afterwards. Narrower versions of some
// live beside their feature (test/worker/money.test.ts, signups.test.ts, signup-confirmation.test.ts, partners.test.ts);
// this file shows them side by side, at the same concurrency, against one ledger.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { ledgerViolations } from '../../worker/db/ledger';
import { BASE, call, clickThrough, count, DEMO, referredCustomer, seedDemo, server, signIn, widget } from '../worker/helpers';
import { api, seedRivalAndRep } from '../worker/portal-helpers';

const N = 20;
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const at = <T>(n: number, f: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => f(i)));
const statuses = (rs: Response[]) => rs.map((r) => r.status).sort();
const times = <T,>(n: number, value: T): T[] => Array(n).fill(value);
let owner: string;
let manager: string;

async function balanceOf(holderId: string) {
  const b = await env.DB.prepare('SELECT pending_minor AS pending, available_minor AS available, paid_minor AS paid, reversed_minor AS reversed FROM holder_balances WHERE holder_id = ?')
    .bind(holderId)
    .first<{ pending: number; available: number; paid: number; reversed: number }>();
  return b ?? { pending: 0, available: 0, paid: 0, reversed: 0 };
}

const customerRowId = async (externalId: string) => (await env.DB.prepare('SELECT id FROM customers WHERE external_id = ?').bind(externalId).first<{ id: string }>())!.id;

beforeAll(async () => {
  await seedDemo();
  await seedRivalAndRep();
  [owner, manager] = await Promise.all([signIn(), signIn(DEMO.managerEmail)]);
});


describe(`${N} identical requests at once`, () => {
  it('signups from the widget naming one click: one customer, one credit, one commission', async () => {
    const { clickId } = await clickThrough();
    const signup = { customerId: 'race_signup', email: 'race_signup@example.com', clickId };
    const before = await balanceOf(DEMO.partnerId);
    const answers = await at(N, () => widget('/api/v1/signups', signup));
    expect(statuses(answers)).toEqual([...times(N - 1, 200), 201]);
    expect(await count("SELECT count(*) n FROM customers WHERE external_id = 'race_signup'")).toBe(1);
    const id = await customerRowId('race_signup');
    expect(await count("SELECT count(*) n FROM ledger_entries WHERE event_id = ? AND type IN ('signup_credit', 'commission')", id)).toBe(2);
    expect((await balanceOf(DEMO.partnerId)).pending - before.pending).toBe(DEMO.signupCommissionMinor); // awaiting confirmation
  });

  it('confirmations of that signup from the server: released once', async () => {
    const before = await balanceOf(DEMO.partnerId);
    const answers = await at(N, () => server('/api/v1/signups/race_signup/confirmation', {}));
    expect(statuses(answers)).toEqual(times(N, 200));
    const after = await balanceOf(DEMO.partnerId);
    expect([after.available - before.available, before.pending - after.pending]).toEqual([DEMO.signupCommissionMinor, DEMO.signupCommissionMinor]);
    expect(await balanceOf(await customerRowId('race_signup'))).toMatchObject({ available: DEMO.signupCreditMinor, pending: 0 });
  });

  it('signups from the server with a promo code: one customer, one credit', async () => {
    const answers = await at(N, () => server('/api/v1/signups', { customerId: 'race_server', email: 'race_server@example.com', promoCode: DEMO.invitationCode }));
    expect(statuses(answers)).toEqual([...times(N - 1, 200), 201]);
    expect(await count("SELECT count(*) n FROM customers WHERE external_id = 'race_server'")).toBe(1);
    expect(await balanceOf(await customerRowId('race_server'))).toMatchObject({ available: DEMO.signupCreditMinor });
  });

  it('payments of one invoice, each with its own Idempotency-Key: one payment, one commission', async () => {
    const customerId = await referredCustomer();
    const body = { customerId, invoiceId: 'in_race', amount: eur(10_000) };
    const answers = await at(N, (i) => server('/api/v1/payments', body, undefined, { 'Idempotency-Key': `race-pay-${i}` }));
    expect(statuses(answers)).toEqual([...times(N - 1, 200), 201]);
    expect(await count("SELECT count(*) n FROM payments WHERE invoice_id = 'in_race'")).toBe(1);
    expect(await count("SELECT count(*) n FROM ledger_entries e JOIN payments p ON p.id = e.event_id WHERE p.invoice_id = 'in_race' AND e.type = 'commission'")).toBe(1);
  });

  it('refunds with one refund id: one refund, clawed back once', async () => {
    const body = { invoiceId: 'in_race', refundId: 're_race', amount: eur(2500) };
    const answers = await at(N, () => server('/api/v1/refunds', body));
    expect(statuses(answers)).toEqual([...times(N - 1, 200), 201]);
    expect(await count("SELECT count(*) n FROM refunds WHERE refund_ref = 're_race'")).toBe(1);
    expect(await count("SELECT sum(amount_minor) n FROM ledger_entries WHERE type = 'clawback' AND status = 'reversed' AND event_id = (SELECT id FROM refunds WHERE refund_ref = 're_race')")).toBe(500);
  });

  it('top-ups with one reference: one top-up', async () => {
    const before = await balanceOf(DEMO.partnerId);
    const answers = await at(N, () => server('/api/v1/top-ups', { partnerId: DEMO.partnerId, amount: eur(30_000), reference: 'race_topup' }));
    expect(statuses(answers)).toEqual([...times(N - 1, 200), 201]);
    expect((await balanceOf(DEMO.partnerId)).available - before.available).toBe(30_000);
  });

  it('withdrawal requests, by the owner: one request, the amount reserved once', async () => {
    const before = await balanceOf(DEMO.partnerId);
    const answers = await at(N, (i) => api(owner, `/partners/${DEMO.partnerId}/withdrawals`, { amount: eur(6000 + i) }));
    expect(statuses(answers)).toEqual([201, ...times(N - 1, 409)]);
    const open = await env.DB.prepare("SELECT amount_minor FROM withdrawals WHERE partner_id = ? AND status = 'requested'").bind(DEMO.partnerId).all<{ amount_minor: number }>();
    expect(open.results).toHaveLength(1);
    expect(before.available - (await balanceOf(DEMO.partnerId)).available).toBe(open.results[0].amount_minor);
  });

  it('client payments for one interval, each with its own Idempotency-Key: paid once, extended once', async () => {
    const customerId = await referredCustomer();
    const expiresAt = Date.parse('2030-01-15T00:00:00.000Z');
    await server('/api/v1/subscriptions', { customerId, plan: 'pro', status: 'active', amount: eur(2000), interval: 'month', expiresAt: new Date(expiresAt).toISOString() });
    const q = await (await api(owner, `/partners/${DEMO.partnerId}/client-payments/quote?customerId=${customerId}&plan=pro`)).json<any>();
    const before = await balanceOf(DEMO.partnerId);
    const answers = await at(N, (i) =>
      call(`/api/v1/partners/${DEMO.partnerId}/client-payments`, {
        method: 'POST',
        headers: { Cookie: owner, Origin: BASE, 'Content-Type': 'application/json', 'Idempotency-Key': `race-cp-${i}` },
        body: JSON.stringify({ customerId, plan: 'pro', expectedPrice: q.price, paidUntil: q.paidUntil }),
      }),
    );
    expect(statuses(answers)).toEqual([201, ...times(N - 1, 409)]);
    expect(await count('SELECT count(*) n FROM client_payments WHERE customer_id = ?', await customerRowId(customerId))).toBe(1);
    expect(before.available - (await balanceOf(DEMO.partnerId)).available).toBe(q.price.amount);
    expect((await env.DB.prepare('SELECT expires_at FROM subscriptions WHERE customer_id = ?').bind(await customerRowId(customerId)).first<any>()).expires_at).toBe(Date.parse(q.paidUntil));
  });

  it('credit spends with one reference: spent once', async () => {
    const customerId = await referredCustomer(); // 5 EUR of credit
    const answers = await at(N, () => server(`/api/v1/customers/${customerId}/credit-spends`, { amount: eur(300), reference: 'race_order' }));
    expect(statuses(answers)).toEqual([...times(N - 1, 200), 201]);
    expect(await balanceOf(await customerRowId(customerId))).toMatchObject({ available: 200 });
  });

  it('sign-ins with the right password: a session for each one let in, no failure counted', async () => {
    const sessionsBefore = await count("SELECT count(*) n FROM sessions WHERE account_id = 'acc_demo_sales'");
    const answers = await at(N, () => call('/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: BASE }, body: JSON.stringify({ email: DEMO.colleagueEmail, password: DEMO.password }) }));
    // Each attempt is reserved before its password is checked, so at most 10 are in flight for one account: the rest
    // are told to wait (429 with Retry-After) even with the right password. That is the price of a throttle races cannot
    // slip. How long depends on whether the reservations were still in flight when they were refused, so only > 0.
    const signedIn = answers.filter((r) => r.status === 200).length;
    expect(signedIn).toBeGreaterThanOrEqual(10);
    const refused = answers.filter((r) => r.status !== 200);
    expect(refused.map((r) => r.status)).toEqual(times(N - signedIn, 429));
    for (const r of refused) expect(Number(r.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(await count("SELECT count(*) n FROM sessions WHERE account_id = 'acc_demo_sales'")).toBe(sessionsBefore + signedIn);
    expect(await count("SELECT count(*) n FROM failed_sign_ins WHERE key = 'email:sales@demo.test'")).toBe(0);
  });

  it('closes of one reporting period by its manager: closed once, one payout batch holding the open request', async () => {
    const periodId = (await (await api(manager, `/programs/${DEMO.programId}/payouts`)).json<any>()).currentPeriod.id;
    const answers = await at(N, () => api(manager, `/programs/${DEMO.programId}/periods/${periodId}/close`, {}));
    expect(statuses(answers)).toEqual([200, ...times(N - 1, 409)]);
    expect(await count('SELECT count(*) n FROM payout_batches WHERE period_id = ?', periodId)).toBe(1);
    expect(await count("SELECT count(*) n FROM withdrawals WHERE partner_id = ? AND status = 'approved'", DEMO.partnerId)).toBe(1);
  });
});

describe(`${N} requests at once for one account`, () => {
  const post = (path: string, body: unknown) => call(path, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: BASE }, body: JSON.stringify(body) });
  const tokenOf = async (res: Response) => new URL((await res.json<any>()).link).pathname.split('/').pop()!;
  // The losers of a race to accept one invite are refused: 410 once the invite is used, or 429 when more than the
  // throttle's limit of password checks for the new account are in flight at once (each holds a reservation until it
  // ends, so that concurrent guesses cannot slip under the limit). Which of the two depends on timing; that exactly one
  // accept wins does not.
  const oneWinner = (answers: Response[]) => {
    const s = statuses(answers);
    expect(s.filter((x) => x === 200)).toHaveLength(1);
    expect(s.filter((x) => x !== 200 && x !== 410 && x !== 429)).toEqual([]);
  };

  it("accepts of one colleague's invite link: one account, one membership; the link is used", async () => {
    const token = await tokenOf(await api(owner, `/partners/${DEMO.partnerId}/member-invites`, { email: 'race-colleague@demo.test', role: 'manager' }));
    const answers = await at(N, () => post(`/api/v1/member-invites/${token}/accept`, { name: 'Race Colleague', password: 'race-colleague-1' }));
    oneWinner(answers);
    expect(await count("SELECT count(*) n FROM accounts WHERE email = 'race-colleague@demo.test'")).toBe(1);
    expect(await count("SELECT count(*) n FROM members m JOIN accounts a ON a.id = m.account_id WHERE a.email = 'race-colleague@demo.test'")).toBe(1);
  });

  it("accepts of one sales representative's invite link: one account, staff once", async () => {
    const token = await tokenOf(await api(manager, `/programs/${DEMO.programId}/staff`, { email: 'race-rep@demo.test', name: 'Race Rep', role: 'sales_rep' }));
    const answers = await at(N, () => post(`/api/v1/staff-invites/${token}/accept`, { password: 'race-rep-pass' }));
    oneWinner(answers);
    expect(await count("SELECT count(*) n FROM program_staff s JOIN accounts a ON a.id = s.account_id WHERE a.email = 'race-rep@demo.test'")).toBe(1);
  });

  it('accepts of 11 invites for one new email (5 from each of two partners, 1 from the program): one account, in all', async () => {
    const rival = await signIn('rival@other.test', 'rival-pass');
    const invite = (cookie: string, partnerId: string) => api(cookie, `/partners/${partnerId}/member-invites`, { email: 'twice@demo.test', role: 'manager' }).then(tokenOf);
    const tokens = await Promise.all([...times(5, [owner, DEMO.partnerId]), ...times(5, [rival, 'prt_rival'])].map(([cookie, partnerId]) => invite(cookie, partnerId)));
    const staff = await tokenOf(await api(manager, `/programs/${DEMO.programId}/staff`, { email: 'twice@demo.test', name: 'Tia Twice', role: 'sales_rep' }));
    const answers = await Promise.all([
      ...tokens.map((t) => post(`/api/v1/member-invites/${t}/accept`, { name: 'Tia Twice', password: 'twice-pass-1' })),
      post(`/api/v1/staff-invites/${staff}/accept`, { password: 'twice-pass-1' }),
    ]);
    // The first creates the account; the others find it and join it with its password (10 checks: within the limit).
    expect(statuses(answers)).toEqual(times(11, 200));
    expect(await count("SELECT count(*) n FROM accounts WHERE email = 'twice@demo.test'")).toBe(1);
    expect(await count("SELECT count(*) n FROM members m JOIN accounts a ON a.id = m.account_id WHERE a.email = 'twice@demo.test'")).toBe(2);
    expect(await count("SELECT count(*) n FROM program_staff s JOIN accounts a ON a.id = s.account_id WHERE a.email = 'twice@demo.test'")).toBe(1);
    expect(await count("SELECT count(*) n FROM member_invites WHERE email = 'twice@demo.test' AND accepted_at IS NULL")).toBe(0);
  });

  it('registrations with one new email: never a 5xx, one account, and it owns every partner registered', async () => {
    const body = { name: 'Rae Racer', email: 'race-join@join.test', password: 'race-join-pass', partnerName: 'Race Ltd', termsVersion: 1 };
    const answers = await at(N, () => post(`/api/v1/join/${DEMO.programId}`, body));
    const registered = answers.filter((r) => r.status === 201).length;
    // The first creates the account; the others find it and join with its password, as one after the other would
    // (a few wait a second: the password checks of one account are limited, 429).
    expect(answers.filter((r) => r.status !== 201).map((r) => r.status)).toEqual(times(N - registered, 429));
    expect(registered).toBeGreaterThanOrEqual(1);
    expect(await count("SELECT count(*) n FROM accounts WHERE email = 'race-join@join.test'")).toBe(1);
    expect(await count("SELECT count(*) n FROM members m JOIN accounts a ON a.id = m.account_id WHERE a.email = 'race-join@join.test' AND m.role = 'owner'")).toBe(registered);
  });
});

describe(`${N} different requests at once, competing for the same money or limit`, () => {
  it('credit spends, each with its own reference: as many as the credit covers, never below zero', async () => {
    const customerId = await referredCustomer(); // 500
    const answers = await at(N, (i) => server(`/api/v1/customers/${customerId}/credit-spends`, { amount: eur(120), reference: `race_order_${i}` }));
    expect(statuses(answers)).toEqual([...times(4, 201), ...times(N - 4, 422)]);
    expect(await balanceOf(await customerRowId(customerId))).toMatchObject({ available: 20 });
  });

  it('partial refunds of one payment that add up to all of it: the whole commission comes back, not a cent more or less', async () => {
    const customerId = await referredCustomer();
    await server('/api/v1/payments', { customerId, invoiceId: 'in_race_split', amount: eur(10_000) }); // earns 2000, pending
    const lot = (await env.DB.prepare("SELECT e.id FROM ledger_entries e JOIN payments p ON p.id = e.event_id WHERE p.invoice_id = 'in_race_split' AND e.type = 'commission'").first<{ id: string }>())!.id;
    // Three parts whose shares of 2000 round up (666.6, 666.6, 666.8): reported one by one, the last takes what is left.
    const answers = await Promise.all([3333, 3333, 3334].map((amount, i) => server('/api/v1/refunds', { invoiceId: 'in_race_split', refundId: `re_split_${i}`, amount: eur(amount) })));
    expect(statuses(answers)).toEqual([201, 201, 201]);
    expect(await count("SELECT sum(amount_minor) n FROM ledger_entries WHERE lot_id = ? AND type = 'clawback' AND status = 'reversed'", lot)).toBe(2000);
    expect(await count("SELECT sum(amount_minor) n FROM ledger_entries WHERE (id = ?1 OR lot_id = ?1) AND status = 'pending'", lot)).toBe(0);
  });

  it('refunds, each with its own id, of more than was paid in total: refunded at most the payment', async () => {
    const customerId = await referredCustomer();
    await server('/api/v1/payments', { customerId, invoiceId: 'in_race_over', amount: eur(10_000) });
    const answers = await at(N, (i) => server('/api/v1/refunds', { invoiceId: 'in_race_over', refundId: `re_over_${i}`, amount: eur(1000) }));
    expect(statuses(answers)).toEqual([...times(10, 201), ...times(N - 10, 422)]);
    expect(await count("SELECT sum(r.amount_minor) n FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE p.invoice_id = 'in_race_over'")).toBe(10_000);
  });

  it('wrong passwords for one account: exactly 10 checked, the rest paused, and the right one after them is paused too', async () => {
    const attempt = (password: string, i: number) =>
      call('/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: BASE, 'CF-Connecting-IP': `192.0.2.${i}` }, body: JSON.stringify({ email: DEMO.managerEmail, password }) });
    const answers = await at(N, (i) => attempt(`wrong-${i}`, i));
    expect(statuses(answers)).toEqual([...times(10, 401), ...times(N - 10, 429)]);
    expect(await count("SELECT count(*) n FROM failed_sign_ins WHERE key = 'email:manager@demo.test'")).toBe(10);
    expect((await attempt(DEMO.password, 200)).status).toBe(429);
  });
});

describe('after all of it', () => {
  it('every balance is the sum of its entries and no lot gave out more than it earned (ledgerViolations)', async () => {
    expect(await ledgerViolations(env.DB, DEMO.programId)).toEqual({ balances: [], overdrawnLots: [] });
  });
});
