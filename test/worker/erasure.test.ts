// Personal data: ledger reasons name people by id, a customer's and a member's data can be exported and erased
// (ids and money stay, balances unchanged), and migration 0014 rewrites reasons written the old way.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { asUser, BASE, call, count, DEMO, referredCustomer, seedDemo, server, signIn } from './helpers';
import { seedRivalAndRep } from './portal-helpers';
import { hashPassword, sha256Hex } from '../../worker/security/hashing';
import { signCustomerToken } from '../../worker/security/customer-token';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
// A test here makes a dozen real requests (and a few password hashes); on a busy 2-core machine that takes seconds.
const SLOW = { timeout: 30_000 };
const OTHER = { programId: 'prg_erase_other', secretKey: 'sk_erase_other_program_key_1234', managerEmail: 'other-manager@other.test' };
const MEMBER = { accountId: 'acc_erin', memberId: 'mem_erin', partnerId: 'prt_erase', email: 'Erin.Erase@member.test', name: 'Erin Erasewell', password: 'erin-pass-1' };
let partner: string; // the demo partner's owner
let manager: string; // the demo program's manager
let otherManager: string; // a manager of another program

beforeAll(async () => {
  await seedDemo();
  await seedRivalAndRep();
  const now = Date.now();
  const hash = await hashPassword(MEMBER.password);
  await env.DB.batch([
    env.DB.prepare("INSERT INTO programs (id, name, currency, destination_url, created_at) VALUES (?, 'Other Shop', 'EUR', 'https://other.test/', ?)").bind(OTHER.programId, now),
    env.DB.prepare("INSERT INTO api_keys (id, program_id, kind, key_hash, key_hint, created_at) VALUES ('key_erase_other', ?, 'secret', ?, 'sk_erase…', ?)").bind(OTHER.programId, await sha256Hex(OTHER.secretKey), now),
    env.DB.prepare("INSERT INTO accounts (id, email, name, password_hash, created_at) VALUES ('acc_other_manager', ?, 'Olle Other', ?, ?)").bind(OTHER.managerEmail, hash, now),
    env.DB.prepare("INSERT INTO program_staff (program_id, account_id, role) VALUES (?, 'acc_other_manager', 'manager')").bind(OTHER.programId),
    // A partner registered by the member to erase: its contact email and name are hers too.
    env.DB.prepare('INSERT INTO accounts (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)').bind(MEMBER.accountId, MEMBER.email, MEMBER.name, hash, now),
    env.DB.prepare("INSERT INTO partners (id, program_id, number, name, email, contact_name, contact_phone, status, created_at) VALUES (?, ?, 100555, 'Erase AB', ?, ?, '+46 70 000 00 00', 'partner', ?)")
      .bind(MEMBER.partnerId, DEMO.programId, MEMBER.email.toLowerCase(), MEMBER.name, now),
    env.DB.prepare("INSERT INTO members (id, partner_id, account_id, role, created_at) VALUES (?, ?, ?, 'owner', ?)").bind(MEMBER.memberId, MEMBER.partnerId, MEMBER.accountId, now),
    env.DB.prepare("INSERT INTO invitations (id, program_id, partner_id, member_id, code, code_key, active, created_at, updated_at) VALUES ('inv_erin', ?, ?, ?, 'ERIN', 'ERIN', 1, ?, ?)")
      .bind(DEMO.programId, MEMBER.partnerId, MEMBER.memberId, now, now),
    env.DB.prepare("INSERT INTO member_invites (id, partner_id, email, role, token_hash, created_at, expires_at) VALUES ('mbi_erin', ?, ?, 'finance', 'hash_erin', ?, ?)")
      .bind(MEMBER.partnerId, MEMBER.email, now, now + 86_400_000),
  ]);
  [partner, manager, otherManager] = await Promise.all([signIn(), signIn(DEMO.managerEmail), signIn(OTHER.managerEmail, MEMBER.password)]);
}, SLOW.timeout);

