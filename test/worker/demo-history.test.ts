// The demo program's 90 days of history (scripts/demo-history): written once through the real flows, alive on every chart, and the demo partner can withdraw at once.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { asUser, count, seedDemo, signIn, DEMO } from './helpers';
import { seedDemoHistory, type HistorySummary } from '../../scripts/demo-history/seed-history';
import { hashPassword } from '../../worker/security/hashing';
import { balanceOf } from '../../worker/db/ledger';
import { engagementConditions } from '../../worker/flows/engagement';

const DAY_MS = 86_400_000;
// Noon, so the history's days are whole days whatever time the test runs.
const now = Date.UTC(2026, 11, 2, 12);
const TABLES = [
  'partners', 'members', 'accounts', 'invitations', 'clicks', 'customers', 'payments', 'refunds', 'subscriptions', 'ledger_entries', 'events', 'emails',
  'referrals', 'referral_changes', 'withdrawals', 'reporting_periods', 'payout_batches', 'invitation_daily_stats', 'reward_rules',
];
const counts = () => Promise.all(TABLES.map((t) => count(`SELECT count(*) n FROM ${t}`)));

let summary: HistorySummary | null;
let firstCounts: number[];

beforeAll(async () => {
  await seedDemo();
  summary = await seedDemoHistory(env.DB, { now, clickIdSecret: env.CLICK_ID_SECRET, passwordHash: await hashPassword(DEMO.password) });
  firstCounts = await counts();
});

