// Signed click ids: a genuine click attributes even when its row never reached D1; a forged one writes nothing.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { nanoid } from 'nanoid';
import { BASE, clickThrough, count, DEMO, seedDemo, server, settledClicks, widget } from './helpers';
import worker from '../../worker/index';
import type { Env } from '../../worker/env';
import { insertClicks } from '../../worker/db/clicks';
import { readClickId, signClickId, type ClickClaim } from '../../worker/security/click-ids';

beforeAll(seedDemo);

const DAY = 86_400_000;
let seq = 0;
const customer = () => {
  const id = `ids-${++seq}-${nanoid(6)}`;
  return { customerId: id, email: `${id}@example.com` };
};
const demoRef = async () => (await env.DB.prepare("SELECT click_ref n FROM invitations WHERE id = 'inv_demo'").first<{ n: number }>())!.n;
/** A click id as the redirect would have handed it out, whose row was never written. */
const lostClick = async (ageMs = 60_000, secret = env.CLICK_ID_SECRET, source: ClickClaim['source'] = 'link') =>
  signClickId(secret, { invitationRef: await demoRef(), at: Date.now() - ageMs, source });
const rowsOf = (id: string) => count('SELECT count(*) n FROM clicks WHERE id = ?', id);
const written = async () => ({
  clicks: await count('SELECT count(*) n FROM clicks'),
  customers: await count('SELECT count(*) n FROM customers'),
  entries: await count('SELECT count(*) n FROM ledger_entries'),
  stats: await count('SELECT coalesce(sum(clicks + scans + signups), 0) n FROM invitation_daily_stats'),
});

