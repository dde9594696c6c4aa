// The console's Webhooks page in Chromium: a manager adds an endpoint pointing at a receiver on this machine, sees its
// secret once, sends a test event and sees it delivered (and replayed) in the log, rotates the secret, changes the
// event types, disables and deletes it; a sales representative is told the page is for managers. At 1280 and 375 px
// the page does not scroll sideways, and axe finds no serious or critical violation.
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, salesRepresentative, signInDashboard } from './browser';
import { seriousViolations } from './a11y';
import { DEMO } from '../../scripts/demo-data';

const W = inject('edgerefOrigin');
const stamp = Date.now().toString(36);
let browser: Browser;
let server: Server;
const hits: { headers: IncomingHttpHeaders; body: string }[] = [];
let hookUrl: string;

beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync('test-results', { recursive: true });
  // The receiver answers every request 204 and keeps it.
  server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    hits.push({ headers: req.headers, body });
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks/${stamp}`;
});
afterAll(async () => {
  await browser?.close();
  server?.close();
});

/** Polls until `ok` holds; a busy machine is slow, not broken, so the only limit is the test's own timeout. */
async function until<T>(read: () => Promise<T> | T, ok: (v: T) => boolean): Promise<T> {
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Waits for the page to settle, saves a screenshot, and fails on any serious or critical axe violation or sideways scrolling. */
async function check(page: Page, name: string) {
  await page.waitForFunction(() => !document.querySelector('[aria-busy=true]'));
  await page.screenshot({ path: `test-results/webhooks-${name}.png`, fullPage: true });
  expect(await seriousViolations(page), name).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), `${name}: sideways scroll`).toBe(0);
}

async function webhooksPage(email: string, width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await signInDashboard(page, W, email);
  await page.getByRole('link', { name: 'Webhooks' }).click();
  await page.getByRole('heading', { name: 'Webhooks', level: 2 }).waitFor();
  return page;
}

describe('the console Webhooks page', () => {
  it('adds an endpoint, shows its secret once, delivers a test event to the receiver and replays it; rotates, changes event types, disables and deletes it', async () => {
    const page = await webhooksPage(DEMO.managerEmail, 1280);
    page.on('dialog', (d) => void d.accept());
    const form = page.getByRole('form', { name: 'Add a webhook endpoint' });

    // The API's 400 is shown next to the URL field.
    await form.getByLabel('URL', { exact: true }).fill('https://10.0.0.1/hook');
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    const urlError = page.locator('#new-endpoint-url-error');
    await until(() => urlError.innerText(), (t) => t.includes('private'));
    await expect.poll(() => form.getByLabel('URL', { exact: true }).getAttribute('aria-invalid')).toBe('true');

    await form.getByLabel('URL', { exact: true }).fill(hookUrl);
    await form.getByLabel('Description (optional)').fill(`CRM ${stamp}`);
    await form.getByLabel('customer.signed_up').check();
    await form.getByLabel('webhook.test').check();
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    const secretBox = page.locator('[data-testid=new-webhook-secret]');
    await secretBox.waitFor();
    const secret = await page.locator('[data-testid=new-webhook-secret-value]').innerText();
    expect(secret).toMatch(/^whsec_/);
    await expect.poll(() => secretBox.innerText()).toContain('It will not be shown again');
    await expect.poll(() => urlError.innerText()).toBe('');
    await expect.poll(() => form.getByLabel('URL', { exact: true }).inputValue()).toBe('');

    const row = page.locator(`[data-testid=webhook-endpoints] tr[data-endpoint="${hookUrl}"]`);
    await row.waitFor();
    await expect.poll(() => row.locator('[data-col=events]').innerText()).toBe('customer.signed_up, webhook.test');
    await expect.poll(() => row.locator('[data-col=status]').innerText()).toBe('Enabled');
    await expect.poll(() => row.locator('[data-col=secret]').innerText()).toBe(`…${secret.slice(-4)}`);
    await expect.poll(() => row.innerText()).toContain(`CRM ${stamp}`);
    await check(page, 'added-1280');

    // Send a test event, and refresh the log until it shows delivered.
    await row.getByRole('button', { name: `Manage ${hookUrl}` }).click();
    const panel = page.locator('[data-testid=webhook-endpoint]');
    await panel.getByRole('heading', { name: hookUrl }).waitFor();
    await panel.getByRole('button', { name: 'Send test event' }).click();
    await panel.getByText('Test event sent').waitFor();
    const delivery = panel.locator('[data-testid=webhook-deliveries] tbody tr').first();
    await until(async () => {
      await panel.getByRole('button', { name: 'Refresh' }).click();
      await page.waitForFunction(() => !document.querySelector('[aria-busy=true]'));
      return (await delivery.count()) > 0 ? delivery.locator('[data-col=status]').innerText() : '';
    }, (status) => status === 'Delivered');
    await expect.poll(() => delivery.locator('[data-col=response]').innerText()).toBe('204');
    await expect.poll(() => delivery.locator('[data-col=attempts]').innerText()).toBe('1');
    const eventId = await delivery.getAttribute('data-event');
    // The receiver got it, signed with the secret the page showed.
    expect(hits).toHaveLength(1);
    expect(hits[0].headers['webhook-id']).toBe(eventId);
    const event = new Webhook(secret).verify(hits[0].body, hits[0].headers as Record<string, string>) as { type: string };
    expect(event.type).toBe('webhook.test');
    await check(page, 'delivered-1280');

    // Replay: the receiver gets it again, with the same webhook-id.
    await delivery.getByRole('button', { name: `Replay webhook.test ${eventId}` }).click();
    await until(() => hits.length, (n) => n === 2);
    expect(hits[1].headers['webhook-id']).toBe(eventId);

    // Rotate: the new secret once, with the 24 hours' overlap.
    await panel.getByRole('button', { name: 'Rotate secret' }).click();
    const rotated = panel.locator('[data-testid=rotated-webhook-secret]');
    await rotated.waitFor();
    const newSecret = await panel.locator('[data-testid=rotated-webhook-secret-value]').innerText();
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(secret);
    await expect.poll(() => rotated.innerText()).toContain('keeps signing too for 24 hours');
    await until(() => row.locator('[data-col=secret]').innerText(), (t) => t === `…${newSecret.slice(-4)}`);

    // Every type: none checked.
    const types = panel.getByRole('form', { name: 'Event types of this endpoint' });
    await types.getByLabel('customer.signed_up').uncheck();
    await types.getByLabel('webhook.test').uncheck();
    await types.getByRole('button', { name: 'Save event types' }).click();
    await types.getByText('Saved: all events.').waitFor();
    await expect.poll(() => row.locator('[data-col=events]').innerText()).toBe('All events');

    // Neither secret is on the page once it is reloaded.
    await page.reload();
    await row.waitFor();
    const html = await page.content();
    expect(html).not.toContain(secret);
    expect(html).not.toContain(newSecret);

    // Disable, then delete.
    await row.getByRole('button', { name: `Manage ${hookUrl}` }).click();
    await panel.getByRole('button', { name: 'Disable' }).click();
    await until(() => row.locator('[data-col=status]').innerText(), (t) => t === 'Disabled');
    await panel.getByRole('button', { name: 'Enable' }).waitFor();
    await panel.getByRole('button', { name: 'Delete endpoint' }).click();
    await page.getByText(`Deleted the endpoint ${hookUrl}.`).waitFor();
    await expect.poll(() => row.count()).toBe(0);
    await expect.poll(() => panel.count()).toBe(0);
    await page.context().close();
  });

  it('fits a 375 px phone without sideways scrolling, its tables scrolling in their own region', async () => {
    const page = await webhooksPage(DEMO.managerEmail, 375);
    const form = page.getByRole('form', { name: 'Add a webhook endpoint' });
    await form.getByLabel('URL', { exact: true }).fill(`${hookUrl}/phone/with/a/rather/long/path/that/must/wrap?and=a&query=string`);
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    await page.locator('[data-testid=new-webhook-secret]').waitFor();
    await check(page, 'added-375');
    await page.getByRole('button', { name: /^Manage .*\/phone\// }).click();
    const panel = page.locator('[data-testid=webhook-endpoint]');
    await panel.getByRole('button', { name: 'Send test event' }).click();
    await panel.locator('[data-testid=webhook-deliveries] tbody tr').first().waitFor();
    await check(page, 'endpoint-375');
    page.on('dialog', (d) => void d.accept());
    await panel.getByRole('button', { name: 'Delete endpoint' }).click();
    await panel.waitFor({ state: 'detached' });
    await page.context().close();
  });

  it('tells a sales representative that webhooks are for program managers', async () => {
    const rep = await salesRepresentative(W, DEMO.programId, { email: DEMO.managerEmail, password: DEMO.password }, `hooks-rep-${stamp}@demo.test`, 'Hook Rep');

    const page = await webhooksPage(rep, 1280);
    await page.getByText('Only program managers see and manage webhooks.').waitFor();
    await expect.poll(() => page.getByRole('form', { name: 'Add a webhook endpoint' }).count()).toBe(0);
    await check(page, 'sales-rep');
    await page.context().close();
  });
});
