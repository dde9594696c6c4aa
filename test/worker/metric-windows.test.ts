// The metric windows (migrations 0041 to 0043) in a real D1: random changes to the daily rollups on days in, at the
// edges of and outside the windows, campaigns renamed, partners approved and suspended, and moves to random days back
// and forth, must leave every window equal to a recount of its days and of the approved partners; two moves at once
// apply once; a renamed campaign follows its invitation; a partner made approved has its rows.
import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from './helpers';
import { moveMetricWindows } from '../../worker/flows/metric-windows';
import { windowsBesideRecount } from './window-recount';
import { changeStatus } from '../../worker/db/partner-profile';

const P = 'prg_mw';
const DAY = 86_400_000;
/** Day 0 is 2026-06-01: the windows move around it, and the changes fall within a year and a half of it. */
const T0 = Date.UTC(2026, 5, 1, 12);
const dayOf = (n: number) => new Date(T0 + n * DAY).toISOString().slice(0, 10);
const PARTNERS = ['prt_mw_a', 'prt_mw_b', 'prt_mw_c'];
/** A partner that applies and waits: the status steps approve, suspend and reject it like the others. */
const APPLICANT = 'prt_mw_d';
const STATUSES = ['partner', 'suspended', 'affiliate', 'rejected'] as const;
const INVITATIONS = [
  { id: 'inv_mw_a', partner: 'prt_mw_a' },
  { id: 'inv_mw_b', partner: 'prt_mw_b' },
  { id: 'inv_mw_c', partner: 'prt_mw_c' },
];

beforeAll(async () => {
  await seedDemo();
  const db = env.DB;
  await db.batch([
    db.prepare("INSERT INTO programs (id, name, currency, destination_url, allowed_origins, signup_credit_minor, created_at) VALUES (?, 'Windows', 'EUR', 'https://mw.test', '[]', 500, 0)").bind(P),
    ...PARTNERS.map((id, k) =>
      db.prepare("INSERT INTO partners (id, program_id, number, name, email, status, approved_at, created_at) VALUES (?, ?, ?, ?, ?, 'partner', 0, 0)").bind(id, P, 310_000 + k, id, `${id}@mw.test`),
    ),
    db.prepare("INSERT INTO partners (id, program_id, number, name, email, status, created_at) VALUES (?, ?, 310100, 'Applicant', 'd@mw.test', 'affiliate', 0)").bind(APPLICANT, P),
    ...INVITATIONS.map((i) =>
      db.prepare("INSERT INTO invitations (id, program_id, partner_id, code, code_key, campaign, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'Launch', 1, 0, 0)")
        .bind(i.id, P, i.partner, i.id.toUpperCase(), i.id.toUpperCase()),
    ),
  ]);
});

/** Adds to a partner's day as the rollup triggers do: a new row, or a change to the row already there. */
const partnerDay = (partner: string, day: string, c: { signups: number; leads: number; paying: number; won: number; revenue: number }) =>
  env.DB.prepare(
    `INSERT INTO partner_daily_stats (partner_id, day, program_id, signups, leads, paying, won, revenue_minor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (partner_id, day) DO UPDATE SET signups = signups + excluded.signups, leads = leads + excluded.leads, paying = paying + excluded.paying,
       won = won + excluded.won, revenue_minor = revenue_minor + excluded.revenue_minor`,
  ).bind(partner, day, P, c.signups, c.leads, c.paying, c.won, c.revenue);

const invitationDay = (invitation: string, day: string, c: { clicks: number; scans: number; signups: number; paying: number }) =>
  env.DB.prepare(
    `INSERT INTO invitation_daily_stats (invitation_id, day, clicks, scans, signups, paying) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (invitation_id, day) DO UPDATE SET clicks = clicks + excluded.clicks, scans = scans + excluded.scans, signups = signups + excluded.signups,
       paying = paying + excluded.paying`,
  ).bind(invitation, day, c.clicks, c.scans, c.signups, c.paying);

async function expectWindowsAsRecounted() {
  const windows = (await windowsBesideRecount()).filter((w) => w.window.startsWith(P));
  expect(windows).toHaveLength(20);
  for (const w of windows) expect(w.kept, w.window).toEqual(w.recounted);
}

const count = fc.integer({ min: -2, max: 4 });
const step = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant('partner' as const), who: fc.nat(2), day: fc.integer({ min: -400, max: 40 }), signups: count, leads: count, paying: count, won: count, revenue: fc.integer({ min: -5_000, max: 20_000 }) }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('invitation' as const), who: fc.nat(2), day: fc.integer({ min: -400, max: 40 }), clicks: count, scans: count, signups: count, paying: count }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('move' as const), day: fc.integer({ min: -40, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('campaign' as const), who: fc.nat(2), campaign: fc.constantFrom('Launch', 'Autumn', null) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('status' as const), who: fc.nat(3), status: fc.constantFrom(...STATUSES), at: fc.integer({ min: -400, max: 40 }) }) },
);

/** A status change as the console makes it (worker/db/partner-profile.ts): approved_at set on the first approval. */
const statusChange = (partner: string, status: string, at: number) =>
  env.DB.prepare(
    `UPDATE partners SET status = ?1, approved_at = CASE WHEN ?1 = 'partner' AND approved_at IS NULL THEN ?2 ELSE approved_at END WHERE id = ?3`,
  ).bind(status, T0 + at * DAY, partner);

