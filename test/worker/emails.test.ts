// Email to people: events become emails for the right people, sent in their language through the send_email binding,
// retried on failure, skipped when turned off or erased; the preferences and the signed unsubscribe link. What a
// delivered message looks like in a mailbox is test/e2e/emails.test.ts (the local mailbox of `npm start`).
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { asUser, call, count, DEMO, eventually, seedDemo, server, signIn } from './helpers';
import { api } from './portal-helpers';
import type { Env } from '../../worker/env';
import { relayEvents } from '../../worker/flows/outbox';
import { sendEmail } from '../../worker/flows/emails';
import { disableEndpoint } from '../../worker/db/webhooks';
import { inviteToken, unsubscribeSignature } from '../../worker/security/email-links';
import { EMAIL_RETRY_MINUTES } from '../../worker/domain/mail';
import { hourly } from '../../worker/scheduled';

const worker = env as unknown as Env;
let manager: string;

beforeAll(async () => {
  await seedDemo();
  manager = await signIn(DEMO.managerEmail);
});

interface EmailRow {
  id: string;
  account_id: string;
  template: string;
  status: string;
  subject: string | null;
  attempts: number;
  last_error: string | null;
  next_attempt_at: number;
}

const emailsOf = (accountId: string) =>
  env.DB.prepare('SELECT id, account_id, template, status, subject, attempts, last_error, next_attempt_at FROM emails WHERE account_id = ? ORDER BY created_at, template').bind(accountId).all<EmailRow>().then((r) => r.results);
const managerAccount = async () => (await env.DB.prepare('SELECT id FROM accounts WHERE email = ?').bind(DEMO.managerEmail).first<{ id: string }>())!.id;

/** Waits until none of the account's emails is pending: the relay and the queue consumer run after each request. */
const settled = async (accountId: string, n: number) => {
  await relayEvents(worker);
  return eventually(() => emailsOf(accountId), (rows) => rows.length >= n && rows.every((r) => r.status !== 'pending'));
};

let joined = 0;
async function register(language?: string): Promise<{ partnerId: string; accountId: string; cookie: string }> {
  const email = `mail.${Date.now()}.${++joined}@join.test`;
  const res = await api(null, `/join/${DEMO.programId}`, { name: 'Maja Mail', email, password: 'long-enough', partnerName: `Mail Partners ${joined}`, termsVersion: 1, language });
  expect(res.status).toBe(201);
  const { partnerId } = await res.json<any>();
  const accountId = (await env.DB.prepare('SELECT id FROM accounts WHERE email = ?').bind(email).first<{ id: string }>())!.id;
  return { partnerId, accountId, cookie: await signIn(email, 'long-enough') };
}

describe('emails from events', () => {
  it('a registration tells the applicant (in their language) and each manager; approval tells the partner; each is sent once', async () => {
    const managerId = await managerAccount();
    const managerBefore = (await emailsOf(managerId)).length;
    const p = await register('sv');
    const received = await settled(p.accountId, 1);
    expect(received.map((e) => [e.template, e.status, e.attempts])).toEqual([['application_received', 'sent', 1]]);
    expect(received[0].subject).toBe('Vi har tagit emot din ansökan till Demo Shop');
    const toManager = (await settled(managerId, managerBefore + 1)).slice(managerBefore);
    expect(toManager.map((e) => [e.template, e.status])).toEqual([['new_application', 'sent']]);
    expect(toManager[0].subject).toBe(`New partner application: Mail Partners ${joined}`);

    expect((await api(manager, `/programs/${DEMO.programId}/partners/${p.partnerId}/status`, { action: 'approve' })).status).toBe(200);
    const after = await settled(p.accountId, 2);
    expect(after.map((e) => [e.template, e.status, e.subject])).toEqual([
      ['application_received', 'sent', 'Vi har tagit emot din ansökan till Demo Shop'],
      ['partner_approved', 'sent', 'Du är nu partner i Demo Shop'],
    ]);
    // The sweep and a second fan-out write nothing new, and a sent email is not sent again.
    await relayEvents(worker);
    await sendEmail(worker, after[1].id);
    expect((await emailsOf(p.accountId)).map((e) => e.attempts)).toEqual([1, 1]);
  });

  it('a disabled webhook endpoint emails every manager once, in the batch that disables it', async () => {
    const managerId = await managerAccount();
    const before = (await emailsOf(managerId)).length;
    const created = await (await api(manager, `/programs/${DEMO.programId}/webhook-endpoints`, { url: 'http://127.0.0.1:9/gone' })).json<any>();
    const endpoint = { id: created.id, programId: DEMO.programId };
    expect(await disableEndpoint(env.DB, endpoint, 'The endpoint answered 410 Gone.', Date.now())).toBe(true);
    expect(await disableEndpoint(env.DB, endpoint, 'The endpoint answered 410 Gone.', Date.now() + 1)).toBe(false);
    const rows = (await settled(managerId, before + 1)).slice(before);
    expect(rows.map((e) => [e.template, e.status, e.subject])).toEqual([['webhook_endpoint_disabled', 'sent', 'A webhook endpoint was disabled']]);
  });
});