describe('a genuine click id whose row was lost', () => {
  it('still attributes the signup, and writes the click row once, counted on the day of the click', async () => {
    const clickId = await lostClick(2 * DAY, env.CLICK_ID_SECRET, 'qr');
    const day = new Date(Date.now() - 2 * DAY).toISOString().slice(0, 10);
    const scans = () => count("SELECT coalesce(sum(scans), 0) n FROM invitation_daily_stats WHERE invitation_id = 'inv_demo' AND day = ?", day);
    const scansBefore = await scans();
    expect(await rowsOf(clickId)).toBe(0);

    const first = customer();
    const res = await widget('/api/v1/signups', { ...first, clickId });
    expect(res.status).toBe(201);
    expect((await res.json<any>()).attribution).toEqual({ invitationCode: 'DEMO', method: 'click', partnerName: DEMO.partnerName });
    expect(await env.DB.prepare('SELECT source, invitation_id, is_bot, is_repeat FROM clicks WHERE id = ?').bind(clickId).first()).toEqual({ source: 'qr', invitation_id: 'inv_demo', is_bot: 0, is_repeat: 0 });
    expect(await count('SELECT count(*) n FROM customers WHERE external_id = ? AND click_id = ?', first.customerId, clickId)).toBe(1);
    expect(await scans()).toBe(scansBefore + 1);

    // A second signup naming the same click (a shared device) and the click's own message arriving late change no count.
    expect((await widget('/api/v1/signups', { ...customer(), clickId })).status).toBe(201);
    await insertClicks(env.DB, [{ id: clickId, programId: DEMO.programId, invitationId: 'inv_demo', source: 'qr', referrerDomain: null, country: null, device: 'desktop', browser: 'Chrome', visitorHash: 'a'.repeat(64), isBot: false, repeatOf: null, createdAt: Date.now() - 2 * DAY }]);
    expect(await rowsOf(clickId)).toBe(1);
    expect(await scans()).toBe(scansBefore + 1);
  });

  it('attributes a click id from the redirect at once, whether or not the queue has written it yet, and counts it once', async () => {
    const { clickId } = await clickThrough();
    const res = await server('/api/v1/signups', { ...customer(), clickId });
    expect(res.status).toBe(201);
    expect((await res.json<any>()).attribution.method).toBe('click');
    // The queue's message for this click has been through the consumer too, before or after the signup: still one row.
    await settledClicks();
    expect(await rowsOf(clickId)).toBe(1);
  });

  it('greets the visitor with the invitation the id names', async () => {
    const res = await widget(`/api/v1/greeting?clickId=${await lostClick()}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ code: 'DEMO', partnerName: DEMO.partnerName });
  });

  it('is refused as click_expired outside the attribution window, and nothing is written', async () => {
    const clickId = await lostClick(31 * DAY);
    const before = await written();
    const res = await server('/api/v1/signups', { ...customer(), clickId });
    expect(res.status).toBe(422);
    expect((await res.json<any>()).error.code).toBe('click_expired');
    expect(await written()).toEqual(before);
  });
});

describe('a click id that is not genuine', () => {
  const alter = (id: string, at: number) => id.slice(0, at) + (id[at] === 'A' ? 'B' : 'A') + id.slice(at + 1);

  for (const [what, at] of [['its time', 3], ['its invitation', 12], ['its random part', 20], ['its MAC', 39]] as const) {
    it(`is refused with one character of ${what} altered, and nothing is written`, async () => {
      const clickId = alter(await lostClick(), at);
      expect((await readClickId(env.CLICK_ID_SECRET, clickId)).kind).toBe('forged');
      const before = await written();
      const res = await widget('/api/v1/signups', { ...customer(), clickId });
      expect(res.status).toBe(422);
      expect((await res.json<any>()).error).toMatchObject({ code: 'unknown_click' });
      expect(await written()).toEqual(before);
    });
  }

  it('is refused when signed under another secret, and nothing is written', async () => {
    const clickId = await lostClick(60_000, 'another-secret-entirely-0123456789');
    const before = await written();
    const res = await server('/api/v1/signups', { ...customer(), clickId });
    expect(res.status).toBe(422);
    expect((await res.json<any>()).error.code).toBe('unknown_click');
    expect(await written()).toEqual(before);
  });

  it('is refused when it names no invitation of this program', async () => {
    const clickId = await signClickId(env.CLICK_ID_SECRET, { invitationRef: 987_654, at: Date.now(), source: 'link' });
    const before = await written();
    expect((await server('/api/v1/signups', { ...customer(), clickId })).status).toBe(422);
    expect(await written()).toEqual(before);
  });
});

describe('the invitation a signed id names', () => {
  it('is numbered on insert, however the invitation is inserted, and never twice', async () => {
    const insert = (id: string) =>
      env.DB.prepare("INSERT INTO invitations (id, program_id, partner_id, code, code_key, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, 0, 0)").bind(id, DEMO.programId, DEMO.partnerId, id.toUpperCase(), id.toUpperCase()).run();
    await insert('inv_ref_a');
    await insert('inv_ref_b');
    const refs = await env.DB.prepare("SELECT click_ref FROM invitations WHERE id IN ('inv_ref_a', 'inv_ref_b') ORDER BY id").all<{ click_ref: number }>();
    const [a, b] = refs.results.map((r) => r.click_ref);
    expect(b).toBe(a + 1);
    expect(await count('SELECT count(*) n FROM invitations WHERE click_ref IS NULL')).toBe(0);
    const clickId = await signClickId(env.CLICK_ID_SECRET, { invitationRef: b, at: Date.now(), source: 'link' });
    expect(await (await widget(`/api/v1/greeting?clickId=${clickId}`)).json()).toMatchObject({ code: 'INV_REF_B' });
  });
});

describe('click ids from before signing', () => {
  it('still attribute through their row', async () => {
    const clickId = nanoid();
    await insertClicks(env.DB, [{ id: clickId, programId: DEMO.programId, invitationId: 'inv_demo', source: 'link', referrerDomain: null, country: null, device: 'desktop', browser: 'Chrome', visitorHash: 'b'.repeat(64), isBot: false, repeatOf: null, createdAt: Date.now() - DAY }]);
    const res = await server('/api/v1/signups', { ...customer(), clickId });
    expect(res.status).toBe(201);
    expect((await res.json<any>()).attribution.method).toBe('click');
    expect(await rowsOf(clickId)).toBe(1);
  });
});

describe('the click-id secret', () => {
  it('is required: without it the link answers a 500 that names it', async () => {
    const ctx = createExecutionContext();
    const res = await worker.fetch(new Request(`${BASE}/r/DEMO`, { headers: { 'User-Agent': 'Mozilla/5.0 Chrome/124.0' } }), { ...(env as unknown as Env), CLICK_ID_SECRET: undefined }, ctx);
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: 'not_configured', message: expect.stringContaining('wrangler secret put CLICK_ID_SECRET') } });
  });
});