describe('metric windows', () => {
  it('equal a recount of their days after random changes on any day and moves to any day (property)', async () => {
    await moveMetricWindows(env.DB, T0);
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 15 }), async (steps) => {
        for (const s of steps) {
          if (s.t === 'partner') await partnerDay(PARTNERS[s.who], dayOf(s.day), s).run();
          else if (s.t === 'invitation') await invitationDay(INVITATIONS[s.who].id, dayOf(s.day), s).run();
          else if (s.t === 'campaign') await env.DB.prepare('UPDATE invitations SET campaign = ? WHERE id = ?').bind(s.campaign, INVITATIONS[s.who].id).run();
          else if (s.t === 'status') await statusChange([...PARTNERS, APPLICANT][s.who], s.status, s.at).run();
          else await moveMetricWindows(env.DB, T0 + s.day * DAY);
        }
        await expectWindowsAsRecounted();
      }),
      { numRuns: 40 },
    );
  });

  it('changes on the edges of a window count in it, and a day after it does not until it moves', async () => {
    await moveMetricWindows(env.DB, T0);
    const w = await env.DB.prepare("SELECT previous_from_day, from_day, to_day FROM metric_windows WHERE program_id = ? AND name = 'last7'").bind(P).first<Record<string, string>>();
    expect(w).toEqual({ previous_from_day: dayOf(-13), from_day: dayOf(-6), to_day: dayOf(0) });
    const before = await env.DB.prepare("SELECT coalesce(sum(referrals), 0) AS r, coalesce(sum(previous_referrals), 0) AS p FROM partner_window_stats WHERE program_id = ? AND window_name = 'last7'").bind(P).first<Record<string, number>>();
    const one = { signups: 1, leads: 0, paying: 0, won: 0, revenue: 0 };
    for (const d of [-14, -13, -7, -6, 0, 1]) await partnerDay('prt_mw_a', dayOf(d), one).run();
    const after = await env.DB.prepare("SELECT sum(referrals) AS r, sum(previous_referrals) AS p FROM partner_window_stats WHERE program_id = ? AND window_name = 'last7'").bind(P).first<Record<string, number>>();
    expect({ r: after!.r - before!.r, p: after!.p - before!.p }).toEqual({ r: 2, p: 2 }); // -6 and 0; -13 and -7
    await expectWindowsAsRecounted();
  });

  it('two moves at once apply once', async () => {
    await moveMetricWindows(env.DB, T0 + 100 * DAY);
    await partnerDay('prt_mw_b', dayOf(101), { signups: 3, leads: 1, paying: 1, won: 0, revenue: 4_900 }).run();
    await invitationDay('inv_mw_b', dayOf(101), { clicks: 5, scans: 1, signups: 3, paying: 1 }).run();
    const moved = await Promise.all([1, 2, 3].map(() => moveMetricWindows(env.DB, T0 + 101 * DAY)));
    expect(moved.every((n) => n >= 5)).toBe(true); // each saw the windows a day behind; one batch moved them
    await expectWindowsAsRecounted();
    const row = await env.DB.prepare("SELECT referrals, successes, revenue_minor FROM partner_window_stats WHERE program_id = ? AND window_name = 'last7' AND partner_id = 'prt_mw_b'").bind(P).first();
    expect(row).toEqual({ referrals: 4, successes: 1, revenue_minor: 4_900 });
  });

  it('a partner made approved has a row in every window, and a rejected one keeps its rows only while they count', async () => {
    await moveMetricWindows(env.DB, T0 + 101 * DAY);
    await env.DB.prepare("INSERT INTO partners (id, program_id, number, name, email, status, approved_at, created_at) VALUES ('prt_mw_e', ?, 310101, 'Advocate', 'e@mw.test', 'partner', 5, 5)").bind(P).run();
    const rows = () => env.DB.prepare("SELECT window_name, approved, approved_at FROM partner_window_stats WHERE partner_id = 'prt_mw_e' ORDER BY window_name").all();
    expect((await rows()).results).toEqual(['last30', 'last365', 'last7', 'last90', 'month'].map((window_name) => ({ window_name, approved: 1, approved_at: 5 })));
    // As the console rejects it: the change applies, though D1 counts the window rows the trigger changed with it.
    const change = { changeId: 'psc_mw_e', programId: P, partnerId: 'prt_mw_e', from: 'partner', to: 'rejected', reason: null, accountId: null, now: 6 } as const;
    expect(await changeStatus(env.DB, change)).toBe(true);
    expect((await rows()).results.every((r) => r.approved === 0)).toBe(true);
    await expectWindowsAsRecounted();
    await moveMetricWindows(env.DB, T0 + 102 * DAY);
    expect((await rows()).results).toEqual([]); // nothing in them: the move deleted them
    await expectWindowsAsRecounted();
  });

  it("a renamed campaign follows its invitation's window rows", async () => {
    await moveMetricWindows(env.DB, T0 + 101 * DAY);
    await env.DB.prepare("UPDATE invitations SET campaign = 'Autumn' WHERE id = 'inv_mw_b'").run();
    const campaigns = await env.DB.prepare("SELECT DISTINCT campaign FROM invitation_window_stats WHERE invitation_id = 'inv_mw_b'").all();
    expect(campaigns.results).toEqual([{ campaign: 'Autumn' }]);
    await expectWindowsAsRecounted();
  });
});
