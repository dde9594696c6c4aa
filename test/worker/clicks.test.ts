import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, clickThrough, count, DEMO, eventually, newVisitorIp, seedDemo } from './helpers';
import { ClickWriter } from '../../worker/edge/click-writer';
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

/** The real D1, with the first `failures` writes failing as a database outage would. */
function flakyDb(failures: number): D1Database {
  let left = failures;
  return new Proxy(env.DB, {
    get(target, prop) {
      if (prop === 'prepare') {
        return (sql: string) => {
          const stmt = target.prepare(sql);
          return new Proxy(stmt, {
            get(s, p) {
              if (p === 'bind') return (...args: unknown[]) => {
                const bound = s.bind(...args);
                return new Proxy(bound, {
                  get(b, q) {
                    if (q === 'run') return async () => {
                      if (left-- > 0) throw new Error('D1_ERROR: simulated outage');
                      return b.run();
                    };
                    const v = Reflect.get(b, q);
                    return typeof v === 'function' ? v.bind(b) : v;
                  },
                });
              };
              const v = Reflect.get(s, p);
              return typeof v === 'function' ? v.bind(s) : v;
            },
          });
        };
      }
      const v = Reflect.get(target, prop);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

const click = (id: string): NewClick => ({ id, programId: DEMO.programId, invitationId: 'inv_demo', source: 'link', referrerDomain: null, country: null, device: 'desktop', browser: 'Chrome', visitorHash: id.padEnd(64, '0'), isBot: false, repeatOf: null, createdAt: Date.now() });

describe('the batch writer', () => {
  it('writes a batch of clicks in one flush', async () => {
    const writer = new ClickWriter({ delayMs: 5 });
    await Promise.all(['batch-1', 'batch-2', 'batch-3'].map((id) => writer.add(env.DB, click(id))));
    expect(writer.written).toBe(3);
    expect(await count("SELECT count(*) n FROM clicks WHERE id LIKE 'batch-%'")).toBe(3);
  });

  it('hands out one flush per batch: clicks joining a scheduled flush are written when it settles', async () => {
    const writer = new ClickWriter({ delayMs: 5 });
    const first = writer.add(env.DB, click('ride-1'));
    const riders = ['ride-2', 'ride-3'].map((id) => writer.add(env.DB, click(id)));
    expect(first).toBeInstanceOf(Promise);
    expect(riders).toEqual([null, null]);
    await first;
    expect(await count("SELECT count(*) n FROM clicks WHERE id LIKE 'ride-%'")).toBe(3);
  });

  it('retries a failed flush, so no click is lost', async () => {
    const writer = new ClickWriter({ delayMs: 1, backoffMs: 1 });
    await Promise.all(['retry-1', 'retry-2'].map((id) => writer.add(flakyDb(2), click(id))));
    expect(writer.failedFlushes).toBe(2);
    expect(await count("SELECT count(*) n FROM clicks WHERE id LIKE 'retry-%'")).toBe(2);
  });

  it('keeps the clicks of a flush that keeps failing, and writes them with the next one', async () => {
    const writer = new ClickWriter({ delayMs: 1, backoffMs: 1, attempts: 2 });
    await writer.add(flakyDb(5), click('kept-1'));
    expect(writer.waiting).toBe(1);
    expect(await count("SELECT count(*) n FROM clicks WHERE id = 'kept-1'")).toBe(0);
    await writer.add(env.DB, click('kept-2'));
    expect(writer.waiting).toBe(0);
    expect(await count("SELECT count(*) n FROM clicks WHERE id IN ('kept-1', 'kept-2')")).toBe(2);
  });

  it('records nothing for an invitation deactivated while its click waited', async () => {
    await env.DB.prepare("INSERT INTO invitations (id, program_id, partner_id, code, code_key, active, created_at, updated_at) VALUES ('inv_gone', ?, ?, 'GONE-1', 'GONE-1', 0, 0, 0)").bind(DEMO.programId, DEMO.partnerId).run();
    await insertClicks(env.DB, [{ ...click('gone-1'), invitationId: 'inv_gone' }]);
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
