// Reading the demo shop's test checkouts (Stripe, Paddle) and the partner's Balance page, for the checkout tests.
import type { Page } from 'playwright-core';
import { parseAmount } from '../../shared/money';

/** The shop's result page: each event it sent, with edgeref's answer. */
export async function answers(page: Page): Promise<Record<string, string>> {
  const rows = page.locator('[data-testid=deliveries] tbody tr');
  const out: Record<string, string> = {};
  for (const row of await rows.all()) out[(await row.getAttribute('data-type'))!] = (await row.locator('[data-col=status] .status').innerText()).trim();
  return out;
}

/** The partner's pending money on the Balance page, in minor units. */
export const pendingCard = async (page: Page) => parseAmount(await page.locator('[data-testid=balance-pending] .card-value').innerText(), 'EUR')!.amount;
