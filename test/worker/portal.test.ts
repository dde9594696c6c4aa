import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { count, DEMO, seedDemo, server, signIn } from './helpers';
import { api, seedRivalAndRep } from './portal-helpers';

beforeAll(async () => {
  await seedDemo();
  await seedRivalAndRep();
});

const cookieOf = (res: Response) => res.headers.get('Set-Cookie')!.split(';')[0];

describe('joining through the registration link', () => {
  it('shows the program and its current terms to anyone', async () => {
    const res = await api(null, `/join/${DEMO.programId}`);
    expect(res.status).toBe(200);
    const body = await res.json<any>();
    expect(body).toMatchObject({ programId: DEMO.programId, programName: 'Demo Shop', terms: { version: 1 } });
    expect(body.terms.body).toContain('Partner terms');
  });

  it('registers an affiliate A123456 with the accepted terms version, signs in, and approval makes it P with the same number', async () => {
    const res = await api(null, `/join/${DEMO.programId}`, { name: 'Ann Applicant', email: 'ann@join.test', password: 'long-enough', partnerName: 'Ann Consulting', company: 'Ann Consulting Oy', termsVersion: 1 });
    expect(res.status).toBe(201);
    const { partnerId, displayId } = await res.json<any>();
    expect(displayId).toMatch(/^A\d{6}$/);
    const row = await env.DB.prepare('SELECT status, terms_version, terms_accepted_at FROM partners WHERE id = ?').bind(partnerId).first<any>();
    expect(row).toMatchObject({ status: 'affiliate', terms_version: 1 });
    expect(row.terms_accepted_at).toBeGreaterThan(0);

    const profile = await (await api(cookieOf(res), `/partners/${partnerId}/profile`)).json<any>();
    expect(profile).toMatchObject({ displayId, status: 'affiliate', termsVersion: 1, contactName: 'Ann Applicant', company: 'Ann Consulting Oy' });

    const manager = await signIn(DEMO.managerEmail);
    const approved = await api(manager, `/programs/${DEMO.programId}/partners/${partnerId}/status`, { action: 'approve' });
    expect(approved.status).toBe(200);
    expect((await approved.json<any>()).displayId).toBe(`P${displayId.slice(1)}`);
    const session = await (await api(await signIn('ann@join.test', 'long-enough'), '/session')).json<any>();
    expect(session.partners).toEqual([{ id: partnerId, displayId: `P${displayId.slice(1)}`, name: 'Ann Consulting', role: 'owner' }]);
  });

  it('refuses terms that are not the current version (409) and writes nothing', async () => {
    const before = await count('SELECT count(*) n FROM partners');
    const res = await api(null, `/join/${DEMO.programId}`, { name: 'Old', email: 'old@join.test', password: 'long-enough', partnerName: 'Old Terms', termsVersion: 7 });
    expect(res.status).toBe(409);
    expect((await res.json<any>()).error.code).toBe('terms_changed');
    expect(await count('SELECT count(*) n FROM partners')).toBe(before);
  });

  it("refuses to attach a partner to an existing account without that account's password", async () => {
    const res = await api(null, `/join/${DEMO.programId}`, { name: 'Mallory', email: DEMO.partnerEmail, password: 'not-petras-password', partnerName: 'Hijack', termsVersion: 1 });
    expect(res.status).toBe(401);
    expect(await count("SELECT count(*) n FROM partners WHERE name = 'Hijack'")).toBe(0);
  });
});

