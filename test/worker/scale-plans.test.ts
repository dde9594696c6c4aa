// 1% of the scale benchmark's data (scripts/bench-scale), written by the same fill code: every dashboard and console API answers what the
// tables hold, and each read behind it (recorded from the real handler) finds its rows through an index, never a full scan of a big table.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../../worker/index';
import type { Env } from '../../worker/env';
import { hashPassword } from '../../worker/security/hashing';
import { fillScale, type FillSummary } from '../../scripts/bench-scale/fill';
import { apis, callers, type Api } from '../../scripts/bench-scale/apis';
import { typicalPartner } from '../../scripts/bench-scale/plan';
import { BIG_TABLES, plansOf, recording, fullScans, type Recorded } from '../../scripts/bench-scale/recorder';
import { BASE, DEMO, count, seedDemo, signIn } from './helpers';

const now = Date.now();
let summary: FillSummary;
let list: Api[];
let who: ReturnType<typeof callers>;
const cookies: Record<string, string> = {};

/** Calls the real Worker with a D1 that records each statement, so the test explains exactly what the handler ran. */
async function recorded(api: Api): Promise<{ status: number; body: string; log: Recorded[] }> {
  const log: Recorded[] = [];
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`${BASE}${api.path}`, { headers: { Cookie: cookies[api.caller] ?? '' } }), { ...env, DB: recording(env.DB, log) } as unknown as Env, ctx);
  const body = await res.text();
  await waitOnExecutionContext(ctx);
  return { status: res.status, body, log };
}

const json = async (name: string) => {
  const r = await recorded(list.find((a) => a.name === name)!);
  expect(r.status, name).toBe(200);
  return JSON.parse(r.body);
};

beforeAll(async () => {
  await seedDemo();
  summary = await fillScale(env.DB, { scale: 0.01, now, passwordHash: await hashPassword(DEMO.password) });
  list = apis(summary.sizes, now);
  who = callers(summary.sizes);
  for (const [k, v] of Object.entries(who)) cookies[k] = await signIn(v.email);
}, 120_000);

describe('the scale fill at 1%', () => {
  it('writes its share of each table, with the daily rollups the triggers keep', () => {
    expect(summary.counts).toMatchObject({ clicks: 10_000, customers: 1_000, invitations: 301, referrals: 200 });
    expect(summary.counts.partners).toBe(101);
    expect(summary.counts.ledger_entries).toBeGreaterThanOrEqual(3_000);
    expect(summary.counts.invitation_daily_stats).toBeGreaterThan(1_000);
    expect(summary.counts.partner_daily_stats).toBeGreaterThan(1_000);
    expect(summary.counts.partner_window_stats).toBeGreaterThan(100); // some partners in each of the five windows
    expect(summary.counts.invitation_window_stats).toBeGreaterThan(300);
  });
});

