import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASE, call, clickThrough, count, DEMO, eventually, seedDemo, server, signIn } from './helpers';
import { partnerStatsSql } from '../../worker/db/stats';

const get = (cookie: string, path: string) => call(path, { headers: { Cookie: cookie, Origin: BASE } });
let cookie: string;

beforeAll(async () => {
  await seedDemo();
  cookie = await signIn();
  const post = (body: unknown) => call(`/api/v1/partners/${DEMO.partnerId}/invitations`, { method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/json', Origin: BASE }, body: JSON.stringify(body) });
  await post({ code: 'STAT-SAM', campaign: 'Fair', memberId: 'mem_demo_sales' });
  await post({ code: 'STAT-NONE', campaign: 'Fair' });
  // DEMO (Launch, owner Petra): 3 clicks, 1 scan, 2 signups. STAT-SAM (Fair, Sam): 1 click, 1 signup. STAT-NONE (Fair): 2 clicks.
  const clicks = [...(await Promise.all([clickThrough('DEMO'), clickThrough('DEMO'), clickThrough('DEMO'), clickThrough('DEMO', '?src=qr'), clickThrough('STAT-SAM'), clickThrough('STAT-NONE'), clickThrough('STAT-NONE')]))];
  await eventually(() => count('SELECT count(*) n FROM clicks'), (n) => n === 7);
  await server('/api/v1/signups', { customerId: 's-1', email: 's1@example.com', clickId: clicks[0].clickId });
  await server('/api/v1/signups', { customerId: 's-2', email: 's2@example.com', promoCode: 'DEMO' });
  await server('/api/v1/signups', { customerId: 's-3', email: 's3@example.com', clickId: clicks[4].clickId });
});

const EUR = (amount: number) => ({ amount, currency: 'EUR' });
/** The day counts of a list of days, summed per day: what a top-level day must equal. */
function sumPerDay(days: any[]): any[] {
  const byDay = new Map<string, any>();
  for (const d of days) {
    const t = byDay.get(d.day) ?? { day: d.day, clicks: 0, scans: 0, signups: 0, credits: EUR(0), commission: EUR(0) };
    byDay.set(d.day, { day: d.day, clicks: t.clicks + d.clicks, scans: t.scans + d.scans, signups: t.signups + d.signups, credits: EUR(t.credits.amount + d.credits.amount), commission: EUR(t.commission.amount + d.commission.amount) });
  }
  return [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day));
}

describe('GET /api/v1/partners/{id}/stats', () => {
  it('reports per invitation: unique clicks, scans, signups, conversion, credits and commission, in total and per day', async () => {
    const res = await get(cookie, `/api/v1/partners/${DEMO.partnerId}/stats?by=invitation`);
    expect(res.status).toBe(200);
    const body = await res.json<any>();
    const today = new Date().toISOString().slice(0, 10);
    expect(body.to).toBe(today);
    expect(body.totals).toEqual({ clicks: 6, scans: 1, signups: 3, conversionRate: 0.2857, credits: EUR(1500), commission: EUR(3000) });
    expect(body.days).toEqual([{ day: today, clicks: 6, scans: 1, signups: 3, credits: EUR(1500), commission: EUR(3000) }]);
    const demo = body.groups.find((g: any) => g.label === 'DEMO');
    expect(demo).toEqual({ key: 'inv_demo', label: 'DEMO', totals: { clicks: 3, scans: 1, signups: 2, conversionRate: 0.25, credits: EUR(1000), commission: EUR(2000) } });
    expect(body.groups[0].label).toBe('DEMO'); // most signups first
  });

  it("leaves each group's days out unless one group is asked for, by its key or with nullGroup=true, and then gives that group's alone", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const day = (clicks: number, scans: number, signups: number) => [{ day: today, clicks, scans, signups, credits: EUR(500 * signups), commission: EUR(1000 * signups) }];
    for (const q of ['', '&nullGroup=false']) {
      const body = await (await get(cookie, `/api/v1/partners/${DEMO.partnerId}/stats?by=invitation${q}`)).json<any>();
      expect(body.groups.length, q).toBe(3);
      expect(body.groups.filter((g: any) => 'days' in g), q).toEqual([]);
    }
    for (const [q, label, days] of [
      ['by=invitation&group=inv_demo', 'DEMO', day(3, 1, 2)],
      ['by=member&group=mem_demo_sales', 'Sam Sales', day(1, 0, 1)],
      ['by=member&nullGroup=true', 'No owner', day(2, 0, 0)],
      ['by=campaign&group=Fair', 'Fair', day(3, 0, 1)],
      ['by=campaign&group=Fair&nullGroup=false', 'Fair', day(3, 0, 1)],
    ] as const) {
      const body = await (await get(cookie, `/api/v1/partners/${DEMO.partnerId}/stats?${q}`)).json<any>();
      expect(body.groups.filter((g: any) => 'days' in g).map((g: any) => [g.label, g.days]), q).toEqual([[label, days]]);
    }
  });

  it("answers a key no group has (unknown, another grouping's, or quiet in the range) with the groups as they are and no days", async () => {
    for (const by of ['invitation', 'member', 'campaign']) {
      const plain = await (await get(cookie, `/api/v1/partners/${DEMO.partnerId}/stats?by=${by}`)).json<any>();
      // 'fair' differs from the campaign Fair by case only; inv_demo is an invitation's key, not a member's or a campaign's.
      for (const key of ['nope', 'fair', 'Fair ', by === 'invitation' ? 'Fair' : 'inv_demo']) {
        const res = await get(cookie, `/api/v1/partners/${DEMO.partnerId}/stats?by=${by}&group=${encodeURIComponent(key)}`);
        expect(res.status, `${by} ${key}`).toBe(200);
        expect(await res.json(), `${by} ${key}`).toEqual(plain);
      }
    }
    const quiet = await (await get(cookie, `/api/v1/partners/${DEMO.partnerId}/stats?from=2020-01-01&to=2020-01-31&group=inv_demo`)).json<any>();
    expect(quiet.groups).toEqual([]);
    expect(quiet.days).toEqual([]);
  });

  it("answers days that are each day's sum over the groups' own days, and the same groups and totals with or without one group's days", async () => {
    for (const by of ['invitation', 'member', 'campaign']) {
      const plain = await (await get(cookie, `/api/v1/partners/${DEMO.partnerId}/stats?by=${by}`)).json<any>();
      const eachGroupsDays: any[] = [];
      for (const { key } of plain.groups) {
        const one = await (await get(cookie, `/api/v1/partners/${DEMO.partnerId}/stats?by=${by}&${key === null ? 'nullGroup=true' : `group=${encodeURIComponent(key)}`}`)).json<any>();
        const withDays = one.groups.filter((g: any) => 'days' in g);
        expect(withDays.map((g: any) => g.key), `${by} ${key}`).toEqual([key]);
        expect(withDays[0].days.length, `${by} ${key}`).toBeGreaterThan(0);
        expect({ ...one, groups: one.groups.map(({ days: _, ...g }: any) => g) }, `${by} ${key}`).toEqual(plain);
        eachGroupsDays.push(...withDays[0].days);
      }
      expect(plain.days, by).toEqual(sumPerDay(eachGroupsDays));
    }
  });

  it('groups per member and per campaign', async () => {
    const byMember = await (await get(cookie, `/api/v1/partners/${DEMO.partnerId}/stats?by=member`)).json<any>();
    expect(byMember.groups.map((g: any) => [g.key, g.label, g.totals.clicks, g.totals.signups])).toEqual([
      ['mem_demo_owner', 'Petra Partner', 3, 2],
      ['mem_demo_sales', 'Sam Sales', 1, 1],
      [null, 'No owner', 2, 0],
    ]);
    const byCampaign = await (await get(cookie, `/api/v1/partners/${DEMO.partnerId}/stats?by=campaign`)).json<any>();
    expect(byCampaign.groups.map((g: any) => [g.key, g.label, g.totals.clicks + g.totals.scans, g.totals.signups])).toEqual([
      ['Launch', 'Launch', 4, 2],
      ['Fair', 'Fair', 3, 1],
    ]);
  });

  it('takes a date range, and refuses a bad one, a bad grouping or a bad group with 400', async () => {
    const empty = await (await get(cookie, `/api/v1/partners/${DEMO.partnerId}/stats?from=2020-01-01&to=2020-01-31&by=member&nullGroup=true`)).json<any>();
    expect(empty.groups).toEqual([]);
    expect(empty.days).toEqual([]);
    expect(empty.totals.clicks).toBe(0);
    for (const q of [
      'from=2026-02-01&to=2026-01-01', 'from=yesterday', 'by=country', 'from=2020-01-01&to=2026-01-01',
      'group=', `group=${'x'.repeat(101)}`, 'group=Fair&group=Launch', 'nullGroup=yes', 'nullGroup=1', 'nullGroup=', 'by=campaign&nullGroup=true&group=Fair',
    ]) {
      expect((await get(cookie, `/api/v1/partners/${DEMO.partnerId}/stats?${q}`)).status, q).toBe(400);
    }
    const bad = await get(cookie, `/api/v1/partners/${DEMO.partnerId}/stats?nullGroup=TRUE`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: { code: 'invalid_request', message: expect.stringMatching(/^nullGroup: /), details: [{ path: 'nullGroup', message: expect.any(String) }] } });
    const both = await get(cookie, `/api/v1/partners/${DEMO.partnerId}/stats?by=member&group=mem_demo_sales&nullGroup=true`);
    expect(both.status).toBe(400);
    expect(await both.json()).toEqual({ error: { code: 'invalid_request', message: 'nullGroup: one group at a time: `group` or `nullGroup=true`, not both', details: [{ path: 'nullGroup', message: 'one group at a time: `group` or `nullGroup=true`, not both' }] } });
    // Every invitation has a key: by invitation there is no group without one to ask for.
    const keyless = await get(cookie, `/api/v1/partners/${DEMO.partnerId}/stats?by=invitation&nullGroup=true`);
    expect(keyless.status).toBe(400);
    expect((await keyless.json<any>()).error.details).toEqual([{ path: 'nullGroup', message: 'every invitation has a key: `nullGroup` is for `by=member` or `by=campaign`' }]);
    // A campaign of 100 characters, the longest there may be, is a key that may be asked for.
    expect((await get(cookie, `/api/v1/partners/${DEMO.partnerId}/stats?by=campaign&group=${'x'.repeat(100)}`)).status).toBe(200);
  });

  it('is the partner\'s own (404 for anyone else, 401 without a session)', async () => {
    expect((await call(`/api/v1/partners/${DEMO.partnerId}/stats`)).status).toBe(401);
    const manager = await signIn(DEMO.managerEmail);
    expect((await get(manager, `/api/v1/partners/${DEMO.partnerId}/stats`)).status).toBe(200);
    expect((await get(cookie, '/api/v1/partners/prt_other/stats')).status).toBe(404);
  });
});

