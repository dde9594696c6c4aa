// The console's partner picker in Chromium, as a manager uses it to filter the Referrals page: typing narrows the
// matches, the keyboard and the mouse choose one, Escape closes the list, clearing goes back to any partner, and the
// list shows the chosen partner's referrals. A slow answer to an older search does not replace a newer one's. axe finds
// nothing serious with the list open, in light and dark mode, and a 375 px phone does not scroll sideways. The send
// form's picker offers no rejected partner. Screenshots of the open lists go to /tmp/picker-*.png.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, signInDashboard, watch } from './browser';
import { seriousViolations } from './a11y';
import { signInApi } from './api';
import { DEMO } from '../../scripts/demo-data';

const W = inject('edgerefOrigin');
const stamp = Date.now().toString(36);
// Four partners of this run, found by the stamp: two approved, each sent a referral, an applicant and a rejected one.
const names = { alpha: `Picker ${stamp} Alpha AB`, beta: `Picker ${stamp} Beta AB`, delta: `Picker ${stamp} Delta AB`, gamma: `Picker ${stamp} Gamma AB` };
const ids: Record<keyof typeof names, string> = { alpha: '', beta: '', delta: '', gamma: '' };
const everyName = [names.alpha, names.beta, names.delta, names.gamma];
const customers = { alpha: `Alphaco ${stamp}`, beta: `Betaco ${stamp}` };

let browser: Browser;
let manager: string;

const call = (path: string, body: unknown) =>
  fetch(`${W}/api/v1${path}`, { method: 'POST', headers: { Origin: W, 'Content-Type': 'application/json', Cookie: manager }, body: JSON.stringify(body) });

beforeAll(async () => {
  browser = await launchChromium();
  manager = await signInApi(DEMO.managerEmail, DEMO.password);
  const terms = (await (await fetch(`${W}/api/v1/join/${DEMO.programId}`)).json()) as { terms: { version: number } };
  for (const key of Object.keys(names) as (keyof typeof names)[]) {
    const joined = await fetch(`${W}/api/v1/join/${DEMO.programId}`, {
      method: 'POST', headers: { Origin: W, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: `Person ${key}`, email: `picker-${key}-${stamp}@partner.test`, password: 'picker-partner-1', partnerName: names[key], termsVersion: terms.terms.version }),
    });
    expect(joined.status).toBe(201);
    ids[key] = ((await joined.json()) as { partnerId: string }).partnerId;
  }
  for (const key of ['alpha', 'beta'] as const) {
    expect((await call(`/programs/${DEMO.programId}/partners/${ids[key]}/status`, { action: 'approve' })).status).toBe(200);
    expect((await call(`/programs/${DEMO.programId}/referrals`, { partnerId: ids[key], customerName: customers[key] })).status).toBe(201);
  }
  expect((await call(`/programs/${DEMO.programId}/partners/${ids.delta}/status`, { action: 'reject', reason: 'Not a fit for the program.' })).status).toBe(200);
});

afterAll(async () => {
  await browser?.close();
});

/** The console's Referrals page, searched for this run's referrals, and its partner filter. */
async function referralsPage(width: number) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await signInDashboard(page, W, DEMO.managerEmail, DEMO.password);
  await page.getByRole('link', { name: 'Referrals' }).click();
  await page.getByRole('heading', { name: 'Referrals' }).waitFor();
  await page.fill('input[name=q]', stamp);
  const filters = page.locator('.referral-filters');
  const picker = {
    box: filters.getByRole('combobox', { name: 'Partner' }),
    list: filters.getByRole('listbox', { name: 'Partner' }),
    chosenId: filters.locator('input[type=hidden][name=partnerId]'),
    note: filters.locator('.picker-note'),
  };
  const options = () => picker.list.getByRole('option').evaluateAll((os) => os.map((o) => o.querySelector('.picker-name')!.textContent));
  const listed = () => page.locator('[data-testid=console-referrals] tbody tr').evaluateAll((trs) => trs.map((r) => r.getAttribute('data-referral')).sort());
  return { page, picker, options, listed };
}

const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= innerWidth);

