// A signup on the facts the isolate keeps (worker/edge/signup-facts.ts) is one D1 round trip, and never decides on
// stale facts: each fact changed in D1 behind the isolate's back (as another isolate's change would be) fails the
// write batch's check, nothing is written, and the signup goes to the reads, which decide on the fresh facts. The
// round trips are counted: a signup that paid for a stale fact shows the failed batch as one more.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, count, DEMO, seedDemo, SHOP } from './helpers';
import { d1Calls } from './d1-calls';
import { api, seedRivalAndRep } from './portal-helpers';
import { signIn } from './helpers';

let n = 0;
const stamp = Date.now().toString(36);
const fresh = (domain = 'example.com') => {
  n += 1;
  return { customerId: `kept_${stamp}_${n}`, email: `kept${n}.${stamp}@${domain}` };
};
const asServer = (body: unknown): RequestInit => ({ method: 'POST', headers: { Authorization: `Bearer ${DEMO.secretKey}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

/** A partner and an invitation of this test's own, so what a test changes stays its own. */
async function ownInvitation(): Promise<{ partnerId: string; code: string }> {
  n += 1;
  const partnerId = `prt_kept_${stamp}_${n}`;
  const code = `KEPT${stamp}${n}`.toUpperCase();
  const now = Date.now();
  await env.DB.batch([
    env.DB.prepare("INSERT INTO partners (id, program_id, number, name, email, status, created_at) VALUES (?, ?, ?, 'Kept AB', ?, 'partner', ?)").bind(partnerId, DEMO.programId, 300000 + n, `${partnerId}@partner.test`, now),
    env.DB.prepare('INSERT INTO invitations (id, program_id, partner_id, code, code_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').bind(`inv_${partnerId}`, DEMO.programId, partnerId, code, code, now, now),
  ]);
  return { partnerId, code };
}

/** Signs up through the code once, so the isolate keeps its facts; then the next signup is one round trip. */
async function kept(code: string): Promise<void> {
  expect((await d1Calls('/api/v1/signups', asServer({ ...fresh(), promoCode: code }))).response.status).toBe(201);
  const second = await d1Calls('/api/v1/signups', asServer({ ...fresh(), promoCode: code }));
  expect(second.response.status).toBe(201);
  expect(second.beforeAnswer, second.sql.join('\n')).toBe(1);
}

const signup = (body: unknown) => d1Calls('/api/v1/signups', asServer(body));
const customers = (externalId: string) => count('SELECT count(*) n FROM customers WHERE external_id = ?', externalId);
const commissionOf = (externalId: string) =>
  env.DB.prepare("SELECT sum(e.amount_minor) AS amount FROM ledger_entries e JOIN customers c ON c.id = e.event_id WHERE c.external_id = ? AND e.type = 'commission'")
    .bind(externalId)
    .first<{ amount: number | null }>()
    .then((r) => r?.amount ?? null);

beforeAll(async () => {
  await seedDemo();
  await seedRivalAndRep();
});

describe('a signup on kept facts', () => {
  it('is one round trip, and writes what the reads would have: the customer, its credit, the commission, the events', async () => {
    const { code, partnerId } = await ownInvitation();
    await kept(code);
    const c = fresh();
    const res = await signup({ ...c, promoCode: code });
    expect(res.beforeAnswer).toBe(1);
    expect(await res.response.json()).toEqual({
      customerId: c.customerId,
      created: true,
      attribution: { invitationCode: code, method: 'promo_code', partnerName: 'Kept AB' },
      credit: { amount: 500, currency: 'EUR' },
      status: 'confirmed',
    });
    expect(await commissionOf(c.customerId)).toBe(DEMO.signupCommissionMinor);
    expect(await count("SELECT count(*) n FROM events WHERE type IN ('customer.signed_up', 'commission.earned') AND data LIKE ?", `%${partnerId}%`)).toBeGreaterThanOrEqual(6);
    // Reported again: the signup that stands, nothing new, still one round trip.
    const again = await signup({ ...c, promoCode: code });
    expect(again.response.status).toBe(200);
    expect((await again.response.json<any>()).created).toBe(false);
    expect(await customers(c.customerId)).toBe(1);
    expect(await commissionOf(c.customerId)).toBe(DEMO.signupCommissionMinor);
  });

  it('an invitation deactivated since: refused on the fresh facts, nothing written', async () => {
    const { code } = await ownInvitation();
    await kept(code);
    await env.DB.prepare('UPDATE invitations SET active = 0 WHERE code = ?').bind(code).run();
    const c = fresh();
    const res = await signup({ ...c, promoCode: code });
    expect(res.response.status).toBe(422);
    expect(res.beforeAnswer).toBe(3); // the failed batch, the signup as it stands (none), then the reads
    expect(await customers(c.customerId)).toBe(0);
  });

  it("the partner suspended since, or its email now the customer's: refused", async () => {
    const { code, partnerId } = await ownInvitation();
    await kept(code);
    await env.DB.prepare("UPDATE partners SET status = 'suspended' WHERE id = ?").bind(partnerId).run();
    const suspended = fresh();
    expect((await signup({ ...suspended, promoCode: code })).response.status).toBe(422);
    expect(await customers(suspended.customerId)).toBe(0);

    await env.DB.prepare("UPDATE partners SET status = 'partner' WHERE id = ?").bind(partnerId).run();
    await kept(code);
    const own = fresh();
    await env.DB.prepare('UPDATE partners SET email = ? WHERE id = ?').bind(own.email, partnerId).run();
    const res = await signup({ ...own, promoCode: code });
    expect(res.response.status).toBe(422);
    expect((await res.response.json<any>()).error.code).toBe('self_referral');
    expect(await customers(own.customerId)).toBe(0);
  });

  it("a member who joined the partner since, signing up with the member's email: refused", async () => {
    const { code, partnerId } = await ownInvitation();
    await kept(code);
    const member = fresh();
    const now = Date.now();
    await env.DB.batch([
      env.DB.prepare("INSERT INTO accounts (id, email, name, password_hash, created_at) VALUES (?, ?, 'New Member', 'x', ?)").bind(`acc_${member.customerId}`, member.email, now),
      env.DB.prepare("INSERT INTO members (id, partner_id, account_id, role, created_at) VALUES (?, ?, ?, 'manager', ?)").bind(`mem_${member.customerId}`, partnerId, `acc_${member.customerId}`, now),
    ]);
    const res = await signup({ ...member, promoCode: code });
    expect(res.response.status).toBe(422);
    expect((await res.response.json<any>()).error.code).toBe('self_referral');
    expect(await customers(member.customerId)).toBe(0);
  });

  it('a signup rule changed since: the commission is the new rule\'s', async () => {
    const { code } = await ownInvitation();
    await kept(code);
    const rule = await env.DB.prepare("SELECT id, amount_minor FROM reward_rules WHERE program_id = ? AND event = 'signup' AND active = 1 AND partner_id IS NULL").bind(DEMO.programId).first<{ id: string; amount_minor: number }>();
    await env.DB.prepare('UPDATE reward_rules SET amount_minor = ? WHERE id = ?').bind(rule!.amount_minor + 234, rule!.id).run();
    try {
      const c = fresh();
      const res = await signup({ ...c, promoCode: code });
      expect(res.response.status).toBe(201);
      expect(res.beforeAnswer).toBe(4); // the failed batch, the signup as it stands (none), the reads, the write
      expect(await commissionOf(c.customerId)).toBe(rule!.amount_minor + 234);
    } finally {
      await env.DB.prepare('UPDATE reward_rules SET amount_minor = ? WHERE id = ?').bind(rule!.amount_minor, rule!.id).run();
    }
  });

  it("a company locked since to another partner by its confirmed lead: the signup is held with the lead's conflict", async () => {
    const { code } = await ownInvitation();
    await kept(code);
    const domain = `kept${stamp}.se`;
    const [rival, manager] = await Promise.all([signIn('rival@other.test', 'rival-pass'), signIn(DEMO.managerEmail)]);
    const lead = await (await api(rival, '/partners/prt_rival/referrals', { customerName: `Kept ${stamp} AB`, domain })).json<any>();
    expect((await api(manager, `/programs/${DEMO.programId}/referrals/${lead.id}/decision`, { decision: 'confirm', ownerId: 'acc_rep' })).status).toBe(200);
    const c = fresh(domain);
    const res = await signup({ ...c, promoCode: code });
    expect(res.response.status).toBe(201);
    expect((await res.response.json<any>()).status).toBe('held');
    const row = await env.DB.prepare('SELECT held_reason, conflicting_referral_id FROM customers WHERE external_id = ?').bind(c.customerId).first<any>();
    expect(row).toEqual({ held_reason: 'lead_conflict', conflicting_referral_id: lead.id });
  });

  it("from the widget in a browser a member of the partner signed in from since: held for the manager", async () => {
    const browser = { 'CF-Connecting-IP': '198.51.100.77', 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/134.0' };
    const fromBrowser = (body: unknown) =>
      d1Calls('/api/v1/signups', { method: 'POST', headers: { Authorization: `Bearer ${DEMO.publishableKey}`, 'Content-Type': 'application/json', Origin: SHOP, ...browser }, body: JSON.stringify(body) });
    const before = await fromBrowser({ ...fresh(), promoCode: DEMO.invitationCode });
    expect((await before.response.json<any>()).status).toBe('awaiting_confirmation');
    const signedIn = await call('/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'http://edgeref.test', ...browser }, body: JSON.stringify({ email: DEMO.partnerEmail, password: DEMO.password }) });
    expect(signedIn.status).toBe(200);
    const res = await fromBrowser({ ...fresh(), promoCode: DEMO.invitationCode });
    expect(res.response.status).toBe(201);
    expect((await res.response.json<any>()).status).toBe('held');
  });

  it('a customer the referral panel created, unattributed: the reads attribute that row', async () => {
    const { code } = await ownInvitation();
    await kept(code);
    const c = fresh();
    await env.DB.prepare("INSERT INTO customers (id, program_id, external_id, email, signup_status, created_at) VALUES (?, ?, ?, ?, 'confirmed', ?)").bind(`cus_${c.customerId}`, DEMO.programId, c.customerId, c.email, Date.now()).run();
    const res = await signup({ ...c, promoCode: code });
    expect(res.response.status).toBe(201);
    expect((await res.response.json<any>()).attribution.invitationCode).toBe(code);
    expect(await env.DB.prepare('SELECT id FROM customers WHERE external_id = ?').bind(c.customerId).first<{ id: string }>()).toEqual({ id: `cus_${c.customerId}` });
    expect(await commissionOf(c.customerId)).toBe(DEMO.signupCommissionMinor);
  });
});
