// The dashboard in the reader's language: a Swedish browser gets the sign-in page, the menu, the headings and the
// amounts in Swedish (axe-checked); the header's picker switches to German, which a reload keeps; and in German, the
// longest of the three, every partner and console page fits a 375 px phone. Screenshots go to test-results/.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, signInDashboard } from './browser';
import { signInApi } from './api';
import { seriousViolations } from './a11y';
import { DEMO } from '../../scripts/demo-data';
import { partnerRoutes, programRoutes, type PageRoute } from '../../dashboard/src/routes';

const W = inject('edgerefOrigin');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync('test-results', { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

/** Waits until nothing on the page is loading. */
const settled = (page: Page) => page.waitForFunction(() => !document.querySelector('[aria-busy=true]'));

/** Opens one of the current partner's or program's pages through the menu. */
async function open(page: Page, route: PageRoute) {
  await page.locator(`nav.nav a[href$="/${route.path}"]`).click();
  await page.waitForURL(new RegExp(`/${route.path}$`));
  await settled(page);
}

/** How far the page is wider than the screen, naming the outermost elements that stick out; '' when it fits. */
function overflow(page: Page): Promise<string> {
  return page.evaluate(() => {
    const { scrollWidth } = document.documentElement;
    if (scrollWidth <= innerWidth) return '';
    const inRegion = (el: Element) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return true;
      return false;
    };
    const out = (el: Element | null) => !!el && el !== document.body && el.getBoundingClientRect().right > innerWidth + 0.5 && !inRegion(el);
    const culprits = [...document.querySelectorAll('body *')].filter((el) => out(el) && !out(el.parentElement));
    return `${scrollWidth} px on a ${innerWidth} px screen, widened by ${culprits.slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').slice(0, 40)}"`).join(', ')}`;
  });
}

/** An amount as Intl writes it for a locale: "5 000,00 €" in Swedish (with no-break spaces), "5.000,00 €" in German. */
const written = (minor: number, locale: string) => new Intl.NumberFormat(locale, { style: 'currency', currency: DEMO.currency }).format(minor / 100);

/** The demo partner's balance, through the API. */
async function balance(): Promise<{ available: number; pending: number; minimum: number }> {
  const cookie = await signInApi(DEMO.partnerEmail, DEMO.password);
  const res = await fetch(`${W}/api/v1/partners/${DEMO.partnerId}/balance`, { headers: { Cookie: cookie } });
  expect(res.status).toBe(200);
  const b = (await res.json()) as { balance: { available: { amount: number }; pending: { amount: number } }; withdrawalMinimum: { amount: number } };
  return { available: b.balance.available.amount, pending: b.balance.pending.amount, minimum: b.withdrawalMinimum.amount };
}

describe('a Swedish browser, then German from the picker', () => {
  let page: Page;

  it('signs in in Swedish: the sign-in page, the menu and the headings', async () => {
    const context = await browser.newContext({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await page.goto(`${W}/dashboard/`);
    await expect.poll(() => page.locator('h1').innerText()).toBe('Logga in');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('sv-SE');
    expect(await page.locator('select[name=language]').inputValue()).toBe('sv');
    await signInDashboard(page, W, DEMO.partnerEmail);
    const menu = page.getByRole('navigation', { name: 'Partnersidor' });
    expect(await menu.getByRole('link').allInnerTexts()).toEqual(['Inbjudningar', 'Värvningar', 'Mina kunder', 'Saldo', 'Medlemmar', 'Programvillkor', 'Profil']);
    await expect.poll(() => page.locator('main h2').first().innerText()).toBe('Inbjudningar');
    expect(await page.getByRole('button', { name: 'Logga ut' }).count()).toBe(1);
    await settled(page);
    expect(await page.locator('[data-testid=invitations] th').first().textContent()).toBe('Kod'); // shown in capitals by CSS
    expect(await page.title()).toBe(`Inbjudningar · ${DEMO.partnerName} · edgeref`);
  });

  it('shows amounts the Swedish way on the balance page, which axe finds no serious violation on', async () => {
    const b = await balance();
    await page.getByRole('link', { name: 'Saldo', exact: true }).click();
    await settled(page);
    expect(await page.locator('main h2').first().innerText()).toBe('Saldo');
    expect(await page.locator('[data-testid=balance-available] .card-label').innerText()).toBe('Tillgängligt');
    expect(await page.locator('[data-testid=balance-available] .card-value').innerText()).toBe(written(b.available, 'sv-SE'));
    expect(await page.locator('[data-testid=balance-pending] .card-value').innerText()).toBe(written(b.pending, 'sv-SE'));
    // Swedish writes "1 234,50 €": a comma before the cents, the sign after, spaces between thousands.
    expect(await page.locator('[data-testid=balance-available] .card-value').innerText()).toMatch(/^-?\d{1,3}(\u00a0\d{3})*,\d{2}\u00a0€$/);
    expect(await page.locator('.payout-facts').innerText()).toContain(written(b.minimum, 'sv-SE'));
    expect(await page.locator('[data-testid=next-payout]').innerText()).toMatch(/^\d{1,2} [a-zåäö]+ \d{4}$/); // "1 december 2026"
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: 'test-results/i18n-sv-partner-balance-1280.png', fullPage: true });
  });

  it('switches to German with the picker in the header, which sets the page language', async () => {
    const b = await balance();
    await page.locator('select[name=language]').selectOption('de');
    await expect.poll(() => page.locator('main h2').first().innerText()).toBe('Guthaben');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de-DE');
    expect(await page.getByRole('navigation', { name: 'Partnerseiten' }).getByRole('link').allInnerTexts())
      .toEqual(['Einladungen', 'Empfehlungen', 'Meine Kunden', 'Guthaben', 'Mitglieder', 'Programmbedingungen', 'Profil']);
    expect(await page.locator('[data-testid=balance-available] .card-label').innerText()).toBe('Verfügbar');
    expect(await page.locator('[data-testid=balance-available] .card-value').innerText()).toBe(written(b.available, 'de-DE'));
    expect(await page.getByRole('button', { name: 'Abmelden' }).count()).toBe(1);
  });

  it('keeps German after a reload, though the browser still asks for Swedish', async () => {
    await page.reload();
    await page.locator('nav.nav').waitFor();
    await settled(page);
    expect(await page.locator('main h2').first().innerText()).toBe('Guthaben');
    expect(await page.locator('select[name=language]').inputValue()).toBe('de');
    expect(await page.evaluate(() => [document.documentElement.lang, navigator.language])).toEqual(['de-DE', 'sv-SE']);
    await page.screenshot({ path: 'test-results/i18n-de-partner-balance-1280.png', fullPage: true });
  });

  it('fits every partner page on a 375 px phone in German', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    const problems: string[] = [];
    for (const route of partnerRoutes) {
      await open(page, route);
      const wide = await overflow(page);
      if (wide) problems.push(`${route.path}: ${wide}`);
      if (route.path === 'balance' || route.path === 'referrals') await page.screenshot({ path: `test-results/i18n-de-partner-${route.path}-375.png`, fullPage: true });
    }
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

describe('the program console in German', () => {
  it('greets a German browser in German, and fits every console page at 1280 and at 375 px', async () => {
    const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signInDashboard(page, W, DEMO.managerEmail);
    const menu = page.getByRole('navigation', { name: 'Seiten der Programmkonsole' });
    expect(await menu.getByRole('link').allInnerTexts())
      .toEqual(['Übersicht', 'Partner', 'Engagement', 'Empfehlungen', 'Auszahlungen', 'Vergütungsregeln', 'Einstellungen', 'Schlüssel', 'Webhooks', 'Integrationen']);
    await open(page, programRoutes.find((r) => r.path === 'partners')!);
    expect(await page.locator('main h2').first().innerText()).toBe('Partner');
    expect(await page.locator('[data-testid=console-partners] thead').textContent()).toContain('Vertriebsmitarbeiter');
    expect(await overflow(page)).toBe('');
    await page.screenshot({ path: 'test-results/i18n-de-console-partners-1280.png', fullPage: true });

    await page.setViewportSize({ width: 375, height: 800 });
    const problems: string[] = [];
    for (const route of programRoutes) {
      await open(page, route);
      const wide = await overflow(page);
      if (wide) problems.push(`${route.path}: ${wide}`);
      if (route.path === 'partners') await page.locator('.registration-link').waitFor();
      if (route.path === 'partners' || route.path === 'settings') await page.screenshot({ path: `test-results/i18n-de-console-${route.path}-375.png`, fullPage: true });
    }
    expect(problems).toEqual([]);
    await context.close();
  });
});
