// The partner dashboard in Chromium: create, edit, deactivate and reactivate an invitation, then read its effectiveness.
// Uses its own invitation (a unique code and campaign) and never touches DEMO, whose counts referral-loop checks.
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, partnerDashboard, visitorContext } from './browser';
import { DEMO } from '../../scripts/demo-data';
import type { Stats } from '../../shared/schemas/invitations';

const W = inject('edgerefOrigin');
const SHOP = inject('shopOrigin');
const stamp = Date.now().toString(36).toUpperCase();
const CODE = `E2E-${stamp}`;
const FIRST = { name: 'Trade fair flyer', campaign: `Autumn fair ${stamp}` };
const EDITED = { name: 'Trade fair poster', campaign: `Winter fair ${stamp}`, owner: 'Sam Sales', destination: `${SHOP}/?landing=fair` };
// Link checks announce themselves as a bot, so they do not add to the clicks counted below.
const CHECKER = 'edgeref-e2e link checker bot';
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const today = new Date().toISOString().slice(0, 10);

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync('test-results', { recursive: true });
  ({ context, page } = await partnerDashboard(browser, W, { viewport: { width: 1280, height: 900 } }));
});
afterAll(async () => {
  await browser?.close();
});

const row = () => page.locator(`[data-testid=invitations] [data-code="${CODE}"]`);
const text = (l: Locator) => l.innerText().then((t) => t.trim());
const link = (ua = CHECKER) => fetch(`${W}/r/${CODE}`, { redirect: 'manual', headers: { 'User-Agent': ua } });

