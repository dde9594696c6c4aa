// A Stripe payment in Chromium: the partner's invitation link → demo shop → "Pay with Stripe (test)" (the shop's server sends the
// signed events of a subscription checkout, with the widget's click id as client_reference_id) → the partner's
// commission in the dashboard; then "Refund last payment (test)" → the clawback. No Stripe account, no network.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, visitorContext, watch } from './browser';
import { answers, expectClawback, partnerWithInvitation, pendingCard } from './shop-checkout';
import { DEMO } from '../../scripts/demo-data';

const W = inject('edgerefOrigin');
const SHOP = inject('shopOrigin');
// Its own invitation of the demo partner, so the DEMO invitation's counts (checked by referral-loop) stay as they are.
const CODE = `STRIPE-${Date.now().toString(36)}`.toUpperCase();
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const CHECKOUT_EVENTS = ['checkout.session.completed', 'customer.subscription.created', 'invoice.paid', 'invoice_payment.paid'];

describe('paying through the demo shop\'s Stripe test checkout', () => {
  let visitor: Page;
  let partner: Page;
  let invoice: string;
  let stripeCustomer: string;
  let pendingBefore: number;

  beforeAll(async () => {
    ({ partner, pendingBefore } = await partnerWithInvitation(browser, W, CODE));
  });

  it('sends the checkout with the click id as client_reference_id, and edgeref applies every event', async () => {
    const context = await visitorContext(browser);
    visitor = await context.newPage();
    const { problems } = await watch(visitor);
    await visitor.goto(`${W}/r/${CODE}?utm_campaign=stripe-e2e`);
    const landed = new URL(visitor.url());
    expect(landed.origin).toBe(SHOP);
    const clickId = landed.searchParams.get('ref_click');
    expect(landed.searchParams.get('ref')).toBe(CODE);
    expect(clickId).toMatch(/^[\w-]{40}$/);
    // The banner shows once the widget has run and kept the referral: from then on it fills the form's hidden inputs.
    await visitor.locator('[data-edgeref=banner]').waitFor();

    await visitor.getByRole('button', { name: 'Pay with Stripe (test)' }).click();
    await visitor.waitForURL(`${SHOP}/checkout/result?run=*`);
    await expect(visitor.locator('h1').innerText()).resolves.toBe('Thank you for subscribing');
    expect(await visitor.locator('[data-testid=reference]').innerText()).toBe(clickId);
    expect(await answers(visitor)).toEqual(Object.fromEntries(CHECKOUT_EVENTS.map((t) => [t, 'applied'])));
    await expect(visitor.locator('[data-type="checkout.session.completed"] [data-col=reason]').innerText()).resolves.toMatch(/^Signed up customer cus_test_/);
    invoice = (await visitor.locator('[data-testid=invoice]').innerText()).trim();
    stripeCustomer = (await visitor.locator('[data-testid=billing-customer]').innerText()).trim();
    expect(invoice).toMatch(/^in_test_/);
    expect(problems).toEqual([]);
  });

  it("shows the partner 20% of the 49.00 paid without VAT, 9.80 EUR, pending, and the buyer's subscription", async () => {
    await partner.reload();
    const commission = partner.locator('[data-testid=ledger] tr', { hasText: `Commission: 20% of invoice ${invoice}` });
    await expect.poll(() => commission.count()).toBe(1);
    expect(await commission.locator('[data-col=amount]').innerText()).toBe('€9.80');
    await expect(commission.innerText()).resolves.toMatch(/Pending\s+held until/);
    await expect.poll(() => pendingCard(partner)).toBe(pendingBefore + 980);

    // The buyer, signed up through the click, is one of the partner's clients, with the subscription Stripe reported.
    const clients = (await (await partner.request.get(`${W}/api/v1/partners/${DEMO.partnerId}/clients?q=${encodeURIComponent(stripeCustomer)}`)).json()) as { items: { externalId: string; subscriptions: { plan: string; status: string }[] }[] };
    expect(clients.items.find((c) => c.externalId === stripeCustomer)?.subscriptions).toMatchObject([{ plan: 'pro', status: 'active' }]);
  });

  it('refunds the payment and shows the partner the commission clawed back', async () => {
    await visitor.getByRole('button', { name: 'Refund last payment (test)' }).click();
    await expect.poll(() => visitor.locator('h1').innerText()).toBe('Refunded');
    expect(await answers(visitor)).toEqual({ 'refund.created': 'applied' });
    expect(await visitor.locator('[data-testid=invoice]').innerText()).toBe(invoice);

    await expectClawback(partner, visitor, SHOP, invoice, pendingBefore);
  });

  it('tells a buyer who came without an invitation that no partner earned anything, and offers no refund', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(SHOP);
    await page.getByRole('button', { name: 'Pay with Stripe (test)' }).click();
    await page.waitForURL(`${SHOP}/checkout/result?run=*`);
    expect(await answers(page)).toEqual({ 'checkout.session.completed': 'ignored', 'customer.subscription.created': 'waiting', 'invoice.paid': 'waiting', 'invoice_payment.paid': 'applied' });
    await expect(page.locator('main').innerText()).resolves.toContain('No partner earned anything from this payment.');
    await expect(page.getByRole('button', { name: 'Refund last payment (test)' }).count()).resolves.toBe(0);
    await context.close();
  });
});