describe('status changes in the console', () => {
  async function applicant(email: string) {
    const res = await api(null, `/join/${DEMO.programId}`, { name: 'X', email, password: 'long-enough', partnerName: `P ${email}`, termsVersion: 1 });
    return { partnerId: (await res.json<any>()).partnerId as string, cookie: cookieOf(res) };
  }

  it('needs a reason to reject, shows it to the partner, and reinstating a rejection makes an applicant again', async () => {
    const manager = await signIn(DEMO.managerEmail);
    const { partnerId, cookie } = await applicant('rejected@join.test');
    const path = `/programs/${DEMO.programId}/partners/${partnerId}/status`;
    expect((await api(manager, path, { action: 'reject' })).status).toBe(400);
    expect((await api(manager, path, { action: 'reject', reason: 'Not a fit for our market' })).status).toBe(200);
    const profile = await (await api(cookie, `/partners/${partnerId}/profile`)).json<any>();
    expect(profile).toMatchObject({ status: 'rejected', statusReason: 'Not a fit for our market' });
    expect(profile.displayId).toMatch(/^A/);
    const back = await (await api(manager, path, { action: 'reinstate' })).json<any>();
    expect(back).toMatchObject({ status: 'affiliate', actions: ['approve', 'reject'] });
    expect(await count("SELECT count(*) n FROM partner_status_changes WHERE partner_id = ? AND to_status = 'rejected' AND reason = 'Not a fit for our market'", partnerId)).toBe(1);
  });

  it('suspends a partner with a reason and reinstates it; a suspension from the wrong status is 409', async () => {
    const manager = await signIn(DEMO.managerEmail);
    const { partnerId } = await applicant('suspended@join.test');
    const path = `/programs/${DEMO.programId}/partners/${partnerId}/status`;
    expect((await api(manager, path, { action: 'suspend', reason: 'x' })).status).toBe(409);
    await api(manager, path, { action: 'approve' });
    const suspended = await (await api(manager, path, { action: 'suspend', reason: 'Spam complaints' })).json<any>();
    expect(suspended).toMatchObject({ status: 'suspended', statusReason: 'Spam complaints', actions: ['reinstate'] });
    expect(suspended.displayId).toMatch(/^P/);
    expect((await (await api(manager, path, { action: 'reinstate' })).json<any>()).status).toBe('partner');
  });

  it('assigns a sales representative from the staff, and refuses anyone else', async () => {
    const manager = await signIn(DEMO.managerEmail);
    const path = `/programs/${DEMO.programId}/partners/${DEMO.partnerId}/sales-rep`;
    expect((await api(manager, path, { accountId: 'acc_rival' }, 'PUT')).status).toBe(400);
    const res = await api(manager, path, { accountId: 'acc_rep' }, 'PUT');
    expect((await res.json<any>()).salesRep).toEqual({ id: 'acc_rep', name: 'Rob Rep' });
  });
});

describe('members', () => {
  it('lets the owner invite a colleague by link (token stored hashed); accepting creates the account and signs in', async () => {
    const owner = await signIn();
    const res = await api(owner, `/partners/${DEMO.partnerId}/member-invites`, { email: 'fiona@demo.test', role: 'finance' });
    expect(res.status).toBe(201);
    const { link, status } = await res.json<any>();
    expect(status).toBe('pending');
    const token = link.split('/accept/')[1];
    expect(await count('SELECT count(*) n FROM member_invites WHERE token_hash = ?', token)).toBe(0);
    expect(await count('SELECT count(*) n FROM member_invites WHERE email = ?', 'fiona@demo.test')).toBe(1);

    expect(await (await api(null, `/member-invites/${token}`)).json()).toEqual({ partnerName: DEMO.partnerName, email: 'fiona@demo.test', role: 'finance', accountExists: false });
    expect((await api(null, `/member-invites/${token}/accept`, { password: 'long-enough' })).status).toBe(400);
    const accepted = await api(null, `/member-invites/${token}/accept`, { name: 'Fiona Finance', password: 'long-enough' });
    expect(accepted.status).toBe(200);
    const members = await (await api(cookieOf(accepted), `/partners/${DEMO.partnerId}/members`)).json<any[]>();
    expect(members.find((m) => m.email === 'fiona@demo.test')).toMatchObject({ name: 'Fiona Finance', role: 'finance' });
    expect((await api(null, `/member-invites/${token}/accept`, { name: 'Again', password: 'long-enough' })).status).toBe(410);
  });

  it("links an existing account with its own password only", async () => {
    const owner = await signIn();
    const { link } = await (await api(owner, `/partners/${DEMO.partnerId}/member-invites`, { email: 'rep@demo.test', role: 'manager' })).json<any>();
    const token = link.split('/accept/')[1];
    expect((await (await api(null, `/member-invites/${token}`)).json<any>()).accountExists).toBe(true);
    expect((await api(null, `/member-invites/${token}/accept`, { password: 'wrong-password' })).status).toBe(401);
    expect((await api(null, `/member-invites/${token}/accept`, { password: 'rival-pass' })).status).toBe(200);
    expect(await count("SELECT count(*) n FROM members WHERE partner_id = ? AND account_id = 'acc_rep' AND role = 'manager'", DEMO.partnerId)).toBe(1);
  });

  it('lets only owners invite (a manager member gets 403)', async () => {
    const colleague = await signIn(DEMO.colleagueEmail);
    expect((await api(colleague, `/partners/${DEMO.partnerId}/member-invites`, { email: 'x@demo.test', role: 'owner' })).status).toBe(403);
  });
});