describe('query plans of the stats queries', () => {
  async function plan(sql: string, ...args: unknown[]): Promise<string> {
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...args).all<{ detail: string }>();
    return results.map((r) => r.detail).join('\n');
  }

  it("sums a partner's daily stats through indexes, never scanning a table, for each grouping, with and without one group's days", async () => {
    const range = [DEMO.partnerId, '2026-01-01', '2026-12-31'];
    for (const by of ['invitation', 'member', 'campaign'] as const) {
      const [perGroup, perDay, oneGroup] = partnerStatsSql(by, true);
      expect(partnerStatsSql(by, false)).toEqual([perGroup, perDay]);
      // One group is asked for by its key, or by a null key (no owner, no campaign; by invitation there is none).
      const keys = by === 'invitation' ? ['inv_demo'] : [by === 'member' ? 'mem_demo_owner' : 'Launch', null];
      const plans: [string, string][] = [[`${by}, per group`, await plan(perGroup, ...range)], [`${by}, per day`, await plan(perDay, ...range)]];
      for (const key of keys) plans.push([`${by}, the group ${key}`, await plan(oneGroup, ...range, key)]);
      for (const [what, p] of plans) {
        // One invitation is found by its id; a member's or a campaign's invitations among the partner's.
        expect(p, what).toMatch(what === 'invitation, the group inv_demo' ? /SEARCH i USING INDEX sqlite_autoindex_invitations_1 \(id=\?\)/ : /SEARCH i USING INDEX invitations_partner \(partner_id=\?\)/);
        expect(p, what).toMatch(/SEARCH s USING PRIMARY KEY \(invitation_id=\? AND day>\? AND day<\?\)/);
        expect(p, what).not.toMatch(/\bSCAN\b/);
        expect(p, `${what}: rows come out in the grouping's order, not sorted again`).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
      }
    }
  });

  it('never reads raw clicks for the invitation list or the console', async () => {
    for (const sql of [
      "SELECT i.id, sum(s.clicks) FROM invitations i LEFT JOIN invitation_daily_stats s ON s.invitation_id = i.id WHERE i.partner_id = ?1 GROUP BY i.id",
      "SELECT p.id, sum(s.clicks) FROM partners p LEFT JOIN invitations i ON i.partner_id = p.id LEFT JOIN invitation_daily_stats s ON s.invitation_id = i.id WHERE p.program_id = ?1 GROUP BY p.id",
    ]) {
      const p = await plan(sql, DEMO.partnerId);
      expect(p).not.toMatch(/clicks/);
      expect(p).not.toMatch(/SCAN (i|s)\b/);
    }
  });

  it('finds a visitor\'s earlier click for the repeat check through the visitor index', async () => {
    const p = await plan("SELECT id FROM clicks c WHERE c.invitation_id = ? AND c.visitor_hash = ? AND c.created_at > ? AND c.created_at <= ?", 'inv_demo', 'x', 0, 1);
    expect(p).toMatch(/USING INDEX clicks_visitor/);
  });
});