/** The tables where a text occurs anywhere, in any column (case-insensitive). */
async function tablesHolding(text: string): Promise<string[]> {
  const { results } = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all<{ name: string }>();
  const found: string[] = [];
  for (const { name } of results.filter((t) => !t.name.startsWith('_cf_') && !t.name.startsWith('sqlite_') && t.name !== 'd1_migrations')) {
    const rows = await env.DB.prepare(`SELECT * FROM "${name}"`).all();
    if (JSON.stringify(rows.results).toLowerCase().includes(text.toLowerCase())) found.push(name);
  }
  return found;
}

const erase = (customerId: string, key: string = DEMO.secretKey) => call(`/api/v1/customers/${encodeURIComponent(customerId)}`, { method: 'DELETE', headers: { Authorization: `Bearer ${key}` } });
const holderBalances = () => env.DB.prepare('SELECT * FROM holder_balances ORDER BY holder_id, currency').all().then((r) => r.results);
let references = 0;
const reference = () => `erase_${++references}_${Date.now().toString(36)}`;

/** A customer with everything we may hold on one: signup, own invitation and a friend it referred, a payment and a
 * refund, a subscription the partner paid for from its balance, and a partner withdrawal beside it. */
async function customerWithHistory(): Promise<{ externalId: string; email: string; id: string; friend: string }> {
  const externalId = await referredCustomer();
  const email = `${externalId}@example.com`;
  const id = (await env.DB.prepare('SELECT id FROM customers WHERE external_id = ?').bind(externalId).first<string>('id'))!;
  const code = `ADV${references}${Date.now().toString(36)}`.toUpperCase();
  const now = Date.now();
  await env.DB.prepare("INSERT INTO invitations (id, program_id, customer_id, code, code_key, campaign, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'Customer referrals', 1, ?, ?)")
    .bind(`inv_${code}`, DEMO.programId, id, code, code, now, now).run();
  const friend = `${externalId}_friend`;
  expect((await server('/api/v1/signups', { customerId: friend, email: `${externalId}.friend@example.com`, promoCode: code })).status).toBe(201);
  const invoiceId = `in_${reference()}`;
  expect((await server('/api/v1/payments', { customerId: externalId, invoiceId, amount: eur(4900), product: 'pro' })).status).toBe(201);
  expect((await server('/api/v1/refunds', { invoiceId, refundId: `re_${reference()}`, amount: eur(900) })).status).toBe(201);
  expect((await server('/api/v1/subscriptions', { customerId: externalId, plan: 'pro', status: 'active', amount: eur(4900), interval: 'month' })).status).toBe(200);
  await server('/api/v1/top-ups', { partnerId: DEMO.partnerId, amount: eur(10_000), reference: `bank_${reference()}` });
  const quote = await (await asUser(partner, `/api/v1/partners/${DEMO.partnerId}/client-payments/quote?customerId=${externalId}&plan=pro`)).json<any>();
  const paid = await asUser(partner, `/api/v1/partners/${DEMO.partnerId}/client-payments`, { customerId: externalId, plan: 'pro', expectedPrice: quote.price, paidUntil: quote.paidUntil });
  expect(paid.status).toBe(201);
  return { externalId, email, id, friend };
}

describe('ledger reasons name people by id, never by email', SLOW, () => {
  it('signup, referral credit, commission, refund, client payment and withdrawal reasons hold no email', async () => {
    const c = await customerWithHistory();
    const withdrawal = await asUser(partner, `/api/v1/partners/${DEMO.partnerId}/withdrawals`, { amount: eur(5000) });
    expect(withdrawal.status).toBe(201);
    const { results } = await env.DB.prepare('SELECT type, event_type, reason FROM ledger_entries WHERE program_id = ?').bind(DEMO.programId).all<{ type: string; event_type: string; reason: string }>();
    expect(new Set(results.map((r) => r.event_type))).toEqual(new Set(['signup', 'payment', 'refund', 'top_up', 'client_payment', 'withdrawal']));
    expect(results.filter((r) => r.reason.includes('@'))).toEqual([]);
    const reasons = results.map((r) => r.reason);
    expect(reasons).toContain(`Signup commission: customer ${c.id} joined with invitation DEMO`);
    expect(reasons).toContain(`Paid customer ${c.id}'s pro subscription (€49.00 less the 10% partner discount)`);
    expect(reasons.some((r) => r.startsWith('Commission: 20% of invoice') && r.endsWith(`(pro) paid by customer ${c.id}`))).toBe(true);
  });

  it("the partner's ledger shows who each entry is about by joining the customer when read", async () => {
    const c = await customerWithHistory();
    const ledger = await (await asUser(partner, `/api/v1/partners/${DEMO.partnerId}/ledger`)).json<any[]>();
    const about = ledger.filter((e) => e.customer?.id === c.id);
    expect(new Set(about.map((e) => e.type))).toEqual(new Set(['commission', 'clawback', 'client_payment']));
    for (const e of about) expect(e.customer).toEqual({ id: c.id, externalId: c.externalId, email: c.email, erased: false, signupStatus: 'confirmed' });
  });
});