describe('referrals', () => {
  it('registers one with its first audit entry, edits stage, value and notes with one entry per changed field', async () => {
    const cookie = await signIn();
    const created = await (await api(cookie, `/partners/${DEMO.partnerId}/referrals`, { customerName: 'Northwind Traders', contactPersons: 'Nina North', valueMinor: 250000 })).json<any>();
    expect(created).toMatchObject({ stage: 'new', type: 'partner_to_program', value: { amount: 250000, currency: 'EUR' }, changes: [{ field: 'created', by: 'Petra Partner' }] });
    const edited = await api(cookie, `/partners/${DEMO.partnerId}/referrals/${created.id}`, { stage: 'in_progress', notes: 'Demo booked', valueMinor: 250000 }, 'PATCH');
    const body = await edited.json<any>();
    expect(body).toMatchObject({ stage: 'in_progress', notes: 'Demo booked' });
    expect(body.changes.map((c: any) => [c.field, c.oldValue, c.newValue]).sort()).toEqual([['created', null, 'Northwind Traders'], ['notes', null, 'Demo booked'], ['stage', 'new', 'in_progress']]);
  });

  it('searches any field but the creation date, sorts, and pages on the server', async () => {
    const cookie = await signIn();
    for (const [name, value, product] of [['Alpha Oy', 100000, 'Widgets'], ['Beta AB', 300000, 'Gadgets'], ['Gamma GmbH', 200000, 'Widgets']] as const) {
      await api(cookie, `/partners/${DEMO.partnerId}/referrals`, { customerName: name, valueMinor: value, product });
    }
    const list = async (q: string) => (await api(cookie, `/partners/${DEMO.partnerId}/referrals?${q}`)).json<any>();
    expect((await list('q=widgets&sort=customerName&dir=asc')).items.map((r: any) => r.customerName)).toEqual(['Alpha Oy', 'Gamma GmbH']);
    expect((await list('q=in%20progress')).items.map((r: any) => r.customerName)).toEqual(['Northwind Traders']);
    expect((await list('q=3000')).items.map((r: any) => r.customerName)).toEqual(['Beta AB']);
    expect((await list('q=100%25')).total).toBe(0); // a % in the search is a character, not a wildcard
    const page2 = await list('sort=value&dir=desc&pageSize=2&page=2');
    expect(page2).toMatchObject({ total: 4, page: 2, pageSize: 2 });
    expect(page2.items.map((r: any) => r.customerName)).toEqual(['Gamma GmbH', 'Alpha Oy']);
    expect((await api(cookie, `/partners/${DEMO.partnerId}/referrals?sort=registered_at;drop`)).status).toBe(400);
  });
});

describe('clients and settings', () => {
  it("lists the partner's customers with their subscriptions", async () => {
    const now = Date.now();
    await env.DB.batch([
      env.DB.prepare("INSERT INTO customers (id, program_id, external_id, email, invitation_id, partner_id, attribution_method, created_at) VALUES ('cus_p1', ?, 'shop-1', 'c1@shop.test', 'inv_demo', ?, 'promo_code', ?)").bind(DEMO.programId, DEMO.partnerId, now),
      env.DB.prepare("INSERT INTO subscriptions (id, program_id, customer_id, plan, status, amount_minor, currency, expires_at, updated_at) VALUES ('sub_p1', ?, 'cus_p1', 'Pro', 'active', 4900, 'EUR', ?, ?)").bind(DEMO.programId, now + 86_400_000, now),
    ]);
    const clients = await (await api(await signIn(), `/partners/${DEMO.partnerId}/clients`)).json<any>();
    expect(clients).toMatchObject({ total: 1, page: 1, pageSize: 50 });
    expect(clients.items).toEqual([
      expect.objectContaining({ externalId: 'shop-1', invitationCode: 'DEMO', subscriptions: [{ plan: 'Pro', status: 'active', amount: { amount: 4900, currency: 'EUR' }, expiresAt: new Date(now + 86_400_000).toISOString() }] }),
    ]);
  });

  it('saves onboarding details, clearing a field with an empty string', async () => {
    const cookie = await signIn();
    const path = `/partners/${DEMO.partnerId}/profile`;
    await api(cookie, path, { payoutMethod: 'bank_account', payoutDetails: 'FI21 1234 5600 0007 85', taxId: 'FI12345678', billingAddress: 'Street 1, Helsinki', contactPhone: '+358 1' }, 'PATCH');
    const after = await (await api(cookie, path, { contactPhone: '' }, 'PATCH')).json<any>();
    expect(after).toMatchObject({ payoutMethod: 'bank_account', payoutDetails: 'FI21 1234 5600 0007 85', taxId: 'FI12345678', contactPhone: null });
  });

  it('changes program settings, keeping the destination on an allowed origin', async () => {
    const manager = await signIn(DEMO.managerEmail);
    const path = `/programs/${DEMO.programId}/settings`;
    const res = await api(manager, path, { attributionWindowDays: 45, attributionModel: 'last_touch', signupCreditMinor: 700, withdrawalMinimumMinor: 2500, reportingPeriod: 'weekly', partnerDiscountBps: 1000 }, 'PATCH');
    expect(await res.json()).toMatchObject({ attributionWindowDays: 45, attributionModel: 'last_touch', signupCredit: { amount: 700, currency: 'EUR' }, withdrawalMinimum: { amount: 2500 }, reportingPeriod: 'weekly', partnerDiscountBps: 1000 });
    expect((await api(manager, path, { destinationUrl: 'https://elsewhere.example/' }, 'PATCH')).status).toBe(400);
    await api(manager, path, { attributionWindowDays: 30, attributionModel: 'first_touch', signupCreditMinor: 500, withdrawalMinimumMinor: 5000, reportingPeriod: 'monthly', partnerDiscountBps: 0 }, 'PATCH');
  });

  it('publishes new terms as the next version', async () => {
    const manager = await signIn(DEMO.managerEmail);
    const res = await api(manager, `/programs/${DEMO.programId}/terms`, { body: 'Version two of the partner terms, longer.' });
    expect((await res.json<any>()).version).toBe(2);
    expect((await (await api(null, `/join/${DEMO.programId}`)).json<any>()).terms.version).toBe(2);
  });
});

