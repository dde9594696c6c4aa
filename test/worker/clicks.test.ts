import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, clickThrough, count, DEMO, eventually, newVisitorIp, seedDemo } from './helpers';
import worker from '../../worker/index';
import type { Env } from '../../worker/env';
import { insertClicks, type NewClick } from '../../worker/db/clicks';

beforeAll(seedDemo);

const row = (id: string, at: number) => env.DB.prepare('SELECT * FROM clicks WHERE id = ?').bind(id).first<any>();
const stats = () => env.DB.prepare("SELECT clicks, scans, repeats, bots FROM invitation_daily_stats WHERE invitation_id = 'inv_demo'").first<any>();

describe('click recording', () => {
  it('counts the same visitor on the same invitation within an hour once, and hands back the same click id', async () => {
    const ip = newVisitorIp();
    const before = await stats();
    const first = await clickThrough('DEMO', '', ip);
    const again = await clickThrough('demo', '?utm_source=x', ip);
    expect(again.clickId).toBe(first.clickId);
    const after = await eventually(stats, (s) => s?.repeats === (before?.repeats ?? 0) + 1);
    expect(after.clicks - (before?.clicks ?? 0)).toBe(1);
    expect(after.repeats - (before?.repeats ?? 0)).toBe(1);
    expect(await count('SELECT count(*) n FROM clicks WHERE id = ? OR repeat_of = ?', first.clickId, first.clickId)).toBe(2);
  });

  it('records device class, browser, referrer domain and only a hash of the visitor', async () => {
    const ip = newVisitorIp();
    const res = await call('/r/DEMO', {
      headers: { 'User-Agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1', 'CF-Connecting-IP': ip, Referer: 'https://news.example.org/story?id=1' },
    });
    const id = new URL(res.headers.get('Location')!).searchParams.get('ref_click')!;
    const r = await eventually(() => row(id, 0), (r) => r !== null);
    expect(r).toMatchObject({ device: 'mobile', browser: 'Mobile Safari', referrer_domain: 'news.example.org', is_bot: 0, is_repeat: 0 });
    expect(r.visitor_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(r)).not.toContain(ip);
  });

  it('finds a repeat that another isolate saw first (the database checks the hour too)', async () => {
    const now = Date.now();
    const base: NewClick = { id: 'iso-a', programId: DEMO.programId, invitationId: 'inv_demo', source: 'link', referrerDomain: null, country: null, device: 'desktop', browser: 'Chrome', visitorHash: 'f'.repeat(64), isBot: false, repeatOf: null, createdAt: now - 1000 };
    await insertClicks(env.DB, [base]);
    await insertClicks(env.DB, [{ ...base, id: 'iso-b', createdAt: now }]);
    await insertClicks(env.DB, [{ ...base, id: 'iso-c', createdAt: now + 3_600_000 }]);
    expect(await row('iso-b', 0)).toMatchObject({ is_repeat: 1, repeat_of: 'iso-a' });
    expect(await row('iso-c', 0)).toMatchObject({ is_repeat: 0, repeat_of: null });
  });

  it('writes each click once even when a batch is written twice', async () => {
    const c: NewClick = { id: 'twice-1', programId: DEMO.programId, invitationId: 'inv_demo', source: 'qr', referrerDomain: null, country: 'SE', device: null, browser: null, visitorHash: 'e'.repeat(64), isBot: false, repeatOf: null, createdAt: Date.now() };
    await insertClicks(env.DB, [c]);
    await insertClicks(env.DB, [c]);
    expect(await count("SELECT count(*) n FROM clicks WHERE id = 'twice-1'")).toBe(1);
  });
});

const click = (id: string): NewClick => ({ id, programId: DEMO.programId, invitationId: 'inv_demo', source: 'link', referrerDomain: null, country: null, device: 'desktop', browser: 'Chrome', visitorHash: id.padEnd(64, '0'), isBot: false, repeatOf: null, createdAt: Date.now() });

/** Delivers clicks to the Worker's queue() handler as the queue would, and returns what it acked and retried. */
async function deliver(clicks: NewClick[], attempts = 1) {
  const batch = createMessageBatch<NewClick>('edgeref-clicks', clicks.map((body, i) => ({ id: `msg-${body.id}-${i}`, timestamp: new Date(), attempts, body })));
  const ctx = createExecutionContext();
  await worker.queue(batch, env as unknown as Env, ctx);
  return getQueueResult(batch, ctx);
}

describe('the click queue', () => {
  it('carries the clicks of the invitation link to D1', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await clickThrough()).clickId);
    const marks = ids.map(() => '?').join(',');
    const landed = await eventually(() => count(`SELECT count(*) n FROM clicks WHERE id IN (${marks})`, ...ids), (n) => n === ids.length);
    expect(landed).toBe(12);
  });

  it('writes a delivered batch and acknowledges every message in it', async () => {
    const result = await deliver(['batch-1', 'batch-2', 'batch-3'].map(click));
    expect(result.outcome).toBe('ok');
    expect(result.ackAll).toBe(true);
    expect(result.retryMessages).toEqual([]);
    expect(await count("SELECT count(*) n FROM clicks WHERE id LIKE 'batch-%'")).toBe(3);
  });

  it('does not double clicks when a batch is delivered again (the queue delivers at least once)', async () => {
    const batch = ['again-1', 'again-2'].map(click);
    const stats = () => env.DB.prepare("SELECT sum(clicks) n FROM invitation_daily_stats WHERE invitation_id = 'inv_demo'").first<{ n: number }>();
    await deliver(batch);
    const once = (await stats())!.n;
    const redelivered = await deliver(batch, 2);
    expect(redelivered.ackAll).toBe(true);
    expect(await count("SELECT count(*) n FROM clicks WHERE id LIKE 'again-%'")).toBe(2);
    expect((await stats())!.n).toBe(once);
  });

  it('writes the rest of a batch when one row cannot be written, and retries only that one', async () => {
    // A row the database refuses (its program does not exist) stands for any poison message.
    const result = await deliver([click('poison-ok-1'), { ...click('poison-bad'), programId: 'prg_missing' }, click('poison-ok-2')]);
    expect(result.ackAll).toBe(false);
    expect(result.explicitAcks.sort()).toEqual(['msg-poison-ok-1-0', 'msg-poison-ok-2-2']);
    expect(result.retryMessages.map((m: { msgId: string }) => m.msgId)).toEqual(['msg-poison-bad-1']);
    expect(await count("SELECT count(*) n FROM clicks WHERE id LIKE 'poison-%'")).toBe(2);
  });

  it('records nothing for an invitation deactivated while its click was in the queue', async () => {
    await env.DB.prepare("INSERT INTO invitations (id, program_id, partner_id, code, code_key, active, created_at, updated_at) VALUES ('inv_gone', ?, ?, 'GONE-1', 'GONE-1', 0, 0, 0)").bind(DEMO.programId, DEMO.partnerId).run();
    await deliver([{ ...click('gone-1'), invitationId: 'inv_gone' }]);
    expect(await count("SELECT count(*) n FROM clicks WHERE id = 'gone-1'")).toBe(0);
  });
});

describe('bots and link previews', () => {
  it('records a link-preview fetch with the bot flag, not as a visit', async () => {
    const res = await call('/r/DEMO', { headers: { 'User-Agent': 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)', 'CF-Connecting-IP': newVisitorIp() } });
    const id = new URL(res.headers.get('Location')!).searchParams.get('ref_click')!;
    const r = await eventually(() => row(id, 0), (r) => r !== null);
    expect(r).toMatchObject({ is_bot: 1, is_repeat: 0 });
  });
});
