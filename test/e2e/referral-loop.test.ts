// The whole referral loop in Chromium: link → shop on its own origin → banner → signup → credit → partner dashboard.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { cardAmount, launchChromium, partnerDashboard, visitorContext, watch } from './browser';
import { signInApi } from './api';
import { DEMO } from '../../scripts/demo-data';

const W = inject('edgerefOrigin');
const SHOP = inject('shopOrigin');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function creditOf(customerId: string) {
  const res = await fetch(`${W}/api/v1/customers/${customerId}/balance`, { headers: { Authorization: `Bearer ${DEMO.secretKey}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as { balance: { amount: number; currency: string } };
}

async function signUpInShop(page: Page, email: string, promoCode?: string): Promise<string> {
  await page.fill('input[name=email]', email);
  if (promoCode) await page.fill('input[name=promoCode]', promoCode);
  await page.click('button[type=submit]');
  await page.locator('[data-testid=credit]').filter({ hasText: '€' }).waitFor();
  return (await page.locator('[data-testid=customer-id]').innerText()).trim();
}

describe('npm start', () => {
  it('prints where to go and the fixed demo logins, marked local-only', () => {
    const out = inject('startOutput');
    expect(out).toContain(`${W}/r/DEMO`);
    expect(out).toContain(`${W}/dashboard`);
    expect(out).toContain('partner@demo.test / demo1234');
    expect(out).toContain('manager@demo.test / demo1234');
    expect(out).toMatch(/local use only/);
  });
});

/**
 * What the partner's dashboard counts for DEMO now: the demo's seeded history signed customers up through DEMO, and
 * other files may sign up through it before this one runs.
 */
async function demoSignupsSoFar(): Promise<number> {
  const headers = { Cookie: await signInApi(DEMO.partnerEmail, DEMO.password) };
  const list = (await (await fetch(`${W}/api/v1/partners/${DEMO.partnerId}/invitations`, { headers })).json()) as { code: string; stats: { signups: number } }[];
  return list.find((i) => i.code === DEMO.invitationCode)!.stats.signups;
}

describe('the referral loop in Chromium', () => {
  let customerId: string;
  const emails: string[] = []; // of the two customers this file signs up through DEMO
  let before: number;

  beforeAll(async () => {
    before = await demoSignupsSoFar();
  });

  it('takes a visitor from the invitation link to the shop, greets them, and credits their signup', async () => {
    const context = await visitorContext(browser);
    const page = await context.newPage();
    const { problems } = await watch(page);
    await page.goto(`${W}/r/DEMO?utm_campaign=e2e`);

    const landed = new URL(page.url());
    expect(landed.origin).toBe(SHOP);
    expect(landed.searchParams.get('ref')).toBe('DEMO');
    expect(landed.searchParams.get('ref_click')).toMatch(/^[\w-]{40}$/);
    expect(landed.searchParams.get('utm_source')).toBe('edgeref');
    expect(landed.searchParams.get('utm_campaign')).toBe('e2e');

    const banner = page.locator('[data-edgeref=banner]');
    await banner.waitFor();
    await expect(banner.innerText()).resolves.toMatch(/Demo Partner AB invited you\. Sign up and get €5\.00 credit/);

    // Stored first-party on the shop's origin, in a cookie and in localStorage.
    const cookie = (await page.context().cookies(SHOP)).find((c) => c.name === 'edgeref_ref');
    expect(JSON.parse(decodeURIComponent(cookie!.value))).toMatchObject({ code: 'DEMO', clickId: landed.searchParams.get('ref_click') });
    expect(cookie!.expires * 1000 - Date.now()).toBeGreaterThan(29 * 86_400_000);
    const local = await page.evaluate(() => localStorage.getItem('edgeref_ref'));
    expect(JSON.parse(local!).code).toBe('DEMO');

    emails.push(`visitor.${Date.now()}@example.com`);
    customerId = await signUpInShop(page, emails[0]);
    await expect(page.locator('[data-testid=credit]').innerText()).resolves.toBe('€5.00');
    await expect(banner.count()).resolves.toBe(0);
    expect((await creditOf(customerId)).balance).toEqual({ amount: 500, currency: 'EUR' });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('attributes a visitor who never clicked a link by the promo code typed into the form', async () => {
    const context = await visitorContext(browser);
    const page = await context.newPage();
    await page.goto(SHOP);
    await expect(page.locator('[data-edgeref=banner]').count()).resolves.toBe(0);
    emails.push(`typed.${Date.now()}@example.com`);
    const id = await signUpInShop(page, emails[1], 'demo');
    await expect(page.locator('[data-testid=credit]').innerText()).resolves.toBe('€5.00');
    expect((await creditOf(id)).balance.amount).toBe(500);
    await context.close();
  });

  it('shows the partner the new signups and commission in the dashboard, and creates an invitation with a QR code', async () => {
    const { context, page } = await partnerDashboard(browser, W);

    const demoRow = page.locator('[data-testid=invitations] [data-code="DEMO"]');
    await demoRow.waitFor();
    const cell = async (row: typeof demoRow, col: string) => Number(await row.locator(`[data-col=${col}]`).innerText());
    expect(await cell(demoRow, 'clicks')).toBeGreaterThanOrEqual(1);
    expect(await cell(demoRow, 'signups')).toBe(before + 2);
    // The two signups through DEMO, each at the demo's flat 10 EUR commission, are in the ledger with their reasons
    // and customers, on the Balance page (the newest entries: the seeded history's are older).
    await page.getByRole('link', { name: 'Balance' }).click();
    const ledger = page.locator('[data-testid=ledger]');
    for (const email of emails) {
      const commission = ledger.locator('tr', { hasText: 'joined with invitation DEMO' }).filter({ hasText: email });
      await expect.poll(() => commission.count()).toBe(1); // the ledger loads on its own, after the invitations
      expect(await commission.innerText()).toContain('€10.00');
    }
    // The available card is the balance the API holds (the history's entries do not all fit on one ledger page).
    const { balance } = (await (await page.request.get(`${W}/api/v1/partners/${DEMO.partnerId}/balance`)).json()) as { balance: { available: { amount: number } } };
    expect(balance.available.amount).toBeGreaterThanOrEqual(2000);
    expect(await cardAmount(page, 'available')).toBe(balance.available.amount);

    const sessionCookie = (await context.cookies(W)).find((c) => c.name === 'edgeref_session')!;
    expect(sessionCookie.httpOnly).toBe(true);
    expect(sessionCookie.sameSite).toBe('Strict');

    await page.getByRole('link', { name: 'Invitations' }).click();
    await page.fill('input[name=code]', 'SPRING-E2E');
    await page.fill('input[name=campaign]', 'Spring fair');
    await page.selectOption('select[name=memberId]', { label: 'Sam Sales' });
    await page.getByRole('button', { name: /create/i }).click();
    const newRow = page.locator('[data-testid=invitations] [data-code="SPRING-E2E"]');
    await newRow.waitFor();
    await expect(newRow.innerText()).resolves.toMatch(/Spring fair[\s\S]*Sam Sales/);
    const qr = newRow.locator('img');
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await page.screenshot({ path: 'test-results/dashboard-partner.png', fullPage: true });

    // The new link works at once.
    const res = await fetch(`${W}/r/spring-e2e`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get('Location')!).searchParams.get('ref')).toBe('SPRING-E2E');
    await context.close();
  });
});
