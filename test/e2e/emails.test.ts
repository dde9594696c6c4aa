// Emails against the running system (npm start): real messages, sent through the send_email binding's local
// simulation and read back from the local mailbox, in the recipient's language, with a working unsubscribe link on
// optional mail only.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, watch } from './browser';
import { DEMO } from '../../scripts/demo-data';
import type { StoredMessage } from '../../scripts/mailbox/mailbox';
import { mailTo, signInApi as signIn } from './api';

const W = inject('edgerefOrigin');
const MAILBOX = inject('mailboxOrigin');

const post = (path: string, body: unknown, cookie?: string, method = 'POST') =>
  fetch(`${W}/api/v1${path}`, { method, headers: { Origin: W, 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) }, body: JSON.stringify(body) });

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('emails in the local mailbox', () => {
  it('a German applicant is told in German; approval arrives in German, with no unsubscribe link (it must go out)', async () => {
    const email = `anna.${Date.now()}@partner.test`;
    const terms = (await (await fetch(`${W}/api/v1/join/${DEMO.programId}`)).json()) as { terms: { version: number } };
    const joined = await post(`/join/${DEMO.programId}`, { name: 'Anna Albrecht', email, password: 'long-enough-1', partnerName: 'Albrecht Beratung', termsVersion: terms.terms.version, language: 'de' });
    expect(joined.status).toBe(201);
    const { partnerId } = (await joined.json()) as { partnerId: string };

    const received = await mailTo(email, (m) => m.subject === `Wir haben Ihre Bewerbung für ${DEMO.programName} erhalten`);
    expect(received.text).toContain('Hallo Anna Albrecht,');

    const manager = await signIn(DEMO.managerEmail, DEMO.password);
    expect((await post(`/programs/${DEMO.programId}/partners/${partnerId}/status`, { action: 'approve' }, manager)).status).toBe(200);
    const approved = await mailTo(email, (m) => m.subject === `Sie sind jetzt Partner von ${DEMO.programName}`);
    expect(approved.from).toBe(`${DEMO.programName} <notifications@edgeref.localhost>`);
    expect(approved.messageId).toMatch(/^<eml_[0-9a-f]{24}@edgeref\.localhost>$/);
    expect(approved.html).toContain('<html lang="de">');
    expect(approved.text).toContain(`Einladung erstellen: ${W}/dashboard/partner/${partnerId}/invitations`);
    expect(approved.unsubscribe).toBeNull();
    expect(approved.text).not.toContain('/email/unsubscribe');
  });

  it("an optional email's one-click unsubscribe (List-Unsubscribe-Post) turns it off for that person", async () => {
    // The demo manager is told of each new application: optional mail.
    const email = `ben.${Date.now()}@partner.test`;
    const terms = (await (await fetch(`${W}/api/v1/join/${DEMO.programId}`)).json()) as { terms: { version: number } };
    expect((await post(`/join/${DEMO.programId}`, { name: 'Ben Brook', email, password: 'long-enough-2', partnerName: 'Brook Referrals', termsVersion: terms.terms.version })).status).toBe(201);
    const notice = await mailTo(DEMO.managerEmail, (m) => m.subject === 'New partner application: Brook Referrals');
    expect(notice.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(notice.unsubscribe).toMatch(new RegExp(`^${W}/email/unsubscribe\\?a=acc_`));
    expect(notice.text).toContain(notice.unsubscribe);

    // What a mail client does for its "Unsubscribe" button (RFC 8058).
    const res = await fetch(notice.unsubscribe!, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(res.status).toBe(200);
    const manager = await signIn(DEMO.managerEmail, DEMO.password);
    const prefs = (await (await fetch(`${W}/api/v1/session/email-preferences`, { headers: { Cookie: manager } })).json()) as { emails: { topic: string; enabled: boolean }[] };
    expect(prefs.emails.find((e) => e.topic === 'new_application')!.enabled).toBe(false);
    expect((await post('/session/email-preferences', { emails: { new_application: true } }, manager, 'PATCH')).status).toBe(200);

    // The same link opened in a browser asks first, and its button unsubscribes (the page's policy lets it post).
    const page = await browser.newPage();
    const { problems } = await watch(page);
    await page.goto(notice.unsubscribe!);
    await expect.poll(() => page.locator('p').first().innerText()).toBe('Stop getting emails about new partner applications?');
    await page.click('button[type=submit]');
    await expect.poll(() => page.locator('p').first().innerText()).toBe('Done: you will no longer get emails about new partner applications.');
    expect(problems).toEqual([]);
    await page.close();
    // Turned on again, for whoever uses the demo next.
    expect((await post('/session/email-preferences', { emails: { new_application: true } }, manager, 'PATCH')).status).toBe(200);
  });

  it("a colleague's invite arrives by email, and its link accepts the invite", async () => {
    const owner = await signIn(DEMO.partnerEmail, DEMO.password);
    const email = `cleo.${Date.now()}@partner.test`;
    const res = await post(`/partners/${DEMO.partnerId}/member-invites`, { email, role: 'manager' }, owner);
    expect(res.status).toBe(201);
    const { link } = (await res.json()) as { link: string };
    const mail = await mailTo(email, (m) => m.subject === `Petra Partner invited you to ${DEMO.partnerName}`);
    expect(mail.text).toContain(`Accept the invite: ${link}`);
    const token = link.split('/').pop()!;
    expect((await post(`/member-invites/${token}/accept`, { name: 'Cleo Colleague', password: 'long-enough-3' })).status).toBe(200);
  });

  it('the mailbox shows each message as a page: its headers, its text and its HTML', async () => {
    const list = await (await fetch(MAILBOX)).text();
    expect(list).toContain('Sie sind jetzt Partner von');
    const [first] = (await (await fetch(`${MAILBOX}/messages.json`)).json()) as StoredMessage[];
    const page = await (await fetch(`${MAILBOX}/messages/${first.id}`)).text();
    expect(page).toContain('<iframe sandbox');
    expect(page).toContain('Message-ID');
    expect((await fetch(`${MAILBOX}/messages/${first.id}.eml`)).status).toBe(200);
  });
});
