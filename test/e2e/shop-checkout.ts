// Reading the demo shop's test checkouts (Stripe, Paddle) and the partner's Balance page, for the checkout tests.
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { parseAmount } from '../../shared/money';
import { DEMO } from '../../scripts/demo-data';
import { partnerDashboard } from './browser';

/** The shop's result page: each event it sent, with edgeref's answer. */
export async function answers(page: Page): Promise<Record<string, string>> {
  const rows = page.locator('[data-testid=deliveries] tbody tr');
  const out: Record<string, string> = {};
  for (const row of await rows.all()) out[(await row.getAttribute('data-type'))!] = (await row.locator('[data-col=status] .status').innerText()).trim();
  return out;
}

/** The partner's pending money on the Balance page, in minor units. */
export const pendingCard = async (page: Page) => parseAmount(await page.locator('[data-testid=balance-pending] .card-value').innerText(), 'EUR')!.amount;

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
