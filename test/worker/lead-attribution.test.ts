// A lead's lock decides attribution (docs/LEADS.md, "The lock and signups"): a held conflict awarded to the locked
// partner, a buyer from the locked company who came through no invitation, what cannot be awarded; and a lead's
// contacts erased on request.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { count, DEMO, eventually, seedDemo, server, signIn } from './helpers';
import { api, seedRivalAndRep } from './portal-helpers';

let manager: string;
let owner: string;
let rival: string;
let rep: string;
const stamp = Date.now().toString(36);
// This file's own company, locked to the demo partner in beforeAll.
const company = `Umbra ${stamp} AB`;
const domain = `umbra${stamp}.se`;

const partnerPath = (id: string, rest = '') => `/partners/${DEMO.partnerId}/referrals${id ? `/${id}` : ''}${rest}`;
const consolePath = (id = '', rest = '') => `/programs/${DEMO.programId}/referrals${id ? `/${id}` : ''}${rest}`;
const json = async (r: Response | Promise<Response>) => (await r).json<any>();
const rowsOf = async (table: string) => count(`SELECT count(*) n FROM ${table}`);

beforeAll(async () => {
  await seedDemo();
  await seedRivalAndRep();
  // The demo partner is the representative Rob's, so he sees its leads.
  await env.DB.prepare("UPDATE partners SET sales_rep_account_id = 'acc_rep' WHERE id = ?").bind(DEMO.partnerId).run();
  [manager, owner, rival, rep] = await Promise.all([signIn(DEMO.managerEmail), signIn(), signIn('rival@other.test', 'rival-pass'), signIn('rep@demo.test', 'rival-pass')]);
  const lead = await json(api(owner, partnerPath(''), { customerName: company, domain }));
  expect((await api(manager, consolePath(lead.id, '/decision'), { decision: 'confirm', ownerId: 'acc_rep' })).status).toBe(200);
});