describe('the partner picker on the Referrals page', () => {
  it('narrows as one types, chooses by keyboard and by mouse, closes on Escape, clears to any partner, and filters the list', async () => {
    const { page, picker, options, listed } = await referralsPage(1280);
    const { problems } = await watch(page);
    await expect.poll(listed).toEqual([customers.alpha, customers.beta].sort());
    await expect(picker.box.getAttribute('placeholder')).resolves.toBe('Any partner');
    await expect(picker.box.getAttribute('aria-expanded')).resolves.toBe('false');

    // Typing the stamp lists this run's four, A to Z; more letters narrow them to one.
    await picker.box.fill(stamp);
    await expect.poll(options).toEqual(everyName);
    await expect(picker.box.getAttribute('aria-expanded')).resolves.toBe('true');
    await picker.box.fill(`${stamp} Gam`);
    await expect.poll(options).toEqual([names.gamma]);
    await picker.box.fill(`${stamp} nobody`);
    await expect.poll(() => picker.note.innerText()).toBe('No partner matches');
    await expect(picker.box.getAttribute('aria-expanded')).resolves.toBe('false');

    // The keyboard: the second option by ArrowDown twice, chosen with Enter.
    await picker.box.fill(stamp);
    await expect.poll(options).toEqual(everyName);
    await picker.box.press('ArrowDown');
    await picker.box.press('ArrowDown');
    const beta = picker.list.getByRole('option', { name: names.beta });
    await expect(beta.getAttribute('aria-selected')).resolves.toBe('true');
    await expect(picker.box.getAttribute('aria-activedescendant')).resolves.toBe(await beta.getAttribute('id'));
    await picker.box.press('Enter');
    await expect(picker.box.inputValue()).resolves.toMatch(new RegExp(`^${names.beta} \\(P\\d{6}\\)$`));
    await expect(picker.chosenId.inputValue()).resolves.toBe(ids.beta);
    await expect(picker.list.isHidden()).resolves.toBe(true);
    await expect.poll(listed).toEqual([customers.beta]);

    // ArrowDown opens the list again (the first ten A to Z); Escape closes it and keeps the choice.
    await picker.box.press('ArrowDown');
    await expect.poll(() => picker.list.getByRole('option').count()).toBeGreaterThan(0);
    await expect(picker.box.getAttribute('aria-expanded')).resolves.toBe('true');
    await picker.box.press('Escape');
    await expect(picker.box.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(picker.list.isHidden()).resolves.toBe(true);
    await expect(picker.chosenId.inputValue()).resolves.toBe(ids.beta);

    // Clearing goes back to any partner, and the list to every partner's.
    await page.getByRole('button', { name: `Clear ${names.beta}` }).click();
    await expect(picker.box.inputValue()).resolves.toBe('');
    await expect(picker.chosenId.inputValue()).resolves.toBe('');
    await expect.poll(listed).toEqual([customers.alpha, customers.beta].sort());

    // The mouse: part of a name, and a click on the option.
    await picker.box.fill(`${stamp} alp`);
    await picker.list.getByRole('option', { name: names.alpha }).click();
    await expect(picker.chosenId.inputValue()).resolves.toBe(ids.alpha);
    await expect.poll(listed).toEqual([customers.alpha]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('shows the newest search when an older one answers after it', async () => {
    const { page, picker, options } = await referralsPage(1280);
    // Every option list the page shows, in order, recorded in the page as it changes.
    await page.evaluate(() => {
      const seen: string[][] = [];
      (window as unknown as { optionsSeen: string[][] }).optionsSeen = seen;
      new MutationObserver(() => {
        const now = [...document.querySelectorAll('.referral-filters [role=option] .picker-name')].map((o) => o.textContent ?? '');
        if (now.join('|') !== seen.at(-1)?.join('|')) seen.push(now);
      }).observe(document.querySelector('.referral-filters')!, { subtree: true, childList: true, characterData: true });
    });
    const slow = `${stamp} Alp`;
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    await page.route(/\/partner-records\?/, async (route) => {
      if (new URL(route.request().url()).searchParams.get('q') === slow) await released;
      await route.continue();
    });
    const slowAsked = page.waitForRequest((r) => new URL(r.url()).searchParams.get('q') === slow);
    await picker.box.fill(slow);
    await slowAsked;
    await picker.box.fill(`${stamp} Gam`);
    await expect.poll(options).toEqual([names.gamma]);
    // The older search answers now; then one more search, asked after that answer had arrived, is shown.
    const slowAnswered = page.waitForResponse((r) => new URL(r.url()).searchParams.get('q') === slow);
    release();
    await slowAnswered;
    await picker.box.fill(`${stamp} Bet`);
    await expect.poll(options).toEqual([names.beta]);
    const seen = await page.evaluate(() => (window as unknown as { optionsSeen: string[][] }).optionsSeen.filter((o) => o.length > 0));
    expect(seen).toEqual([[names.gamma], [names.beta]]);
    await page.context().close();
  });

  it('passes axe with the list open, light and dark, and fits a 375 px phone', async () => {
    for (const width of [1280, 375]) {
      const { page, picker, options } = await referralsPage(width);
      await picker.box.fill(stamp);
      await expect.poll(options).toEqual(everyName);
      await picker.box.press('ArrowDown');
      await expect(picker.list.getByRole('option', { name: names.alpha }).getAttribute('aria-selected')).resolves.toBe('true');
      expect(await noSideScroll(page), `no sideways scroll at ${width} px`).toBe(true);
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        expect(await seriousViolations(page), `${width} px, ${colorScheme}`).toEqual([]);
        await page.screenshot({ path: `/tmp/picker-${width}-${colorScheme}.png` });
      }
      await page.context().close();
    }
  });

  it("the send form's picker offers no rejected partner, and the reward rule form's names every partner", async () => {
    const { page } = await referralsPage(1280);
    await page.getByText('Send a referral to a partner').click();
    const send = page.getByRole('form', { name: 'Send a referral to a partner' });
    const sendBox = send.getByRole('combobox', { name: 'Partner', exact: true });
    const sendOptions = () => send.getByRole('listbox').getByRole('option').evaluateAll((os) => os.map((o) => o.querySelector('.picker-name')!.textContent));
    await sendBox.fill(stamp);
    await expect.poll(sendOptions).toEqual([names.alpha, names.beta, names.gamma]);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/picker-send-1280-light.png' });

    await page.getByRole('link', { name: 'Reward rules' }).click();
    const rules = page.locator('[data-testid=reward-rules]');
    const rulesBox = rules.getByRole('combobox', { name: 'For', exact: true });
    await expect(rulesBox.getAttribute('placeholder')).resolves.toBe('Every partner');
    await rulesBox.fill(`${stamp} del`);
    await expect.poll(() => rules.getByRole('listbox', { name: 'For', exact: true }).getByRole('option').allInnerTexts()).toEqual([expect.stringMatching(new RegExp(`^${names.delta}\\s+A\\d{6}$`))]);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/picker-rules-1280-light.png' });
    await page.context().close();
  });
});