describe('each dashboard and console API at 1% of the scale data', () => {
  it('reads every big table through an index: no full scan of clicks, customers, ledger_entries, payments or the daily rollups', async () => {
    const scans: string[] = [];
    const read = new Set<string>();
    for (const api of list) {
      const r = await recorded(api);
      expect(r.status, api.name).toBe(200);
      const queries = await plansOf(env.DB, r.log);
      expect(queries.length, api.name).toBeGreaterThan(0);
      for (const q of queries) {
        for (const t of BIG_TABLES) if (new RegExp(`\\b${t}\\b`).test(q.sql)) read.add(t);
        for (const line of fullScans(q.sql, q.plan)) scans.push(`${api.name}: ${line} in ${q.sql.replace(/\s+/g, ' ').slice(0, 200)}`);
      }
    }
    expect(scans).toEqual([]);
    // The check saw every big table the dashboards read, so an empty list means something. No dashboard read touches
    // payments: the console's revenue comes from the daily rollups, a partner's from its ledger.
    expect([...read].sort()).toEqual(BIG_TABLES.filter((t) => t !== 'payments').sort());
  });

  it("reads the console's per-partner and per-invitation metrics of a preset period from its metric window (migrations 0041 to 0043), and of any other period from the partial covering index of outcome days (migration 0038)", async () => {
    const plans = async (name: string) => (await plansOf(env.DB, (await recorded(list.find((a) => a.name === name)!)).log)).flatMap((q) => q.plan);
    for (const name of ['console: metrics, 30 days', 'console: metrics, 365 days', 'console: metrics, 30 days to a month ago']) {
      const lines = await plans(name);
      // The approved partners' activity and the lowest performers from the entries of the window's approved index.
      for (const read of ['partner_window_stats USING PRIMARY KEY', 'partner_window_stats USING COVERING INDEX partner_window_stats_approved', 'campaign_window_stats USING PRIMARY KEY', 'invitation_window_stats USING COVERING INDEX invitation_window_stats_busiest']) {
        expect(lines.filter((l) => l.includes(`SEARCH ${read} (program_id=? AND window_name=?)`)), `${name}: ${read}`).not.toEqual([]);
      }
      expect(lines.filter((l) => /SEARCH invitation_window_stats USING INDEX/.test(l)), name).toEqual([]); // the funnel never leaves the index
      const rollup = lines.filter((l) => /partner_daily_stats_outcomes/.test(l));
      expect(rollup.length, name).toBeGreaterThan(0);
      expect(rollup.filter((l) => !l.includes('USING COVERING INDEX')), name).toEqual([]);
    }
    // The windows were moved to today by the fill: the presets have one, the period ending a month ago none.
    const kept = async (from: string, to: string) =>
      count('SELECT count(*) AS n FROM metric_windows WHERE program_id = ? AND from_day = ? AND to_day = ?', DEMO.programId, from, to);
    // (On the 30th of a month the last 30 days and this month are the same days: two windows.)
    for (const [name, isKept] of [['console: metrics, 30 days', true], ['console: metrics, 365 days', true], ['console: metrics, 30 days to a month ago', false]] as const) {
      const m = await json(name);
      expect((await kept(m.from, m.to)) > 0, name).toBe(isKept);
    }
  });

  it("counts the metrics' approved partners, waiting and overdue leads and SLA misses from index entries alone (migration 0039)", async () => {
    const lines = (await plansOf(env.DB, (await recorded(list.find((a) => a.name === 'console: metrics, 30 days')!)).log)).flatMap((q) => q.plan);
    for (const index of ['partners_program_approved', 'referrals_program_pending', 'referrals_program_lead_due']) {
      expect(lines.filter((l) => l.includes(`USING COVERING INDEX ${index} `)), index).not.toEqual([]);
    }
    expect(lines.filter((l) => /SEARCH (partners|referrals) USING INDEX/.test(l))).toEqual([]);
  });

  it("sums a partner's pending money on unconfirmed signups from those customers, not from all its entries (migration 0040)", async () => {
    const plans = await plansOf(env.DB, (await recorded(list.find((a) => a.name === 'big partner: balance')!)).log);
    const pending = plans.find((q) => q.sql.includes("signup_status IN ('awaiting_confirmation', 'held')"))!;
    expect(pending.plan[0]).toContain('customers_partner_unconfirmed (partner_id=?)');
    expect(pending.plan.join('\n')).toContain('SEARCH e USING INDEX ledger_subject (subject_customer_id=?)');
  });

  it('the scan check itself flags a full scan of a big table under its alias, and not an index search', async () => {
    const explain = async (sql: string, ...args: unknown[]) => fullScans(sql, (await plansOf(env.DB, [{ sql, args }]))[0].plan);
    expect(await explain("SELECT count(*) FROM customers c WHERE c.email LIKE '%x%'")).toEqual(['SCAN c']);
    expect(await explain('SELECT count(*) FROM customers c WHERE c.partner_id = ?', 'prt_demo')).toEqual([]);
  });

  it("answers each partner's invitations, signups, clients, ledger and referrals as the tables hold them", async () => {
    for (const k of ['big', 'typical'] as const) {
      const p = who[k].partnerId!;
      const invitations = await json(`${k} partner: invitations`);
      expect(invitations).toHaveLength(await count('SELECT count(*) AS n FROM invitations WHERE partner_id = ?', p));
      const signups = invitations.reduce((n: number, i: { stats: { signups: number } }) => n + i.stats.signups, 0);
      expect(signups).toBe(await count('SELECT count(*) AS n FROM customers WHERE partner_id = ?', p));
      const customers = await count('SELECT count(*) AS n FROM customers WHERE partner_id = ?', p);
      const clients = await json(`${k} partner: clients`);
      expect(clients.total).toBe(customers);
      expect(clients.items).toHaveLength(Math.min(50, customers));
      const found = await json(`${k} partner: clients, search`);
      expect(found.total).toBe(await count("SELECT count(*) AS n FROM customers WHERE partner_id = ? AND email LIKE '%customer1%'", p));
      expect(found.items.every((c: { email: string }) => c.email.includes('customer1'))).toBe(true);
      if (k === 'big') expect(found.total).toBeGreaterThan(0); // the typical partner's few customers may have no match
      expect(await json(`${k} partner: ledger`)).toHaveLength(Math.min(100, await count('SELECT count(*) AS n FROM ledger_entries WHERE partner_id = ?', p)));
      expect((await json(`${k} partner: referrals`)).total).toBe(await count('SELECT count(*) AS n FROM referrals WHERE partner_id = ?', p));
      const year = await json(`${k} partner: stats, 365 days`);
      expect(year.totals.signups).toBe(await count('SELECT count(*) AS n FROM customers WHERE partner_id = ? AND created_at >= ?', p, Date.parse(year.from)));
      // The same year with the days of the group without an owner, which holds every invitation the fill made: the same
      // totals and days, and that group's days, alone, add up to its totals and to the signups of the fill's invitations.
      const oneGroup = await json(`${k} partner: stats, 365 days, one group's days`);
      expect(oneGroup.totals).toEqual(year.totals);
      expect(oneGroup.days).toEqual(year.days);
      expect(year.days.length).toBeGreaterThan(0);
      const withDays = oneGroup.groups.filter((g: { days?: unknown }) => 'days' in g);
      expect(withDays.map((g: { key: string | null; label: string }) => [g.key, g.label])).toEqual([[null, 'No owner']]);
      const [unowned] = withDays as { totals: { clicks: number; signups: number }; days: { clicks: number; signups: number }[] }[];
      expect(unowned.days.length).toBeGreaterThan(0);
      for (const c of ['clicks', 'signups'] as const) expect(unowned.days.reduce((n, d) => n + d[c], 0), c).toBe(unowned.totals[c]);
      expect(unowned.totals.signups).toBe(await count("SELECT count(*) AS n FROM customers c JOIN invitations i ON i.id = c.invitation_id WHERE c.partner_id = ? AND i.member_id IS NULL AND c.created_at >= ?", p, Date.parse(year.from)));
    }
  });

  it("answers the console's partner list, referrals and metrics as the tables hold them", async () => {
    const partners = await count('SELECT count(*) AS n FROM partners WHERE program_id = ?', DEMO.programId);
    for (const a of list.filter((x) => x.name.startsWith('console: partner list') && !x.name.endsWith('search'))) expect((await json(a.name)).total, a.name).toBe(partners);
    const found = await json('console: partner list, search');
    expect(found.items.map((i: { name: string }) => i.name)).toContain(`Partner ${typicalPartner(summary.sizes)}`);
    expect((await json('console: referrals')).total).toBe(await count('SELECT count(*) AS n FROM referrals WHERE program_id = ?', DEMO.programId));
    const year = await json('console: metrics, 365 days');
    expect(year.pipeline.current.signups).toBe(await count('SELECT count(*) AS n FROM customers WHERE program_id = ? AND created_at >= ?', DEMO.programId, Date.parse(year.from)));
  });
});
