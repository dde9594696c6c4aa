// The dashboard on a 375 px phone, in light and in dark mode: every partner page (as the demo partner's owner) and
// every console page (as the demo manager) fits the screen without sideways scrolling, its pages menu stays one row
// that scrolls within itself, and axe-core finds no serious violation in either colour scheme. A client, a lead and
// a partner application are set up first, so that the tables have rows. Screenshots at 375 and 1280 px, light and
// dark, go to test-results/ to be looked at.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, signInDashboard } from './browser';
import { signInApi } from './api';
import { seriousViolations } from './a11y';
import { DEMO } from '../../scripts/demo-data';
import { partnerRoutes, programRoutes, type PageRoute } from '../../dashboard/src/routes';

const W = inject('edgerefOrigin');
const stamp = Date.now().toString(36);
const SCHEMES = ['light', 'dark'] as const;

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync('test-results', { recursive: true });
  // A client of the demo partner, through its promo code.
  const signup = await fetch(`${W}/api/v1/signups`, {
    method: 'POST', headers: { Authorization: `Bearer ${DEMO.secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ customerId: `phone-${stamp}`, email: `phone-${stamp}@example.com`, promoCode: DEMO.invitationCode }),
  });
  expect(signup.status).toBe(201);
  // A lead the demo partner registered, with notes.
  const partner = await signInApi(DEMO.partnerEmail, DEMO.password);
  const lead = await fetch(`${W}/api/v1/partners/${DEMO.partnerId}/referrals`, {
    method: 'POST', headers: { Origin: W, Cookie: partner, 'Content-Type': 'application/json' },
    body: JSON.stringify({ customerName: `Initech ${stamp} AB`, contactPersons: 'Peter Gibbons', contactEmails: [`peter@initech${stamp}.se`], product: 'Enterprise plan', valueMinor: 120000, notes: 'Met at the fair; wants a demo of the reporting module before the summer.' }),
  });
  expect(lead.status).toBe(201);
  // An applicant waiting for the manager, so that the console's Partners page lists an affiliate with its actions.
  const terms = (await (await fetch(`${W}/api/v1/join/${DEMO.programId}`)).json()) as { terms: { version: number } };
  const joined = await fetch(`${W}/api/v1/join/${DEMO.programId}`, {
    method: 'POST', headers: { Origin: W, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'Phil Phone', email: `phone-applicant-${stamp}@partner.test`, password: 'phone-partner-1', partnerName: `Phone Partner ${stamp}`, termsVersion: terms.terms.version }),
  });
  expect(joined.status).toBe(201);
});

afterAll(async () => {
  await browser?.close();
});

/** Waits until the page has loaded what it shows; if it never does, says what is still loading where. */
async function settled(page: Page) {
  try {
    await page.waitForFunction(() => !document.querySelector('[aria-busy=true]'));
  } catch (err) {
    const busy = await page.evaluate(() => document.querySelector('[aria-busy=true]')?.outerHTML.slice(0, 200)).catch(() => '?');
    throw new Error(`${page.url()} still shows ${busy}`, { cause: err });
  }
}

/** Opens a page through the pages menu. */
async function open(page: Page, route: PageRoute) {
  await page.getByRole('navigation').getByRole('link', { name: route.label, exact: true }).click();
  await page.waitForURL(new RegExp(`/${route.path}$`));
  await settled(page);
}

/**
 * What is wrong with the layout: the page wider than the screen (naming the outermost elements that stick out, for the
 * failure message), or the pages menu on more than one row.
 */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const { scrollWidth } = document.documentElement;
    if (scrollWidth > innerWidth) {
      // An element inside a scrolling region (a table's) may be wider than the screen; one outside may not. An
      // absolutely placed one may escape its region (the known case: a visually hidden column name), so it is named.
      const inRegion = (el: Element) => {
        if (['absolute', 'fixed'].includes(getComputedStyle(el).position)) return false;
        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return true;
        return false;
      };
      const out = (el: Element | null) => !!el && el !== document.body && el.getBoundingClientRect().right > innerWidth + 0.5 && !inRegion(el);
      const culprits = [...document.querySelectorAll('body *')].filter((el) => out(el) && !out(el.parentElement));
      problems.push(`the page is ${scrollWidth} px wide on a ${innerWidth} px screen, widened by ${culprits.slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`).join(', ')}`);
    }
    const rows = new Set([...document.querySelectorAll('nav.nav li')].map((li) => Math.round(li.getBoundingClientRect().top)));
    if (rows.size !== 1) problems.push(`the pages menu takes ${rows.size} rows`);
    return problems;
  });
}

