// The console's Engagement page as a program manager sees it on the demo's history: the partner that went quiet 30 days
// ago is on the inactive list, as GET …/engagement says, and the manager emails it from there (once; the row then says
// when); the other lists switch; axe finds no serious violation in light or dark mode; nothing overflows at 375 px.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, managerConsole } from './browser';
import { signInApi } from './api';
import { seriousViolations } from './a11y';
import { DEMO } from '../../scripts/demo-data';

const W = inject('edgerefOrigin');
const QUIET = 'prt_demo_alpine';
let browser: Browser;
let manager: string;

beforeAll(async () => {
  browser = await launchChromium();
  manager = await signInApi(DEMO.managerEmail, DEMO.password);
});

afterAll(async () => {
  await browser?.close();
});

async function inactiveList() {
  const res = await fetch(`${W}/api/v1/programs/${DEMO.programId}/engagement?kind=inactive`, { headers: { Cookie: manager } });
  expect(res.status).toBe(200);
  return (await res.json()) as any;
}

async function engagementPage(scheme: 'light' | 'dark' = 'light', width = 1280): Promise<Page> {
  const page = await managerConsole(browser, W, { scheme, width });
  await page.goto(`${W}/dashboard/program/${DEMO.programId}/engagement`);
  await page.getByTestId('engagement-inactive').waitFor();
  return page;
}

describe('the Engagement page', () => {
  it('lists the partner that went quiet, as the API does, and the manager emails it from the list', async () => {
    const before = await inactiveList();
    const quiet = before.data.find((r: any) => r.partnerId === QUIET);
    expect(quiet).toMatchObject({ name: 'Alpine Ventures GmbH', notice: null });
    expect(quiet.inactiveDays).toBeGreaterThanOrEqual(30);

    const page = await engagementPage();
    const rows = page.getByTestId('engagement-inactive').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(before.data.length);
    const row = page.locator(`tr[data-partner=${QUIET}]`);
    expect(await row.locator('th').textContent()).toContain('Alpine Ventures GmbH');
    expect(await row.getByTestId('notified').textContent()).toBe('Not yet');
    expect(await row.locator('td.num').textContent()).toBe(String(quiet.inactiveDays));

    await row.getByRole('button', { name: 'Email now: Alpine Ventures GmbH' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Alpine Ventures GmbH was emailed.');
    await expect.poll(() => row.getByRole('button', { name: 'Email again: Alpine Ventures GmbH' }).count()).toBe(1);
    expect(await row.getByTestId('notified').textContent()).not.toBe('Not yet');
    const after = (await inactiveList()).data.find((r: any) => r.partnerId === QUIET);
    expect(after.notice).toMatchObject({ sends: 1, byManager: true });

    await page.getByRole('button', { name: 'Close to the next tier' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Close to the next tier' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Referrals, no success' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Referrals, no success' }).getAttribute('aria-pressed')).toBe('true');
    await page.screenshot({ path: 'test-results/console-engagement-1280.png', fullPage: true });
    await page.context().close();
  });

  it('has no serious axe violation, in light or in dark mode', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const page = await engagementPage(scheme);
      expect(await seriousViolations(page), scheme).toEqual([]);
      await page.context().close();
    }
  });

  it('does not overflow sideways on a 375 px phone', async () => {
    const page = await engagementPage('light', 375);
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
    await page.screenshot({ path: 'test-results/console-engagement-375.png', fullPage: true });
    await page.context().close();
  });
});