describe('referrals', () => {
  it("the program's staff moving a partner's referral emails the partner; the partner's own move raises the event but no email", async () => {
    const p = await register('de');
    await api(manager, `/programs/${DEMO.programId}/partners/${p.partnerId}/status`, { action: 'approve' });
    await settled(p.accountId, 2);
    const ref = await (await api(p.cookie, `/partners/${p.partnerId}/referrals`, { customerName: 'Globex GmbH' })).json<any>();
    expect((await api(manager, `/partners/${p.partnerId}/referrals/${ref.id}`, { stage: 'in_progress' }, 'PATCH')).status).toBe(200);
    expect((await api(p.cookie, `/partners/${p.partnerId}/referrals/${ref.id}`, { stage: 'lost' }, 'PATCH')).status).toBe(200);
    const events = await env.DB.prepare("SELECT data FROM events WHERE type = 'referral.stage_changed' AND data ->> '$.referralId' = ? ORDER BY seq").bind(ref.id).all<{ data: string }>();
    expect(events.results.map((e) => JSON.parse(e.data))).toEqual([
      { referralId: ref.id, partnerId: p.partnerId, from: 'new', to: 'in_progress', changedBy: 'program' },
      { referralId: ref.id, partnerId: p.partnerId, from: 'in_progress', to: 'lost', changedBy: 'partner' },
    ]);
    const rows = (await settled(p.accountId, 3)).filter((e) => e.template === 'referral_stage_changed');
    expect(rows.map((e) => [e.status, e.subject])).toEqual([['sent', 'Globex GmbH: In Bearbeitung']]);
  });
});

describe('payouts', () => {
  it("a period's close tells the managers what to pay; paying a withdrawal tells the partner's owner", async () => {
    const managerId = await managerAccount();
    const ownerId = (await env.DB.prepare('SELECT id FROM accounts WHERE email = ?').bind(DEMO.partnerEmail).first<{ id: string }>())!.id;
    const [managerBefore, ownerBefore] = [(await emailsOf(managerId)).length, (await emailsOf(ownerId)).length];
    const eur = (amount: number) => ({ amount, currency: 'EUR' });
    await server('/api/v1/top-ups', { partnerId: DEMO.partnerId, amount: eur(20_000), reference: `bank_mail_${Date.now()}` });
    const partner = await signIn(DEMO.partnerEmail);
    const w = await (await asUser(partner, `/api/v1/partners/${DEMO.partnerId}/withdrawals`, { amount: eur(6000) })).json<any>();
    const payouts = await (await asUser(manager, `/api/v1/programs/${DEMO.programId}/payouts`)).json<any>();
    expect((await asUser(manager, `/api/v1/programs/${DEMO.programId}/periods/${payouts.currentPeriod.id}/close`, {})).status).toBe(200);
    const toManager = (await settled(managerId, managerBefore + 1)).slice(managerBefore).filter((e) => e.template === 'withdrawal_requests');
    expect(toManager.map((e) => [e.status, e.subject])).toEqual([['sent', '1 withdrawal request to pay: €60.00']]);
    expect((await asUser(manager, `/api/v1/programs/${DEMO.programId}/withdrawals/${w.id}/paid`, {})).status).toBe(200);
    const toOwner = (await settled(ownerId, ownerBefore + 2)).slice(ownerBefore);
    expect(toOwner.filter((e) => e.template === 'withdrawal_paid').map((e) => [e.status, e.subject])).toEqual([['sent', 'Your withdrawal of €60.00 is paid']]);
    // The close also sent the owner its summary of the period (one, however often the period is closed).
    const summaries = toOwner.filter((e) => e.template === 'period_summary');
    expect(summaries.map((e) => e.status)).toEqual(['sent']);
    expect(summaries[0].subject).toMatch(/^Your Demo Shop summary, /);
    expect((await asUser(manager, `/api/v1/programs/${DEMO.programId}/periods/${payouts.currentPeriod.id}/close`, {})).status).toBeLessThan(500);
    await relayEvents(worker);
    expect((await emailsOf(ownerId)).filter((e) => e.template === 'period_summary')).toHaveLength(1);
  });
});

