import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASE, call, count, DEMO, referredCustomer, seedDemo, signIn } from './helpers';
import { hashPassword } from '../../worker/security/hashing';

const json = (cookie: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') => ({
  method,
  headers: { Cookie: cookie, 'Content-Type': 'application/json', Origin: BASE },
  body: body === undefined ? undefined : JSON.stringify(body),
});

/** A second partner with its own member, to prove partners never see each other. */
async function seedRival() {
  const now = Date.now();
  const hash = await hashPassword('rival-pass');
  await env.DB.batch([
    env.DB.prepare("INSERT OR IGNORE INTO accounts (id, email, name, password_hash, created_at) VALUES ('acc_rival', 'rival@other.test', 'Rita Rival', ?, ?)").bind(hash, now),
    env.DB.prepare("INSERT OR IGNORE INTO partners (id, program_id, number, name, email, status, created_at) VALUES ('prt_rival', ?, 100002, 'Rival Ltd', 'rival@other.test', 'partner', ?)").bind(DEMO.programId, now),
    env.DB.prepare("INSERT OR IGNORE INTO members (id, partner_id, account_id, role, created_at) VALUES ('mem_rival', 'prt_rival', 'acc_rival', 'owner', ?)").bind(now),
  ]);
}

beforeAll(async () => {
  await seedDemo();
  await seedRival();
});

