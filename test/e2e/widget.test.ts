// The widget on a foreign origin in Chromium, under the shop's strict CSP: single-page apps, consent, sub-domains,
// the server-side signup path, the customer's referral panel, languages, accessibility, and edgeref being down.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, visitorContext, watch } from './browser';
import { DEMO } from '../../scripts/demo-data';

const W = inject('edgerefOrigin');
const SHOP = inject('shopOrigin');
const PORT = new URL(SHOP).port;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const CHROME_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';
// The widget's own invitation of the demo partner, so these tests leave the DEMO invitation's counts to the others.
const CODE = 'WIDGET-E2E';
let browser: Browser;

/** Signs in as the demo partner member and creates CODE (once; a rerun on the same database finds it taken). */
async function createInvitation(): Promise<void> {
  const login = await fetch(`${W}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: W },
    body: JSON.stringify({ email: DEMO.partnerEmail, password: DEMO.password }),
  });
  const cookie = login.headers.get('Set-Cookie')!.split(';')[0];
  const res = await fetch(`${W}/api/v1/partners/${DEMO.partnerId}/invitations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: W, Cookie: cookie },
    body: JSON.stringify({ code: CODE, campaign: 'Widget e2e' }),
  });
  expect([201, 409]).toContain(res.status);
}

beforeAll(async () => {
  await createInvitation();
  // *.shop.test resolves to this machine, so the shop is served on a.shop.test and b.shop.test too.
  browser = await launchChromium([`--host-resolver-rules=MAP *.shop.test 127.0.0.1`]);
  mkdirSync('test-results', { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

/** A fresh click through the widget's invitation link, and the shop page it would land on with `path`. */
async function landing(path: string, origin = SHOP): Promise<{ url: string; clickId: string }> {
  const res = await fetch(`${W}/r/${CODE}`, { redirect: 'manual', headers: { 'User-Agent': CHROME_UA } });
  const clickId = new URL(res.headers.get('Location')!).searchParams.get('ref_click')!;
  const sep = path.includes('?') ? '&' : '?';
  return { url: `${origin}${path}${sep}ref=${CODE}&ref_click=${clickId}`, clickId };
}

/** edgeref('signup', …) from the page, answered by the edgeref:signup event. */
function signUp(page: Page, customerId: string): Promise<any> {
  return page.evaluate(
    (c) =>
      new Promise((resolve) => {
        addEventListener('edgeref:signup', (e) => resolve((e as CustomEvent).detail), { once: true });
        (window as any).edgeref('signup', { customerId: c, email: `${c}@example.com` });
      }),
    customerId,
  );
}

async function stored(page: Page, origin = SHOP) {
  const cookie = (await page.context().cookies(origin)).find((c) => c.name === 'edgeref_ref');
  const local = await page.evaluate(() => localStorage.getItem('edgeref_ref'));
  return { cookie: cookie && JSON.parse(decodeURIComponent(cookie.value)), local: local && JSON.parse(local) };
}

async function balance(customerId: string) {
  return fetch(`${W}/api/v1/customers/${customerId}/balance`, { headers: { Authorization: `Bearer ${DEMO.secretKey}` } });
}

/** axe-core on the widget's shadow-root content; serious and critical findings fail. */
async function axe(page: Page, host: string) {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async (selector) => {
    const result = await (window as any).axe.run(document.querySelector(selector), { resultTypes: ['violations'] });
    return result.violations.map((v: any) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  }, host);
  return violations.filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical');
}

const id = (what: string) => `${what}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;

describe('the widget on a foreign origin', () => {
  it('attributes a link that lands on a single-page app which rewrites the URL at once, without a single preflight', async () => {
    const context = await visitorContext(browser);
    const page = await context.newPage();
    const { problems } = await watch(page);
    const apiCalls: { method: string; auth?: string; type?: string }[] = [];
    page.on('request', (r) => r.url().startsWith(`${W}/api/`) && apiCalls.push({ method: r.method(), auth: r.headers().authorization, type: r.headers()['content-type'] }));
    const { url, clickId } = await landing('/spa');
    await page.goto(url);
    await page.locator('[data-edgeref=banner]').waitFor();
    expect(new URL(page.url()).pathname).toBe('/spa/welcome');
    expect(new URL(page.url()).search).toBe('');
    expect((await stored(page)).cookie).toMatchObject({ code: CODE, clickId });

    const customerId = id('spa');
    const result = await signUp(page, customerId);
    expect(result.status).toBe(201);
    expect(result.body.attribution).toMatchObject({ invitationCode: CODE, method: 'click' });
    await expect(page.locator('[data-edgeref=banner]').count()).resolves.toBe(0);
    expect((await stored(page)).cookie).toBeUndefined();
    // Simple requests only: no OPTIONS, no Authorization header, JSON sent as text/plain.
    expect(apiCalls.map((c) => c.method).sort()).toEqual(['GET', 'POST']);
    expect(apiCalls.every((c) => !c.auth && c.method !== 'OPTIONS')).toBe(true);
    expect(apiCalls.find((c) => c.method === 'POST')!.type).toMatch(/^text\/plain/);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('reads a referral that a single-page app pushes into the URL later, and keeps the first touch against a later link', async () => {
    const context = await visitorContext(browser);
    const page = await context.newPage();
    const { problems } = await watch(page);
    await page.goto(`${SHOP}/hop`);
    await page.waitForLoadState('networkidle');
    expect((await stored(page)).cookie).toBeUndefined();
    const first = await landing('/hop');
    await page.evaluate((url) => history.pushState(null, '', url), first.url);
    await page.locator('[data-edgeref=banner]').waitFor();
    expect((await stored(page)).cookie).toMatchObject({ code: CODE, clickId: first.clickId });

    // A later click through another invitation: the program counts the first touch, so the first referral stays.
    const res = await fetch(`${W}/r/DEMO`, { redirect: 'manual', headers: { 'User-Agent': CHROME_UA } });
    await page.goto(res.headers.get('Location')!);
    await page.waitForLoadState('networkidle');
    expect((await stored(page)).cookie).toMatchObject({ code: CODE, clickId: first.clickId });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('with consent withheld stores nothing, sends nothing and attributes nothing', async () => {
    const context = await visitorContext(browser);
    const page = await context.newPage();
    const { problems } = await watch(page);
    const sent: string[] = [];
    page.on('request', (r) => r.url().startsWith(W) && sent.push(new URL(r.url()).pathname));
    await page.goto((await landing('/consent')).url);
    await page.waitForLoadState('networkidle');
    expect(sent).toEqual(['/widget.js']);
    expect(await stored(page)).toEqual({ cookie: undefined, local: null });

    const customerId = id('no-consent');
    const result = await signUp(page, customerId);
    expect(result.ok).toBe(false);
    expect(sent).toEqual(['/widget.js']);
    expect((await balance(customerId)).status).toBe(404);
    await expect(page.locator('[data-edgeref=banner]').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('with consent given later stores the referral it held in memory, greets, and attributes', async () => {
    const context = await visitorContext(browser);
    const page = await context.newPage();
    const { problems } = await watch(page);
    const { url, clickId } = await landing('/consent');
    await page.goto(url);
    await page.waitForLoadState('networkidle');
    expect((await stored(page)).cookie).toBeUndefined();

    await page.evaluate(() => (window as any).edgeref('consent', true));
    await page.locator('[data-edgeref=banner]').waitFor();
    expect((await stored(page)).local).toMatchObject({ code: CODE, clickId });
    const result = await signUp(page, id('consent-later'));
    expect(result.status).toBe(201);
    expect(result.body.attribution.method).toBe('click');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('keeps the referral across a sub-domain hop with data-cookie-domain, and the shop server reports it from the hidden input', async () => {
    const context = await visitorContext(browser);
    const page = await context.newPage();
    const { problems } = await watch(page);
    const { url, clickId } = await landing('/hop', `http://a.shop.test:${PORT}`);
    await page.goto(url);
    await page.locator('[data-edgeref=banner]').waitFor();
    const cookie = (await context.cookies(`http://b.shop.test:${PORT}`)).find((c) => c.name === 'edgeref_ref');
    expect(cookie?.domain).toBe('.shop.test');

    await page.goto(`http://b.shop.test:${PORT}/server-signup`);
    await page.fill('input[name=email]', `${id('hop')}@example.com`);
    await page.click('button[type=submit]');
    await expect(page.getByTestId('attribution').innerText()).resolves.toBe(`Attributed to ${CODE} by click`);
    const customerId = await page.getByTestId('customer-id').innerText();
    expect(((await (await balance(customerId)).json()) as any).balance.amount).toBe(500);
    expect(clickId).toMatch(/^[\w-]{40}$/);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('puts the click id in a hidden input of a data-edgeref-signup form, for the site server to report with its secret key', async () => {
    const context = await visitorContext(browser);
    const page = await context.newPage();
    const { problems } = await watch(page);
    const { url, clickId } = await landing('/server-signup');
    await page.goto(url);
    await page.locator('[data-edgeref=banner]').waitFor();
    // The same click id is what edgeref('ready') hands a checkout script (Stripe's client_reference_id, Paddle's customData).
    await expect(page.evaluate(() => new Promise((resolve) => (window as any).edgeref('ready', resolve)))).resolves.toBe(clickId);
    const posted = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/server-signup'));
    await page.fill('input[name=email]', `${id('server')}@example.com`);
    await page.click('button[type=submit]');
    expect(new URLSearchParams((await posted).postData()!).get('edgeref_click')).toBe(clickId);
    await expect(page.getByTestId('attribution').innerText()).resolves.toBe(`Attributed to ${CODE} by click`);
    expect(problems).toEqual([]);
    await context.close();
  });

  it.each([
    ['sv', /Demo Partner AB har bjudit in dig\. Registrera dig och få 5,00\s€ i kredit\./],
    ['de', /Demo Partner AB hat dich eingeladen\. Registriere dich und erhalte 5,00\s€ Guthaben\./],
    ['en', /Demo Partner AB invited you\. Sign up and get €5\.00 credit\./],
  ])('greets in the page language (%s), and the banner passes axe-core', async (lang, text) => {
    const context = await visitorContext(browser);
    const page = await context.newPage();
    const { problems } = await watch(page);
    await page.goto((await landing(`/hop?lang=${lang}`)).url);
    const banner = page.locator('[data-edgeref=banner]');
    await banner.waitFor();
    await expect(banner.innerText()).resolves.toMatch(text);
    if (lang === 'en') {
      await page.screenshot({ path: 'test-results/widget-banner.png' });
      // Themable from the page: custom properties pass into the shadow root.
      await page.evaluate(() => document.documentElement.style.setProperty('--edgeref-bg', 'rgb(20, 83, 45)'));
      await expect(banner.evaluate((el) => getComputedStyle(el).backgroundColor)).resolves.toBe('rgb(20, 83, 45)');
      // On a phone it spans the screen but for its margins, rather than squeezing into half of it.
      await page.setViewportSize({ width: 375, height: 700 });
      expect((await banner.boundingBox())!.width).toBe(375 - 32);
    }
    expect(problems).toEqual([]);
    expect(await axe(page, 'edgeref-banner')).toEqual([]);
    // Dismissed, it stays dismissed on the next page.
    await page.getByRole('button', { name: /Dismiss|Stäng|schließen/ }).click();
    await page.goto(`${SHOP}/hop?lang=${lang}`);
    await page.waitForLoadState('networkidle');
    await expect(banner.count()).resolves.toBe(0);
    await context.close();
  });
});

describe('the referral panel of a signed-in customer', () => {
  it('shows a signed-in customer no invitation to sign up: the referral is kept, and its banner marked done for later pages', async () => {
    const context = await visitorContext(browser);
    const page = await context.newPage();
    const { problems } = await watch(page);
    // A customer who followed a link, and is signed in on the page it lands on (the page calls edgeref('identify')).
    const { url, clickId } = await landing(`/account?customer=${id('signed-in')}`);
    await page.goto(url);
    // The greeting still brings the program's window onto the referral; the banner is then marked done instead of shown.
    await expect.poll(async () => (await stored(page)).cookie?.done).toBe(1);
    expect((await stored(page)).cookie).toMatchObject({ code: CODE, clickId });
    await expect(page.locator('edgeref-banner').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows their own invitation, QR code, sharing links, referrals and credit with a valid token, and passes axe-core', async () => {
    const customerId = id('advocate');
    const context = await visitorContext(browser);
    const page = await context.newPage();
    const { problems } = await watch(page);
    await page.goto(`${SHOP}/account?customer=${customerId}`);
    await page.getByRole('button', { name: 'Refer friends' }).click();
    const panel = page.getByRole('dialog', { name: 'Invite friends' });
    await panel.locator('[data-edgeref=code]').waitFor();
    const code = await panel.locator('[data-edgeref=code]').innerText();
    await expect(panel.locator('[data-edgeref=link]').inputValue()).resolves.toBe(`${W}/r/${code}`);
    await expect(panel.locator('[data-edgeref=referred]').innerText()).resolves.toBe('0');
    await expect(panel.locator('[data-edgeref=credit]').innerText()).resolves.toBe('€0.00');
    await expect(panel.locator('[data-edgeref=share-whatsapp]').getAttribute('href')).resolves.toContain(encodeURIComponent(`${W}/r/${code}`));
    const qr = panel.getByRole('img', { name: 'QR code of your invitation link' });
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await expect(page.evaluate(() => (document.querySelector('edgeref-panel')!.shadowRoot!.activeElement as HTMLElement)?.getAttribute('aria-label'))).resolves.toBe('Close');
    // Focus stays in the dialog: Shift+Tab from the close button goes round to the last control.
    await page.keyboard.press('Shift+Tab');
    await expect(page.evaluate(() => document.querySelector('edgeref-panel')!.shadowRoot!.activeElement?.textContent)).resolves.toBe('X');
    await page.keyboard.press('Tab');
    await page.screenshot({ path: 'test-results/widget-panel.png' });
    expect(await axe(page, 'edgeref-panel')).toEqual([]);

    // A friend joins with the customer's code: the panel counts them.
    const friend = await fetch(`${W}/api/v1/signups`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${DEMO.secretKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ customerId: id('friend'), email: `${id('friend')}@example.com`, promoCode: code }),
    });
    expect(friend.status).toBe(201);
    await page.keyboard.press('Escape');
    await expect(panel.count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Refer friends' }).click();
    await expect(panel.locator('[data-edgeref=referred]').innerText()).resolves.toBe('1');
    await expect(panel.locator('[data-edgeref=credit]').innerText()).resolves.toBe('€5.00'); // earned for the friend
    await expect(panel.locator('[data-edgeref=code]').innerText()).resolves.toBe(code);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('copies the invitation link, and says so on the button and to screen readers', async () => {
    const context = await visitorContext(browser);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: SHOP });
    const page = await context.newPage();
    const { problems } = await watch(page);
    await page.goto(`${SHOP}/account?customer=${id('copier')}`);
    await page.getByRole('button', { name: 'Refer friends' }).click();
    const panel = page.getByRole('dialog', { name: 'Invite friends' });
    const link = await panel.locator('[data-edgeref=link]').inputValue();
    await panel.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => panel.locator('[data-edgeref=copy]').innerText()).toBe('Copied');
    await expect(panel.locator('[aria-live=polite]').textContent()).resolves.toBe('Copied');
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(link);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("greets a friend who comes through a customer's link as invited by a friend, in the page language", async () => {
    const advocate = await visitorContext(browser);
    const account = await advocate.newPage();
    await account.goto(`${SHOP}/account?customer=${id('friendly')}`);
    await account.getByRole('button', { name: 'Refer friends' }).click();
    const code = await account.locator('[data-edgeref=code]').innerText();
    await advocate.close();

    const context = await visitorContext(browser);
    const page = await context.newPage();
    const { problems } = await watch(page);
    const res = await fetch(`${W}/r/${code}`, { redirect: 'manual', headers: { 'User-Agent': CHROME_UA } });
    const clickId = new URL(res.headers.get('Location')!).searchParams.get('ref_click');
    await page.goto(`${SHOP}/hop?lang=de&ref=${code}&ref_click=${clickId}`);
    await expect(page.locator('[data-edgeref=banner]').innerText()).resolves.toMatch(/^Ein Freund hat dich eingeladen\. Registriere dich und erhalte 5,00\s€ Guthaben\./);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('imports the UI afresh after an import that failed: the next open shows the panel', async () => {
    const context = await visitorContext(browser);
    const page = await context.newPage();
    const { problems } = await watch(page);
    const uiLoads: string[] = [];
    let fail = true;
    await page.route(
      (url) => url.pathname === '/widget-ui.js',
      (route) => {
        uiLoads.push(fail ? 'failed' : 'served');
        return fail ? route.abort('failed') : route.continue();
      },
    );
    await page.goto(`${SHOP}/account?customer=${id('ui-again')}`);
    const warned = page.waitForEvent('console', (m) => m.type() === 'warning' && m.text().startsWith('[edgeref]'));
    await page.getByRole('button', { name: 'Refer friends' }).click();
    await warned; // the import failed, quietly
    expect(uiLoads).toEqual(['failed']);
    fail = false;
    await page.getByRole('button', { name: 'Refer friends' }).click();
    await page.getByRole('dialog', { name: 'Invite friends' }).locator('[data-edgeref=code]').waitFor();
    expect(uiLoads).toEqual(['failed', 'served']);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows nothing of the customer with a forged token', async () => {
    const customerId = id('forged');
    const context = await visitorContext(browser);
    const page = await context.newPage();
    const { problems } = await watch(page);
    await page.goto(`${SHOP}/account?customer=${customerId}&forge=1`);
    await page.getByRole('button', { name: 'Refer friends' }).click();
    const panel = page.getByRole('dialog', { name: 'Invite friends' });
    await expect(panel.getByRole('alert').innerText()).resolves.toMatch(/could not be loaded/);
    await expect(panel.locator('[data-edgeref=code]').count()).resolves.toBe(0);
    expect((await balance(customerId)).status).toBe(404);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('for site owners', () => {
  it('serves the widget API types next to widget.js', async () => {
    const res = await fetch(`${W}/edgeref.d.ts`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toContain("(command: 'signup', signup: EdgerefSignup)");
    expect(text).toContain("'edgeref:signup': CustomEvent<EdgerefSignupResult>");
  });
});

describe('when edgeref is down', () => {
  it('throws nothing into the page: the capture, the signup and the panel fail quietly', async () => {
    const context = await visitorContext(browser);
    const page = await context.newPage();
    const { problems } = await watch(page);
    await page.goto(`${SHOP}/down?ref=${CODE}&ref_click=unreachable`);
    await page.waitForLoadState('networkidle');
    await expect(page.evaluate(() => typeof (window as any).edgeref)).resolves.toBe('function');
    const result = await signUp(page, id('down'));
    expect(result.ok).toBe(false);
    await page.evaluate(() => {
      (window as any).edgeref('identify', { customerId: 'c', token: 't' });
      (window as any).edgeref('open');
      (window as any).edgeref('no-such-command');
      history.pushState(null, '', '/down?ref=OTHER');
    });
    // The panel opens (its code comes from where widget.js came from) and says it could not load.
    await page.locator('[data-edgeref=panel-error]').waitFor();
    await expect(page.locator('h1').innerText()).resolves.toBe('Still shopping');
    expect(problems).toEqual([]);
    await context.close();
  });
});