/** The stats the dashboard reads, fetched with its session, for today only. */
async function stats(by: Stats['by']): Promise<Stats> {
  const res = await page.request.get(`${W}/api/v1/partners/${DEMO.partnerId}/stats?by=${by}&from=${today}&to=${today}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as Stats;
}

const groupTotals = (s: Stats, label: string) => s.groups.find((g) => g.label === label)?.totals ?? { clicks: 0, scans: 0, signups: 0 };

describe('editing invitations in the partner dashboard', () => {
  it('creates an invitation with a name and campaign, and shows the name under its code', async () => {
    await page.fill('input[name=code]', CODE);
    await page.fill('input[name=name]', FIRST.name);
    await page.fill('input[name=campaign]', FIRST.campaign);
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await row().waitFor();
    await expect(text(row().locator('[data-col=name]'))).resolves.toBe(FIRST.name);
    await expect(text(row().locator('[data-col=campaign]'))).resolves.toBe(FIRST.campaign);
    await expect(text(row().locator('[data-col=owner]'))).resolves.toBe('—');
  });

  it('edits name, campaign, owner and destination in a dialog, and refuses a destination off the program\'s sites', async () => {
    const edit = page.getByRole('button', { name: `Edit ${CODE}`, exact: true });
    const dialog = page.getByRole('dialog', { name: `Edit invitation ${CODE}` });
    const focused = (attribute: string) => page.evaluate((a) => document.activeElement?.getAttribute(a), attribute);
    // By keyboard: Escape closes the dialog and gives focus back to the Edit button, Enter opens it again.
    await edit.click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => focused('aria-label')).toBe(`Edit ${CODE}`);
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    // Focus moves into the dialog, onto its first field.
    await expect.poll(() => focused('name')).toBe('name');
    await expect(dialog.locator('input[name=campaign]').inputValue()).resolves.toBe(FIRST.campaign);

    await dialog.locator('input[name=destinationUrl]').fill('https://elsewhere.example/');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const alert = dialog.getByRole('alert');
    await alert.filter({ hasText: "program's own sites" }).waitFor();
    await expect(text(alert)).resolves.toContain(`Destination URL: allowed origins: ${SHOP}`);

    await dialog.locator('input[name=name]').fill(EDITED.name);
    await dialog.locator('input[name=campaign]').fill(EDITED.campaign);
    await dialog.locator('select[name=memberId]').selectOption({ label: EDITED.owner });
    await dialog.locator('input[name=destinationUrl]').fill(EDITED.destination);
    await page.screenshot({ path: 'test-results/dashboard-edit-invitation.png' });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await row().locator('[data-col=name]', { hasText: EDITED.name }).waitFor();
    await expect(text(row().locator('[data-col=campaign]'))).resolves.toBe(EDITED.campaign);
    await expect(text(row().locator('[data-col=owner]'))).resolves.toBe(EDITED.owner);
    await expect(text(row().locator('[data-col=destination]'))).resolves.toBe(`to ${EDITED.destination}`);
    // Keyboard users land back where they were.
    await expect.poll(() => focused('aria-label')).toBe(`Edit ${CODE}`);
  });

  it('deactivating ends the link with 410; reactivating sends it to the new destination again', async () => {
    await page.getByRole('button', { name: `Deactivate ${CODE}`, exact: true }).click();
    await page.getByRole('button', { name: `Reactivate ${CODE}`, exact: true }).waitFor();
    await expect(text(row().locator('.badge'))).resolves.toBe('inactive');
    await expect(text(page.getByRole('status').filter({ hasText: `${CODE} is deactivated` }))).resolves.toContain('no longer work');
    expect((await link()).status).toBe(410);

    await page.getByRole('button', { name: `Reactivate ${CODE}`, exact: true }).click();
    await page.getByRole('button', { name: `Deactivate ${CODE}`, exact: true }).waitFor();
    await expect(row().locator('.badge').count()).resolves.toBe(0);
    const res = await link();
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('Location')!);
    expect(`${to.origin}${to.pathname}`).toBe(`${SHOP}/`);
    expect(to.searchParams.get('landing')).toBe('fair');
    expect(to.searchParams.get('ref')).toBe(CODE);
  });
});

describe('effectiveness in the partner dashboard', () => {
  it('counts unique visitors, a signup through a visit and a promo-code signup per campaign, member and invitation, with days', async () => {
    const samBefore = groupTotals(await stats('member'), EDITED.owner);

    // Two distinct visitors: one in a real browser (twice: the repeat within the hour counts once), one Firefox.
    const visitor = await visitorContext(browser);
    const tab = await visitor.newPage();
    for (let i = 0; i < 2; i++) {
      await tab.goto(`${W}/r/${CODE}`);
      expect(new URL(tab.url()).searchParams.get('ref')).toBe(CODE);
    }
    // That visitor signs up in the shop it landed on: a signup through a visit (the widget sends the click id).
    await tab.fill('input[name=email]', `visit.${stamp.toLowerCase()}@example.com`);
    await tab.click('button[type=submit]');
    await tab.locator('[data-testid=credit]').filter({ hasText: '€' }).waitFor();
    await visitor.close();
    expect((await link(FIREFOX)).status).toBe(302);

    // Someone else, who never clicked, signs up typing the promo code (in lower case: codes are case-insensitive).
    // It is a signup, but not a converted visit.
    const customer = await visitorContext(browser);
    const shop = await customer.newPage();
    await shop.goto(SHOP);
    await shop.fill('input[name=email]', `fair.${stamp.toLowerCase()}@example.com`);
    await shop.fill('input[name=promoCode]', CODE.toLowerCase());
    await shop.click('button[type=submit]');
    await shop.locator('[data-testid=credit]').filter({ hasText: '€' }).waitFor();
    await customer.close();

    // Clicks are written in batches after the redirect; wait until the rollups have them.
    await expect.poll(async () => groupTotals(await stats('campaign'), EDITED.campaign), { timeout: 60_000 })
      .toMatchObject({ clicks: 2, signups: 2 });

    // A partner coming back later sees the same numbers in the invitations table and in effectiveness.
    await page.reload();
    await row().waitFor();
    const cell = (r: Locator, col: string) => text(r.locator(`[data-col=${col}]`));
    await expect(cell(row(), 'clicks')).resolves.toBe('2');
    await expect(cell(row(), 'signups')).resolves.toBe('2');

    const section = page.getByTestId('effectiveness');
    await section.locator('input[name=from]').fill(today);
    await section.locator('input[name=to]').fill(today);
    await section.locator('select[name=statsBy]').selectOption('campaign');
    const campaign = section.locator(`[data-group="${EDITED.campaign}"]`);
    await campaign.waitFor();
    await expect(cell(campaign, 'clicks')).resolves.toBe('2');
    await expect(cell(campaign, 'scans')).resolves.toBe('0');
    await expect(cell(campaign, 'signups')).resolves.toBe('2');
    // One of the two unique visits became a signup; the typed promo code does not count as a converted visit.
    await expect(cell(campaign, 'conversion')).resolves.toBe('50.0%');
    await expect(cell(campaign, 'credits')).resolves.toBe('€10.00');
    await expect(cell(campaign, 'commission')).resolves.toBe('€20.00');

    // The row opens onto its days: today, with the same numbers. The table came without them; opening asks for that
    // group's alone, once: closed and opened again, the row shows them without asking again.
    const groupAsks: URLSearchParams[] = [];
    const recordGroupAsk = (r: Request) => {
      const q = new URL(r.url()).searchParams;
      if (r.url().includes('/stats?') && (q.has('group') || q.has('nullGroup'))) groupAsks.push(q);
    };
    page.on('request', recordGroupAsk);
    const toggle = campaign.getByRole('button', { name: EDITED.campaign });
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
    const daysAsked = page.waitForRequest((r) => r.url().includes('/stats?') && new URL(r.url()).searchParams.get('group') === EDITED.campaign);
    await toggle.click();
    const asked = new URL((await daysAsked).url()).searchParams;
    expect([asked.get('by'), asked.get('from'), asked.get('to'), asked.has('nullGroup')]).toEqual(['campaign', today, today, false]);
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
    const days = section.locator(`#${await toggle.getAttribute('aria-controls')}`);
    const todayRow = days.locator(`[data-day="${today}"]`);
    await expect(cell(todayRow, 'clicks')).resolves.toBe('2');
    await expect(cell(todayRow, 'signups')).resolves.toBe('2');
    await expect(days.locator('[data-day]').count()).resolves.toBe(1);
    await toggle.click();
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
    await days.waitFor({ state: 'hidden' });
    await toggle.click();
    await expect(cell(todayRow, 'clicks')).resolves.toBe('2');
    expect(groupAsks.map((q) => q.get('group'))).toEqual([EDITED.campaign]);
    page.off('request', recordGroupAsk);

    // The totals row shows the API's totals for the same range.
    const all = (await stats('campaign')).totals;
    const totals = section.getByTestId('effectiveness-totals');
    await expect(cell(totals, 'clicks')).resolves.toBe(String(all.clicks));
    await expect(cell(totals, 'signups')).resolves.toBe(String(all.signups));

    await section.locator('select[name=statsBy]').selectOption('invitation');
    const invitation = section.locator(`[data-group="${EDITED.name} (${CODE})"]`);
    await invitation.waitFor();
    await expect(cell(invitation, 'clicks')).resolves.toBe('2');
    await expect(cell(invitation, 'signups')).resolves.toBe('2');

    await section.locator('select[name=statsBy]').selectOption('member');
    const sam = section.locator(`[data-group="${EDITED.owner}"]`);
    await sam.waitFor();
    await expect(cell(sam, 'clicks')).resolves.toBe(String(samBefore.clicks + 2));
    await expect(cell(sam, 'signups')).resolves.toBe(String(samBefore.signups + 2));
    await expect(cell(sam, 'conversion')).resolves.toMatch(/^\d{1,3}\.\d%$/);
    // Another row asks for its own group's days, by the member's id; the range is one day, so it is the row's totals.
    const samKey = (await stats('member')).groups.find((g) => g.label === EDITED.owner)!.key!;
    const samAsked = page.waitForRequest((r) => r.url().includes('/stats?') && new URL(r.url()).searchParams.get('group') === samKey);
    const samToggle = sam.getByRole('button', { name: EDITED.owner });
    await samToggle.click();
    expect(new URL((await samAsked).url()).searchParams.get('by')).toBe('member');
    const samToday = section.locator(`#${await samToggle.getAttribute('aria-controls')} [data-day="${today}"]`);
    await expect(cell(samToday, 'clicks')).resolves.toBe(await cell(sam, 'clicks'));
    await expect(cell(samToday, 'signups')).resolves.toBe(await cell(sam, 'signups'));

    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/dashboard-effectiveness.png', fullPage: true });
  });
});