describe('conversion never passes 100%', () => {
  const stats = async (code: string) => {
    const body = await (await get(cookie, `/api/v1/partners/${DEMO.partnerId}/stats?by=invitation`)).json<any>();
    return body.groups.find((g: any) => g.label === code)?.totals;
  };

  it('counts a bot-flagged click that converts as a visit, so the person keeps their referral and conversion stays 1', async () => {
    await call(`/api/v1/partners/${DEMO.partnerId}/invitations`, { method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/json', Origin: BASE }, body: JSON.stringify({ code: 'STAT-BOT', campaign: 'Bots' }) });
    const res = await call('/r/STAT-BOT', { headers: { 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0 Safari/537.36', 'CF-Connecting-IP': '192.0.2.77' } });
    const clickId = new URL(res.headers.get('Location')!).searchParams.get('ref_click')!;
    await eventually(() => count('SELECT count(*) n FROM clicks WHERE id = ? AND is_bot = 1', clickId), (n) => n === 1);
    expect((await stats('STAT-BOT')).clicks).toBe(0); // a bot until it converts

    const signup = await server('/api/v1/signups', { customerId: 'bot-conv-1', email: 'botconv1@example.com', clickId });
    expect(signup.status).toBe(201);
    expect((await stats('STAT-BOT'))).toMatchObject({ clicks: 1, signups: 1, conversionRate: 1 });
    expect(await count("SELECT bots n FROM invitation_daily_stats i JOIN invitations v ON v.id = i.invitation_id WHERE v.code = 'STAT-BOT'")).toBe(0);
  });

  it('converts a visit once: a second customer naming the same click id is a signup, not a second conversion', async () => {
    const { clickId } = await clickThrough('STAT-BOT');
    await eventually(() => count('SELECT count(*) n FROM clicks WHERE id = ?', clickId), (n) => n === 1);
    expect((await server('/api/v1/signups', { customerId: 'same-click-1', email: 'sc1@example.com', clickId })).status).toBe(201);
    expect((await server('/api/v1/signups', { customerId: 'same-click-2', email: 'sc2@example.com', clickId })).status).toBe(201);
    const t = await stats('STAT-BOT');
    expect(t).toMatchObject({ clicks: 2, signups: 3 });
    expect(t.conversionRate).toBe(1);
  });
});
