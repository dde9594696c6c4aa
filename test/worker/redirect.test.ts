import { beforeAll, describe, expect, it } from 'vitest';
import { call, clickThrough, count, eventually, seedDemo, settledClicks, SHOP } from './helpers';

beforeAll(seedDemo);

describe('GET /r/:code', () => {
  it('sends the visitor (302) to the program destination with ref and ref_click, keeping the destination query', async () => {
    const { res, location, clickId } = await clickThrough('DEMO', '?utm_campaign=spring');
    expect(res.status).toBe(302);
    expect(location.origin).toBe(SHOP);
    expect(location.searchParams.get('utm_source')).toBe('edgeref');
    expect(location.searchParams.get('utm_campaign')).toBe('spring');
    expect(location.searchParams.get('ref')).toBe('DEMO');
    expect(clickId).toMatch(/^[\w-]{40}$/); // signed: see click-ids.test.ts
    const n = await eventually(() => count('SELECT count(*) n FROM clicks WHERE id = ?', clickId), (n) => n === 1);
    expect(n).toBe(1);
  });

  it('treats codes case-insensitively', async () => {
    const { res, location } = await clickThrough('demo');
    expect(res.status).toBe(302);
    expect(location.searchParams.get('ref')).toBe('DEMO');
  });

  it('records a QR scan as source qr', async () => {
    const { clickId } = await clickThrough('DEMO', '?src=qr');
    const source = await eventually(
      async () => (await import('cloudflare:test')).env.DB.prepare('SELECT source FROM clicks WHERE id = ?').bind(clickId).first<{ source: string }>(),
      (r) => r !== null,
    );
    expect(source?.source).toBe('qr');
  });

  it('answers an unknown code with a small 404 page and records nothing', async () => {
    const before = await settledClicks();
    const res = await call('/r/NOPE-NOT-HERE');
    expect(res.status).toBe(404);
    expect(res.headers.get('Content-Type')).toContain('text/html');
    expect(await res.text()).toContain('not available');
    expect(await settledClicks()).toBe(before);
  });

  it('serves the unknown-code page under a policy that allows no script and no resources', async () => {
    const res = await call('/r/NOPE-NOT-HERE');
    const csp = res.headers.get('Content-Security-Policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('script-src');
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });

  it('flags a crawler as a bot', async () => {
    const res = await call('/r/DEMO', { headers: { 'User-Agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)' } });
    const clickId = new URL(res.headers.get('Location')!).searchParams.get('ref_click')!;
    const n = await eventually(() => count('SELECT count(*) n FROM clicks WHERE id = ? AND is_bot = 1', clickId), (n) => n === 1);
    expect(n).toBe(1);
  });
});

describe('HEAD /r/:code', () => {
  it('answers like GET but records the request as a bot (link checkers, not visitors)', async () => {
    const res = await call('/r/DEMO', { method: 'HEAD', headers: { 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/124.0 Safari/537.36' } });
    expect(res.status).toBe(302);
    const clickId = new URL(res.headers.get('Location')!).searchParams.get('ref_click')!;
    const n = await eventually(() => count('SELECT count(*) n FROM clicks WHERE id = ? AND is_bot = 1', clickId), (n) => n === 1);
    expect(n).toBe(1);
  });
});
