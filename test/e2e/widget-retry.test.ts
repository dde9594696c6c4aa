// The widget's signup report when edgeref fails to answer, in Chromium against the real worker: page.route fails the
// first attempts (a network error; a 503 without CORS headers, as an overloaded runtime sends; a 429), then lets the
// report through to the worker, whose records are read back with the secret key. The last tests hold back, or fail,
// the signups chunk that the core imports to see a report through.
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, visitorContext, watch } from './browser';
import { DEMO } from '../../scripts/demo-data';

const W = inject('edgerefOrigin');
const SHOP = inject('shopOrigin');
const CHROME_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';
// This file's own invitation of the demo partner, so its signups leave the other tests' counts alone.
const CODE = 'RETRY-E2E';
let browser: Browser;

beforeAll(async () => {
  const login = await fetch(`${W}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: W },
    body: JSON.stringify({ email: DEMO.partnerEmail, password: DEMO.password }),
  });
  const res = await fetch(`${W}/api/v1/partners/${DEMO.partnerId}/invitations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: W, Cookie: login.headers.get('Set-Cookie')!.split(';')[0] },
    body: JSON.stringify({ code: CODE, campaign: 'Widget retry e2e' }),
  });
  expect([201, 409]).toContain(res.status); // 409: a rerun on the same database
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const id = (what: string) => `${what}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
const isSignup = (r: Request) => r.method() === 'POST' && r.url().startsWith(`${W}/api/v1/signups?`);

/** The shop page a fresh click through CODE lands on. */
async function landing(path = '/hop'): Promise<string> {
  const res = await fetch(`${W}/r/${CODE}`, { redirect: 'manual', headers: { 'User-Agent': CHROME_UA } });
  return `${SHOP}${path}?ref=${CODE}&ref_click=${new URL(res.headers.get('Location')!).searchParams.get('ref_click')}`;
}

/** A visitor's page on the shop, landed through CODE (or on `url`), with the widget booted. */
async function visitor(url?: string) {
  const context = await visitorContext(browser);
  const page = await context.newPage();
  const { problems } = await watch(page);
  await page.goto(url ?? (await landing()));
  await page.waitForLoadState('networkidle');
  return { context, page, problems };
}

type Failure = 'network' | { status: number; headers?: Record<string, string> };

/**
 * Answers the page's signup reports with `failures` in turn (a network error, or a status without CORS headers unless
 * given), then lets them through to the worker. Returns every attempt seen: the failure used, or 'worker'.
 */
async function failSignups(page: Page, failures: Failure[]): Promise<string[]> {
  const attempts: string[] = [];
  await page.route(
    (url) => url.href.startsWith(`${W}/api/v1/signups?`),
    async (route) => {
      const failure = failures.shift();
      attempts.push(failure === undefined ? 'worker' : failure === 'network' ? 'network' : String(failure.status));
      if (failure === undefined) return route.continue();
      if (failure === 'network') return route.abort('failed');
      return route.fulfill({ status: failure.status, headers: failure.headers, body: 'unavailable' });
    },
  );
  return attempts;
}

/** A 429 as edgeref's rate limit sends it: CORS headers that let the page read Retry-After. */
const tooMany = (seconds: number): Failure => ({
  status: 429,
  headers: { 'Access-Control-Allow-Origin': SHOP, 'Access-Control-Expose-Headers': 'Retry-After', 'Retry-After': String(seconds) },
});

/** edgeref('signup', …) from the page, answered by the edgeref:signup event. */
function signUp(page: Page, report: { customerId: string; email?: string; promoCode?: string }): Promise<any> {
  return page.evaluate(
    (r) =>
      new Promise((resolve) => {
        addEventListener('edgeref:signup', (e) => resolve((e as CustomEvent).detail), { once: true });
        (window as any).edgeref('signup', r);
      }),
    { email: `${report.customerId}@example.com`, ...report },
  );
}

/** The customer ids of the reports the widget keeps for a later page. */
const kept = (page: Page): Promise<string[]> => page.evaluate(() => Object.keys(JSON.parse(localStorage.getItem('edgeref_signups') || '{}')));

/** The customer's ledger as [type, amount] pairs, read with the secret key; null when edgeref has no such customer. */
async function ledger(customerId: string): Promise<[string, number][] | null> {
  const res = await fetch(`${W}/api/v1/customers/${customerId}/ledger`, { headers: { Authorization: `Bearer ${DEMO.secretKey}` } });
  if (res.status === 404) return null;
  const body = (await res.json()) as { entries: { type: string; amount: { amount: number } }[] };
  return body.entries.map((e) => [e.type, e.amount.amount]);
}

describe('a signup report that edgeref does not answer at once', () => {
  it('is retried through a network error and a 503 without CORS headers: the third attempt records the customer once, with the credit', async () => {
    const { context, page, problems } = await visitor();
    const attempts = await failSignups(page, ['network', { status: 503 }]);
    const customerId = id('retried');
    const result = await signUp(page, { customerId });
    expect(attempts).toEqual(['network', '503', 'worker']);
    expect(result).toMatchObject({ ok: true, status: 201, body: { customerId, attribution: { invitationCode: CODE, method: 'click' } } });
    expect(await ledger(customerId)).toEqual([['signup_credit', 500]]);
    expect(await kept(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("waits out a 429's Retry-After (on the page's clock) before it tries again, then delivers", async () => {
    const context = await visitorContext(browser);
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(await landing());
    await page.waitForLoadState('networkidle');
    await page.clock.pauseAt(Date.now() + 60_000); // the page's timers now run only as this test moves its clock
    const attempts = await failSignups(page, [tooMany(20)]);
    const customerId = id('retry-after');
    const result = signUp(page, { customerId });
    await expect.poll(() => attempts).toEqual(['429']);
    let waited = 0;
    for (; attempts.length < 2 && waited < 60_000; waited += 250) await page.clock.runFor(250);
    expect(waited).toBeGreaterThanOrEqual(20_000); // a backoff alone would have tried again within 1 s
    await expect(result).resolves.toMatchObject({ ok: true, status: 201 });
    expect(attempts).toEqual(['429', 'worker']);
    expect(await ledger(customerId)).toEqual([['signup_credit', 500]]);
    await context.close();
  });

  it('leaves a report whose Retry-After is beyond 30 s to the next page, which delivers it', async () => {
    const { context, page, problems } = await visitor();
    const attempts = await failSignups(page, [tooMany(120)]);
    const customerId = id('later');
    const result = await signUp(page, { customerId });
    expect(result).toMatchObject({ ok: false, status: 429 });
    expect(attempts).toEqual(['429']); // not tried again on this page
    expect(await kept(page)).toEqual([customerId]);

    const delivered = page.waitForResponse((r) => isSignup(r.request()) && r.status() === 201);
    await page.goto(`${SHOP}/hop`);
    await delivered;
    expect(attempts).toEqual(['429', 'worker']);
    await expect.poll(() => kept(page)).toEqual([]);
    expect(await ledger(customerId)).toEqual([['signup_credit', 500]]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it.each([
    [400, 'an invalid email', { email: 'not-an-email' }],
    [422, 'an unknown promo code', { promoCode: 'NO-SUCH-CODE' }],
  ])("is not retried after a %s (%s): the worker's answer ends the retries, and nothing is kept", async (status, _what, input) => {
    // The unknown code is typed on a page without a referral, so it is all the report names.
    const { context, page, problems } = await visitor('promoCode' in input ? `${SHOP}/hop` : undefined);
    const attempts = await failSignups(page, [{ status: 503 }]);
    const customerId = id(`final-${status}`);
    const result = await signUp(page, { customerId, ...input });
    expect(result).toMatchObject({ ok: false, status });
    expect(attempts).toEqual(['503', 'worker']);
    expect(await kept(page)).toEqual([]);
    // A later page sends nothing again.
    await page.goto(`${SHOP}/hop`);
    await page.waitForLoadState('networkidle');
    expect(attempts).toEqual(['503', 'worker']);
    expect(await ledger(customerId)).toBeNull();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('is kept when the page is left before edgeref could be reached, and the next page of the shop delivers it once', async () => {
    const { context, page, problems } = await visitor();
    const attempts = await failSignups(page, Array(10).fill('network'));
    const customerId = id('left');
    const first = page.waitForRequest(isSignup);
    await page.evaluate((c) => (window as any).edgeref('signup', { customerId: c, email: `${c}@example.com` }), customerId);
    await first;
    expect(await kept(page)).toEqual([customerId]);
    await page.goto('about:blank'); // the visitor leaves while the widget waits to try again
    await page.unrouteAll();

    const delivered = page.waitForResponse((r) => isSignup(r.request()) && r.status() === 201);
    await page.goto(`${SHOP}/hop`);
    expect(await (await delivered).json()).toMatchObject({ customerId, created: true, attribution: { invitationCode: CODE, method: 'click' } });
    await expect.poll(() => kept(page)).toEqual([]);
    expect(await ledger(customerId)).toEqual([['signup_credit', 500]]);
    // The referral is spent: the next signup on this browser has none to report.
    expect((await context.cookies(SHOP)).find((c) => c.name === 'edgeref_ref')).toBeUndefined();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('is given up after 7 days: a page 8 days later forgets it and sends nothing', async () => {
    const { context, page } = await visitor();
    await failSignups(page, Array(10).fill('network'));
    const customerId = id('stale');
    const first = page.waitForRequest(isSignup);
    await page.evaluate((c) => (window as any).edgeref('signup', { customerId: c, email: `${c}@example.com` }), customerId);
    await first;
    expect(await kept(page)).toEqual([customerId]);
    await page.goto('about:blank');
    await page.unrouteAll();

    const attempts = await failSignups(page, []); // counts, and lets everything through
    await page.clock.install({ time: Date.now() + 8 * 86_400_000 });
    await page.goto(`${SHOP}/hop`);
    await expect.poll(() => kept(page)).toEqual([]);
    // A report sent would have passed the route before its answer could remove it.
    expect(attempts).toEqual([]);
    expect(await ledger(customerId)).toBeNull();
    await context.close();
  });
});

describe('the signups chunk, which the core imports to see a report through', () => {
  it("sends the first attempt before the chunk has arrived, and the chunk then takes the answer: recorded once, nothing kept", async () => {
    const { context, page, problems } = await visitor();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(
      (url) => url.pathname === '/widget-signups.js',
      async (route) => {
        await held;
        await route.continue();
      },
    );
    const customerId = id('ahead');
    const first = page.waitForRequest(isSignup);
    const result = signUp(page, { customerId });
    await first; // the report left while the chunk was still held back
    expect(await kept(page)).toEqual([customerId]);
    release();
    expect(await result).toMatchObject({ ok: true, status: 201, body: { customerId, attribution: { invitationCode: CODE, method: 'click' } } });
    expect(await kept(page)).toEqual([]);
    expect(await ledger(customerId)).toEqual([['signup_credit', 500]]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("answers with the first attempt when the chunk cannot be imported, and leaves the report to the next page, which delivers it once", async () => {
    const { context, page, problems } = await visitor();
    await page.route(
      (url) => url.pathname === '/widget-signups.js',
      (route) => route.abort('failed'),
    );
    const customerId = id('no-chunk');
    expect(await signUp(page, { customerId })).toMatchObject({ ok: true, status: 201, body: { customerId } });
    expect(await kept(page)).toEqual([customerId]);

    await page.unrouteAll();
    const again = page.waitForResponse((r) => isSignup(r.request()));
    await page.goto(`${SHOP}/hop`);
    const answer = await again;
    expect(answer.status()).toBe(200); // edgeref had it already
    expect(await answer.json()).toMatchObject({ customerId, created: false });
    await expect.poll(() => kept(page)).toEqual([]);
    expect(await ledger(customerId)).toEqual([['signup_credit', 500]]);
    // Delivered on that page, it spent the referral there.
    await expect.poll(async () => (await context.cookies(SHOP)).find((c) => c.name === 'edgeref_ref')).toBeUndefined();
    expect(problems).toEqual([]);
    await context.close();
  });
});