describe('keys and overview', () => {
  it('shows a new secret key once, stores only its hash, and a revoked key stops working', async () => {
    const manager = await signIn(DEMO.managerEmail);
    const created = await (await api(manager, `/programs/${DEMO.programId}/keys`, { kind: 'secret' })).json<any>();
    expect(created.key).toMatch(/^sk_[\w-]{32}$/);
    expect(await count('SELECT count(*) n FROM api_keys WHERE key_hash = ? OR key_hint = ?', created.key, created.key)).toBe(0);
    const list = await (await api(manager, `/programs/${DEMO.programId}/keys`)).json<any[]>();
    expect(list.find((k) => k.id === created.id)).toEqual({ id: created.id, kind: 'secret', hint: created.hint, createdAt: created.createdAt, revokedAt: null });
    expect(JSON.stringify(list)).not.toContain(created.key);
    const withKey = () => server('/api/v1/customers/nobody/balance', undefined, created.key);
    expect((await withKey()).status).not.toBe(401);
    expect((await api(manager, `/programs/${DEMO.programId}/keys/${created.id}`, undefined, 'DELETE')).status).toBe(200);
    expect((await withKey()).status).toBe(401);
  });

  it('counts partners, referrals, successful referrals and signups for the period', async () => {
    const manager = await signIn(DEMO.managerEmail);
    const cookie = await signIn();
    const today = new Date().toISOString().slice(0, 10);
    const { items } = await (await api(cookie, `/partners/${DEMO.partnerId}/referrals?q=Beta`)).json<any>();
    // A partner's own Won counts for nothing: only the program confirms a lead and sets it won.
    expect((await api(cookie, `/partners/${DEMO.partnerId}/referrals/${items[0].id}`, { stage: 'won' }, 'PATCH')).status).toBe(403);
    const lead = `/programs/${DEMO.programId}/referrals/${items[0].id}`;
    expect((await api(manager, `${lead}/decision`, { decision: 'confirm', ownerId: 'acc_demo_manager' })).status).toBe(200);
    expect((await api(manager, lead, { stage: 'won', valueMinor: 300000, contractDate: today }, 'PATCH')).status).toBe(200);
    const m = await (await api(manager, `/programs/${DEMO.programId}/metrics?from=${today}&to=${today}`)).json<any>();
    expect(m.partners.total).toBe(await count('SELECT count(*) n FROM partners WHERE program_id = ?', DEMO.programId));
    expect(m.pipeline.current.leads).toBe(await count("SELECT count(*) n FROM referrals WHERE program_id = ? AND type = 'partner_to_program'", DEMO.programId));
    expect(m.pipeline.current.won).toBe(1);
    expect(m.pipeline.current.signups).toBe(1);
  });
});
