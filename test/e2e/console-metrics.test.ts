// The console's overview as a program manager sees it, on the demo's 90 days of history: the chart is drawn, the cards
// and the top performers say what GET …/metrics says for the same period, a preset changes the period, axe finds no
// serious violation in light or dark mode, and a CSV export downloads from the Partners page.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, managerConsole } from './browser';
import { signInApi } from './api';
import { seriousViolations } from './a11y';
import { DEMO } from '../../scripts/demo-data';

const W = inject('edgerefOrigin');
const utcDay = (back: number) => new Date(Date.now() - back * 86_400_000).toISOString().slice(0, 10);
let browser: Browser;
let manager: string;

beforeAll(async () => {
  browser = await launchChromium();
  manager = await signInApi(DEMO.managerEmail, DEMO.password);
});

afterAll(async () => {
  await browser?.close();
});

async function metrics(from: string, to: string) {
  const res = await fetch(`${W}/api/v1/programs/${DEMO.programId}/metrics?from=${from}&to=${to}`, { headers: { Cookie: manager } });
  expect(res.status).toBe(200);
  return (await res.json()) as any;
}

async function overview(scheme: 'light' | 'dark' = 'light'): Promise<Page> {
  // A context of its own, closed by the test when done (not through the page's close, which leaves it closing).
  const page = await managerConsole(browser, W, { scheme });
  await page.locator('[data-testid=metrics-chart] canvas').first().waitFor();
  return page;
}

const digits = (s: string | null) => Number((s ?? '').replace(/\D/g, ''));

describe('the console overview', () => {
  it('draws the trend and shows the same referrals and top performers as the API, for the last 30 and 90 days', async () => {
    const page = await overview();
    const last30 = await metrics(utcDay(29), utcDay(0));
    expect(last30.pipeline.current.referrals).toBeGreaterThan(0); // the demo's history
    await expect.poll(async () => digits(await page.getByTestId('overview-referrals').textContent())).toBe(last30.pipeline.current.referrals);
    const top = page.getByTestId('top-by-referrals').locator('tbody tr');
    await expect.poll(() => top.count()).toBe(last30.performers.byReferrals.length);
    expect(await top.first().locator('th').textContent()).toContain(last30.performers.byReferrals[0].name);
    expect(await page.getByTestId('funnel').textContent()).toContain(new Intl.NumberFormat('en').format(last30.funnel.program.visits));

    await page.getByRole('button', { name: 'Last 90 days' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Last 90 days' }).getAttribute('aria-pressed')).toBe('true');
    const last90 = await metrics(utcDay(89), utcDay(0));
    expect(last90.pipeline.current.referrals).toBeGreaterThan(last30.pipeline.current.referrals);
    await expect.poll(async () => digits(await page.getByTestId('overview-referrals').textContent())).toBe(last90.pipeline.current.referrals);
    await page.screenshot({ path: 'test-results/console-overview-1280.png', fullPage: true });
    await page.context().close();
  });

  it('has no serious axe violation, in light or in dark mode', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const page = await overview(scheme);
      await page.getByTestId('funnel').waitFor();
      expect(await seriousViolations(page), scheme).toEqual([]);
      await page.context().close();
    }
  });

  it('downloads the partners CSV from the Partners page', async () => {
    const page = await overview();
    await page.getByRole('navigation').getByRole('link', { name: 'Partners', exact: true }).click();
    const link = page.locator('a[data-export=partners]');
    await link.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^\uFEFF?partner_id,/);
    expect(csv).toContain(DEMO.partnerName);
    await page.context().close();
  });
});
