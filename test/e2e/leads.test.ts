// B2B leads in Chromium, from registration to a won deal: the demo partner registers a lead in its portal; a second
// partner registers the same company and is told at once it may be a duplicate; the manager adds a deal rule, sees
// the duplicate in the console's Referrals page with both sides, confirms the first lead with a sales representative
// (the second then cannot be confirmed, and is rejected); the representative, on a phone, moves it to Won with its
// value and contract date; the partner sees the commission in its ledger, and the emails arrive in the local mailbox.
// A customer of the locked company who signs up through the second partner's code is held, and awarded to the lead's.
// The manager also sends the second partner a referral of the program's own.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, salesRepresentative, signInDashboard, waitForOrReload, watch } from './browser';
import { seriousViolations } from './a11y';
import { mailTo, signInApi } from './api';
import { DEMO } from '../../scripts/demo-data';

const W = inject('edgerefOrigin');
const stamp = Date.now().toString(36);
// The same company twice: the second differs only in case, so it is an exact match on the company.
const lead = `Globex ${stamp} AB`;
const duplicate = `globex ${stamp} ab`;
const second = { name: 'Olga Other', email: `other-${stamp}@partner.test`, password: 'other-partner-1', partnerName: `Other Partner ${stamp}` };
const rep = { email: `rep-leads-${stamp}@demo.test`, name: 'Lena Leads' };
const contractDate = new Date().toISOString().slice(0, 10);

let browser: Browser;
let manager: string; // the manager's session cookie, for the API calls that set the scene
let repId: string;
let secondId: string;
let demoRepBefore: string | null;
let dealRuleId: string | undefined;

const call = (path: string, method = 'GET', body?: unknown, cookie = manager) =>
  fetch(`${W}/api/v1${path}`, { method, headers: { Origin: W, 'Content-Type': 'application/json', Cookie: cookie }, body: body === undefined ? undefined : JSON.stringify(body) });

beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync('test-results', { recursive: true });
  manager = await signInApi(DEMO.managerEmail, DEMO.password);

  // A second partner, registered through the registration API and approved by the manager.
  const terms = (await (await fetch(`${W}/api/v1/join/${DEMO.programId}`)).json()) as { terms: { version: number } };
  const joined = await fetch(`${W}/api/v1/join/${DEMO.programId}`, {
    method: 'POST', headers: { Origin: W, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: second.name, email: second.email, password: second.password, partnerName: second.partnerName, termsVersion: terms.terms.version }),
  });
  expect(joined.status).toBe(201);
  secondId = ((await joined.json()) as { partnerId: string }).partnerId;
  expect((await call(`/programs/${DEMO.programId}/partners/${secondId}/status`, 'POST', { action: 'approve' })).status).toBe(200);

  // A sales representative who owns the demo partner, so they see its leads; put back as it was afterwards.
  await salesRepresentative(W, DEMO.programId, { email: DEMO.managerEmail, password: DEMO.password }, rep.email, rep.name);
  const staff = (await (await call(`/programs/${DEMO.programId}/staff`)).json()) as { id: string; email: string }[];
  repId = staff.find((s) => s.email === rep.email)!.id;
  const records = (await (await call(`/programs/${DEMO.programId}/partner-records?q=${DEMO.partnerId}`)).json()) as { items: { id: string; salesRep: { id: string } | null }[] };
  demoRepBefore = records.items.find((p) => p.id === DEMO.partnerId)!.salesRep?.id ?? null;
  expect((await call(`/programs/${DEMO.programId}/partners/${DEMO.partnerId}/sales-rep`, 'PUT', { accountId: repId })).status).toBe(200);
});

afterAll(async () => {
  // The demo partner as other files expect it: its representative as before, and no deal rule (what it paid stays).
  await call(`/programs/${DEMO.programId}/partners/${DEMO.partnerId}/sales-rep`, 'PUT', { accountId: demoRepBefore });
  if (dealRuleId) await call(`/programs/${DEMO.programId}/reward-rules/${dealRuleId}/retire`, 'POST');
  await browser?.close();
});

async function signedIn(email: string, password: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await signInDashboard(page, W, email, password);
  return page;
}

/** Waits until nothing loads, saves a screenshot to look at, and fails on any serious or critical axe violation. */
async function check(page: Page, name: string, fullPage = true) {
  await page.waitForFunction(() => !document.querySelector('[aria-busy=true]'));
  await page.screenshot({ path: `test-results/leads-${name}.png`, fullPage });
  expect(await seriousViolations(page), name).toEqual([]);
}

