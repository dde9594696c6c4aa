// The console's Integrations page in Chromium: a manager sees the billing mode (and switches it and back), Stripe's and
// Paddle's webhook URLs, each one's steps, events to select and checkout line, and the demo's test secrets masked (never
// the secrets themselves); adds a secret and removes it; sets an exchange rate, sees it listed and removes it; sees a
// Stripe event this test signed and posted (a checkout with no reference, delivered twice: ignored) and replays it;
// filters by status and loads more; a sales representative is told the page is for managers. At 1280 and 375 px the
// page does not scroll sideways, and axe finds no serious or critical violation.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, salesRepresentative, signInDashboard } from './browser';
import { seriousViolations } from './a11y';
import { DEMO } from '../../scripts/demo-data';
import { stripeEvent, stripeSignature, uniqueId } from '../../scripts/billing/stripe-events';

const W = inject('edgerefOrigin');
const HOOK = `${W}/api/v1/programs/${DEMO.programId}/integrations/stripe/webhook`;
const PADDLE_HOOK = `${W}/api/v1/programs/${DEMO.programId}/integrations/paddle/webhook`;
/** Today as a UTC calendar day, the form's default day for a rate. */
const today = () => new Date().toISOString().slice(0, 10);
const stamp = Date.now().toString(36);
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync('test-results', { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

/** Posts the event to the demo program's Stripe webhook as Stripe would, signed with the demo's test secret. */
async function deliver(event: Record<string, unknown>): Promise<{ status: string; duplicate: boolean }> {
  const payload = JSON.stringify(event);
  const res = await fetch(HOOK, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Stripe-Signature': await stripeSignature(payload, DEMO.stripeTestSecret) },
    body: payload,
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json() as Promise<{ status: string; duplicate: boolean }>;
}

/** A checkout by a buyer nobody referred: no click id, no customer id, no promotion code, an unknown email. */
const unreferredCheckout = () =>
  stripeEvent('checkout.session.completed', { id: uniqueId('cs'), customer: uniqueId('cus'), invoice: uniqueId('in'), customer_details: { email: `${uniqueId('buyer')}@example.com` } });

/** Waits for the page to settle, saves a screenshot, and fails on any serious or critical axe violation or sideways scrolling. */
async function check(page: Page, name: string) {
  await page.waitForFunction(() => !document.querySelector('[aria-busy=true]'));
  await page.screenshot({ path: `test-results/integrations-${name}.png`, fullPage: true });
  expect(await seriousViolations(page), name).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), `${name}: sideways scroll`).toBe(0);
}

async function integrationsPage(email: string, width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await signInDashboard(page, W, email);
  await page.getByRole('link', { name: 'Integrations' }).click();
  await page.getByRole('heading', { name: 'Integrations', level: 2 }).waitFor();
  return page;
}

describe('the console Integrations page', () => {
  it("shows Stripe's and Paddle's webhook URLs, steps, checkout lines and the demo secrets masked; adds and removes a secret; switches the billing mode and back", async () => {
    const page = await integrationsPage(DEMO.managerEmail, 1280);
    const stripe = page.locator('[data-testid=provider-stripe]');
    await expect.poll(() => page.locator('[data-testid=stripe-webhook-url]').innerText()).toBe(HOOK);
    // npm start serves 127.0.0.1, which Stripe cannot call: the page says so, and how the Stripe CLI forwards events.
    await expect.poll(() => stripe.locator('[data-testid=stripe-local-note]').innerText()).toContain(`stripe listen --forward-to ${HOOK}`);
    await expect.poll(() => stripe.locator('[data-testid=stripe-event-types]').innerText()).toContain('checkout.session.completed');
    await expect.poll(() => stripe.locator('.setup-steps li').count()).toBe(6);
    await expect.poll(() => stripe.locator('[data-testid=stripe-checkout-code]').innerText()).toBe('client_reference_id: req.body.edgeref_click || undefined,');
    const demoRow = stripe.locator('[data-testid=stripe-secrets] tr[data-secret=bsec_demo_stripe_test]');
    await expect.poll(() => demoRow.locator('[data-col=hint]').innerText()).toBe(`whsec_…${DEMO.stripeTestSecret.slice(-4)}`);
    await expect.poll(() => demoRow.locator('[data-col=mode]').innerText()).toBe('Test');
    expect(await page.content()).not.toContain(DEMO.stripeTestSecret);

    // Paddle is read too, with its own URL, steps, events, checkout line and secret key; the demo's sandbox key shows masked.
    const paddle = page.locator('[data-testid=provider-paddle]');
    await expect.poll(() => paddle.locator('[data-testid=paddle-webhook-url]').innerText()).toBe(PADDLE_HOOK);
    const paddleSteps = paddle.locator('[data-testid=paddle-steps] li');
    await expect.poll(() => paddleSteps.count()).toBe(6);
    expect(await paddleSteps.nth(1).innerText()).toContain('Developer tools → Notifications');
    expect(await paddleSteps.nth(1).innerText()).toContain('New destination');
    expect(await paddleSteps.nth(4).innerText()).toContain('pdl_ntfset_');
    expect(await paddleSteps.nth(5).innerText()).toContain('Test for a sandbox destination, Live for a live one');
    expect(await paddle.locator('.setup-steps').innerText()).not.toContain('Stripe');
    const paddleLocal = await paddle.locator('[data-testid=paddle-local-note]').innerText();
    expect(paddleLocal).toContain('Paddle cannot reach');
    expect(paddleLocal).not.toContain('stripe listen');
    await expect.poll(() => paddle.locator('[data-testid=paddle-event-types]').innerText()).toContain('transaction.completed');
    expect(await paddle.locator('[data-testid=paddle-event-types]').innerText()).not.toContain('invoice.paid');
    expect(await paddle.locator('[data-testid=paddle-checkout-code]').innerText()).toBe("edgeref('ready', (clickId) => Paddle.Checkout.open({ items, customData: { edgeref: clickId } }));");
    const paddleDemo = paddle.locator('[data-testid=paddle-secrets] tr[data-secret=bsec_demo_paddle_test]');
    await expect.poll(() => paddleDemo.locator('[data-col=hint]').innerText()).toBe(`pdl_nt…${DEMO.paddleTestSecret.slice(-4)}`);
    await expect.poll(() => paddleDemo.locator('[data-col=mode]').innerText()).toBe('Test');
    expect(await page.content()).not.toContain(DEMO.paddleTestSecret);
    const paddleForm = page.getByRole('form', { name: 'Add a Paddle signing secret' });
    expect(await paddleForm.getByLabel('Secret key').getAttribute('placeholder')).toBe('pdl_ntfset_…');
    await paddleForm.getByLabel('Secret key').fill('whsec_a_stripe_secret_in_the_paddle_form');
    await paddleForm.getByRole('button', { name: 'Add secret' }).click();
    await expect.poll(() => page.locator('#paddle-secret-error').innerText()).toContain('pdl_ntfset_');
    await expect.poll(() => paddle.locator('[data-testid=paddle-secrets] tbody tr').count()).toBe(1);
    await expect.poll(() => page.locator('[data-testid=billing-mode-value]').innerText()).toBe('Test');
    await check(page, 'setup-1280');

    // The API's 400 is shown next to the secret field.
    const form = page.getByRole('form', { name: 'Add a Stripe signing secret' });
    await form.getByLabel('Signing secret').fill('sk_test_not_a_signing_secret_at_all');
    await form.getByRole('button', { name: 'Add secret' }).click();
    const secretError = page.locator('#stripe-secret-error');
    await expect.poll(() => secretError.innerText()).toContain('whsec_');
    await expect.poll(() => form.getByLabel('Signing secret').getAttribute('aria-invalid')).toBe('true');

    // A live-mode secret next to the demo's test one: shown masked, the secret itself is gone from the page.
    const secret = `whsec_e2e_${stamp}_${uniqueId('x')}`;
    const hint = `${secret.slice(0, 6)}…${secret.slice(-4)}`;
    await form.getByLabel('Mode').selectOption('live');
    await form.getByLabel('Signing secret').fill(secret);
    await form.getByRole('button', { name: 'Add secret' }).click();
    await stripe.getByText(`Added the live-mode secret ${hint}.`).waitFor();
    await expect.poll(() => secretError.innerText()).toBe('');
    await expect.poll(() => form.getByLabel('Signing secret').inputValue()).toBe('');
    const added = stripe.locator('[data-testid=stripe-secrets] tbody tr').filter({ hasText: hint });
    await expect.poll(() => added.locator('[data-col=mode]').innerText()).toBe('Live');
    await expect.poll(() => demoRow.count()).toBe(1);
    expect(await page.content()).not.toContain(secret);

    // Remove asks first: declined, the secret stays; accepted, it goes.
    page.once('dialog', (d) => void d.dismiss());
    await added.getByRole('button', { name: `Remove the live-mode secret ${hint}` }).click();
    await expect.poll(() => added.count()).toBe(1);
    page.once('dialog', (d) => void d.accept());
    await added.getByRole('button', { name: `Remove the live-mode secret ${hint}` }).click();
    await stripe.getByText(`Removed the secret ${hint}.`).waitFor();
    await expect.poll(() => added.count()).toBe(0);
    await expect.poll(() => demoRow.count()).toBe(1);

    // The billing mode switches only once confirmed, and back (the demo stays in test mode for the other tests).
    const mode = page.locator('[data-testid=billing-mode]');
    page.once('dialog', (d) => void d.dismiss());
    await mode.getByRole('button', { name: 'Switch to live mode' }).click();
    await expect.poll(() => page.locator('[data-testid=billing-mode-value]').innerText()).toBe('Test');
    let asked = '';
    page.once('dialog', (d) => { asked = d.message(); void d.accept(); });
    await mode.getByRole('button', { name: 'Switch to live mode' }).click();
    await mode.getByText('The program is now in live mode.').waitFor();
    expect(asked).toContain('only real (live-mode) payments count');
    await expect.poll(() => page.locator('[data-testid=billing-mode-value]').innerText()).toBe('Live');
    await expect.poll(() => stripe.locator('[data-testid=stripe-no-secret]').innerText()).toContain('No live-mode signing secret yet');
    page.once('dialog', (d) => void d.accept());
    await mode.getByRole('button', { name: 'Switch to test mode' }).click();
    await mode.getByText('The program is now in test mode.').waitFor();
    await expect.poll(() => stripe.locator('[data-testid=stripe-no-secret]').count()).toBe(0);
    await page.context().close();
  });

  it('lists an event Stripe delivered twice as ignored, delivered 2×, and replays it; filters by status and loads more', async () => {
    const event = unreferredCheckout();
    expect(await deliver(event)).toMatchObject({ status: 'ignored', duplicate: false });
    expect(await deliver(event)).toMatchObject({ status: 'ignored', duplicate: true });

    const page = await integrationsPage(DEMO.managerEmail, 1280);
    const log = page.locator('[data-testid=billing-events-log]');
    const row = log.locator(`[data-testid=billing-events] tr[data-event="${event.id}"]`);
    await expect.poll(() => row.locator('[data-col=status]').innerText()).toBe('Ignored');
    await expect.poll(() => row.locator('[data-col=deliveries]').innerText()).toContain('2×');
    await expect.poll(() => row.locator('[data-col=reason]').innerText()).not.toBe('—');
    await expect.poll(() => row.innerText()).toContain('checkout.session.completed');
    // Newest first: the event just posted heads the list.
    expect(await log.locator('[data-testid=billing-events] tbody tr').first().getAttribute('data-event')).toBe(event.id);
    await check(page, 'events-1280');

    // The API's own record: a replay applies the event again, so it is settled anew.
    const settledAt = async () => {
      const res = await page.request.get(`${W}/api/v1/programs/${DEMO.programId}/integrations/events?status=ignored&limit=100`);
      return ((await res.json()) as { eventId: string; settledAt: string }[]).find((e) => e.eventId === event.id)?.settledAt;
    };
    const settledBefore = await settledAt();
    expect(settledBefore).toBeTruthy();
    await row.getByRole('button', { name: `Replay checkout.session.completed ${event.id}` }).click();
    await log.getByText('Replayed checkout.session.completed: ignored.').waitFor();
    expect(Date.parse((await settledAt())!)).toBeGreaterThan(Date.parse(settledBefore!));
    await expect.poll(() => row.locator('[data-col=status]').innerText()).toBe('Ignored');

    // The filter asks the API for one status.
    const status = log.getByLabel('Status');
    await status.selectOption('applied');
    await expect.poll(() => row.count()).toBe(0);
    await status.selectOption('ignored');
    await row.waitFor();

    // More ignored events than a page: "Load more" brings the older ones, the first page's rows kept, none twice.
    for (let i = 0; i < 25; i++) await deliver(unreferredCheckout());
    await log.getByRole('button', { name: 'Refresh' }).click();
    await log.getByText('Events refreshed.').waitFor();
    const rows = log.locator('[data-testid=billing-events] tbody tr');
    await expect.poll(() => rows.count()).toBe(25);
    await expect.poll(() => row.count()).toBe(0);
    await log.getByRole('button', { name: 'Load more' }).click();
    await row.waitFor();
    const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-event')));
    expect(ids.length).toBeGreaterThan(25);
    expect(new Set(ids).size).toBe(ids.length);
    await page.context().close();
  });

  it('sets an exchange rate (USD today at 0.9215), lists it and removes it; the 400s show next to their fields', async () => {
    const page = await integrationsPage(DEMO.managerEmail, 1280);
    const rates = page.locator('[data-testid=exchange-rates]');
    await expect.poll(() => rates.innerText()).toContain('at the latest rate on or before the day it was paid');
    const form = page.getByRole('form', { name: 'Set an exchange rate' });
    await expect.poll(() => form.getByLabel('Day').inputValue()).toBe(today());

    // The program's own currency, and a rate that is not a decimal: each refused next to its field.
    await form.getByLabel('Currency').fill(DEMO.currency);
    await form.getByLabel('Rate').fill('0.9215');
    await form.getByRole('button', { name: 'Set rate' }).click();
    await expect.poll(() => page.locator('#rate-currency-error').innerText()).toContain("program's own currency");
    await expect.poll(() => form.getByLabel('Currency').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Currency').fill('usd');
    await form.getByLabel('Rate').fill('0,9215');
    await form.getByRole('button', { name: 'Set rate' }).click();
    await expect.poll(() => page.locator('#rate-rate-error').innerText()).toContain('positive decimal');
    await expect.poll(() => page.locator('#rate-currency-error').innerText()).toBe('');

    // Typed in small letters, kept in capitals; listed with what it means in the program's currency.
    await form.getByLabel('Rate').fill('0.9215');
    await form.getByRole('button', { name: 'Set rate' }).click();
    await rates.getByText('1 USD = 0.9215 EUR. Payments in USD that waited for a rate are applied now.', { exact: false }).waitFor();
    await expect.poll(() => page.locator('#rate-rate-error').innerText()).toBe('');
    const row = rates.locator(`[data-testid=exchange-rates-table] tr[data-rate="USD/${today()}"]`);
    await expect.poll(() => row.locator('[data-col=rate]').innerText()).toBe(`1 USD = 0.9215 ${DEMO.currency}`);
    await expect.poll(() => row.locator('[data-col=currency]').innerText()).toBe('USD');
    const kept = await page.request.get(`${W}/api/v1/programs/${DEMO.programId}/exchange-rates`);
    expect(await kept.json()).toContainEqual({ currency: 'USD', asOf: today(), rate: '0.9215' });
    await check(page, 'rates-1280');

    // Remove asks first: declined, the rate stays; accepted, it goes.
    const remove = row.getByRole('button', { name: /^Remove the USD rate of / });
    let asked = '';
    page.once('dialog', (d) => { asked = d.message(); void d.dismiss(); });
    await remove.click();
    await expect.poll(() => asked).toContain('1 USD = 0.9215 EUR');
    await expect.poll(() => row.count()).toBe(1);
    page.once('dialog', (d) => void d.accept());
    await remove.click();
    await rates.getByText('Removed the USD rate of', { exact: false }).waitFor();
    await expect.poll(() => row.count()).toBe(0);
    const left = await page.request.get(`${W}/api/v1/programs/${DEMO.programId}/exchange-rates`);
    expect(((await left.json()) as { currency: string; asOf: string }[]).some((r) => r.currency === 'USD' && r.asOf === today())).toBe(false);
    await page.context().close();
  });

  it('fits a 375 px phone without sideways scrolling, its tables scrolling in their own region', async () => {
    await deliver(unreferredCheckout());
    const page = await integrationsPage(DEMO.managerEmail, 375);
    await page.locator('[data-testid=billing-events] tbody tr').first().waitFor();
    await page.locator('[data-testid=stripe-secrets]').waitFor();
    await page.locator('[data-testid=paddle-secrets]').waitFor();
    // A rate listed, so that its table is measured too; removed afterwards.
    const form = page.getByRole('form', { name: 'Set an exchange rate' });
    await form.getByLabel('Currency').fill('GBP');
    await form.getByLabel('Rate').fill('1.1702');
    await form.getByRole('button', { name: 'Set rate' }).click();
    const row = page.locator(`[data-testid=exchange-rates-table] tr[data-rate="GBP/${today()}"]`);
    await row.waitFor();
    await check(page, 'phone-375');
    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: /^Remove the GBP rate of / }).click();
    await expect.poll(() => row.count()).toBe(0);
    await page.context().close();
  });

  it('tells a sales representative that integrations are for program managers', async () => {
    const rep = await salesRepresentative(W, DEMO.programId, { email: DEMO.managerEmail, password: DEMO.password }, `billing-rep-${stamp}@demo.test`, 'Billing Rep');

    const page = await integrationsPage(rep, 1280);
    await page.getByText('Only program managers see and manage integrations.').waitFor();
    await expect.poll(() => page.locator('[data-testid=provider-stripe]').count()).toBe(0);
    await expect.poll(() => page.locator('[data-testid=billing-events-log]').count()).toBe(0);
    await expect.poll(() => page.locator('[data-testid=exchange-rates]').count()).toBe(0);
    await check(page, 'sales-rep');
    await page.context().close();
  });
});
