// Walls: a member of one partner never reads or changes another partner's data, and only program managers run the console.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { count, DEMO, seedDemo, signIn } from './helpers';
import { api, seedRivalAndRep } from './portal-helpers';

beforeAll(async () => {
  await seedDemo();
  await seedRivalAndRep();
});

const RIVAL = 'prt_rival';

describe("another partner's data is not there for a member of this one (404)", () => {
  const reads = ['profile', 'members', 'member-invites', 'referrals', 'referrals/ref_rival', 'clients', 'invitations', 'ledger', 'stats'];
  for (const path of reads) {
    it(`GET /partners/{rival}/${path}`, async () => {
      const res = await api(await signIn(), `/partners/${RIVAL}/${path}`);
      expect(res.status).toBe(404);
      expect((await res.json<any>()).error.code).toBe('not_found');
    });
  }

  it('PATCH /partners/{rival}/profile changes nothing', async () => {
    const res = await api(await signIn(), `/partners/${RIVAL}/profile`, { taxId: 'HIJACK' }, 'PATCH');
    expect(res.status).toBe(404);
    expect(await count("SELECT count(*) n FROM partners WHERE tax_id = 'HIJACK'")).toBe(0);
  });

  it('POST /partners/{rival}/member-invites invites nobody', async () => {
    expect((await api(await signIn(), `/partners/${RIVAL}/member-invites`, { email: 'spy@demo.test', role: 'owner' })).status).toBe(404);
    expect(await count("SELECT count(*) n FROM member_invites WHERE email = 'spy@demo.test'")).toBe(0);
  });

  it('POST /partners/{rival}/referrals registers nothing', async () => {
    expect((await api(await signIn(), `/partners/${RIVAL}/referrals`, { customerName: 'Planted' })).status).toBe(404);
    expect(await count("SELECT count(*) n FROM referrals WHERE customer_name = 'Planted'")).toBe(0);
  });

  it("PATCH a rival's referral, through either partner's path, changes nothing", async () => {
    const cookie = await signIn();
    expect((await api(cookie, `/partners/${RIVAL}/referrals/ref_rival`, { stage: 'junk' }, 'PATCH')).status).toBe(404);
    expect((await api(cookie, `/partners/${DEMO.partnerId}/referrals/ref_rival`, { stage: 'junk' }, 'PATCH')).status).toBe(404);
    expect((await env.DB.prepare("SELECT stage FROM referrals WHERE id = 'ref_rival'").first<any>()).stage).toBe('new');
  });

  it("DELETE a rival's member invite withdraws nothing", async () => {
    const rival = await signIn('rival@other.test', 'rival-pass');
    const { id } = await (await api(rival, `/partners/${RIVAL}/member-invites`, { email: 'rivals-colleague@other.test', role: 'manager' })).json<any>();
    expect((await api(await signIn(), `/partners/${DEMO.partnerId}/member-invites/${id}`, undefined, 'DELETE')).status).toBe(404);
    expect((await api(await signIn(), `/partners/${RIVAL}/member-invites/${id}`, undefined, 'DELETE')).status).toBe(404);
    expect(await count('SELECT count(*) n FROM member_invites WHERE id = ? AND revoked_at IS NULL', id)).toBe(1);
  });
});

describe('console actions are for program managers only', () => {
  const P = `/programs/${DEMO.programId}`;
  const actions: [string, string, string, unknown?][] = [
    ['approve or suspend a partner', 'POST', `${P}/partners/prt_rival/status`, { action: 'suspend', reason: 'test' }],
    ['assign a sales representative', 'PUT', `${P}/partners/prt_rival/sales-rep`, { accountId: 'acc_rep' }],
    ['change settings', 'PATCH', `${P}/settings`, { attributionWindowDays: 99 }],
    ['publish terms', 'POST', `${P}/terms`, { body: 'Terms written by someone who may not.' }],
    ['list keys', 'GET', `${P}/keys`],
    ['create a key', 'POST', `${P}/keys`, { kind: 'secret' }],
    ['revoke a key', 'DELETE', `${P}/keys/key_demo_sk`],
  ];
  const reads = [`${P}/partner-records`, `${P}/staff`, `${P}/settings`, `${P}/metrics`];

  async function unchanged() {
    const p = await env.DB.prepare("SELECT status, sales_rep_account_id FROM partners WHERE id = 'prt_rival'").first<any>();
    expect(p).toEqual({ status: 'partner', sales_rep_account_id: null });
    expect(await count("SELECT count(*) n FROM programs WHERE attribution_window_days = 99")).toBe(0);
    expect(await count('SELECT count(*) n FROM program_terms WHERE body LIKE ?', 'Terms written by someone%')).toBe(0);
    expect(await count('SELECT count(*) n FROM api_keys WHERE revoked_at IS NOT NULL OR id NOT LIKE ?', 'key_demo_%')).toBe(0);
  }

  for (const [what, method, path, body] of actions) {
    it(`${what}: a partner member gets 404, a sales representative 403, and nothing changes`, async () => {
      expect((await api(await signIn(), path, body, method)).status).toBe(404);
      expect((await api(await signIn('rep@demo.test', 'rival-pass'), path, body, method)).status).toBe(403);
      expect((await api(null, path, body, method)).status).toBe(401);
      await unchanged();
    });
  }

  for (const path of reads) {
    it(`GET ${path.replace(DEMO.programId, '{program}')}: staff may read, a partner member gets 404`, async () => {
      expect((await api(await signIn(), path)).status).toBe(404);
      expect((await api(await signIn('rep@demo.test', 'rival-pass'), path)).status).toBe(200);
    });
  }
});