describe('the demo history', () => {
  it('writes partners with several members, invitations with campaigns, clicks, signups and monthly payments', async () => {
    expect(summary).not.toBeNull();
    expect(await count("SELECT count(*) n FROM partners WHERE program_id = ? AND status = 'partner'", DEMO.programId)).toBe(6);
    expect(await count("SELECT count(*) n FROM partners WHERE status = 'affiliate'")).toBe(1);
    expect(await count('SELECT count(*) n FROM (SELECT partner_id FROM members GROUP BY partner_id HAVING count(*) >= 2)')).toBe(3);
    expect(await count('SELECT count(*) n FROM invitations WHERE partner_id = ?', DEMO.partnerId)).toBe(4);
    expect(await count('SELECT count(DISTINCT campaign) n FROM invitations')).toBe(14);
    expect(summary!.clicks).toBeGreaterThan(3000);
    expect(await count('SELECT count(*) n FROM clicks')).toBe(summary!.clicks);
    expect(await count('SELECT count(*) n FROM customers')).toBe(summary!.signups);
    expect(summary!.signups).toBeGreaterThan(200);
    expect(await count("SELECT count(*) n FROM clicks WHERE source = 'qr' AND is_bot = 0 AND is_repeat = 0")).toBeGreaterThan(500);
    expect(await count('SELECT count(*) n FROM clicks WHERE is_repeat = 1')).toBeGreaterThan(100);
    // Recurring: customers who paid three months in a row, and some who canceled.
    expect(await count('SELECT count(*) n FROM (SELECT customer_id FROM payments GROUP BY customer_id HAVING count(*) >= 3)')).toBeGreaterThan(20);
    expect(await count("SELECT count(*) n FROM subscriptions WHERE status = 'canceled'")).toBeGreaterThan(5);
    expect(await count('SELECT count(*) n FROM refunds')).toBe(1);
    expect(await count("SELECT count(*) n FROM ledger_entries WHERE type = 'clawback' AND partner_id = ?", DEMO.partnerId)).toBeGreaterThan(0);
  });

  it('spreads visits over at least 60 days, for the program and for the demo partner, and nothing after its last day', async () => {
    const days = (partnerId: string | null) =>
      count(
        `SELECT count(DISTINCT s.day) n FROM invitation_daily_stats s JOIN invitations i ON i.id = s.invitation_id
         WHERE s.clicks + s.scans > 0 AND (?1 IS NULL OR i.partner_id = ?1)`,
        partnerId,
      );
    expect(await days(null)).toBe(90);
    expect(await days(DEMO.partnerId)).toBeGreaterThanOrEqual(60);
    expect(await count('SELECT count(*) n FROM clicks WHERE created_at >= ? OR created_at < ?', now - (now % DAY_MS), now - 91 * DAY_MS)).toBe(0);
    // The daily rollups are the triggers' work on the same rows: they add up to the clicks that count as visits.
    expect(await count('SELECT sum(clicks + scans) n FROM invitation_daily_stats')).toBe(await count('SELECT count(*) n FROM clicks WHERE is_bot = 0 AND is_repeat = 0'));
  });

  it('has leads in every registration state and every stage, and a referral the program sent', async () => {
    const rows = await env.DB.prepare('SELECT type, registration_status AS status, stage FROM referrals').all<{ type: string; status: string; stage: string }>();
    const leads = rows.results.filter((r) => r.type === 'partner_to_program');
    expect(new Set(leads.map((r) => r.status))).toEqual(new Set(['pending', 'confirmed', 'rejected', 'unlocked']));
    expect(new Set(rows.results.map((r) => r.stage))).toEqual(new Set(['new', 'in_progress', 'won', 'lost', 'junk']));
    expect(rows.results.filter((r) => r.type === 'program_to_partner')).toHaveLength(1);
    // A won deal pays the program's deal rule: 5% of 26,400 EUR to the demo partner.
    expect(await count("SELECT amount_minor n FROM ledger_entries WHERE partner_id = ? AND event_type = 'deal' AND type = 'commission'", DEMO.partnerId)).toBe(132_000);
  });

  it('closes the ended periods, pays a payout batch, and leaves one request open for the next close', async () => {
    expect(await count('SELECT count(*) n FROM reporting_periods WHERE closed_at IS NOT NULL')).toBe(3);
    expect(await count('SELECT count(*) n FROM reporting_periods WHERE closed_at IS NULL AND ends_at > ?', now)).toBe(1);
    const paid = await count(
      `SELECT count(*) n FROM withdrawals w JOIN payout_batches b ON b.id = w.payout_batch_id JOIN reporting_periods p ON p.id = b.period_id
       WHERE w.status = 'paid' AND p.closed_at IS NOT NULL`,
    );
    expect(paid).toBe(3);
    expect(summary!.paidWithdrawals).toBe(3);
    expect(await count("SELECT count(*) n FROM withdrawals WHERE partner_id = ? AND status = 'paid'", DEMO.partnerId)).toBe(1);
    expect(await count("SELECT count(*) n FROM withdrawals WHERE status = 'requested'")).toBe(1);
  });

  it('sends no email for what happened in the past: its events count as relayed and its mail as skipped', async () => {
    expect(await count('SELECT count(*) n FROM events')).toBeGreaterThan(500);
    expect(await count('SELECT count(*) n FROM events WHERE fanned_out_at IS NULL')).toBe(0);
    expect(await count("SELECT count(*) n FROM emails WHERE status = 'pending'")).toBe(0);
  });

  it('has a partner that went quiet 30 days ago: the only one on the Engagement page\'s inactive list', async () => {
    const program = { id: DEMO.programId, currency: 'EUR', reportingPeriod: 'monthly' as const, inactiveDays: 30 };
    const { items } = await engagementConditions(env.DB, program, 'inactive', { limit: 50, offset: 0 }, now);
    expect(items.map((i) => [i.partner.id, i.lastSignInAt])).toEqual([['prt_demo_alpine', null]]);
    expect(items[0].inactiveDays).toBeGreaterThanOrEqual(30);
  });

  it('adds nothing when seeded again', async () => {
    expect(await seedDemoHistory(env.DB, { now: now + DAY_MS, clickIdSecret: env.CLICK_ID_SECRET, passwordHash: 'unused' })).toBeNull();
    await seedDemo();
    expect(await counts()).toEqual(firstCounts);
  });

  it('leaves the demo partner at least the 50 EUR minimum available, and it can withdraw it at once', async () => {
    const { available } = await balanceOf(env.DB, { partnerId: DEMO.partnerId }, 'EUR');
    expect(available.amount).toBeGreaterThanOrEqual(5000);
    const cookie = await signIn();
    const res = await asUser(cookie, `/api/v1/partners/${DEMO.partnerId}/withdrawals`, { amount: { amount: 5000, currency: 'EUR' } }, { headers: { 'Idempotency-Key': 'demo-history-withdrawal' } });
    expect(res.status).toBe(201);
    expect((await balanceOf(env.DB, { partnerId: DEMO.partnerId }, 'EUR')).available.amount).toBe(available.amount - 5000);
  });
});
