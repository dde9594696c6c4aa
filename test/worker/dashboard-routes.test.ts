import { describe, expect, it } from 'vitest';
import { call } from './helpers';

describe('dashboard addresses', () => {
  for (const path of ['/dashboard/join/prg_demo', '/dashboard/accept/some-token', '/dashboard/partner/prt_demo/referrals', '/dashboard/program/prg_demo/keys']) {
    it(`serves the app at ${path}, with the dashboard's security headers`, async () => {
      const res = await call(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
      expect(res.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
      expect(res.headers.get('X-Frame-Options')).toBe('DENY');
      expect(await res.text()).toContain('<div id="app"></div>');
    });
  }

  it('answers a missing build file with 404, never the app in place of a script', async () => {
    expect((await call('/dashboard/assets/missing-chunk.js')).status).toBe(404);
  });
});
