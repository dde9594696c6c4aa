// The printable referral card in Chromium: what a partner prints, and that its QR code really scans to the invitation link.
import { mkdirSync } from 'node:fs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, partnerDashboard } from './browser';
import { DEMO } from '../../scripts/demo-data';

const W = inject('edgerefOrigin');
const SCAN_LINK = `${W}/r/DEMO?src=qr`;
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync('test-results', { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

/** What a phone camera would read from the image, if anything. */
function scan(png: Buffer): string | undefined {
  const img = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length), img.width, img.height)?.data;
}

/** Chromium reports what a Content-Security-Policy blocks on the console. */
function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  return problems;
}

describe('the referral card', () => {
  it('shows the promo code, short link, partner and credit, and its QR code scans to the link marked as a scan', async () => {
    const context = await browser.newContext({ deviceScaleFactor: 2 });
    const page = await context.newPage();
    const problems = collectProblems(page);
    const res = await page.goto(`${W}/r/DEMO/card`);
    expect(res!.status()).toBe(200);
    expect(res!.headers()['content-security-policy']).toContain("default-src 'none'");

    await expect(page.getByTestId('code').innerText()).resolves.toBe('DEMO');
    await expect(page.getByTestId('link').innerText()).resolves.toBe(`${new URL(W).host}/r/DEMO`);
    await expect(page.getByTestId('partner').innerText()).resolves.toBe(`Invited by ${DEMO.partnerName}`);
    await expect(page.getByTestId('credit').innerText()).resolves.toBe('and get €5.00 credit when you sign up');

    const card = page.locator('.card');
    const shot = await card.screenshot({ path: 'test-results/referral-card.png' });
    expect(scan(shot)).toBe(SCAN_LINK);

    // A scan lands on the shop through the redirect, tagged as the DEMO invitation.
    const hop = await fetch(scan(shot)!, { redirect: 'manual' });
    expect(hop.status).toBe(302);
    expect(new URL(hop.headers.get('Location')!).searchParams.get('ref')).toBe('DEMO');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('prints as exactly one A6 page, with nothing spilling out of the card', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${W}/r/DEMO/card`);
    await page.emulateMedia({ media: 'print' });
    const fits = await page.locator('.card').evaluate((el) => [...el.querySelectorAll('*')].every((e) => e.scrollWidth <= e.clientWidth + 1 || getComputedStyle(e).display === 'inline') && el.scrollHeight <= el.clientHeight);
    expect(fits).toBe(true);

    const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
    expect(/\/Count (\d+)/.exec(pdf)?.[1]).toBe('1');
    // A6 is 105 × 148 mm: 297.6 × 419.5 points.
    const [, w, h] = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf)!;
    expect(Math.round(Number(w))).toBe(298);
    expect(Math.round(Number(h))).toBe(420);
    await context.close();
  });

  it('serves a sized, coloured PNG QR code that still scans', async () => {
    const res = await fetch(`${W}/r/DEMO/qr.png?size=300&dark=1e3a8a`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('image/png');
    const png = Buffer.from(await res.arrayBuffer());
    const img = PNG.sync.read(png);
    expect([img.width, img.height]).toEqual([300, 300]);
    // Somewhere in the code there is a module in the chosen blue.
    const blue = [...Array(img.width * img.height).keys()].some((i) => img.data[i * 4] === 0x1e && img.data[i * 4 + 1] === 0x3a && img.data[i * 4 + 2] === 0x8a);
    expect(blue).toBe(true);
    expect(scan(png)).toBe(SCAN_LINK);
  });

  it('is one click away in the partner dashboard, in a new tab', async () => {
    const { context, page } = await partnerDashboard(browser, W);
    const link = page.locator('[data-testid=invitations] [data-code="DEMO"]').getByRole('link', { name: /referral card for DEMO/ });
    await link.waitFor();
    await expect(link.getAttribute('href')).resolves.toBe(`${W}/r/DEMO/card`);
    const [tab] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await tab.getByTestId('code').waitFor();
    await expect(tab.getByTestId('code').innerText()).resolves.toBe('DEMO');
    await context.close();
  });
});
