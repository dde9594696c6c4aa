// Chromium driven by playwright-core: Debian's when installed, else the one npm installed (no browser download needed).
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { findChromium } from './bundled-chromium';
import { parseAmount } from '../../shared/money';

/** Extra flags, e.g. --host-resolver-rules to serve the shop on sub-domains of shop.test. */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  const { executablePath, env, args, source } = await findChromium();
  try {
    return patientWaits(await chromium.launch({
      executablePath,
      env,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...args, ...extraArgs],
    }));
  } catch (e) {
    throw new Error(`Chromium (${source}, ${executablePath}) did not start: ${(e as Error).message}`, { cause: e });
  }
}

/** Playwright waits up to 30 s for a page or an element by default; a busy CI machine has needed more. */
const WAIT_MS = 90_000;

/**
 * Every context the browser opens (and so every page) waits up to WAIT_MS: a slow machine is slow, not broken. It
 * speaks en-US unless a test asks for another locale: the dashboard follows the browser's language, and the tests find
 * its elements by their English names.
 */
function patientWaits(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options = {}) => {
    const context = await newContext({ locale: 'en-US', ...options });
    context.setDefaultTimeout(WAIT_MS);
    context.setDefaultNavigationTimeout(WAIT_MS);
    return context;
  };
  browser.newPage = async (options) => {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    page.on('close', () => void context.close());
    return page;
  };
  return browser;
}

/** A visitor's browser: headless Chromium announces itself as "HeadlessChrome", which the click filter rightly counts as a bot. */
export async function visitorContext(browser: Browser) {
  const ua = `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${browser.version()} Safari/537.36`;
  return browser.newContext({ userAgent: ua });
}

/** Signs in on the dashboard's sign-in page and waits for the pages menu. */
export async function signInDashboard(page: Page, origin: string, email: string, password = 'demo1234'): Promise<void> {
  // Twice in four clean CI runs (2026-12-02), the first load of the dashboard in a test file never reached its load
  // event within 90 s under wrangler dev, with nothing else running; the cause is not found. The page is loaded once
  // more before the test gives up, and the stall is logged.
  for (let attempt = 1; ; attempt++) {
    try {
      await page.goto(`${origin}/dashboard/`, { timeout: 45_000 });
      await page.locator('input[name=email]').waitFor({ timeout: 45_000 });
      break;
    } catch (err) {
      if (attempt === 2) throw err;
      console.warn(`the dashboard did not load (${(err as Error).message.split('\n')[0]}); loading it again`);
    }
  }
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.locator('nav.nav').waitFor();
}

/**
 * Waits for what a page's first load shows, and loads the page once more (logging it) if it has not appeared after
 * 30 s, before waiting the full WAIT_MS and failing. Only for what a reload asks for again (a read, not a form sent).
 *
 * Why: requests from Chromium through wrangler dev's proxy have stalled for as long as the test waited, on a loaded CI
 * machine only: twice the dashboard's first load (see signInDashboard), and on 2026-12-03 a console Overview whose
 * held-signups and metrics requests reached the Worker (its D1 queries, in wrangler's debug log) 90 s after the sign-in,
 * the moment the test gave up, with the Worker idle in between (the page's script or its requests were held on the
 * way; which, the log cannot tell); again that night, the console's Keys page after a reload, in a clean CI run (the
 * same test passed alone in 4 s). A reload's new requests get through. A row that never comes still fails the test.
 */
export async function waitForOrReload(page: Page, locator: Locator): Promise<void> {
  try {
    await locator.waitFor({ timeout: 30_000 });
    return;
  } catch (err) {
    console.warn(`${page.url()}: not shown after 30 s (${(err as Error).message.split('\n')[0]}); loading the page again`);
  }
  await page.reload();
  await locator.waitFor();
}

/** A new browser context signed in to the dashboard as the demo partner, on its partner page. */
export async function partnerDashboard(browser: Browser, origin: string, options: { viewport?: { width: number; height: number } } = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await signInDashboard(page, origin, 'partner@demo.test');
  await waitForOrReload(page, page.locator('[data-testid=invitations]'));
  return { context, page };
}

/**
 * A new browser context signed in to the console as the demo's program manager, on its overview; the caller closes it
 * (page.context().close()) when done.
 */
export async function managerConsole(browser: Browser, origin: string, o: { scheme?: 'light' | 'dark'; width?: number } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: o.width ?? 1280, height: 900 }, colorScheme: o.scheme ?? 'light', acceptDownloads: true });
  const page = await context.newPage();
  await signInDashboard(page, origin, 'manager@demo.test');
  await page.waitForURL(/\/dashboard\/program\/[^/]+\/overview$/);
  return page;
}

/** Collects CSP violations and page errors (uncaught exceptions, unhandled rejections) from the moment the page starts. */
export async function watch(page: Page): Promise<{ problems: string[] }> {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.exposeFunction('__reportViolation', (v: string) => problems.push(`csp: ${v}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __reportViolation: (v: string) => void }).__reportViolation(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return { problems };
}

/** A new sales representative of the program, invited by its manager through the API and signed up: their email. */
export async function salesRepresentative(origin: string, programId: string, manager: { email: string; password: string }, email: string, name: string): Promise<string> {
  const signIn = await fetch(`${origin}/api/v1/session`, {
    method: 'POST',
    headers: { Origin: origin, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: manager.email, password: manager.password }),
  });
  const cookie = signIn.headers.get('Set-Cookie')!.split(';')[0];
  const invite = await fetch(`${origin}/api/v1/programs/${programId}/staff`, {
    method: 'POST',
    headers: { Origin: origin, Cookie: cookie, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, name, role: 'sales_rep' }),
  });
  if (invite.status !== 201) throw new Error(`staff invite failed: ${invite.status} ${await invite.text()}`);
  const token = ((await invite.json()) as { link: string }).link.split('/').pop();
  const accepted = await fetch(`${origin}/api/v1/staff-invites/${token}/accept`, {
    method: 'POST',
    headers: { Origin: origin, 'Content-Type': 'application/json' },
    body: JSON.stringify({ password: manager.password }),
  });
  if (accepted.status !== 200) throw new Error(`staff invite not accepted: ${accepted.status} ${await accepted.text()}`);
  return email;
}

/**
 * A balance card's amount on the partner's Balance page, in minor units. The page groups thousands ("€2,513.14"),
 * which an amount as typed into a form does not have.
 */
export async function cardAmount(page: Page, which: 'available' | 'pending' | 'paid'): Promise<number> {
  const text = await page.locator(`[data-testid=balance-${which}] .card-value`).innerText();
  const amount = parseAmount(text.replace(/,/g, ''), 'EUR');
  if (!amount) throw new Error(`the ${which} card shows no amount: ${text}`);
  return amount.amount;
}