describe('invites', () => {
  const invitesEmails = (inviteId: string) =>
    env.DB.prepare("SELECT m.template, m.status, m.subject, m.last_error, m.account_id FROM emails m JOIN events e ON e.id = m.event_id WHERE e.data ->> '$.inviteId' = ?").bind(inviteId).all<Record<string, unknown>>().then((r) => r.results);

  it("a colleague's invite is emailed to the address, in the inviter's language, with the link the owner got (its token derived, never stored)", async () => {
    const p = await register('sv');
    await api(manager, `/programs/${DEMO.programId}/partners/${p.partnerId}/status`, { action: 'approve' });
    const res = await api(p.cookie, `/partners/${p.partnerId}/member-invites`, { email: `colleague.${Date.now()}@join.test`, role: 'finance' });
    expect(res.status).toBe(201);
    const invite = await res.json<any>();
    const token = invite.link.split('/').pop();
    expect(token).toBe(await inviteToken(worker.EMAIL_LINK_SECRET!, invite.id));
    expect(await count('SELECT count(*) n FROM member_invites WHERE id = ? AND token_hash != ?', invite.id, token)).toBe(1);
    await relayEvents(worker);
    const rows = await eventually(() => invitesEmails(invite.id), (r) => r.length === 1 && r[0].status !== 'pending');
    expect(rows).toEqual([{ template: 'member_invite', status: 'sent', subject: `Maja Mail har bjudit in dig till Mail Partners ${joined}`, last_error: null, account_id: null }]);
  });

  it('an invite withdrawn before its email went out is not sent', async () => {
    const p = await register();
    await api(manager, `/programs/${DEMO.programId}/partners/${p.partnerId}/status`, { action: 'approve' });
    const invite = await (await api(p.cookie, `/partners/${p.partnerId}/member-invites`, { email: `late.${Date.now()}@join.test`, role: 'manager' })).json<any>();
    await relayEvents(worker);
    const held = await env.DB.prepare("UPDATE emails SET queued_until = ? WHERE status = 'pending' AND template = 'member_invite' AND event_id IN (SELECT id FROM events WHERE data ->> '$.inviteId' = ?) RETURNING id").bind(Date.now() + 3600_000, invite.id).first<{ id: string }>();
    expect(held).not.toBeNull();
    expect((await api(p.cookie, `/partners/${p.partnerId}/member-invites/${invite.id}`, undefined, 'DELETE')).status).toBe(204);
    await sendEmail(worker, held!.id);
    expect(await invitesEmails(invite.id)).toEqual([expect.objectContaining({ status: 'skipped', last_error: 'The invite was accepted, withdrawn or expired before it was sent.' })]);
  });

  it("a sales representative's invite is emailed too", async () => {
    const res = await api(manager, `/programs/${DEMO.programId}/staff`, { email: `rep.${Date.now()}@demo.test`, name: 'Rita Rep', role: 'sales_rep' });
    expect(res.status).toBe(201);
    const invite = await res.json<any>();
    await relayEvents(worker);
    const rows = await eventually(() => invitesEmails(invite.id), (r) => r.length === 1 && r[0].status !== 'pending');
    expect(rows).toEqual([expect.objectContaining({ template: 'staff_invite', status: 'sent', subject: "Join Demo Shop's partner program as a sales representative" })]);
  });
});

