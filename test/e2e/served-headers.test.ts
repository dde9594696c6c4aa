// Headers as `npm start` serves them: static files come from Workers Static Assets (the _headers file), not the Worker.
import { describe, expect, inject, it } from 'vitest';

const W = inject('edgerefOrigin');

describe('the dashboard as a static file', () => {
  it('serves /dashboard/ with the same security headers as its deep links, HSTS included', async () => {
    const [root, deep] = await Promise.all([fetch(`${W}/dashboard/`), fetch(`${W}/dashboard/partner/prt_demo/referrals`)]);
    expect(root.status).toBe(200);
    expect(deep.status).toBe(200);
    expect(root.headers.get('Strict-Transport-Security')).toMatch(/max-age=\d{7,}/);
    for (const h of ['Strict-Transport-Security', 'Content-Security-Policy', 'X-Frame-Options', 'X-Content-Type-Options', 'Referrer-Policy']) {
      expect(root.headers.get(h), h).toBe(deep.headers.get(h));
    }
  });
});

describe("the widget's chunks", () => {
  it('serves widget-ui.js and widget-signups.js as JavaScript with CORS for any origin, which import() needs across origins', async () => {
    for (const file of ['widget-ui.js', 'widget-signups.js']) {
      const res = await fetch(`${W}/${file}`, { headers: { Origin: 'https://shop.example' } });
      expect(res.status, file).toBe(200);
      expect(res.headers.get('Content-Type'), file).toMatch(/^(text|application)\/javascript/);
      expect(res.headers.get('Access-Control-Allow-Origin'), file).toBe('*');
    }
  });
});