describe('session', () => {
  it('signs in with an HttpOnly, SameSite=Strict cookie and stores only a hash of the token', async () => {
    const res = await call('/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: BASE }, body: JSON.stringify({ email: DEMO.partnerEmail, password: DEMO.password }) });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('Set-Cookie')!;
    expect(setCookie).toMatch(/^edgeref_session=[\w-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const token = setCookie.split(';')[0].split('=')[1];
    expect(await count('SELECT count(*) n FROM sessions WHERE id_hash = ?', token)).toBe(0);
    const body = await res.json<any>();
    expect(body.partners).toEqual([{ id: DEMO.partnerId, displayId: 'P100001', name: DEMO.partnerName, role: 'owner' }]);
  });

  it('refuses a wrong password with 401 and no cookie', async () => {
    const res = await call('/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: BASE }, body: JSON.stringify({ email: DEMO.partnerEmail, password: 'wrong' }) });
    expect(res.status).toBe(401);
    expect(res.headers.get('Set-Cookie')).toBeNull();
    expect((await res.json<any>()).error.code).toBe('invalid_credentials');
  });

  it('refuses a cross-site sign-in or change (CSRF) with 403', async () => {
    const cookie = await signIn();
    const login = await call('/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' }, body: JSON.stringify({ email: DEMO.partnerEmail, password: DEMO.password }) });
    expect(login.status).toBe(403);
    const before = await count('SELECT count(*) n FROM invitations');
    const create = await call(`/api/v1/partners/${DEMO.partnerId}/invitations`, { ...json(cookie, { campaign: 'x' }), headers: { Cookie: cookie, 'Content-Type': 'application/json', Origin: 'https://evil.example' } });
    expect(create.status).toBe(403);
    const noOrigin = await call(`/api/v1/partners/${DEMO.partnerId}/invitations`, { method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/json' }, body: '{}' });
    expect(noOrigin.status).toBe(403);
    expect(await count('SELECT count(*) n FROM invitations')).toBe(before);
  });

  it('signs out, after which the cookie no longer works', async () => {
    const cookie = await signIn();
    expect((await call('/api/v1/session', json(cookie))).status).toBe(200);
    expect((await call('/api/v1/session', json(cookie, undefined, 'DELETE'))).status).toBe(204);
    expect((await call('/api/v1/session', json(cookie))).status).toBe(401);
  });
});

describe('partner data is the partner\'s own', () => {
  it('shows the partner its summary, members, invitations and ledger', async () => {
    const cookie = await signIn();
    const summary = await (await call(`/api/v1/partners/${DEMO.partnerId}`, json(cookie))).json<any>();
    expect(summary).toMatchObject({ displayId: 'P100001', name: DEMO.partnerName, status: 'partner', balance: { available: { amount: 0, currency: 'EUR' } } });
    const members = await (await call(`/api/v1/partners/${DEMO.partnerId}/members`, json(cookie))).json<any[]>();
    expect(members.map((m) => m.email).sort()).toEqual([DEMO.partnerEmail, DEMO.colleagueEmail]);
    const invitations = await (await call(`/api/v1/partners/${DEMO.partnerId}/invitations`, json(cookie))).json<any[]>();
    expect(invitations[0]).toMatchObject({ code: 'DEMO', campaign: 'Launch', link: `${BASE}/r/DEMO`, qrPng: `${BASE}/r/DEMO/qr.png` });
    expect((await call(`/api/v1/partners/${DEMO.partnerId}/ledger`, json(cookie))).status).toBe(200);
  });

  it("totals the summary's clicks, scans and signups over all of the partner's invitations", async () => {
    const cookie = await signIn();
    expect((await call(`/api/v1/partners/${DEMO.partnerId}/invitations`, json(cookie, { code: 'Summary-Two' }))).status).toBe(201);
    await referredCustomer();
    await referredCustomer('SUMMARY-TWO');
    await referredCustomer('SUMMARY-TWO');
    const summary = await (await call(`/api/v1/partners/${DEMO.partnerId}`, json(cookie))).json<any>();
    const invitations = await (await call(`/api/v1/partners/${DEMO.partnerId}/invitations`, json(cookie))).json<any[]>();
    const total = (k: 'clicks' | 'scans' | 'signups') => invitations.reduce((n, i) => n + i.stats[k], 0);
    expect(invitations.find((i) => i.code === 'Summary-Two').stats.signups).toBe(2);
    expect(summary.stats).toEqual({ clicks: total('clicks'), scans: total('scans'), signups: total('signups') });
    expect(summary.stats.signups).toBeGreaterThanOrEqual(3);
  });

  for (const path of ['', '/members', '/invitations', '/ledger']) {
    it(`hides another partner's ${path || 'summary'} (404) from a member of a different partner`, async () => {
      const rival = await signIn('rival@other.test', 'rival-pass');
      const res = await call(`/api/v1/partners/${DEMO.partnerId}${path}`, json(rival));
      expect(res.status).toBe(404);
    });
  }

  it("refuses to create an invitation for another partner", async () => {
    const rival = await signIn('rival@other.test', 'rival-pass');
    const res = await call(`/api/v1/partners/${DEMO.partnerId}/invitations`, json(rival, { code: 'RIVAL-TAKEOVER' }));
    expect(res.status).toBe(404);
    expect(await count("SELECT count(*) n FROM invitations WHERE code_key = 'RIVAL-TAKEOVER'")).toBe(0);
  });

  it('requires a session (401)', async () => {
    expect((await call(`/api/v1/partners/${DEMO.partnerId}`)).status).toBe(401);
  });

  it('lets the program manager see every partner, and nobody else', async () => {
    const manager = await signIn(DEMO.managerEmail);
    const res = await call(`/api/v1/programs/${DEMO.programId}/partners`, json(manager));
    expect(res.status).toBe(200);
    expect((await res.json<any[]>()).map((p) => p.displayId).sort()).toEqual(['P100001', 'P100002']);
    const partner = await signIn();
    expect((await call(`/api/v1/programs/${DEMO.programId}/partners`, json(partner))).status).toBe(404);
  });
});

describe('creating invitations', () => {
  it('creates one with a chosen code, campaign and owning member', async () => {
    const cookie = await signIn();
    const res = await call(`/api/v1/partners/${DEMO.partnerId}/invitations`, json(cookie, { code: 'Acme-Spring', campaign: 'Spring', memberId: 'mem_demo_sales' }));
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ code: 'Acme-Spring', campaign: 'Spring', memberId: 'mem_demo_sales', memberName: 'Sam Sales', active: true, stats: { clicks: 0, scans: 0, signups: 0 } });
    expect((await call('/r/ACME-SPRING')).status).toBe(302);
  });

  it('generates a code without look-alike characters when none is chosen', async () => {
    const cookie = await signIn();
    const body = await (await call(`/api/v1/partners/${DEMO.partnerId}/invitations`, json(cookie, { campaign: 'Generated' }))).json<any>();
    expect(body.code).toMatch(/^[ACDEFGHJKMNPQRTUVWXY34679]{8}$/);
  });

  it('answers a taken code (in any case) with 409', async () => {
    const cookie = await signIn();
    const res = await call(`/api/v1/partners/${DEMO.partnerId}/invitations`, json(cookie, { code: 'demo' }));
    expect(res.status).toBe(409);
    expect((await res.json<any>()).error.code).toBe('code_taken');
  });

  const bad: [string, unknown][] = [
    ['a reserved word', { code: 'dashboard' }],
    ['a code with spaces', { code: 'two words' }],
    ['a too-short code', { code: 'ab' }],
    ["another partner's member", { code: 'OWNER-CHECK', memberId: 'mem_rival' }],
  ];
  for (const [name, input] of bad) {
    it(`refuses ${name} with 400 and writes nothing`, async () => {
      const cookie = await signIn();
      const before = await count('SELECT count(*) n FROM invitations');
      const res = await call(`/api/v1/partners/${DEMO.partnerId}/invitations`, json(cookie, input));
      expect(res.status).toBe(400);
      expect((await res.json<any>()).error.code).toBe('invalid_request');
      expect(await count('SELECT count(*) n FROM invitations')).toBe(before);
    });
  }
});

describe('password guessing is slowed down', () => {
  const attempt = (email: string, password: string, ip = '203.0.113.9') =>
    call('/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: BASE, 'CF-Connecting-IP': ip }, body: JSON.stringify({ email, password }) });

  it('pauses sign-in for an account after 10 wrong passwords (429 with Retry-After), even with the right one; other accounts are not affected', async () => {
    for (let i = 0; i < 10; i++) expect((await attempt(DEMO.colleagueEmail, `wrong-${i}`, `203.0.113.${i}`)).status).toBe(401);
    const paused = await attempt(DEMO.colleagueEmail, DEMO.password, '203.0.113.200');
    expect(paused.status).toBe(429);
    expect(Number(paused.headers.get('Retry-After'))).toBeGreaterThan(800);
    expect((await paused.json<any>()).error.code).toBe('too_many_attempts');
    expect((await attempt(DEMO.managerEmail, DEMO.password, '203.0.113.201')).status).toBe(200);
  });

  it('reserves each attempt before checking it: of 40 concurrent guesses with the right password among them, exactly 10 are checked and fail', async () => {
    await env.DB.prepare("INSERT INTO accounts (id, email, name, password_hash, created_at) VALUES ('acc_racer', 'racer@other.test', 'Rae Racer', ?, ?)").bind(await hashPassword('racer-pass'), Date.now()).run();
    const guesses = Array.from({ length: 40 }, (_, i) => attempt('racer@other.test', i === 39 ? 'racer-pass' : `wrong-${i}`, `203.0.113.${100 + i}`));
    const statuses = (await Promise.all(guesses)).map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s !== 401 && s !== 429 && s !== 200)).toEqual([]);
    expect(await count("SELECT count(*) n FROM failed_sign_ins WHERE key = ?", 'email:racer@other.test')).toBe(10);
  });

  it('pauses one address after 50 wrong passwords across accounts', async () => {
    for (let i = 0; i < 50; i++) expect((await attempt(`nobody-${i}@example.com`, 'wrong', '198.18.0.1')).status).toBe(401);
    expect((await attempt(DEMO.managerEmail, DEMO.password, '198.18.0.1')).status).toBe(429);
    expect((await attempt(DEMO.managerEmail, DEMO.password, '198.18.0.2')).status).toBe(200);
  });
});