describe('sending', () => {
  it('a failed send is tried again on the schedule, then given up; nothing is sent twice', async () => {
    const p = await register();
    await relayEvents(worker);
    // Hold the email back from the queue consumer: pretend its message is on its way, then send by hand.
    const row = await env.DB.prepare("UPDATE emails SET queued_until = ? WHERE account_id = ? AND status = 'pending' RETURNING id").bind(Date.now() + 3600_000, p.accountId).first<{ id: string }>();
    const broken = { ...worker, EMAIL_FROM: undefined };
    let now = Date.now();
    for (let i = 0; i < EMAIL_RETRY_MINUTES.length; i++) {
      await sendEmail(broken, row!.id, now);
      const [e] = await emailsOf(p.accountId);
      expect([e.status, e.attempts]).toEqual(['pending', i + 1]);
      expect(e.last_error).toContain('EMAIL_FROM is not set');
      expect(e.next_attempt_at - now).toBeGreaterThanOrEqual(EMAIL_RETRY_MINUTES[i] * 60_000);
      now = e.next_attempt_at;
    }
    await sendEmail(broken, row!.id, now);
    expect((await emailsOf(p.accountId)).map((e) => [e.status, e.attempts])).toEqual([['failed', EMAIL_RETRY_MINUTES.length + 1]]);
    await sendEmail(worker, row!.id, now);
    expect((await emailsOf(p.accountId)).map((e) => e.status)).toEqual(['failed']);
  });

  it('an optional email the recipient turned off is skipped, and so is every email to an erased account', async () => {
    const p = await register();
    await settled(p.accountId, 1);
    expect((await api(p.cookie, '/session/email-preferences', { emails: { new_signup: false } }, 'PATCH')).status).toBe(200);
    // The partner is approved and its invitation brings a signup: a new signup (turned off) and a commission earned.
    await api(manager, `/programs/${DEMO.programId}/partners/${p.partnerId}/status`, { action: 'approve' });
    const invitation = await api(p.cookie, `/partners/${p.partnerId}/invitations`, { campaign: 'mail test' });
    expect(invitation.status).toBe(201);
    const signup = await call('/api/v1/signups', {
      method: 'POST',
      headers: { Authorization: `Bearer ${DEMO.secretKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ customerId: `mail-${Date.now()}`, email: `mail-customer-${Date.now()}@example.com`, promoCode: (await invitation.json<any>()).code }),
    });
    expect(signup.status).toBe(201);
    const rows = await settled(p.accountId, 4);
    expect(rows.map((e) => [e.template, e.status, e.last_error]).sort()).toEqual([
      ['application_received', 'sent', null],
      ['commission_earned', 'sent', null],
      ['new_signup', 'skipped', 'The recipient unsubscribed from this email.'],
      ['partner_approved', 'sent', null],
    ]);

    // Held back from the queue, the partner's rejection waits while the member's personal data is erased.
    const q = await register();
    await settled(q.accountId, 1);
    await api(manager, `/programs/${DEMO.programId}/partners/${q.partnerId}/status`, { action: 'reject', reason: 'no' });
    await relayEvents(worker);
    const held = await env.DB.prepare("UPDATE emails SET queued_until = ? WHERE account_id = ? AND status = 'pending' RETURNING id").bind(Date.now() + 3600_000, q.accountId).first<{ id: string }>();
    const memberId = (await env.DB.prepare('SELECT id FROM members WHERE account_id = ?').bind(q.accountId).first<{ id: string }>())!.id;
    expect((await api(manager, `/programs/${DEMO.programId}/partners/${q.partnerId}/members/${memberId}/personal-data`, undefined, 'DELETE')).status).toBe(204);
    await sendEmail(worker, held!.id);
    expect((await emailsOf(q.accountId)).map((e) => [e.template, e.status, e.last_error])).toEqual([
      ['application_received', 'sent', null],
      ['partner_rejected', 'skipped', "The recipient's personal data was erased."],
    ]);
  });
});

describe('email preferences', () => {
  it('list every optional email with its audience; change the language and turn emails off and on', async () => {
    const p = await register();
    const got = await (await api(p.cookie, '/session/email-preferences')).json<any>();
    expect(got).toEqual({
      language: 'en',
      emails: [
        { topic: 'new_signup', audience: 'partner', enabled: true },
        { topic: 'commission_earned', audience: 'partner', enabled: true },
        { topic: 'commission_available', audience: 'partner', enabled: true },
        { topic: 'referral_stage_changed', audience: 'partner', enabled: true },
        { topic: 'period_summary', audience: 'partner', enabled: true },
        { topic: 'new_application', audience: 'manager', enabled: true },
        { topic: 'partner_inactive', audience: 'partner', enabled: true },
        { topic: 'partner_no_success', audience: 'partner', enabled: true },
        { topic: 'partner_near_tier', audience: 'partner', enabled: true },
      ],
    });
    const changed = await (await api(p.cookie, '/session/email-preferences', { language: 'de', emails: { commission_earned: false, new_signup: false } }, 'PATCH')).json<any>();
    expect(changed.language).toBe('de');
    expect(changed.emails.filter((e: any) => !e.enabled).map((e: any) => e.topic)).toEqual(['new_signup', 'commission_earned']);
    const back = await (await api(p.cookie, '/session/email-preferences', { emails: { new_signup: true } }, 'PATCH')).json<any>();
    expect(back.emails.filter((e: any) => !e.enabled).map((e: any) => e.topic)).toEqual(['commission_earned']);
  });

  it('refuse bad input in the one error shape and write nothing; signed out is 401', async () => {
    const p = await register();
    const before = await count('SELECT count(*) n FROM email_opt_outs WHERE account_id = ?', p.accountId);
    for (const body of [{ language: 'fr' }, { emails: { partner_approved: false } }, { emails: { new_signup: 'no' } }, { colour: 'blue' }]) {
      const res = await api(p.cookie, '/session/email-preferences', body, 'PATCH');
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await res.json<any>()).toMatchObject({ error: { code: 'invalid_request' } });
    }
    expect(await count('SELECT count(*) n FROM email_opt_outs WHERE account_id = ?', p.accountId)).toBe(before);
    expect((await env.DB.prepare('SELECT language FROM accounts WHERE id = ?').bind(p.accountId).first<{ language: string }>())!.language).toBe('en');
    expect((await api(null, '/session/email-preferences')).status).toBe(401);
    expect((await api(null, '/session/email-preferences', { language: 'sv' }, 'PATCH')).status).toBe(401);
  });
});

describe('the unsubscribe link', () => {
  const link = async (accountId: string, topic: string, signature?: string) =>
    `/email/unsubscribe?${new URLSearchParams({ a: accountId, t: topic, s: signature ?? (await unsubscribeSignature(worker.EMAIL_LINK_SECRET!, accountId, topic)) })}`;

  it('asks first (a GET changes nothing), then a POST, or a mail client\'s one-click POST, turns that email off', async () => {
    const p = await register('de');
    const url = await link(p.accountId, 'commission_earned');
    const page = await call(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Keine E-Mails mehr über verdiente Provisionen erhalten?');
    expect(html).toContain('<form method="post"');
    expect(page.headers.get('Content-Security-Policy')).toContain("form-action 'self'");
    expect(await count('SELECT count(*) n FROM email_opt_outs WHERE account_id = ?', p.accountId)).toBe(0);
    const done = await call(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Sie erhalten keine E-Mails mehr über verdiente Provisionen.');
    expect((await env.DB.prepare('SELECT topic FROM email_opt_outs WHERE account_id = ?').bind(p.accountId).all()).results).toEqual([{ topic: 'commission_earned' }]);
    expect((await call(url, { method: 'POST' })).status).toBe(200); // twice is fine
  });

  it('refuses a changed signature, another person or email, and mail that must go out, writing nothing', async () => {
    const p = await register();
    const other = await register();
    const good = new URL(await link(p.accountId, 'new_signup'), 'http://x').searchParams.get('s')!;
    for (const url of [
      await link(p.accountId, 'new_signup', good.slice(0, -2) + (good.endsWith('AA') ? 'BB' : 'AA')),
      await link(other.accountId, 'new_signup', good),
      await link(p.accountId, 'commission_earned', good),
      await link(p.accountId, 'partner_approved'),
      '/email/unsubscribe',
    ]) {
      expect((await call(url, { method: 'POST' })).status, url).toBe(400);
      expect((await call(url)).status, url).toBe(400);
    }
    expect(await count('SELECT count(*) n FROM email_opt_outs WHERE account_id IN (?, ?)', p.accountId, other.accountId)).toBe(0);
  });
});

describe('the sweep', () => {
  it('mails an event whose request died before its relay ran, and sends again an email whose queue message was lost', async () => {
    const p = await register();
    await settled(p.accountId, 1);
    // A change that committed its event, from a Worker that died before the relay: nothing but the row.
    const eventId = `evt_orphan_mail_${Date.now()}`;
    await env.DB.prepare("INSERT INTO events (id, program_id, type, version, dedupe_key, data, created_at) VALUES (?, ?, 'partner.approved', 1, ?, ?, ?)")
      .bind(eventId, DEMO.programId, `orphan:${eventId}`, JSON.stringify({ partnerId: p.partnerId, from: 'affiliate', to: 'partner', reason: null }), Date.now())
      .run();
    await hourly(worker, Date.now());
    const rows = await eventually(() => emailsOf(p.accountId), (r) => r.length === 2 && r.every((e) => e.status !== 'pending'));
    expect(rows.map((e) => [e.template, e.status])).toEqual([['application_received', 'sent'], ['partner_approved', 'sent']]);

    // An email whose message was lost with a Worker: once its lease has passed, the next sweep queues it again.
    await env.DB.prepare("UPDATE emails SET status = 'pending', sent_at = NULL, next_attempt_at = ?1, queued_until = ?1 WHERE id = ?2").bind(Date.now() - 1, rows[1].id).run();
    await hourly(worker, Date.now());
    const again = await eventually(() => emailsOf(p.accountId), (r) => r.every((e) => e.status !== 'pending'));
    expect(again.map((e) => [e.template, e.status, e.attempts])).toEqual([['application_received', 'sent', 1], ['partner_approved', 'sent', 2]]);
  });
});

describe('keeping the table small', () => {
  it('the 03:00 run deletes settled emails older than 90 days and keeps pending ones and newer ones', async () => {
    const p = await register();
    await settled(p.accountId, 1);
    // The next 03:05 UTC: the registration's email, from just now, is newer than 90 days then.
    const next = new Date();
    next.setUTCHours(3, 5, 0, 0);
    const at3 = next.getTime() > Date.now() ? next.getTime() : next.getTime() + 86_400_000;
    const old = at3 - 91 * 86_400_000;
    await env.DB.batch([
      env.DB.prepare("INSERT INTO emails (id, program_id, account_id, template, dedupe_key, data, status, created_at) VALUES ('eml_old_sent', ?, ?, 'partner_approved', 'prune:1', '{}', 'sent', ?)").bind(DEMO.programId, p.accountId, old),
      env.DB.prepare("INSERT INTO emails (id, program_id, account_id, template, dedupe_key, data, status, next_attempt_at, queued_until, created_at) VALUES ('eml_old_pending', ?, ?, 'partner_approved', 'prune:2', '{}', 'pending', ?, ?, ?)").bind(DEMO.programId, p.accountId, at3 + 3600_000, at3 + 3600_000, old),
    ]);
    await hourly(worker, at3);
    expect(await count("SELECT count(*) n FROM emails WHERE id IN ('eml_old_sent', 'eml_old_pending')")).toBe(1);
    expect(await count("SELECT count(*) n FROM emails WHERE id = 'eml_old_pending'")).toBe(1);
    expect(await count('SELECT count(*) n FROM emails WHERE account_id = ?', p.accountId)).toBe(2);
  });
});
