// The widget's size budgets, on the files `npm run build` wrote: each file a page may load, gzip level 9.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const gzipped = (file: string) => gzipSync(readFileSync(new URL(`../../dist/public/${file}`, import.meta.url)), { level: 9 }).length;

describe('widget size budgets (gzip)', () => {
  it('keeps the capture core, widget.js, within 1,500 bytes', () => {
    expect(gzipped('widget.js')).toBeLessThanOrEqual(1500);
  });

  it('keeps the UI chunk, widget-ui.js (Preact and the views), within 8 KB', () => {
    expect(gzipped('widget-ui.js')).toBeLessThanOrEqual(8 * 1024);
  });

  it('keeps the signups chunk, widget-signups.js, within 1 KB', () => {
    expect(gzipped('widget-signups.js')).toBeLessThanOrEqual(1024);
  });

  it('builds production JSX into the UI chunk, whatever NODE_ENV the build ran under', () => {
    const ui = readFileSync(new URL('../../dist/public/widget-ui.js', import.meta.url), 'utf8');
    expect(ui).not.toMatch(/__source|__self/);
  });

  it('keeps the UI out of the capture core', () => {
    const core = readFileSync(new URL('../../dist/public/widget.js', import.meta.url), 'utf8');
    expect(core).not.toMatch(/createElementNS|adoptedStyleSheets|attachShadow/);
  });

  it("keeps the signup report's retries in the signups chunk, out of the capture core", () => {
    const core = readFileSync(new URL('../../dist/public/widget.js', import.meta.url), 'utf8');
    const signups = readFileSync(new URL('../../dist/public/widget-signups.js', import.meta.url), 'utf8');
    expect(core).not.toMatch(/Retry-After|setTimeout/);
    expect(signups).toMatch(/Retry-After/);
  });
});
