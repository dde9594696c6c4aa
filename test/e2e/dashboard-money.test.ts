// Money in the dashboard, in Chromium: the partner reads its ledger with reasons, its pending and available balance
// and the next payout date, and requests a withdrawal below and above the minimum; the manager closes the period,
// reviews the batch, downloads its CSV and marks the withdrawal paid. Asserts differences, never absolute balances.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cardAmount, launchChromium, signInDashboard } from './browser';
import { DEMO } from '../../scripts/demo-data';

const W = inject('edgerefOrigin');
const stamp = Date.now().toString(36);
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync('test-results', { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

/** The site owner's server, with the secret key. */
async function server(path: string, body: unknown) {
  const res = await fetch(`${W}/api/v1${path}`, { method: 'POST', headers: { Authorization: `Bearer ${DEMO.secretKey}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<any>;
}

/** Signs in, then opens a page of the dashboard by its address (e.g. partner/prt_demo/balance). */
async function signedIn(email: string, path: string, ready: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signInDashboard(page, W, email);
  await page.goto(`${W}/dashboard/${path}`);
  await page.locator(ready).waitFor();
  return page;
}


describe('the money engine in the dashboard', () => {
  let partner: Page;
  let withdrawn = 0;

  it("shows a payment's commission in the ledger with its reason, pending until its hold ends, and the next payout date", async () => {
    partner = await signedIn(DEMO.partnerEmail, `partner/${DEMO.partnerId}/balance`, '[data-testid=withdrawals]');
    // Its own invitation, so the DEMO invitation's counts (checked by referral-loop) stay as they are.
    const code = `MONEY-${stamp}`.toUpperCase();
    const created = await partner.request.post(`${W}/api/v1/partners/${DEMO.partnerId}/invitations`, { data: { code }, headers: { Origin: W } });
    expect(created.status()).toBe(201);
    const customerId = `money_${stamp}`;
    await server('/signups', { customerId, email: `${customerId}@example.com`, promoCode: code });
    await server('/payments', { customerId, invoiceId: `inv_${stamp}`, amount: { amount: 12_345, currency: 'EUR' } });
    await partner.reload();
    const entry = partner.locator('[data-testid=ledger] tr', { hasText: `invoice inv_${stamp}` });
    // The reason names the customer by id (ledger entries are never erased); the email is joined from the customer row.
    await expect(entry.innerText()).resolves.toMatch(/Commission: 20% of invoice inv_\S+ paid by customer cus_\S+\s+money_\S+@example.com/);
    await expect(entry.innerText()).resolves.toMatch(/Pending\s+held until/);
    expect(await entry.locator('[data-col=amount]').innerText()).toBe('€24.69');
    expect(await cardAmount(partner, 'pending')).toBeGreaterThanOrEqual(2469);

    const nextMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + 1, 1));
    const payoutDay = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(nextMonth);
    expect(await partner.locator('[data-testid=next-payout]').innerText()).toBe(payoutDay);
  });

  it('shows the program terms in words, generated from the rules that paid this commission', async () => {
    await partner.getByRole('link', { name: 'Program terms' }).click();
    await expect.poll(() => partner.locator('[data-testid=program-terms]').innerText()).toContain(
      "You earn 20% of each payment by a customer you referred, on payments in the customer's first 12 months.",
    );
    await partner.getByRole('link', { name: 'Balance' }).click();
    await partner.locator('[data-testid=withdrawals]').waitFor();
  });

  it('refuses a withdrawal below the minimum with the minimum in words, then takes one above it', async () => {
    // Money the partner paid in, so there is enough available whatever other tests did.
    await server('/top-ups', { partnerId: DEMO.partnerId, amount: { amount: 10_000, currency: 'EUR' }, reference: `e2e_${stamp}` });
    await partner.reload();
    const open = partner.locator('[data-testid=open-withdrawal]');
    if (await open.isVisible()) await open.getByRole('button', { name: 'Cancel request' }).click(); // left over by an earlier run
    await partner.locator('input[name=amount]').waitFor();
    const before = await cardAmount(partner, 'available');

    await partner.fill('input[name=amount]', '49.99');
    await partner.click('button:has-text("Request withdrawal")');
    await expect.poll(() => partner.locator('[data-testid=withdrawals] .form-error').innerText()).toContain('The minimum withdrawal is €50.00.');

    await partner.fill('input[name=amount]', '60');
    await partner.click('button:has-text("Request withdrawal")');
    await open.waitFor();
    withdrawn = 6000;
    expect(await open.innerText()).toMatch(/€60.00 requested/);
    await expect.poll(() => cardAmount(partner, 'available')).toBe(before - withdrawn);
    await expect.poll(() => partner.locator('[data-testid=ledger] tbody tr').first().innerText()).toContain('Withdrawal requested to bank account');
    await partner.screenshot({ path: 'test-results/partner-payouts.png', fullPage: true });
  });

  it('the manager closes the period, reviews the batch, downloads its CSV and marks the withdrawal paid', async () => {
    const manager = await signedIn(DEMO.managerEmail, `program/${DEMO.programId}/payouts`, '[data-testid=payouts-console]');
    await expect.poll(() => manager.locator('[data-testid=open-requests]').innerText()).toContain('P100001');
    await manager.click('button:has-text("Close period…")');
    await manager.click('button:has-text("Close the period now")');
    const batch = manager.locator('[data-testid=payout-batch]');
    await batch.locator('table').waitFor();
    const line = batch.locator('tr', { hasText: 'P100001' });
    expect(await line.innerText()).toMatch(/Approved[\s\S]*€60.00/);

    const download = manager.waitForEvent('download');
    await batch.getByRole('link', { name: 'Download CSV for the bank' }).click();
    const csv = await (await download).path().then((p) => import('node:fs').then((fs) => fs.readFileSync(p!, 'utf8')));
    expect(csv.split('\r\n')[0]).toBe('withdrawal_id,partner_id,partner_name,payout_method,payout_details,amount_minor,currency,amount,status');
    expect(csv).toContain(',P100001,Demo Partner AB,bank_account,IBAN SE45 5000 0000 0583 9825 7466,6000,EUR,€60.00,approved');

    await line.getByRole('button', { name: 'Mark paid' }).click();
    await expect.poll(() => line.innerText()).toContain('Paid');
    await manager.screenshot({ path: 'test-results/manager-payouts.png', fullPage: true });

    // A rule for a product of its own, so no other test's payments are affected; described in words, then retired.
    await manager.getByRole('link', { name: 'Reward rules' }).click();
    const rules = manager.locator('[data-testid=reward-rules]');
    await rules.waitFor();
    await manager.selectOption('select[name=kind]', 'percent');
    await rules.locator('input[name=rate]').fill('15');
    await rules.locator('input[name=holdDays]').fill('14');
    await rules.locator('input[name=product]').fill(`e2e-${stamp}`);
    await rules.locator('input[name=firstShare]').fill('25');
    await rules.locator('input[name=laterDays]').fill('180');
    await rules.getByRole('button', { name: 'Add rule' }).click();
    const described = rules.locator('li', { hasText: `for e2e-${stamp}` });
    await expect.poll(() => described.innerText()).toContain(
      `You earn 15% of each payment for e2e-${stamp} by a customer you referred, for as long as the customer pays. It is paid in parts: 25% when the customer first pays; 75% after 180 days, if the customer still subscribes then. Each commission is held for 14 days`,
    );
    await described.getByRole('button', { name: 'Retire' }).click();
    await expect.poll(() => described.count()).toBe(0);

    const paidBefore = await cardAmount(partner, 'paid'); // the partner's page was loaded before the payout
    await partner.reload();
    await partner.locator('[data-testid=withdrawal-history]').waitFor();
    await expect.poll(() => cardAmount(partner, 'paid')).toBe(paidBefore + withdrawn);
    expect(await partner.locator('[data-testid=withdrawal-history] tbody tr').first().innerText()).toMatch(/Paid[\s\S]*€60.00/);
  });

  it("pays a client's subscription from the balance at the discounted price shown first", async () => {
    const customerId = `client_${stamp}`;
    await server('/signups', { customerId, email: `${customerId}@example.com`, promoCode: `MONEY-${stamp}`.toUpperCase() });
    await server('/subscriptions', { customerId, plan: 'pro', status: 'active', amount: { amount: 4900, currency: 'EUR' }, interval: 'month' });
    await server('/top-ups', { partnerId: DEMO.partnerId, amount: { amount: 4410, currency: 'EUR' }, reference: `e2e_client_${stamp}` });
    await partner.getByRole('link', { name: 'My clients' }).click();
    // Found through the search box, as a partner with many clients would; the list keeps to that search after paying.
    await partner.getByRole('searchbox', { name: 'Search' }).fill(customerId);
    await expect.poll(() => partner.locator('[data-testid=clients] tbody tr').count()).toBe(1);
    const row = partner.locator(`[data-client="${customerId}"]`);
    const expiry = row.locator('td').nth(5);
    const expiresBefore = await expiry.innerText();
    await row.getByRole('button', { name: 'Pay from balance…' }).click();
    const dialog = partner.locator('[data-testid=pay-for-client]');
    await expect.poll(() => dialog.locator('[data-testid=quote-price]').innerText().catch(() => '')).toBe('€44.10'); // €49.00 less the demo's 10%
    expect(await dialog.innerText()).toContain('Partner discount (10%)');
    const runsUntil = await dialog.locator('[data-testid=quote-paid-until]').innerText();
    await dialog.getByRole('button', { name: 'Confirm payment' }).click();
    await expect.poll(() => partner.locator('.form-success').innerText()).toContain(`Paid €44.10 for ${customerId}@example.com's pro subscription`);
    expect(await partner.locator('.form-success').innerText()).toContain(`it now runs until ${runsUntil}.`); // the interval the quote showed, and no other
    // The page reloads in place: the same client, its subscription's new expiry.
    await expect.poll(() => expiry.innerText()).not.toBe(expiresBefore);
    expect(await partner.locator('[data-testid=clients] tbody tr').count()).toBe(1);
    await partner.getByRole('link', { name: 'Balance' }).click();
    const paid = partner.locator('[data-testid=ledger] tbody tr').first();
    await expect.poll(() => paid.innerText()).toMatch(/Paid customer cus_\S+'s pro subscription \(€49\.00 less the 10% partner discount\)/);
    expect(await paid.locator('[data-col=customer]').innerText()).toBe(`${customerId}@example.com`);
  });
});
