// Reading the demo shop's test checkouts (Stripe, Paddle) and the partner's Balance page, for the checkout tests.
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO } from '../../scripts/demo-data';
import { cardAmount, partnerDashboard } from './browser';

/** The shop's result page: each event it sent, with edgeref's answer. */
export async function answers(page: Page): Promise<Record<string, string>> {
  const rows = page.locator('[data-testid=deliveries] tbody tr');
  const out: Record<string, string> = {};
  for (const row of await rows.all()) out[(await row.getAttribute('data-type'))!] = (await row.locator('[data-col=status] .status').innerText()).trim();
  return out;
}

/** The partner's pending money on the Balance page, in minor units. */
export const pendingCard = (page: Page) => cardAmount(page, 'pending');

/**
 * The demo partner signed in on its Balance page, with an invitation of its own (`code`) for the test to come through,
 * so the DEMO invitation's counts stay as other tests expect; and its pending money before.
 */
export async function partnerWithInvitation(browser: Browser, origin: string, code: string): Promise<{ partner: Page; pendingBefore: number }> {
  const { page: partner } = await partnerDashboard(browser, origin, { viewport: { width: 1280, height: 900 } });
  const created = await partner.request.post(`${origin}/api/v1/partners/${DEMO.partnerId}/invitations`, { data: { code }, headers: { Origin: origin } });
  expect(created.status()).toBe(201);
  await partner.getByRole('link', { name: 'Balance' }).click();
  await partner.locator('[data-testid=balance-pending]').waitFor();
  return { partner, pendingBefore: await pendingCard(partner) };
}

/**
 * After a refund: the partner's ledger shows the pending -€9.80 clawback of `invoice`, the pending card is back where it
 * was, and the shop's refund button then says there is nothing left to refund.
 */
export async function expectClawback(partner: Page, visitor: Page, shop: string, invoice: string, pendingBefore: number): Promise<void> {
  await partner.reload();
  const clawback = partner.locator('[data-testid=ledger] tr', { hasText: `Refund of invoice ${invoice}` }).filter({ hasText: 'Pending' });
  await expect.poll(() => clawback.count()).toBe(1);
  expect(await clawback.locator('[data-col=amount]').innerText()).toBe('-€9.80');
  await expect.poll(() => pendingCard(partner)).toBe(pendingBefore);
  // Nothing is left to refund: the shop's own page says so instead of refunding twice.
  await visitor.goto(shop);
  await visitor.getByRole('button', { name: 'Refund last payment (test)' }).click();
  await expect.poll(() => visitor.locator('h1').innerText()).toBe('Nothing to refund');
}
