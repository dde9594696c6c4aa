// Engagement triggers end to end in the Worker: the daily run tells each condition once (a rerun, a second day, a
// racing run tell nothing new), a new spell is told again, opt-outs hold, and the console's list and nudge with their
// authorization and bad input.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { asUser, count, DEMO, eventually, seedDemo, signIn } from './helpers';
import type { Env } from '../../worker/env';
import { sweepEngagement } from '../../worker/flows/engagement';
import { relayEvents } from '../../worker/flows/outbox';
import { insertRule } from '../../worker/db/rewards';
import { hashPassword } from '../../worker/security/hashing';
import { hourly } from '../../worker/scheduled';
import { EVENT_DATA } from '../../shared/schemas/event-data';
import type { EventType } from '../../shared/event-types';

const worker = env as unknown as Env;
const DAY = 86_400_000;
const P = DEMO.programId;
let manager: string;
let n = 0;

beforeAll(async () => {
  await seedDemo();
  manager = await signIn(DEMO.managerEmail);
});

/** An approved partner with an owner and a finance member, approved at `joinedAt`; nobody has signed in. */
async function partner(joinedAt: number): Promise<{ id: string; owner: string; finance: string }> {
  const i = ++n;
  const id = `prt_eng_${i}`;
  const [owner, finance] = [`acc_eng_${i}_o`, `acc_eng_${i}_f`];
  await env.DB.batch([
    env.DB.prepare("INSERT INTO partners (id, program_id, number, name, email, status, approved_at, created_at) VALUES (?, ?, ?, ?, ?, 'partner', ?, ?)").bind(id, P, 400000 + i, `Quiet Partner ${i}`, `eng${i}@quiet.test`, joinedAt, joinedAt),
    env.DB.prepare("INSERT INTO accounts (id, email, name, password_hash, created_at) VALUES (?, ?, 'Olga Owner', 'x', ?), (?, ?, 'Fia Finance', 'x', ?)").bind(owner, `eng${i}.o@quiet.test`, joinedAt, finance, `eng${i}.f@quiet.test`, joinedAt),
    env.DB.prepare("INSERT INTO members (id, partner_id, account_id, role, created_at) VALUES (?, ?, ?, 'owner', ?), (?, ?, ?, 'finance', ?)").bind(`mem_eng_${i}_o`, id, owner, joinedAt, `mem_eng_${i}_f`, id, finance, joinedAt),
  ]);
  return { id, owner, finance };
}

/** The partner's events of a type, each held to its documented data schema (docs/EVENTS.md): no field more, none less. */
const events = (type: EventType, partnerId: string) =>
  env.DB.prepare("SELECT data FROM events WHERE type = ? AND data ->> '$.partnerId' = ? ORDER BY seq").bind(type, partnerId).all<{ data: string }>()
    .then((r) => r.results.map((e) => JSON.parse(e.data) as Record<string, unknown>))
    .then((all) => {
      for (const d of all) EVENT_DATA[type].strict().parse(d);
      return all;
    });
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const stats = (partnerId: string, d: string, c: { signups?: number; leads?: number; paying?: number }) =>
  env.DB.prepare('INSERT INTO partner_daily_stats (partner_id, day, program_id, signups, leads, paying) VALUES (?, ?, ?, ?, ?, ?)')
    .bind(partnerId, d, P, c.signups ?? 0, c.leads ?? 0, c.paying ?? 0)
    .run();

