// New written terms in Chromium: a manager publishes them on the Settings page; the partner sees a notice on every
// page saying what waits, is emailed, reads the terms and accepts them (the notice goes, the history shows it); the
// console then counts the acceptance. The demo partner ends with the current terms accepted, as it began.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, signInDashboard, watch } from './browser';
import { seriousViolations } from './a11y';
import { DEMO } from '../../scripts/demo-data';
import type { StoredMessage } from '../../scripts/mailbox/mailbox';

const W = inject('edgerefOrigin');
const MAILBOX = inject('mailboxOrigin');
const body = `Partner terms, revised ${Date.now().toString(36)}: commission is paid monthly, and promotions must name the program.`;
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync('test-results', { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

async function signedIn(email: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await signInDashboard(page, W, email);
  return page;
}

/** Waits until nothing loads, saves a screenshot to look at, and fails on any serious or critical axe violation. */
async function check(page: Page, name: string) {
  await page.waitForFunction(() => !document.querySelector('[aria-busy=true]'));
  await page.screenshot({ path: `test-results/terms-${name}.png`, fullPage: true });
  expect(await seriousViolations(page), name).toEqual([]);
}

const acceptanceCount = (page: Page) => page.locator('[data-testid=terms-acceptance-count]').innerText();

describe('new terms, from publishing to acceptance', () => {
  let version: number;

  it('a manager publishes them on the Settings page, which shows that nobody accepted them yet', async () => {
    const page = await signedIn(DEMO.managerEmail);
    const { problems } = await watch(page);
    await page.goto(`${W}/dashboard/program/${DEMO.programId}/settings`);
    await expect.poll(() => acceptanceCount(page)).toMatch(/^Version \d+, published .*: \d+ of \d+ partners? ha(s|ve) accepted it\.$/);
    const checked = await page.locator('input[name=pausedUntilTermsAccepted]:checked').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(checked).toEqual(['invitations', 'withdrawals']);
    await page.fill('textarea[name=body]', body);
    const publish = page.getByRole('button', { name: /^Publish as version \d+$/ });
    version = Number((await publish.innerText()).split(' ').pop());
    await publish.click();
    await expect.poll(() => acceptanceCount(page)).toMatch(new RegExp(`^Version ${version}, published .*: 0 of \\d+ partners? ha(s|ve) accepted it\\.$`));
    await check(page, 'console-published');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('the partner is told on every page what waits, and by email', async () => {
    const page = await signedIn('partner@demo.test');
    const notice = page.locator('[data-testid=terms-notice]');
    await expect.poll(() => notice.innerText()).toContain(`The program has published new terms (version ${version}).`);
    expect(await notice.innerText()).toContain('Until then, this is paused: creating new invitations; requesting withdrawals.');
    await check(page, 'notice-invitations');
    await page.getByRole('link', { name: 'Balance' }).click();
    await page.locator('[data-testid=terms-notice]').waitFor();
    const find = async () =>
      ((await (await fetch(`${MAILBOX}/messages.json`)).json()) as StoredMessage[]).find((m) => m.to.includes('partner@demo.test') && m.subject === 'Demo Shop has new partner terms to accept');
    await expect.poll(find).toBeDefined();
    await page.context().close();
  });

  it('an owner reads and accepts them (at 375 px): the notice goes and the history shows both versions', async () => {
    const page = await signedIn('partner@demo.test', 375);
    await page.getByRole('link', { name: 'Read and accept' }).click();
    await expect.poll(() => page.locator('[data-testid=written-terms]').innerText()).toBe(body);
    expect(await page.locator('[data-testid=terms-standing]').innerText()).toContain(`Version ${version}`);
    await check(page, 'accept-375');
    await page.getByRole('button', { name: `Accept version ${version}` }).click();
    await expect.poll(() => page.locator('[data-testid=terms-standing]').innerText()).toMatch(new RegExp(`^You accepted version ${version} on .*: the current one\\.$`));
    await expect.poll(() => page.locator('[data-testid=terms-notice]').count()).toBe(0);
    const versions = await page.locator('[data-testid=terms-history] tbody th').allInnerTexts();
    expect(versions[0]).toBe(String(version));
    expect(versions.at(-1)).toBe('1');
    await check(page, 'accepted-375');
    await page.context().close();
  });

  it('the console counts the acceptance and lists it', async () => {
    const page = await signedIn(DEMO.managerEmail);
    await page.goto(`${W}/dashboard/program/${DEMO.programId}/settings`);
    await expect.poll(() => acceptanceCount(page)).toMatch(new RegExp(`^Version ${version}, published .*: 1 of \\d+ partners? ha(s|ve) accepted it\\.$`));
    const first = page.locator('[data-testid=terms-acceptances] tbody tr').first();
    await expect.poll(() => first.innerText()).toContain(DEMO.partnerName);
    expect(await first.innerText()).toContain(String(version));
    await page.context().close();
  });
});
