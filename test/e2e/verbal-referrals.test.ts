// A verbal referral for someone not in the program, in Chromium against the running system: staff enter it, the
// invitation email arrives in the local mailbox, the advocate joins through its link and finds the referral theirs.
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './browser';
import { seriousViolations } from './a11y';
import { mailTo } from './api';
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

const post = (path: string, body: unknown, cookie?: string) =>
  fetch(`${W}/api/v1${path}`, { method: 'POST', headers: { Origin: W, 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) }, body: JSON.stringify(body) });

describe('a verbal referral for a new advocate', () => {
  it('is emailed to the advocate, who joins through the link and sees the referral as theirs', async () => {
    const signedIn = await post('/session', { email: DEMO.managerEmail, password: DEMO.password });
    expect(signedIn.status).toBe(200);
    const manager = signedIn.headers.get('Set-Cookie')!.split(';')[0];
    const email = `ada-${stamp}@advocates.test`;
    const company = `Tyrell ${stamp}`;
    const entered = await post(`/programs/${DEMO.programId}/verbal-referrals`, { advocate: { email, name: 'Ada Advocate' }, channel: 'event', customerName: company, notes: 'Met at the trade fair' }, manager);
    expect(entered.status).toBe(201);
    expect(((await entered.json()) as { advocateInvited: boolean }).advocateInvited).toBe(true);

    const invite = await mailTo(email, (m) => m.subject === `${DEMO.programName} recorded your referral: ${company}`, 60_000);
    expect(invite.text).toContain(`recorded that you referred ${company} to them`);
    const link = invite.text.match(new RegExp(`${W}/dashboard/accept/[\\w-]{43}`))?.[0];
    expect(link).toBeDefined();

    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(link!);
    await page.getByRole('heading', { name: 'Join Ada Advocate' }).waitFor();
    await page.fill('input[name=name]', 'Ada Advocate');
    await page.fill('input[name=password]', 'ada-long-password');
    await page.getByRole('button', { name: 'Create account and join' }).click();
    await page.locator('[data-testid=account-name]').waitFor();
    await page.getByRole('link', { name: 'Referrals' }).click();
    const row = page.locator(`[data-testid=referrals] tr[data-referral="${company}"]`);
    await expect(row.locator('[data-col=registration]').innerText()).resolves.toContain('Confirmed, locked to you until');
    await page.getByRole('button', { name: `Open ${company}` }).click();
    const dialog = page.getByRole('dialog', { name: `Referral ${company}` });
    await expect(dialog.locator('[data-testid=audit-trail]').innerText()).resolves.toContain('registered the referral');
    await expect(dialog.innerText()).resolves.toContain('Told at an event, entered by Maja Manager');
    await page.screenshot({ path: 'test-results/verbal-referral-advocate.png', fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });
});