/** Every page of a role at 375 px: its layout, and axe in light and in dark mode; screenshots of `shots`. */
async function everyPage(page: Page, kind: string, routes: PageRoute[], shots: string[]): Promise<string[]> {
  const failures: string[] = [];
  for (const route of routes) {
    await open(page, route);
    failures.push(...(await layoutProblems(page)).map((p) => `${route.label}: ${p}`));
    for (const colorScheme of SCHEMES) {
      await page.emulateMedia({ colorScheme });
      failures.push(...(await seriousViolations(page)).map((v) => `${route.label} (${colorScheme}): ${v}`));
      if (shots.includes(route.path)) await page.screenshot({ path: `test-results/responsive-${kind}-${route.path}-375-${colorScheme}.png`, fullPage: true });
    }
    await page.emulateMedia({ colorScheme: 'light' });
  }
  return failures;
}

/** Screenshots of a page at 1280 px, light and dark, which must not scroll sideways either. */
async function desktop(page: Page, kind: string, route: PageRoute) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await open(page, route);
  expect(await layoutProblems(page), `${route.label} at 1280 px`).toEqual([]);
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: `test-results/responsive-${kind}-${route.path}-1280-${colorScheme}.png`, fullPage: true });
  }
}

/** Opened at its address, the last page's link in the menu has been scrolled into the visible part of the row. */
async function lastLinkInSight(page: Page, kind: 'partner' | 'program', id: string, routes: PageRoute[]) {
  const last = routes[routes.length - 1];
  await page.goto(`${W}/dashboard/${kind}/${id}/${last.path}`);
  await settled(page);
  const inSight = await page.evaluate(() => {
    const row = document.querySelector('nav.nav ul')!.getBoundingClientRect();
    const link = document.querySelector('nav.nav [aria-current=page]')!.getBoundingClientRect();
    return link.left >= row.left - 0.5 && link.right <= row.right + 0.5;
  });
  expect(inSight, `${last.label}'s link in sight`).toBe(true);
}

async function phone(email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  await signInDashboard(page, W, email);
  return page;
}

describe('the dashboard on a 375 px phone, light and dark', () => {
  it("every partner page fits the screen, its menu on one row, and passes axe, as the demo partner's owner", async () => {
    const page = await phone(DEMO.partnerEmail);
    expect(await everyPage(page, 'partner', partnerRoutes, ['invitations', 'referrals', 'clients', 'balance'])).toEqual([]);
    await lastLinkInSight(page, 'partner', DEMO.partnerId, partnerRoutes);
    // Referrals and My clients point to each other, for partners who look for their customers under Referrals.
    await open(page, partnerRoutes.find((r) => r.path === 'referrals')!);
    await page.getByRole('main').getByRole('link', { name: 'My clients', exact: true }).click();
    await page.waitForURL(/\/clients$/);
    await page.getByRole('main').getByRole('link', { name: 'Referrals', exact: true }).click();
    await page.waitForURL(/\/referrals$/);
    await desktop(page, 'partner', partnerRoutes[0]);
    await page.context().close();
  });

  it('every console page fits the screen, its menu on one row, and passes axe, as the demo manager', async () => {
    const page = await phone(DEMO.managerEmail);
    expect(await everyPage(page, 'console', programRoutes, ['overview', 'partners', 'referrals'])).toEqual([]);
    await lastLinkInSight(page, 'program', DEMO.programId, programRoutes);
    await desktop(page, 'console', programRoutes.find((r) => r.path === 'partners')!);
    await page.context().close();
  });
});
