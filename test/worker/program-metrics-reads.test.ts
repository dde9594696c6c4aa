// GET /programs/{programId}/metrics on a small program whose numbers are worked out by hand, from the rollups and from the metric windows: the pipeline and its
// comparison, activity, the rankings, "many referrals, no purchase", partner companies, the funnel, SLA misses and
// payouts. The daily rollups are given as rows here (the triggers that keep them are checked against a recount in
// program-metrics.test.ts); invitations' rows carry the visits up to their partners, as the triggers do.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, seedDemo, signIn } from './helpers';
import { api } from './portal-helpers';
import { moveMetricWindows } from '../../worker/flows/metric-windows';

const P = 'prg_mx';
const at = (day: string) => Date.parse(`${day}T12:00:00Z`);
const eur = (amount: number) => ({ amount, currency: 'EUR' });
let manager: string;

beforeAll(async () => {
  await seedDemo();
  const db = env.DB;
  const t0 = at('2026-01-01');
  const partner = (id: string, number: number, name: string, status: string, created = t0) =>
    db.prepare('INSERT INTO partners (id, program_id, number, name, email, company, status, approved_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .bind(id, P, number, name, `${id}@mx.test`, `${name} AB`, status, status === 'partner' ? t0 : null, created);
  const account = (id: string) => db.prepare("INSERT INTO accounts (id, email, name, password_hash, created_at) VALUES (?, ?, ?, 'x', 0)").bind(id, `${id}@mx.test`, id);
  const member = (id: string, partnerId: string, accountId: string) => db.prepare("INSERT INTO members (id, partner_id, account_id, role, created_at) VALUES (?, ?, ?, 'owner', 0)").bind(id, partnerId, accountId);
  const invitation = (id: string, partnerId: string, memberId: string | null, campaign: string | null) =>
    db.prepare('INSERT INTO invitations (id, program_id, partner_id, member_id, code, code_key, campaign, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, 0, 0)')
      .bind(id, P, partnerId, memberId, id.toUpperCase(), id.toUpperCase(), campaign);
  const visits = (invitationId: string, day: string, clicks: number, scans: number, signups: number, paying: number) =>
    db.prepare('INSERT INTO invitation_daily_stats (invitation_id, day, clicks, scans, signups, paying) VALUES (?, ?, ?, ?, ?, ?)').bind(invitationId, day, clicks, scans, signups, paying);
  const counts = (partnerId: string, day: string, c: { signups?: number; paying?: number; won?: number; revenue?: number; commission?: number }) =>
    db.prepare(
      `INSERT INTO partner_daily_stats (partner_id, day, program_id, signups, paying, won, revenue_minor, commission_minor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (partner_id, day) DO UPDATE SET signups = signups + excluded.signups, paying = paying + excluded.paying, won = won + excluded.won,
         revenue_minor = revenue_minor + excluded.revenue_minor, commission_minor = commission_minor + excluded.commission_minor`,
    ).bind(partnerId, day, P, c.signups ?? 0, c.paying ?? 0, c.won ?? 0, c.revenue ?? 0, c.commission ?? 0);
  await db.batch([
    db.prepare("INSERT INTO programs (id, name, currency, destination_url, allowed_origins, signup_credit_minor, created_at) VALUES (?, 'Metrics', 'EUR', 'https://mx.test', '[]', 500, 0)").bind(P),
    db.prepare("INSERT INTO program_staff (program_id, account_id, role) VALUES (?, 'acc_demo_manager', 'manager')").bind(P),
    partner('prt_mx_alpha', 300001, 'Alpha', 'partner'), // two members, the most referrals
    partner('prt_mx_beta', 300002, 'Beta', 'partner'), // one referral that paid the most
    partner('prt_mx_gamma', 300003, 'Gamma', 'partner'), // nothing in the period
    partner('prt_mx_delta', 300004, 'Delta', 'affiliate', at('2026-11-03')), // not approved: three signups, none paying
    account('acc_mx_1'), account('acc_mx_2'), account('acc_mx_3'),
    member('mem_mx_1', 'prt_mx_alpha', 'acc_mx_1'), member('mem_mx_2', 'prt_mx_alpha', 'acc_mx_2'), member('mem_mx_3', 'prt_mx_beta', 'acc_mx_3'),
    invitation('inv_mx_a1', 'prt_mx_alpha', 'mem_mx_1', 'Spring'),
    invitation('inv_mx_a2', 'prt_mx_alpha', 'mem_mx_2', 'Spring'),
    invitation('inv_mx_b', 'prt_mx_beta', 'mem_mx_3', null),
    invitation('inv_mx_d', 'prt_mx_delta', null, 'Fall'),
    visits('inv_mx_a1', '2026-11-05', 60, 10, 3, 2),
    visits('inv_mx_a2', '2026-11-05', 30, 0, 1, 0),
    visits('inv_mx_b', '2026-11-10', 20, 0, 1, 1),
    visits('inv_mx_d', '2026-11-20', 50, 0, 3, 0),
    counts('prt_mx_alpha', '2026-11-05', { signups: 4, paying: 2, won: 1, revenue: 50_000, commission: 10_000 }),
    counts('prt_mx_alpha', '2026-10-15', { signups: 1 }), // the previous period
    counts('prt_mx_beta', '2026-11-10', { signups: 1, paying: 1, revenue: 90_000, commission: 18_000 }),
    counts('prt_mx_delta', '2026-11-20', { signups: 3 }),
    // Alpha's registered deal (the trigger counts it on 5 November), due on the 8th and never answered: a SLA miss.
    db.prepare(
      `INSERT INTO referrals (id, program_id, partner_id, type, customer_name, registered_at, updated_at, due_at)
       VALUES ('ref_mx', ?, 'prt_mx_alpha', 'partner_to_program', 'Prospect', ?, ?, ?)`,
    ).bind(P, at('2026-11-05'), at('2026-11-05'), at('2026-11-08')),
    db.prepare("INSERT INTO withdrawals (id, program_id, partner_id, amount_minor, currency, payout_method, status, created_at, settled_at) VALUES ('wd_mx_1', ?, 'prt_mx_alpha', 5000, 'EUR', 'bank_account', 'paid', ?, ?)")
      .bind(P, at('2026-11-14'), at('2026-11-15')),
    db.prepare("INSERT INTO withdrawals (id, program_id, partner_id, amount_minor, currency, payout_method, status, created_at) VALUES ('wd_mx_2', ?, 'prt_mx_beta', 2000, 'EUR', 'bank_account', 'requested', ?)")
      .bind(P, at('2026-11-28')),
  ]);
  manager = await signIn(DEMO.managerEmail);
});

const metrics = async (query: string) => {
  const res = await api(manager, `/programs/${P}/metrics${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json<any>();
};
const names = (list: { name: string }[]) => list.map((p) => p.name);

// Every figure twice: read from the daily rollups, then from the metric windows (migration 0041) moved to 30 November,
// whose last 30 days are November and the 30 days before it.
describe.each([
  ['from the daily rollups', null],
  ['from the metric windows', at('2026-11-30')],
])('GET /programs/{programId}/metrics on hand-computed numbers, %s', (_, windowsAt) => {
  beforeAll(async () => {
    if (windowsAt !== null) expect(await moveMetricWindows(env.DB, windowsAt)).toBeGreaterThanOrEqual(5);
    const kept = await env.DB.prepare("SELECT count(*) AS n FROM metric_windows WHERE program_id = ? AND from_day = '2026-11-01' AND to_day = '2026-11-30'").bind(P).first<number>('n');
    expect(kept).toBe(windowsAt === null ? 0 : 2); // on 30 November the last 30 days and this month are both November
  });

  it('sums the pipeline for November and compares it with the 30 days before', async () => {
    const m = await metrics('?from=2026-11-01&to=2026-11-30');
    expect(m.previous).toEqual({ from: '2026-10-02', to: '2026-10-31' });
    expect(m.pipeline.current).toEqual({
      partners: 3, joined: 1, referrals: 9, signups: 8, leads: 1, successes: 4, paying: 3, won: 1, visits: 170, revenue: eur(140_000), commission: eur(28_000),
    });
    expect(m.pipeline.previous).toMatchObject({ partners: 3, joined: 0, referrals: 1, successes: 0, revenue: eur(0) });
    expect(m.pipeline.change).toEqual({ partners: 0, referrals: 8, successes: null, revenue: null });
    expect(m.partners).toEqual({ total: 4, affiliates: 1 });
  });

  it('works out partner activity over the approved partners only (the affiliate Delta is not one)', async () => {
    const m = await metrics('?from=2026-11-01&to=2026-11-30');
    expect(m.activity.current).toEqual({
      partners: 3, referring: 2, referringMoreThanOnce: 1, successful: 2,
      referringShare: 2 / 3, referringMoreThanOnceShare: 1 / 3, successfulShare: 2 / 3, referralsPerPartner: 2, successesPerPartner: 4 / 3,
    });
    expect(m.activity.previous).toMatchObject({ referring: 1, referringMoreThanOnce: 0, successful: 0 });
  });

  it('ranks the top performers, the lowest approved ones, and calls out many referrals with no purchase', async () => {
    const { performers } = await metrics('?from=2026-11-01&to=2026-11-30');
    expect(names(performers.byReferrals)).toEqual(['Alpha', 'Delta', 'Beta']);
    expect(performers.byReferrals[0]).toEqual({ partnerId: 'prt_mx_alpha', displayId: 'P300001', name: 'Alpha', company: 'Alpha AB', referrals: 5, successes: 3, revenue: eur(50_000), visits: 100 });
    expect(names(performers.bySuccesses)).toEqual(['Alpha', 'Beta']);
    expect(names(performers.byRevenue)).toEqual(['Beta', 'Alpha']);
    expect(names(performers.lowest)).toEqual(['Gamma', 'Beta', 'Alpha']);
    expect(performers.manyReferralsNoPurchase).toEqual([expect.objectContaining({ name: 'Delta', displayId: 'A300004', referrals: 3, successes: 0 })]);
  });

  it('lists partner companies with their members, the active ones, and their referrals', async () => {
    const { companies } = await metrics('?from=2026-11-01&to=2026-11-30');
    expect(companies).toEqual([{ partnerId: 'prt_mx_alpha', name: 'Alpha', company: 'Alpha AB', members: 2, activeMembers: 2, referrals: 5, successes: 3 }]);
    const october = await metrics('?from=2026-10-01&to=2026-10-31');
    expect(october.companies).toEqual([expect.objectContaining({ name: 'Alpha', activeMembers: 0, referrals: 1 })]);
  });

  it("follows a company's members as they join and leave (migration 0044)", async () => {
    const companies = async () => (await metrics('?from=2026-11-01&to=2026-11-30')).companies.map((c: { name: string; members: number }) => [c.name, c.members]);
    await env.DB.prepare("INSERT INTO members (id, partner_id, account_id, role, created_at) VALUES ('mem_mx_4', 'prt_mx_beta', 'acc_mx_1', 'manager', 0)").run();
    expect(await companies()).toEqual([['Alpha', 2], ['Beta', 2]]);
    await env.DB.prepare("DELETE FROM members WHERE id = 'mem_mx_4'").run();
    expect(await companies()).toEqual([['Alpha', 2]]);
  });

  it('gives the funnel per program, campaign and invitation', async () => {
    const { funnel } = await metrics('?from=2026-11-01&to=2026-11-30');
    expect(funnel.program).toEqual({ visits: 170, signups: 8, paying: 3, won: 1, signupRate: 8 / 170, payingRate: 3 / 8 });
    expect(funnel.campaigns).toEqual([
      { campaign: 'Spring', visits: 100, signups: 4, paying: 2, signupRate: 0.04, payingRate: 0.5 },
      { campaign: 'Fall', visits: 50, signups: 3, paying: 0, signupRate: 0.06, payingRate: 0 },
      { campaign: null, visits: 20, signups: 1, paying: 1, signupRate: 0.05, payingRate: 1 },
    ]);
    expect(funnel.invitations.map((i: any) => [i.code, i.partnerName, i.visits])).toEqual([
      ['INV_MX_A1', 'Alpha', 70], ['INV_MX_D', 'Delta', 50], ['INV_MX_A2', 'Alpha', 30], ['INV_MX_B', 'Beta', 20],
    ]);
  });

  it("moves a renamed invitation's counts to its new campaign, and lists no campaign left empty", async () => {
    const rename = (campaign: string | null) => env.DB.prepare("UPDATE invitations SET campaign = ? WHERE id = 'inv_mx_b'").bind(campaign).run();
    const campaigns = async () => (await metrics('?from=2026-11-01&to=2026-11-30')).funnel.campaigns.map((c: { campaign: string | null; visits: number }) => [c.campaign, c.visits]);
    await rename('Fall');
    expect(await campaigns()).toEqual([['Spring', 100], ['Fall', 70]]);
    await rename(null);
    expect(await campaigns()).toEqual([['Spring', 100], ['Fall', 50], [null, 20]]);
  });

  it('charts every day, counts SLA misses and totals the payouts', async () => {
    const m = await metrics('?from=2026-11-01&to=2026-11-30');
    expect(m.series).toHaveLength(30);
    expect(m.series[4]).toEqual({ day: '2026-11-05', visits: 100, referrals: 5, successes: 3, revenue: eur(50_000) });
    expect(m.series[0]).toEqual({ day: '2026-11-01', visits: 0, referrals: 0, successes: 0, revenue: eur(0) });
    expect(m.leads).toEqual({ awaiting: 1, overdue: 1, slaMisses: 1 });
    expect(m.payouts).toEqual({ paid: eur(5000), paidCount: 1, previousPaid: eur(0), open: eur(2000), openCount: 1 });
  });

  it('refuses a bad period with a 400 in the one error shape, and hides the program from others', async () => {
    for (const q of ['?from=2026-11-30&to=2026-11-01', '?from=2026-13-01', '?from=2024-01-01&to=2026-01-01', '?to=yesterday']) {
      const res = await api(manager, `/programs/${P}/metrics${q}`);
      expect(res.status, q).toBe(400);
      expect((await res.json<any>()).error.code).toBeTruthy();
    }
    const partner = await signIn();
    expect((await api(partner, `/programs/${P}/metrics`)).status).toBe(404);
    expect((await api(null, `/programs/${P}/metrics`)).status).toBe(401);
  });
});