describe('a customer: export and erasure (secret key)', SLOW, () => {
  it("exports everything held on the customer: profile, attribution, ledger, subscriptions, payments", async () => {
    const c = await customerWithHistory();
    const res = await server(`/api/v1/customers/${c.externalId}/export`);
    expect(res.status).toBe(200);
    const x = await res.json<any>();
    expect(x.customer).toMatchObject({ id: c.id, externalId: c.externalId, email: c.email, erasedAt: null });
    expect(x.attribution).toMatchObject({ method: 'promo_code', invitationCode: 'DEMO', partnerId: DEMO.partnerId, referredByCustomerId: null, click: null });
    expect(x.ledger.map((e: any) => [e.type, e.amount.amount])).toEqual([['referrer_credit', 500], ['signup_credit', 500]]);
    expect(x.ledger[0].reason).toBe(`Referral credit: customer ${(await env.DB.prepare('SELECT id FROM customers WHERE external_id = ?').bind(c.friend).first<string>('id'))} joined with your invitation ${x.invitations[0].code}`);
    expect(x.balance.available).toEqual(eur(1000));
    expect(x.subscriptions).toEqual([expect.objectContaining({ plan: 'pro', status: 'active', amount: eur(4900), interval: 'month' })]);
    expect(x.payments).toEqual([expect.objectContaining({ amount: eur(4900), product: 'pro', refunds: [expect.objectContaining({ amount: eur(900) })] })]);
    expect(x.clientPayments).toEqual([expect.objectContaining({ partnerId: DEMO.partnerId, plan: 'pro', price: eur(4410) })]);
    expect(x.referredCustomers).toBe(1);
  });

  it('erases the email everywhere, keeps every balance, is idempotent, and shows the customer as erased', async () => {
    const c = await customerWithHistory();
    expect(await tablesHolding(c.email)).toEqual(['customers']);
    const balancesBefore = await holderBalances();
    const entriesBefore = await count('SELECT count(*) n FROM ledger_entries');

    expect((await erase(c.externalId)).status).toBe(204);
    expect((await erase(c.externalId)).status).toBe(204); // erasing again is fine

    expect(await tablesHolding(c.email)).toEqual([]);
    expect(await count('SELECT count(*) n FROM customers WHERE id = ? AND email IS NULL AND erased_at IS NOT NULL', c.id)).toBe(1);
    expect(await holderBalances()).toEqual(balancesBefore);
    expect(await count('SELECT count(*) n FROM ledger_entries')).toBe(entriesBefore);
    expect((await (await asUser(manager, `/api/v1/programs/${DEMO.programId}/ledger/check`)).json<any>()).ok).toBe(true);

    const x = await (await server(`/api/v1/customers/${c.externalId}/export`)).json<any>();
    expect(x.customer).toMatchObject({ id: c.id, externalId: c.externalId, email: null, erasedAt: expect.any(String) });
    expect(x.ledger).toHaveLength(2);
    expect(x.payments).toHaveLength(1);
    // The partner still sees the client by its id at the site, and no longer finds it by the erased email.
    const clients = async (q: string) => (await (await asUser(partner, `/api/v1/partners/${DEMO.partnerId}/clients?q=${encodeURIComponent(q)}`)).json<any>()).items;
    expect(await clients(c.externalId)).toEqual([expect.objectContaining({ id: c.id, email: null, erased: true })]);
    expect(await clients(c.email)).toEqual([]);
    const ledger = await (await asUser(partner, `/api/v1/partners/${DEMO.partnerId}/ledger`)).json<any[]>();
    expect(ledger.filter((e) => e.customer?.id === c.id).every((e) => e.customer.email === null && e.customer.erased)).toBe(true);
    // The money still works: the erased customer's credit can be spent.
    expect((await server(`/api/v1/customers/${c.externalId}/credit-spends`, { amount: eur(100), reference: reference() })).status).toBe(201);
  });

  it("a signup reported after the customer was erased attributes them but never puts their email back", async () => {
    // The referral panel wrote the customer's row unattributed; the customer then asked to be erased.
    const externalId = `panel-erased-${reference()}`;
    const token = await signCustomerToken(DEMO.secretKey, externalId);
    expect((await call('/api/v1/customer-panel', { method: 'POST', headers: { Authorization: `Bearer ${DEMO.publishableKey}`, 'Content-Type': 'application/json', Origin: 'http://127.0.0.1:8788' }, body: JSON.stringify({ customerId: externalId, token }) })).status).toBeLessThan(300);
    expect((await erase(externalId)).status).toBe(204);
    const signup = await server('/api/v1/signups', { customerId: externalId, email: `${externalId}@example.com`, promoCode: DEMO.invitationCode });
    expect(signup.status).toBe(201);
    expect(await count("SELECT count(*) n FROM customers WHERE external_id = ? AND email IS NULL AND erased_at IS NOT NULL AND partner_id IS NOT NULL", externalId)).toBe(1);
    expect(await tablesHolding(`${externalId}@example.com`)).toEqual([]);
  });

  it('a customer who came through a click: the export shows the visit, and erasure removes its visitor hash', async () => {
    const now = Date.now();
    await env.DB.batch([
      env.DB.prepare("INSERT INTO clicks (id, program_id, invitation_id, source, referrer_domain, country, device, browser, visitor_hash, created_at) VALUES ('clk_erase', ?, 'inv_demo', 'qr', 'news.test', 'SE', 'mobile', 'Firefox', 'vh_erase', ?)")
        .bind(DEMO.programId, now - 60_000),
      env.DB.prepare("INSERT INTO customers (id, program_id, external_id, email, invitation_id, partner_id, click_id, attribution_method, created_at) VALUES ('cus_clicked', ?, 'clicked', 'clicked@example.com', 'inv_demo', ?, 'clk_erase', 'click', ?)")
        .bind(DEMO.programId, DEMO.partnerId, now),
    ]);
    const x = await (await server('/api/v1/customers/clicked/export')).json<any>();
    expect(x.attribution).toMatchObject({ method: 'click', invitationCode: 'DEMO', click: { id: 'clk_erase', source: 'qr', referrerDomain: 'news.test', country: 'SE', device: 'mobile', browser: 'Firefox' } });
    expect((await erase('clicked')).status).toBe(204);
    expect(await count("SELECT count(*) n FROM clicks WHERE id = 'clk_erase' AND visitor_hash IS NULL")).toBe(1);
    expect(await count("SELECT count(*) n FROM customers WHERE id = 'cus_clicked' AND click_id = 'clk_erase' AND invitation_id = 'inv_demo'")).toBe(1); // attribution stays
  });

  it("answers 404 for an unknown customer and for another program's key, 403 for the publishable key, 401 without a key", async () => {
    const c = await customerWithHistory();
    expect((await erase('nobody-here')).status).toBe(404);
    const other = await erase(c.externalId, OTHER.secretKey);
    expect(other.status).toBe(404);
    expect((await other.json<any>()).error.code).toBe('not_found');
    expect((await server(`/api/v1/customers/${c.externalId}/export`, undefined, OTHER.secretKey)).status).toBe(404);
    expect((await erase(c.externalId, DEMO.publishableKey)).status).toBe(403);
    expect((await call(`/api/v1/customers/${c.externalId}`, { method: 'DELETE' })).status).toBe(401);
    expect(await count('SELECT count(*) n FROM customers WHERE id = ? AND email = ? AND erased_at IS NULL', c.id, c.email)).toBe(1);
  });
});