const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= innerWidth);

/** Registers a lead on the partner's Referrals page and answers what the page said. */
async function registerLead(page: Page, fields: Record<string, string>): Promise<string> {
  await page.getByRole('link', { name: 'Referrals' }).click();
  await page.getByText('Register a referral').click();
  for (const [name, value] of Object.entries(fields)) await page.fill(`form[aria-label="Register a referral"] [name=${name}]`, value);
  await page.getByRole('button', { name: 'Register', exact: true }).click();
  const status = page.locator('form[aria-label="Register a referral"] [role=status]');
  await expect.poll(() => status.innerText()).toMatch(/^Registered /);
  return status.innerText();
}

/** The console's Referrals page, searched for this run's leads. */
async function consoleReferrals(page: Page) {
  await page.getByRole('link', { name: 'Referrals' }).click();
  await page.getByRole('heading', { name: 'Referrals' }).waitFor();
  await page.fill('input[name=q]', stamp);
  const table = page.locator('[data-testid=console-referrals]');
  const rows = table.locator('tbody tr');
  const shown = () => rows.evaluateAll((trs) => trs.map((r) => `${r.getAttribute('data-referral')} / ${r.getAttribute('data-partner')}`));
  return { table, rows, shown };
}

describe('a lead, from registration to a won deal', () => {
  it('the demo partner registers a lead in its portal, awaiting the program within the SLA', async () => {
    const page = await signedIn(DEMO.partnerEmail, DEMO.password);
    const said = await registerLead(page, { customerName: lead, domain: `globex${stamp}.se`, contactPersons: 'Nina Globex', product: 'Platform', value: '12000' });
    expect(said).toMatch(new RegExp(`^Registered ${lead}\\. The program confirms or rejects it by `));
    await page.context().close();
    const notice = await mailTo(DEMO.managerEmail, (m) => m.subject === `New lead from ${DEMO.partnerName}: ${lead}`);
    expect(notice.text).toContain(`${W}/dashboard/program/${DEMO.programId}/referrals`);
  });

  it('a second partner registers the same company and is told at once that it may be a duplicate', async () => {
    const page = await signedIn(second.email, second.password);
    const said = await registerLead(page, { customerName: duplicate, contactPersons: 'Nina' });
    expect(said).toBe(`Registered ${duplicate}, flagged as a possible duplicate: it matches a lead already registered (same company). The program decides whether it can be confirmed for you.`);
    const row = page.locator(`[data-testid=referrals] tr[data-referral="${duplicate}"]`);
    await expect.poll(() => row.locator('[data-col=registration]').innerText()).toContain('Possible duplicate');
    await page.context().close();
    const notice = await mailTo(DEMO.managerEmail, (m) => m.subject === `New lead from ${second.partnerName}: ${duplicate}`);
    expect(notice.text).toContain('It matches a lead or customer already known');
  });

  it('the manager adds a deal rule of 10% for the demo partner on the Reward rules page', async () => {
    const page = await signedIn(DEMO.managerEmail, DEMO.password);
    await page.getByRole('link', { name: 'Reward rules' }).click();
    const rules = page.locator('[data-testid=reward-rules]');
    await rules.locator('.rules').waitFor();
    // The partner by part of its name, in the picker's list.
    await rules.getByRole('combobox', { name: 'For', exact: true }).fill(DEMO.partnerName.slice(0, 8));
    await rules.getByRole('option', { name: DEMO.partnerName }).click();
    await expect(rules.locator('input[type=hidden][name=partnerId]').inputValue()).resolves.toBe(DEMO.partnerId);
    await rules.locator('select[name=event]').selectOption('deal');
    await expect(rules.locator('input[name=months]').count()).resolves.toBe(0); // no recurrence for a deal
    await rules.locator('select[name=kind]').selectOption('percent');
    await rules.locator('input[name=rate]').fill('10');
    await rules.getByRole('button', { name: 'Add rule' }).click();
    await expect.poll(() => rules.locator('[role=status]').innerText()).toContain('Rule added.');
    const listed = (await (await call(`/programs/${DEMO.programId}/reward-rules`)).json()) as { rules: { id: string; event: string; partnerId: string | null; percentBps: number | null; description: string }[] };
    const rule = listed.rules.find((r) => r.event === 'deal' && r.partnerId === DEMO.partnerId)!;
    expect(rule.percentBps).toBe(1000);
    dealRuleId = rule.id;
    // Listed with the partner it is for, named from the rules' own answer.
    const listedRule = rules.locator('li', { hasText: rule.description });
    await expect(listedRule.count()).resolves.toBe(1);
    await expect(listedRule.innerText()).resolves.toMatch(new RegExp(`^P\\d{6}\\s+${DEMO.partnerName}: `));
    await expect(rules.getByRole('combobox', { name: 'For', exact: true }).inputValue()).resolves.toBe(''); // the form is reset: every partner
    await page.context().close();
  });

  it('the manager sees the duplicate flagged with both sides, confirms the first lead with a representative, and cannot confirm the duplicate', async () => {
    const page = await signedIn(DEMO.managerEmail, DEMO.password);
    const { problems } = await watch(page);
    const { rows, shown } = await consoleReferrals(page);
    await expect.poll(shown).toEqual([`${duplicate} / ${second.partnerName}`, `${lead} / ${DEMO.partnerName}`]); // newest first
    const dupRow = page.locator(`tr[data-referral="${duplicate}"]`);
    await expect(dupRow.locator('[data-col=registration]').innerText()).resolves.toContain('Possible duplicate');
    await expect(dupRow.locator('[data-col=due]').innerText()).resolves.toContain('On time');

    // The filters: possible duplicates, awaiting confirmation, overdue (neither lead is late), a stage.
    await page.getByLabel('Possible duplicates').check();
    await expect.poll(shown).toEqual([`${duplicate} / ${second.partnerName}`]);
    await page.getByLabel('Possible duplicates').uncheck();
    await page.getByLabel('Awaiting confirmation').check();
    await expect.poll(shown).toHaveLength(2);
    await page.getByLabel('Overdue').check();
    await page.locator('[data-testid=no-referrals]').waitFor();
    await page.getByLabel('Overdue').uncheck();
    await page.getByLabel('Awaiting confirmation').uncheck();
    await page.locator('select[name=stage]').selectOption('won');
    await page.locator('[data-testid=no-referrals]').waitFor();
    await page.locator('select[name=stage]').selectOption('');
    await page.getByRole('button', { name: 'Company' }).click(); // A to Z, case aside: the two tie
    await expect.poll(() => rows.count()).toBe(2);
    await check(page, 'console-list');

    // The duplicate, both sides shown.
    await dupRow.getByRole('button', { name: `Open ${duplicate} from ${second.partnerName}` }).click();
    const dupDialog = page.getByRole('dialog', { name: `Referral ${duplicate}` });
    const match = dupDialog.locator('[data-testid=match]');
    await match.waitFor();
    await expect(match.locator('caption').innerText()).resolves.toBe("Exact match on company with another partner's lead");
    await expect(match.locator('[data-side=this]').innerText()).resolves.toBe(duplicate);
    await expect(match.locator('[data-side=other]').innerText()).resolves.toBe(lead);
    await expect(match.innerText()).resolves.toContain(second.partnerName);
    await expect(match.locator('[data-side=other-partner]').innerText()).resolves.toBe(DEMO.partnerName);
    await expect(dupDialog.getByRole('button', { name: 'Renew lock' }).count()).resolves.toBe(0); // pending: confirm or reject only
    await check(page, 'console-duplicate-dialog', false);
    await page.keyboard.press('Escape');

    // The first lead: confirmed, with the representative.
    const row = page.locator(`tr[data-referral="${lead}"]`);
    await row.getByRole('button', { name: `Open ${lead} from ${DEMO.partnerName}` }).click();
    const dialog = page.getByRole('dialog', { name: `Referral ${lead}` });
    const confirm = dialog.getByRole('form', { name: 'Confirm the lead' });
    await confirm.waitFor();
    await expect(dialog.locator('[data-testid=matches]').count()).resolves.toBe(0); // registered first: nothing in its way
    await expect(dialog.locator('[data-fact=deadline]').innerText()).resolves.toMatch(/: on time$/);
    await confirm.locator('select[name=ownerId]').selectOption({ label: rep.name });
    await confirm.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => dialog.locator('[role=status]').first().innerText()).toBe(`Confirmed: locked to ${DEMO.partnerName}, with ${rep.name} as sales representative.`);
    await expect(dialog.locator('[data-fact=lock]').innerText()).resolves.toMatch(/^Locked to the partner until /);
    await expect(dialog.locator('[data-fact=owner]').innerText()).resolves.toBe(rep.name);
    await expect(dialog.locator('[data-testid=audit-trail]').innerText()).resolves.toContain('changed registration from Pending to Confirmed');
    await dialog.getByRole('button', { name: 'Renew lock' }).waitFor(); // confirmed: not genuine or renew
    await expect(dialog.getByRole('form', { name: 'Not genuine' }).count()).resolves.toBe(1);
    await expect(dialog.getByRole('form', { name: 'Confirm the lead' }).count()).resolves.toBe(0);
    await check(page, 'console-confirmed-dialog', false);
    await page.keyboard.press('Escape');
    await expect.poll(() => row.locator('[data-col=registration]').innerText()).toMatch(/^Confirmed, locked until /);

    // The duplicate now stands against a locked lead: the API's 409 is shown, and the manager rejects it instead.
    await dupRow.getByRole('button', { name: `Open ${duplicate} from ${second.partnerName}` }).click();
    const dupConfirm = dupDialog.getByRole('form', { name: 'Confirm the lead' });
    await dupConfirm.locator('select[name=ownerId]').selectOption({ label: rep.name });
    await dupConfirm.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => dupDialog.locator('[data-testid=lead-decisions] .form-error').innerText()).toContain('cannot be confirmed for this partner');
    await expect(dupDialog.locator('[data-side=other]').innerText()).resolves.toBe(lead);
    const reject = dupDialog.getByRole('form', { name: 'Reject the lead' });
    await reject.locator('textarea[name=reason]').fill(`${DEMO.partnerName} registered it first.`);
    await reject.getByRole('button', { name: 'Reject' }).click();
    await expect.poll(() => dupDialog.locator('[data-fact=registration]').innerText()).toBe(`Rejected (${DEMO.partnerName} registered it first.)`);
    await expect(dupDialog.locator('[data-testid=lead-decisions]').count()).resolves.toBe(0); // decided: nothing more to decide
    await page.keyboard.press('Escape');

    // The program sends the second partner a referral of its own to work.
    const prospect = `Initech ${stamp}`;
    await page.getByText('Send a referral to a partner').click();
    const send = page.getByRole('form', { name: 'Send a referral to a partner' });
    await send.getByRole('combobox', { name: 'Partner', exact: true }).fill(second.partnerName);
    await send.getByRole('option', { name: second.partnerName }).click();
    await expect(send.locator('input[type=hidden][name=partnerId]').inputValue()).resolves.toBe(secondId);
    await send.locator('input[name=customerName]').fill(prospect);
    await send.locator('input[name=domain]').fill(`initech${stamp}.se`);
    await send.locator('input[name=value]').fill('5000');
    await send.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => send.locator('[role=status]').innerText()).toBe(`Sent ${prospect} to ${second.partnerName}, who is emailed and sees it as New.`);
    const sent = page.locator(`tr[data-referral="${prospect}"]`);
    await expect.poll(() => sent.locator('[data-col=registration]').innerText()).toBe('Sent by the program');
    await check(page, 'console-sent');
    expect(problems).toEqual([]);
    await page.context().close();
    await mailTo(second.email, (m) => m.subject === `A new referral for you: ${prospect}`);

    const confirmed = await mailTo(DEMO.partnerEmail, (m) => m.subject === `Lead confirmed: ${lead}`);
    expect(confirmed.text).toContain(`${rep.name} is your sales representative for it.`);
    await mailTo(rep.email, (m) => m.subject === `Lead assigned to you: ${lead}`);
    await mailTo(second.email, (m) => m.subject === `Lead not accepted: ${duplicate}`);
  });

  it("a customer of the locked company signs up through the second partner's code: held, and the manager awards it to the locked partner", async () => {
    const secondCookie = await signInApi(second.email, second.password);
    const code = `OTHER-${stamp}`.toUpperCase();
    expect((await call(`/partners/${secondId}/invitations`, 'POST', { code }, secondCookie)).status).toBe(201);
    const customerId = `globex-cto-${stamp}`;
    const signup = await fetch(`${W}/api/v1/signups`, {
      method: 'POST', headers: { Authorization: `Bearer ${DEMO.secretKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ customerId, email: `cto@globex${stamp}.se`, promoCode: code }),
    });
    expect(((await signup.json()) as { status: string }).status).toBe('held');

    const page = await signedIn(DEMO.managerEmail, DEMO.password);
    const { problems } = await watch(page);
    const row = page.locator('[data-testid=held-signups] tr', { hasText: customerId });
    await waitForOrReload(page, row);
    await expect(row.locator('[data-col=held-reason]').innerText()).resolves.toContain(`Company locked to ${DEMO.partnerName} (lead ${lead}`);
    await row.getByRole('button', { name: `Approve for ${second.partnerName}` }).waitFor();
    await check(page, 'console-held-conflict');
    await row.getByRole('button', { name: `Award to ${DEMO.partnerName}` }).click();
    await expect.poll(() => row.count()).toBe(0);
    expect(problems).toEqual([]);
    await page.context().close();

    const partner = await signedIn(DEMO.partnerEmail, DEMO.password);
    await partner.getByRole('link', { name: 'My clients' }).click();
    const client = partner.locator(`[data-testid=clients] tr[data-client="${customerId}"]`);
    await expect.poll(() => client.innerText()).toContain(`Lead: ${lead}`);
    await partner.context().close();
    await mailTo(DEMO.partnerEmail, (m) => m.subject === `New customer from your lead ${lead}`);
  });

  it('the representative, on a phone, sees the lead without the decisions and moves it to Won with its value and contract date', async () => {
    const page = await signedIn(rep.email, DEMO.password, 375);
    const { problems } = await watch(page);
    const { shown } = await consoleReferrals(page);
    await expect.poll(shown).toEqual([`${lead} / ${DEMO.partnerName}`]); // the other partner's lead is not theirs
    expect(await noSideScroll(page)).toBe(true);
    await check(page, 'rep-list-375');

    await page.getByRole('button', { name: `Open ${lead} from ${DEMO.partnerName}` }).click();
    const dialog = page.getByRole('dialog', { name: `Referral ${lead}` });
    const form = dialog.getByRole('form', { name: 'Stage, value and notes' });
    await form.waitFor();
    await expect(dialog.locator('[data-testid=lead-decisions]').count()).resolves.toBe(0);
    await expect(form.locator('select[name=ownerId]').count()).resolves.toBe(0); // only managers reassign
    await form.locator('select[name=stage]').selectOption('won');
    await form.locator('input[name=value]').fill('15000');
    await form.getByRole('button', { name: 'Save' }).click(); // no contract date yet: the API says what Won needs
    await expect.poll(() => form.locator('.form-error').innerText()).toContain('A deal is won with its value and the date its contract was signed');
    expect(await noSideScroll(page)).toBe(true);
    await check(page, 'rep-won-dialog-375', false);
    await form.locator('input[name=contractDate]').fill(contractDate);
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.locator('[role=status]').first().innerText()).toBe(`Won: ${DEMO.partnerName} earns the deal's commission.`);
    await expect(dialog.locator('[data-fact=contract]').innerText()).resolves.toBe(contractDate);
    await expect(dialog.locator('[data-fact=value]').innerText()).resolves.toBe('€15,000.00');
    const history = dialog.locator('[data-testid=audit-trail]');
    await expect(history.innerText()).resolves.toContain('changed stage from New to Won');
    await expect(history.innerText()).resolves.toContain('changed value from €12,000.00 to €15,000.00');
    await expect(history.innerText()).resolves.toContain(rep.name);
    await expect(dialog.locator('select[name=stage]').isDisabled()).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator(`tr[data-referral="${lead}"] [data-col=stage]`).innerText()).toBe('Won');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("the partner sees the deal's commission in its ledger", async () => {
    const found = (await (await call(`/programs/${DEMO.programId}/referrals?q=${encodeURIComponent(lead)}`)).json()) as { items: { id: string; customerName: string }[] };
    const referralId = found.items.find((r) => r.customerName === lead)!.id;
    const page = await signedIn(DEMO.partnerEmail, DEMO.password);
    await page.getByRole('link', { name: 'Balance' }).click();
    const entry = page.locator('[data-testid=ledger] tr', { hasText: `deal ${referralId}` });
    await entry.waitFor();
    await expect(entry.innerText()).resolves.toContain(`Commission: 10% of deal ${referralId} (€15,000.00, Platform) won, contract signed ${contractDate}`);
    expect(await entry.locator('[data-col=amount]').innerText()).toBe('€1,500.00');
    await page.getByRole('link', { name: 'Referrals' }).click();
    await expect.poll(() => page.locator(`[data-testid=referrals] tr[data-referral="${lead}"] [data-col=stage]`).innerText()).toBe('Won');
    await page.context().close();
  });
});