describe('the lock credits the locked partner', () => {
  const money = (customerId: string) =>
    env.DB.prepare(
      `SELECT coalesce(partner_id, customer_id) AS holder, type, status, sum(amount_minor) AS amount FROM ledger_entries
       WHERE event_id = ?1 OR subject_customer_id = ?1 OR customer_id = ?1 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    )
      .bind(customerId)
      .all<{ holder: string; type: string; status: string; amount: number }>()
      .then((r) => r.results);
  const customerRow = (externalId: string) =>
    env.DB.prepare('SELECT id, partner_id, invitation_id, lead_id, signup_status, click_id FROM customers WHERE external_id = ?').bind(externalId).first<any>();

  it('the manager awards a conflict to the locked partner: the customer and its signup commission move to them, once, whichever decision races it', async () => {
    const code = `RIVAL2-${Date.now().toString(36)}`.toUpperCase();
    expect((await api(rival, '/partners/prt_rival/invitations', { code })).status).toBe(201);
    const externalId = `umbra_ceo_${Date.now().toString(36)}`;
    expect((await json(server('/api/v1/signups', { customerId: externalId, email: `ceo@${domain}`, promoCode: code }))).status).toBe('held');
    const { id } = await customerRow(externalId);
    // Held: the rival's commission and the customer's credit wait.
    expect(await money(id)).toEqual([
      { holder: id, type: 'signup_credit', status: 'pending', amount: 500 },
      { holder: 'prt_rival', type: 'commission', status: 'pending', amount: 1000 },
    ]);
    const decide = (decision: string) => api(manager, `/programs/${DEMO.programId}/held-signups/${externalId}/decision`, { decision });
    // Award and approve race: exactly one decides.
    const [award, approve] = await Promise.all([decide('award_to_lead'), decide('approve')]);
    const answers = [await award.json<any>(), await approve.json<any>()];
    const row = await customerRow(externalId);
    if (row.lead_id === null) {
      // The approval won: the rival keeps it, and the award posted nothing.
      expect(row.partner_id).toBe('prt_rival');
      expect((await money(id)).filter((m) => m.holder === DEMO.partnerId)).toEqual([]);
      return;
    }
    expect(answers[0]).toEqual({ customerId: externalId, status: 'confirmed', partnerId: DEMO.partnerId });
    expect(row).toMatchObject({ partner_id: DEMO.partnerId, invitation_id: null, signup_status: 'confirmed' });
    const balances = await money(id);
    // The rival's commission is reversed; the customer's credit is released; the locked partner earns the signup commission.
    expect(balances).toEqual(expect.arrayContaining([
      { holder: id, type: 'release', status: 'available', amount: 500 },
      { holder: 'prt_rival', type: 'reversal', status: 'reversed', amount: 1000 },
      { holder: DEMO.partnerId, type: 'commission', status: 'available', amount: 1000 },
    ]));
    expect(balances.filter((m) => m.holder === DEMO.partnerId)).toHaveLength(1);
    expect(balances.filter((m) => m.type === 'release' && m.holder === 'prt_rival')).toEqual([]);
    // Deciding again is refused; the event names both partners; the locked partner sees the client through its lead.
    expect((await decide('award_to_lead')).status).toBe(409);
    const [event] = (await env.DB.prepare("SELECT data FROM events WHERE type = 'customer.awarded_to_lead' AND data ->> '$.customerId' = ?").bind(id).all<{ data: string }>()).results;
    expect(JSON.parse(event.data)).toEqual({ customerId: id, externalId, referralId: row.lead_id, partnerId: DEMO.partnerId, fromPartnerId: 'prt_rival' });
    const clients = await json(api(owner, `/partners/${DEMO.partnerId}/clients?q=${externalId}`));
    expect(clients.items.find((c: any) => c.externalId === externalId)).toMatchObject({ invitationCode: null, leadCompany: company });
    expect((await json(api(rival, `/partners/prt_rival/clients?q=${externalId}`))).items.find((c: any) => c.externalId === externalId)).toBeUndefined();
  });

  it('a buyer from a locked company who came through no invitation is the locked partner\'s; from no locked company, such a signup is refused', async () => {
    const stamp = Date.now().toString(36);
    const stats = () => count('SELECT coalesce(sum(signups), 0) n FROM invitation_daily_stats');
    const statsBefore = await stats();
    const res = await server('/api/v1/signups', { customerId: `umbra_buyer_${stamp}`, email: `buyer@${domain}` });
    expect(res.status).toBe(201);
    expect((await res.json<any>()).attribution).toEqual({ invitationCode: null, method: 'lead', partnerName: 'Demo Partner AB' });
    const row = await customerRow(`umbra_buyer_${stamp}`);
    expect(row).toMatchObject({ partner_id: DEMO.partnerId, invitation_id: null, signup_status: 'confirmed' });
    expect(row.lead_id).toMatch(/^ref_/);
    expect(await money(row.id)).toEqual([
      { holder: row.id, type: 'signup_credit', status: 'available', amount: 500 },
      { holder: DEMO.partnerId, type: 'commission', status: 'available', amount: 1000 },
    ]);
    // No invitation's stats count it; the event names the lead; reported again, it is the same customer.
    expect(await stats()).toBe(statsBefore);
    const [event] = (await env.DB.prepare("SELECT version, data FROM events WHERE type = 'customer.signed_up' AND data ->> '$.customerId' = ?").bind(row.id).all<{ version: number; data: string }>()).results;
    expect(event.version).toBe(2);
    expect(JSON.parse(event.data)).toMatchObject({ invitationCode: null, attribution: 'lead', referralId: row.lead_id, partnerId: DEMO.partnerId });
    const again = await server('/api/v1/signups', { customerId: `umbra_buyer_${stamp}`, email: `buyer@${domain}` });
    expect(again.status).toBe(200);
    expect(await count(`SELECT count(*) n FROM ledger_entries WHERE event_id = '${row.id}'`)).toBe(2);
    // The locked partner is emailed about its new customer.
    const mails = await eventually(
      () => env.DB.prepare("SELECT account_id, status, subject FROM emails WHERE template = 'new_signup' AND data ->> '$.customerId' = ? ORDER BY account_id").bind(row.id).all<any>().then((r) => r.results),
      (rows) => rows.length === 2 && rows.every((r: any) => r.status === 'sent'),
    );
    expect(mails.map((m: any) => [m.account_id, m.subject])).toEqual([['acc_demo_partner', `New customer from your lead ${company}`], ['acc_demo_sales', `New customer from your lead ${company}`]]);
    // Free mail or an unlocked company with neither click nor code: refused, nothing written.
    const before = await rowsOf('customers');
    for (const email of [`someone.${stamp}@gmail.com`, `cto@initech-${stamp}.com`]) {
      const refused = await server('/api/v1/signups', { customerId: `nobody_${stamp}_${email.length}`, email });
      expect(refused.status).toBe(400);
      expect((await refused.json<any>()).error.code).toBe('invalid_request');
    }
    expect(await rowsOf('customers')).toBe(before);
  });

  it("a signup from the locked partner's own people through its lead is refused as a self-referral, and writes nothing", async () => {
    const stamp = Date.now().toString(36);
    // A member of the demo partner whose mailbox is at the locked company (the partner registered its own people's company).
    await env.DB.batch([
      env.DB.prepare("INSERT INTO accounts (id, email, name, password_hash, created_at) VALUES (?, ?, 'Insider', 'x', 0)").bind(`acc_insider_${stamp}`, `Insider.${stamp}@${domain}`),
      env.DB.prepare("INSERT INTO members (id, partner_id, account_id, role, created_at) VALUES (?, ?, ?, 'manager', 0)").bind(`mem_insider_${stamp}`, DEMO.partnerId, `acc_insider_${stamp}`),
    ]);
    const before = await rowsOf('customers');
    // The same mailbox, written differently, is the same person.
    const refused = await server('/api/v1/signups', { customerId: `insider_${stamp}`, email: `insider.${stamp}@${domain.toUpperCase()}` });
    expect(refused.status).toBe(422);
    expect((await refused.json<any>()).error.code).toBe('self_referral');
    expect(await rowsOf('customers')).toBe(before);
    // A colleague at the same company, not a member, is the partner's customer as before.
    const colleague = await server('/api/v1/signups', { customerId: `colleague_${stamp}`, email: `colleague.${stamp}@${domain}` });
    expect(colleague.status).toBe(201);
  });

  it('only a lead conflict can be awarded, and only while its lead stands confirmed', async () => {
    const code = `RIVAL3-${Date.now().toString(36)}`.toUpperCase();
    expect((await api(rival, '/partners/prt_rival/invitations', { code })).status).toBe(201);
    const stamp = Date.now().toString(36);
    // A confirmed signup, not held: not held for review.
    expect((await json(server('/api/v1/signups', { customerId: `plain_${stamp}`, email: `plain.${stamp}@example.com`, promoCode: code }))).status).toBe('confirmed');
    const plain = await api(manager, `/programs/${DEMO.programId}/held-signups/plain_${stamp}/decision`, { decision: 'award_to_lead' });
    expect(plain.status).toBe(409);
    expect((await plain.json<any>()).error.code).toBe('not_held');
    // A held self-referral is no lead conflict.
    await env.DB.prepare("UPDATE customers SET signup_status = 'held', held_reason = 'same_visitor' WHERE external_id = ?").bind(`plain_${stamp}`).run();
    const self = await api(manager, `/programs/${DEMO.programId}/held-signups/plain_${stamp}/decision`, { decision: 'award_to_lead' });
    expect(self.status).toBe(409);
    expect((await self.json<any>()).error.code).toBe('not_lead_conflict');
    // A representative may not decide.
    expect((await api(rep, `/programs/${DEMO.programId}/held-signups/plain_${stamp}/decision`, { decision: 'award_to_lead' })).status).toBe(403);
    // A conflict whose lead was found not genuine meanwhile locks nothing: it cannot be awarded, and stays for approve or reject.
    const wayne = await json(api(owner, partnerPath(''), { customerName: `Wayne ${stamp}`, domain: `wayne${stamp}.com` }));
    expect((await api(manager, consolePath(wayne.id, '/decision'), { decision: 'confirm', ownerId: 'acc_rep' })).status).toBe(200);
    expect((await json(server('/api/v1/signups', { customerId: `wayne_cto_${stamp}`, email: `cto@wayne${stamp}.com`, promoCode: code }))).status).toBe('held');
    expect((await api(manager, consolePath(wayne.id, '/decision'), { decision: 'not_genuine', reason: 'No project' })).status).toBe(200);
    const lapsed = await api(manager, `/programs/${DEMO.programId}/held-signups/wayne_cto_${stamp}/decision`, { decision: 'award_to_lead' });
    expect(lapsed.status).toBe(409);
    expect((await lapsed.json<any>()).error.code).toBe('lead_not_locked');
    expect((await customerRow(`wayne_cto_${stamp}`)).signup_status).toBe('held');
  });
});

describe("a lead's contacts", () => {
  it("a manager erases a lead's contacts on request: the company and deal stay, the people no longer match, the trail says who", async () => {
    const stamp = Date.now().toString(36);
    const mailbox = `nina.${stamp}@gmail.com`;
    const created = await json(api(owner, partnerPath(''), { customerName: `Soylent ${stamp}`, domain: `soylent${stamp}.com`, contactPersons: 'Nina Soylent', contactEmails: [mailbox] }));
    const keys = () => count(`SELECT count(*) n FROM lead_keys WHERE referral_id = '${created.id}' AND key LIKE 'email:%'`);
    expect(await keys()).toBe(1);
    // Only a manager: the representative who sees it, and the partner, may not.
    expect((await api(rep, consolePath(created.id, '/contacts'), undefined, 'DELETE')).status).toBe(403);
    expect((await api(owner, consolePath(created.id, '/contacts'), undefined, 'DELETE')).status).toBe(404);
    const erased = await json(api(manager, consolePath(created.id, '/contacts'), undefined, 'DELETE'));
    expect(erased).toMatchObject({ customerName: `Soylent ${stamp}`, domain: `soylent${stamp}.com`, contactPersons: null, contactEmails: [] });
    expect(erased.contactsErasedAt).toEqual(expect.any(String));
    expect(erased.changes[0]).toMatchObject({ field: 'contacts', oldValue: null, newValue: 'erased' });
    expect(await keys()).toBe(0);
    expect(JSON.stringify(await json(api(owner, partnerPath(created.id))))).not.toContain(mailbox);
    // Again: nothing more to erase, the same answer; the first time stands.
    const again = await json(api(manager, consolePath(created.id, '/contacts'), undefined, 'DELETE'));
    expect(again.contactsErasedAt).toBe(erased.contactsErasedAt);
    expect(again.changes.filter((c: any) => c.field === 'contacts')).toHaveLength(1);
  });
});