describe('a partner member: export and erasure (program managers, on the partner request)', SLOW, () => {
  const path = (suffix: string, programId: string = DEMO.programId, partnerId: string = MEMBER.partnerId, memberId: string = MEMBER.memberId) =>
    `/api/v1/programs/${programId}/partners/${partnerId}/members/${memberId}/${suffix}`;
  const del = (cookie: string, p = path('personal-data')) => asUser(cookie, p, undefined, { method: 'DELETE' });

  it('only a manager of the partner’s program may: the member, another partner, a sales rep and another program get 403/404', async () => {
    const erin = await signIn(MEMBER.email, MEMBER.password);
    const rival = await signIn('rival@other.test', 'rival-pass');
    const rep = await signIn('rep@demo.test', 'rival-pass');
    expect((await del(erin)).status).toBe(404);
    expect((await del(partner)).status).toBe(404);
    expect((await del(rival)).status).toBe(404);
    expect((await del(rep)).status).toBe(403);
    expect((await del(otherManager)).status).toBe(404);
    expect((await del(otherManager, path('personal-data', OTHER.programId))).status).toBe(404);
    expect((await del(manager, path('personal-data', DEMO.programId, 'prt_rival'))).status).toBe(404); // a member of another partner
    expect((await del(manager, path('personal-data', DEMO.programId, MEMBER.partnerId, 'mem_nobody'))).status).toBe(404);
    expect((await asUser(erin, path('export'))).status).toBe(404);
    expect((await asUser(otherManager, path('export'))).status).toBe(404);
    expect(await count('SELECT count(*) n FROM accounts WHERE id = ? AND email = ? AND erased_at IS NULL', MEMBER.accountId, MEMBER.email)).toBe(1);
  });

  it('erases a member whose account only this partner uses, and refuses (409) one another partner also uses', async () => {
    const res = await del(manager, path('personal-data', DEMO.programId, DEMO.partnerId, 'mem_demo_sales'));
    expect(res.status).toBe(204); // a member of this partner only: may be erased
    await env.DB.prepare("INSERT INTO members (id, partner_id, account_id, role, created_at) VALUES ('mem_rival_twice', 'prt_rival', 'acc_demo_partner', 'manager', 0)").run();
    const shared = await del(manager, path('personal-data', DEMO.programId, DEMO.partnerId, 'mem_demo_owner'));
    expect(shared.status).toBe(409);
    expect((await shared.json<any>()).error.code).toBe('account_shared');
    expect(await count("SELECT count(*) n FROM accounts WHERE id = 'acc_demo_partner' AND email = ? AND erased_at IS NULL", DEMO.partnerEmail)).toBe(1);
  });

  it('exports the member’s data, then erases it: no sign-in, no session, the email nowhere, and erasing again is fine', async () => {
    const erin = await signIn(MEMBER.email, MEMBER.password);
    const exported = await asUser(manager, path('export'));
    expect(exported.status).toBe(200);
    const x = await exported.json<any>();
    expect(x.account).toMatchObject({ id: MEMBER.accountId, email: MEMBER.email, name: MEMBER.name, erasedAt: null });
    expect(x.membership).toMatchObject({ id: MEMBER.memberId, partnerId: MEMBER.partnerId, role: 'owner' });
    expect(x.invitations).toEqual([expect.objectContaining({ id: 'inv_erin', code: 'ERIN' })]);
    expect(x.sessions.length).toBeGreaterThanOrEqual(1);
    expect(await tablesHolding(MEMBER.email)).toEqual(['accounts', 'partners', 'member_invites']);

    expect((await del(manager)).status).toBe(204);
    expect((await del(manager)).status).toBe(204);

    expect(await tablesHolding(MEMBER.email)).toEqual([]);
    expect(await tablesHolding(MEMBER.name)).toEqual([]);
    expect((await asUser(erin, '/api/v1/session')).status).toBe(401); // the session ended
    const again = await call('/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: BASE }, body: JSON.stringify({ email: MEMBER.email, password: MEMBER.password }) });
    expect(again.status).not.toBe(200);
    expect(again.headers.get('Set-Cookie')).toBeNull();
    expect(await count("SELECT count(*) n FROM accounts WHERE id = ? AND password_hash = '' AND email NOT LIKE '%@%'", MEMBER.accountId)).toBe(1);

    const members = await (await asUser(manager, `/api/v1/partners/${MEMBER.partnerId}/members`)).json<any[]>();
    expect(members).toEqual([{ id: MEMBER.memberId, name: '', email: '', role: 'owner', erased: true }]);
    const after = await (await asUser(manager, path('export'))).json<any>();
    expect(after.account).toMatchObject({ id: MEMBER.accountId, email: null, name: null, erasedAt: expect.any(String) });
    expect(after.invitations).toHaveLength(1); // what the member did for the partner stays, under ids
    expect(after.sessions).toEqual([]);
  });
});

describe('migration 0014 rewrites reasons written the old way', () => {
  it('every email in a reason becomes "customer <id>", amounts and balances stay, and the ledger is append-only again', async () => {
    const now = Date.now();
    await env.DB.batch([
      env.DB.prepare("INSERT INTO customers (id, program_id, external_id, email, created_at) VALUES ('cus_old_ann', ?, 'old-ann', 'ann@old.test', ?)").bind(DEMO.programId, now),
      env.DB.prepare("INSERT INTO customers (id, program_id, external_id, email, created_at) VALUES ('cus_old_joann', ?, 'old-joann', 'joann@old.test', ?)").bind(DEMO.programId, now),
    ]);
    const old: [string, string, string | null][] = [
      ['led_old_1', 'Signup commission: joann@old.test joined with invitation DEMO', 'cus_old_joann'],
      ['led_old_2', 'Referral credit: ann@old.test joined with your invitation FRIEND', 'cus_old_ann'],
      ['led_old_3', 'Hold ended: Commission: 20% of invoice in_9 (pro) paid by ann@old.test (part 2 of 2: 75% after 180 days)', 'cus_old_ann'],
      ['led_old_4', "Paid joann@old.test's pro subscription (€49.00 less the 10% partner discount)", null],
      ['led_old_5', 'Second tier: 10% of P100001\'s signup commission: ann@old.test joined with invitation DEMO', 'cus_old_ann'],
      ['led_old_6', 'Credit spent: order for someone@elsewhere.test', null],
    ];
    await env.DB.batch(
      old.map(([id, reason, subject], i) =>
        env.DB.prepare(
          `INSERT INTO ledger_entries (id, program_id, partner_id, type, amount_minor, currency, status, reason, event_type, event_id, idempotency_key, subject_customer_id, created_at)
           VALUES (?, ?, ?, 'commission', ?, 'EUR', 'available', ?, 'old', ?, ?, ?, ?)`,
        ).bind(id, DEMO.programId, DEMO.partnerId, 100 + i, reason, id, `old:${id}`, subject, now),
      ),
    );
    const balancesBefore = await holderBalances();
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.startsWith('0014_'))!;
    // The schema changes ran with the migrations; the rewrite and the guard run again here, over the old-style rows.
    for (const q of migration.queries.filter((q) => !/^\s*ALTER TABLE/i.test(q))) await env.DB.prepare(q).run();

    const { results } = await env.DB.prepare("SELECT id, reason, amount_minor FROM ledger_entries WHERE id LIKE 'led_old_%' ORDER BY id").all<{ id: string; reason: string; amount_minor: number }>();
    expect(results.map((r) => r.reason)).toEqual([
      'Signup commission: customer cus_old_joann joined with invitation DEMO',
      'Referral credit: customer cus_old_ann joined with your invitation FRIEND',
      'Hold ended: Commission: 20% of invoice in_9 (pro) paid by customer cus_old_ann (part 2 of 2: 75% after 180 days)',
      "Paid customer cus_old_joann's pro subscription (€49.00 less the 10% partner discount)",
      "Second tier: 10% of P100001's signup commission: customer cus_old_ann joined with invitation DEMO",
      'Credit spent: order for someone@elsewhere.test', // not a customer's email: the site's own words stay
    ]);
    expect(results.map((r) => r.amount_minor)).toEqual([100, 101, 102, 103, 104, 105]);
    expect(await holderBalances()).toEqual(balancesBefore);
    await expect(env.DB.prepare("UPDATE ledger_entries SET reason = 'x' WHERE id = 'led_old_1'").run()).rejects.toThrow(/append-only/);
  });
});
