// The dashboard's initial JavaScript (the entry chunk and what it preloads) stays within 60 KB gzip; pages load lazily.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const DIST = new URL('../../dist/public/dashboard/', import.meta.url);
const html = readFileSync(new URL('index.html', DIST), 'utf8');
const initial = [...html.matchAll(/<(?:script type="module"[^>]*src|link rel="modulepreload"[^>]*href)="\/dashboard\/([^"]+)"/g)].map((m) => m[1]);
const gzipped = (file: string) => gzipSync(readFileSync(new URL(file, DIST))).length;

describe('dashboard bundle (built by npm test before this runs)', () => {
  it('loads at most 60 KB of gzipped JavaScript before the first page', () => {
    expect(initial.length).toBeGreaterThan(0);
    const total = initial.reduce((n, f) => n + gzipped(f), 0);
    console.log(`initial JS: ${initial.join(', ')} = ${(total / 1024).toFixed(1)} KB gzip`);
    expect(total).toBeLessThanOrEqual(60 * 1024);
  });

  it('keeps the pages and the chart library out of the entry chunk', () => {
    const entry = readFileSync(new URL(initial[0], DIST), 'utf8');
    for (const page of ['Referrals', 'Invitations', 'Settings', 'Register']) expect(entry).toMatch(new RegExp(`assets/${page}-[\\w-]+\\.js`));
    expect(entry).not.toContain('uplot'); // uPlot's class name appears only in its own chunk
  });
});
