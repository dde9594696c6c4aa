// A Paddle payment in Chromium: the partner's invitation link → demo shop → "Pay with Paddle (test)" (the shop's server
// sends the signed notifications of a subscription checkout, with the widget's click id as the transaction's
// custom_data.edgeref, where Paddle.js's customData puts it) → the partner's commission in the dashboard; then the
// shop's "Refund last payment (test)" → Paddle's adjustment, approved → the clawback. No Paddle account, no network.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, visitorContext, watch } from './browser';
import { answers, expectClawback, partnerWithInvitation, pendingCard } from './shop-checkout';
import { DEMO } from '../../scripts/demo-data';

const W = inject('edgerefOrigin');
const SHOP = inject('shopOrigin');
// Its own invitation of the demo partner, so the DEMO invitation's counts (checked by referral-loop) stay as they are.
const CODE = `PADDLE-${Date.now().toString(36)}`.toUpperCase();
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe("paying through the demo shop's Paddle test checkout", () => {
  let visitor: Page;
  let partner: Page;
  let transaction: string;
  let paddleCustomer: string;
  let pendingBefore: number;

  beforeAll(async () => {
    ({ partner, pendingBefore } = await partnerWithInvitation(browser, W, CODE));
  });

  it('sends the checkout with the click id as customData.edgeref, and edgeref applies every notification', async () => {
    const context = await visitorContext(browser);
    visitor = await context.newPage();
    const { problems } = await watch(visitor);
    await visitor.goto(`${W}/r/${CODE}?utm_campaign=paddle-e2e`);
    const landed = new URL(visitor.url());
    expect(landed.origin).toBe(SHOP);
    const clickId = landed.searchParams.get('ref_click');
    expect(clickId).toMatch(/^[\w-]{40}$/);
    // The banner shows once the widget has run and kept the referral: from then on it fills the form's hidden inputs.
    await visitor.locator('[data-edgeref=banner]').waitFor();

    await visitor.getByRole('button', { name: 'Pay with Paddle (test)' }).click();
    await visitor.waitForURL(`${SHOP}/checkout/result?run=*`);
    await expect(visitor.locator('h1').innerText()).resolves.toBe('Thank you for subscribing');
    await expect(visitor.locator('dd', { has: visitor.locator('[data-testid=reference]') }).innerText()).resolves.toBe(`customData.edgeref = ${clickId}`);
    expect(await answers(visitor)).toEqual({ 'customer.created': 'applied', 'transaction.completed': 'applied', 'subscription.created': 'applied' });
    transaction = (await visitor.locator('[data-testid=invoice]').innerText()).trim();
    await expect(visitor.locator('[data-type="transaction.completed"] [data-col=reason]').innerText()).resolves.toBe(`Payment of invoice ${transaction} recorded: €49.00.`);
    paddleCustomer = (await visitor.locator('[data-testid=billing-customer]').innerText()).trim();
    expect(transaction).toMatch(/^txn_/);
    expect(paddleCustomer).toMatch(/^ctm_/);
    expect(problems).toEqual([]);
  });

  it("shows the partner 20% of the 49.00 paid without VAT, 9.80 EUR, pending, and the buyer's subscription", async () => {
    await partner.reload();
    const commission = partner.locator('[data-testid=ledger] tr', { hasText: `Commission: 20% of invoice ${transaction}` });
    await expect.poll(() => commission.count()).toBe(1);
    expect(await commission.locator('[data-col=amount]').innerText()).toBe('€9.80');
    await expect(commission.innerText()).resolves.toMatch(/Pending\s+held until/);
    await expect.poll(() => pendingCard(partner)).toBe(pendingBefore + 980);

    // The buyer, signed up through the click, is one of the partner's clients, with the plan the price's custom data names.
    const clients = (await (await partner.request.get(`${W}/api/v1/partners/${DEMO.partnerId}/clients?q=${encodeURIComponent(paddleCustomer)}`)).json()) as { items: { externalId: string; subscriptions: { plan: string; status: string }[] }[] };
    expect(clients.items.find((c) => c.externalId === paddleCustomer)?.subscriptions).toMatchObject([{ plan: 'pro', status: 'active' }]);
  });

  it("refunds it from the shop's one refund button (pending approval first, then approved) and shows the partner the commission clawed back", async () => {
    await visitor.goto(SHOP);
    await visitor.getByRole('button', { name: 'Refund last payment (test)' }).click();
    await expect.poll(() => visitor.locator('h1').innerText()).toBe('Refunded');
    expect(await answers(visitor)).toEqual({ 'adjustment.created': 'ignored', 'adjustment.updated': 'applied' });
    await expect(visitor.locator('[data-type="adjustment.created"] [data-col=reason]').innerText()).resolves.toMatch(/pending_approval/);
    expect(await visitor.locator('[data-testid=invoice]').innerText()).toBe(transaction);

    await expectClawback(partner, visitor, SHOP, transaction, pendingBefore);
  });

  it('tells a buyer who came without an invitation that no partner earned anything, and offers no refund', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(SHOP);
    await page.getByRole('button', { name: 'Pay with Paddle (test)' }).click();
    await page.waitForURL(`${SHOP}/checkout/result?run=*`);
    expect(await answers(page)).toEqual({ 'customer.created': 'applied', 'transaction.completed': 'waiting', 'subscription.created': 'waiting' });
    await expect(page.locator('main').innerText()).resolves.toContain('No partner earned anything from this payment.');
    await expect(page.getByRole('button', { name: 'Refund last payment (test)' }).count()).resolves.toBe(0);
    await context.close();
  });
});