describe('the daily run', () => {
  it('tells an inactive partner once, through a rerun, racing runs and later days; a new quiet spell after a sign-in is told again', async () => {
    const t0 = Date.UTC(2031, 0, 5, 8);
    const p = await partner(t0);
    await env.DB.prepare('UPDATE accounts SET last_sign_in_at = ? WHERE id = ?').bind(t0 + 2 * DAY, p.owner).run();
    await sweepEngagement(worker.DB, t0 + 31 * DAY);
    expect(await events('partner.inactive', p.id)).toEqual([]); // 29 days since the sign-in: not yet
    await hourly(worker, t0 + 33 * DAY + 3_600_000); // 09:00 UTC, 31 days quiet: not the cron's engagement hour
    expect(await events('partner.inactive', p.id)).toEqual([]);
    // The cron's 08:00 UTC run races another isolate's; then a rerun and later days.
    await Promise.all([hourly(worker, t0 + 34 * DAY), sweepEngagement(worker.DB, t0 + 34 * DAY)]);
    await hourly(worker, t0 + 34 * DAY);
    await sweepEngagement(worker.DB, t0 + 40 * DAY);
    const told = await events('partner.inactive', p.id);
    expect(told).toEqual([{ partnerId: p.id, conditionKey: 'since:2031-01-07', inactiveSince: new Date(t0 + 2 * DAY).toISOString(), inactiveDays: 32, thresholdDays: 30 }]);
    expect(await count("SELECT count(*) n FROM engagement_notices WHERE partner_id = ? AND kind = 'inactive'", p.id)).toBe(1);
    // A referral on day 50 ends the spell; 30 quiet days later is a new one.
    await stats(p.id, day(t0 + 50 * DAY), { signups: 1 });
    await sweepEngagement(worker.DB, t0 + 70 * DAY);
    expect(await events('partner.inactive', p.id)).toHaveLength(1);
    await sweepEngagement(worker.DB, t0 + 80 * DAY);
    const again = await events('partner.inactive', p.id);
    expect(again.map((e) => e.conditionKey)).toEqual(['since:2031-01-07', `since:${day(t0 + 50 * DAY)}`]);
  });

  it('tells every quiet partner of a program, past the first 200 it reads at a time', async () => {
    const t0 = Date.UTC(2032, 0, 3, 8);
    await env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 205)
       INSERT INTO partners (id, program_id, number, name, email, status, approved_at, created_at)
       SELECT 'prt_many_' || i, ?1, 500000 + i, 'Many ' || i, 'many' || i || '@quiet.test', 'partner', ?2, ?2 FROM n`,
    ).bind(P, t0).run();
    await sweepEngagement(worker.DB, t0 + 30 * DAY);
    expect(await count("SELECT count(*) n FROM engagement_notices WHERE kind = 'inactive' AND partner_id LIKE 'prt_many_%'")).toBe(205);
    expect(await count("SELECT count(*) n FROM events WHERE type = 'partner.inactive' AND data ->> '$.partnerId' LIKE 'prt_many_%'")).toBe(205);
  });

  it("emails the partner's owner (sellers), not finance, and skips an owner who opted out", async () => {
    // Now, not in the future: the queue consumer sends at the real time.
    const t0 = Date.now() - 31 * DAY;
    const [a, b] = [await partner(t0), await partner(t0)];
    await env.DB.prepare("INSERT INTO email_opt_outs (account_id, topic, created_at) VALUES (?, 'partner_inactive', ?)").bind(b.owner, t0).run();
    await sweepEngagement(worker.DB, Date.now());
    await relayEvents(worker);
    const mails = (account: string) => env.DB.prepare("SELECT status, last_error FROM emails WHERE account_id = ? AND template = 'partner_inactive'").bind(account).all<{ status: string; last_error: string | null }>().then((r) => r.results);
    const sent = await eventually(() => mails(a.owner), (r) => r.length === 1 && r[0].status !== 'pending');
    expect(sent[0].status).toBe('sent');
    const skipped = await eventually(() => mails(b.owner), (r) => r.length === 1 && r[0].status !== 'pending');
    expect(skipped[0]).toEqual({ status: 'skipped', last_error: 'The recipient unsubscribed from this email.' });
    expect(await mails(a.finance)).toEqual([]);
  });

  it('tells referrals without success once the period is half over, once per period', async () => {
    const p = await partner(Date.UTC(2031, 5, 1));
    await stats(p.id, '2031-07-03', { signups: 2, leads: 1 });
    await sweepEngagement(worker.DB, Date.UTC(2031, 6, 10, 8));
    expect(await events('partner.no_success', p.id)).toEqual([]); // July is not half over on the 10th
    await sweepEngagement(worker.DB, Date.UTC(2031, 6, 17, 8));
    await sweepEngagement(worker.DB, Date.UTC(2031, 6, 20, 8));
    const told = await events('partner.no_success', p.id);
    expect(told).toEqual([{ partnerId: p.id, conditionKey: `per_${P}_20310701T000000000`, periodId: `per_${P}_20310701T000000000`, periodStartsAt: '2031-07-01T00:00:00.000Z', periodEndsAt: '2031-08-01T00:00:00.000Z', referrals: 3 }]);
    await stats(p.id, '2031-07-21', { paying: 1 });
    await sweepEngagement(worker.DB, Date.UTC(2031, 6, 22, 8));
    expect(await events('partner.no_success', p.id)).toHaveLength(1);
  });

  it("tells a partner 2 successes from its rule's next tier, once per tier and period", async () => {
    const p = await partner(Date.UTC(2031, 8, 1));
    await insertRule(worker.DB, P, { partnerId: p.id, event: 'payment', kind: 'percent', amountMinor: null, percentBps: 2000, product: null, recurringMonths: 12, holdDays: 30, tiers: [{ minReferrals: 5, percentBps: 3000 }, { minReferrals: 10, percentBps: 4000 }], split: [] }, Date.UTC(2031, 8, 1));
    await stats(p.id, '2031-10-02', { signups: 4, paying: 2 });
    await sweepEngagement(worker.DB, Date.UTC(2031, 9, 3, 8));
    expect(await events('partner.near_tier', p.id)).toEqual([]); // 3 away from 5
    await stats(p.id, '2031-10-03', { paying: 1 });
    await sweepEngagement(worker.DB, Date.UTC(2031, 9, 4, 8));
    await sweepEngagement(worker.DB, Date.UTC(2031, 9, 5, 8));
    const told = await events('partner.near_tier', p.id);
    expect(told).toEqual([{ partnerId: p.id, conditionKey: `per_${P}_20311001T000000000:5`, periodId: `per_${P}_20311001T000000000`, successes: 3, needed: 2, tierMinReferrals: 5, tierPercentBps: 3000, tierAmount: null }]);
  });
});

describe('the console', () => {
  const list = (cookie: string, query: string) => asUser(cookie, `/api/v1/programs/${P}/engagement?${query}`);
  const nudge = (cookie: string, partnerId: string, body: unknown) => asUser(cookie, `/api/v1/programs/${P}/engagement/${partnerId}/nudge`, body);

  it('lists inactive partners with their last sign-in and referral; a nudge tells once, a re-send on purpose counts', async () => {
    const p = await partner(Date.now() - 45 * DAY);
    await env.DB.prepare('UPDATE accounts SET last_sign_in_at = ? WHERE id = ?').bind(Date.now() - 40 * DAY, p.finance).run();
    await stats(p.id, day(Date.now() - 42 * DAY), { leads: 1 });
    const res = await list(manager, 'kind=inactive&limit=100');
    expect(res.status).toBe(200);
    const body = await res.json<any>();
    expect(body.inactiveDays).toBe(30);
    const row = body.data.find((r: any) => r.partnerId === p.id);
    expect(row).toMatchObject({ displayId: `P${400000 + n}`, name: `Quiet Partner ${n}`, inactiveDays: 40, lastReferralDay: day(Date.now() - 42 * DAY), notice: null });
    const sent = await nudge(manager, p.id, { kind: 'inactive' });
    expect(sent.status).toBe(200);
    expect((await sent.json<any>()).row.notice).toMatchObject({ sends: 1, byManager: true });
    const twice = await nudge(manager, p.id, { kind: 'inactive' });
    expect(twice.status).toBe(409);
    expect((await twice.json<any>()).error.code).toBe('already_notified');
    const resent = await nudge(manager, p.id, { kind: 'inactive', resend: true });
    expect(resent.status).toBe(200);
    expect(await resent.json<any>()).toMatchObject({ outcome: 'resent', row: { notice: { sends: 2 } } });
    expect(await events('partner.inactive', p.id)).toHaveLength(2);
    // The daily run finds the condition told and adds nothing.
    await sweepEngagement(worker.DB, Date.now());
    expect(await events('partner.inactive', p.id)).toHaveLength(2);
    const after = (await (await list(manager, 'kind=inactive&limit=100')).json<any>()).data.find((r: any) => r.partnerId === p.id);
    expect(after.notice).toMatchObject({ sends: 2, byManager: true });
  });

  it('refuses a nudge for a partner not in the condition (409) or not in the program (404)', async () => {
    const fresh = await partner(Date.now() - DAY);
    const res = await nudge(manager, fresh.id, { kind: 'inactive' });
    expect(res.status).toBe(409);
    expect((await res.json<any>()).error.code).toBe('not_in_condition');
    expect((await nudge(manager, 'prt_nobody', { kind: 'inactive' })).status).toBe(404);
  });

  it('is for managers: a partner member gets 404, a sales representative 403', async () => {
    const member = await signIn(DEMO.partnerEmail);
    expect((await list(member, 'kind=inactive')).status).toBe(404);
    expect((await nudge(member, DEMO.partnerId, { kind: 'inactive' })).status).toBe(404);
    await env.DB.batch([
      env.DB.prepare("INSERT INTO accounts (id, email, name, password_hash, created_at) VALUES ('acc_eng_rep', 'rep@eng.test', 'Rita Rep', ?, 0)").bind(await hashPassword('long-enough')),
      env.DB.prepare("INSERT INTO program_staff (program_id, account_id, role) VALUES (?, 'acc_eng_rep', 'sales_rep')").bind(P),
    ]);
    const rep = await signIn('rep@eng.test', 'long-enough');
    expect((await list(rep, 'kind=inactive')).status).toBe(403);
    expect((await nudge(rep, DEMO.partnerId, { kind: 'inactive' })).status).toBe(403);
  });

  it('answers bad input with 400 in the one error shape', async () => {
    for (const q of ['', 'kind=asleep', 'kind=inactive&limit=0', 'kind=inactive&limit=101', 'kind=inactive&offset=-1']) {
      const res = await list(manager, q);
      expect(res.status, q).toBe(400);
      expect((await res.json<any>()).error.code).toBe('invalid_request');
    }
    for (const body of [{}, { kind: 'asleep' }, { kind: 'inactive', resend: 'yes' }, { kind: 'inactive', extra: 1 }]) {
      expect((await nudge(manager, DEMO.partnerId, body)).status, JSON.stringify(body)).toBe(400);
    }
    const setting = await asUser(manager, `/api/v1/programs/${P}/settings`, { inactiveDays: 3 }, { method: 'PATCH' });
    expect(setting.status).toBe(400);
    const ok = await asUser(manager, `/api/v1/programs/${P}/settings`, { inactiveDays: 45 }, { method: 'PATCH' });
    expect((await ok.json<any>()).inactiveDays).toBe(45);
    await asUser(manager, `/api/v1/programs/${P}/settings`, { inactiveDays: 30 }, { method: 'PATCH' });
  });
});
