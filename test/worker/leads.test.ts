// The B2B channel through the API: a partner registers a lead, a second partner's duplicate is flagged (without seeing
// whose), the manager confirms and assigns a representative, the representative wins it for a commission; who may do
// what (partners, representatives, managers), the deadline sweep, leads found not genuine, and referrals the program
// sends. docs/LEADS.md states the rules.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { count, DEMO, eventually, seedDemo, server, signIn } from './helpers';
import { api, seedRivalAndRep } from './portal-helpers';
import { hashPassword } from '../../worker/security/hashing';
import { hourly } from '../../worker/scheduled';
import { inviteToken } from '../../worker/security/email-links';
import type { Env } from '../../worker/env';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let manager: string;
let owner: string;
let rival: string;
let rep: string;
let otherRep: string;

const partnerPath = (id: string, rest = '') => `/partners/${DEMO.partnerId}/referrals${id ? `/${id}` : ''}${rest}`;
const consolePath = (id = '', rest = '') => `/programs/${DEMO.programId}/referrals${id ? `/${id}` : ''}${rest}`;
const json = async (r: Response | Promise<Response>) => (await r).json<any>();
const eventsOf = (referralId: string) =>
  env.DB.prepare("SELECT type, data FROM events WHERE data ->> '$.referralId' = ? ORDER BY seq").bind(referralId).all<{ type: string; data: string }>().then((r) => r.results.map((e) => ({ type: e.type, ...JSON.parse(e.data) })));
const rowsOf = async (table: string) => count(`SELECT count(*) n FROM ${table}`);

beforeAll(async () => {
  await seedDemo();
  await seedRivalAndRep();
  const hash = await hashPassword('other-rep-pass');
  await env.DB.batch([
    env.DB.prepare("INSERT OR IGNORE INTO accounts (id, email, name, password_hash, created_at) VALUES ('acc_rep2', 'rep2@demo.test', 'Otto Other', ?, 0)").bind(hash),
    env.DB.prepare("INSERT OR IGNORE INTO program_staff (program_id, account_id, role) VALUES (?, 'acc_rep2', 'sales_rep')").bind(DEMO.programId),
    // The rival partner is Otto's; the demo partner is Rob's.
    env.DB.prepare("UPDATE partners SET sales_rep_account_id = 'acc_rep2' WHERE id = 'prt_rival'"),
    env.DB.prepare("UPDATE partners SET sales_rep_account_id = 'acc_rep' WHERE id = ?").bind(DEMO.partnerId),
  ]);
  [manager, owner, rival, rep, otherRep] = await Promise.all([
    signIn(DEMO.managerEmail), signIn(), signIn('rival@other.test', 'rival-pass'), signIn('rep@demo.test', 'rival-pass'), signIn('rep2@demo.test', 'other-rep-pass'),
  ]);
  // Deals pay 10% of their value, available at once.
  expect((await api(manager, `/programs/${DEMO.programId}/reward-rules`, { event: 'deal', kind: 'percent', percentBps: 1000, holdDays: 0 })).status).toBe(201);
});

describe('a lead from registration to a won deal', () => {
  let lead: any;

  it('a partner registers a lead: awaiting the program by its deadline, owned by its representative, and the managers are told', async () => {
    const before = Date.now();
    lead = await json(api(owner, partnerPath(''), { customerName: 'Globex AB', domain: 'https://www.globex.se', contactEmails: ['Nina@Globex.se'], valueMinor: 1_200_000, product: 'Enterprise' }));
    expect(lead).toMatchObject({ type: 'partner_to_program', stage: 'new', domain: 'globex.se', contactEmails: ['nina@globex.se'], duplicates: [], owner: { id: 'acc_rep' } });
    expect(lead.registration).toMatchObject({ status: 'pending', sla: 'on_time', locked: false, lockedUntil: null });
    const due = Date.parse(lead.registration.dueAt) - Date.parse(lead.registeredAt);
    expect(due).toBe(72 * HOUR);
    expect(Date.parse(lead.registeredAt)).toBeGreaterThanOrEqual(before);
    expect(await eventsOf(lead.id)).toEqual([{ type: 'lead.registered', referralId: lead.id, partnerId: DEMO.partnerId, duplicate: false, dueAt: lead.registration.dueAt }]);
    const mail = await eventually(
      () => env.DB.prepare("SELECT status, subject FROM emails WHERE template = 'lead_registered' AND account_id = 'acc_demo_manager' AND data ->> '$.referralId' = ?").bind(lead.id).first<any>(),
      (m) => m?.status === 'sent',
    );
    expect(mail.subject).toBe('New lead from Demo Partner AB: Globex AB');
  });

  it("a second partner's duplicate is flagged at once, with what it matched but not whose, and cannot be confirmed", async () => {
    const dup = await json(api(rival, '/partners/prt_rival/referrals', { customerName: 'globex ab' }));
    expect(dup.duplicates).toEqual([{ against: 'other_lead', on: 'company', exact: true, referralId: null }]);
    const near = await json(api(rival, '/partners/prt_rival/referrals', { customerName: 'Initech', contactEmails: ['bo@globex.com'] }));
    // Its domain's name is Globex: near both the first partner's lead and the rival's own duplicate, which it may see.
    expect(near.duplicates).toEqual(
      expect.arrayContaining([
        { against: 'other_lead', on: 'company', exact: false, referralId: null },
        { against: 'own_lead', on: 'company', exact: false, referralId: dup.id },
      ]),
    );
    expect(near.duplicates).toHaveLength(2);
    // The manager sees both sides.
    const seen = await json(api(manager, consolePath(dup.id)));
    expect(seen.duplicates).toEqual([{ against: 'other_lead', on: 'company', exact: true, referralId: lead.id }]);
    expect(seen.matchedLeads).toMatchObject([{ id: lead.id, customerName: 'Globex AB', partner: { id: DEMO.partnerId }, status: 'pending' }]);
    const before = await rowsOf('referral_changes');
    const refused = await api(manager, consolePath(dup.id, '/decision'), { decision: 'confirm', ownerId: 'acc_rep2' });
    expect(refused.status).toBe(409);
    expect((await refused.json<any>()).error.code).toBe('duplicate_lead');
    expect(await rowsOf('referral_changes')).toBe(before);
    // The duplicate filter finds them; an unrelated name is no duplicate.
    const flagged = await json(api(manager, consolePath('', '?duplicate=true&pageSize=100')));
    expect(flagged.items.map((r: any) => r.id)).toEqual(expect.arrayContaining([dup.id, near.id]));
    expect((await json(api(rival, '/partners/prt_rival/referrals', { customerName: 'Umbrella Corp' }))).duplicates).toEqual([]);
  });

  it('a partner cannot confirm its own lead, set it won or junk, or see another partner\'s lead', async () => {
    expect((await api(owner, consolePath(lead.id, '/decision'), { decision: 'confirm', ownerId: 'acc_rep' })).status).toBe(404);
    for (const stage of ['won', 'junk']) {
      const r = await api(owner, partnerPath(lead.id), { stage }, 'PATCH');
      expect(r.status).toBe(403);
      expect((await r.json<any>()).error.code).toBe('staff_only');
    }
    expect((await api(owner, partnerPath('ref_rival'))).status).toBe(404);
    expect((await api(rival, `/partners/prt_rival/referrals/${lead.id}`)).status).toBe(404);
    expect((await json(api(owner, partnerPath(lead.id)))).stage).toBe('new');
  });

  it('a representative sees only their own partners\' leads and cannot decide; another representative does not see it at all', async () => {
    const mine = await json(api(rep, consolePath('', '?pageSize=100')));
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((r: any) => r.partner.id === DEMO.partnerId)).toBe(true);
    const theirs = await json(api(otherRep, consolePath('', '?pageSize=100')));
    expect(theirs.items.every((r: any) => r.partner.id === 'prt_rival')).toBe(true);
    expect((await api(otherRep, consolePath(lead.id))).status).toBe(404);
    expect((await api(otherRep, `/partners/${DEMO.partnerId}/referrals`)).status).toBe(404);
    expect((await api(rep, consolePath(lead.id, '/decision'), { decision: 'confirm', ownerId: 'acc_rep' })).status).toBe(403);
    // Nor does a representative hand a lead to someone else, on either path.
    for (const path of [consolePath(lead.id), partnerPath(lead.id)]) expect((await api(rep, path, { ownerId: 'acc_demo_manager' }, 'PATCH')).status).toBe(403);
    expect((await json(api(rep, `/programs/${DEMO.programId}/partners`))).map((p: any) => p.id)).toEqual([DEMO.partnerId]);
  });

  it('the manager confirms it and assigns a representative: locked to the partner, who sees who it is, and both are emailed', async () => {
    const confirmed = await json(api(manager, consolePath(lead.id, '/decision'), { decision: 'confirm', ownerId: 'acc_rep2' }));
    expect(confirmed.registration).toMatchObject({ status: 'confirmed', sla: 'met', locked: true });
    const lockDays = (Date.parse(confirmed.registration.lockedUntil) - Date.parse(confirmed.registration.decidedAt)) / DAY;
    expect(lockDays).toBe(365);
    const seen = await json(api(owner, partnerPath(lead.id)));
    expect(seen.owner).toEqual({ id: 'acc_rep2', name: 'Otto Other' });
    expect(seen.changes.map((c: any) => [c.field, c.oldValue, c.newValue])).toEqual(expect.arrayContaining([['registration', 'pending', 'confirmed'], ['owner', 'acc_rep', 'acc_rep2']]));
    // A second confirmation is refused and writes nothing.
    expect((await api(manager, consolePath(lead.id, '/decision'), { decision: 'confirm', ownerId: 'acc_rep' })).status).toBe(409);
    const templates = await eventually(
      () => env.DB.prepare("SELECT template, account_id AS to_, status FROM emails WHERE data ->> '$.referralId' = ? AND template IN ('lead_confirmed', 'lead_assigned') ORDER BY template").bind(lead.id).all<any>().then((r) => r.results),
      (rows) => rows.length === 3 && rows.every((r: any) => r.status === 'sent'),
    );
    // The representative, and the partner's owner and its sales manager (the partner's sellers).
    expect(templates.map((r: any) => [r.template, r.to_]).sort()).toEqual([['lead_assigned', 'acc_rep2'], ['lead_confirmed', 'acc_demo_partner'], ['lead_confirmed', 'acc_demo_sales']]);
  });

  it('won needs a value and a contract date; then the representative wins it, once, and the deal rule pays through the ledger', async () => {
    await env.DB.prepare("UPDATE referrals SET value_minor = NULL WHERE id = ?").bind(lead.id).run();
    const before = await rowsOf('ledger_entries');
    const bare = await api(otherRep, consolePath(lead.id), { stage: 'won' }, 'PATCH');
    expect(bare.status).toBe(422);
    expect(await rowsOf('ledger_entries')).toBe(before);
    // Two people confirm it at once: one wins, one commission. The other finds it moved (409), or already won as it
    // asked (200, nothing to change).
    const win = () => api(otherRep, consolePath(lead.id), { stage: 'won', valueMinor: 1_500_000, contractDate: '2026-11-30' }, 'PATCH');
    const answers = await Promise.all([win(), win()]);
    expect(answers.map((r) => r.status)).toContain(200);
    expect(answers.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    const entries = await env.DB.prepare("SELECT partner_id, type, amount_minor, status, reason FROM ledger_entries WHERE event_type = 'deal' AND event_id = ?").bind(lead.id).all<any>();
    expect(entries.results).toEqual([
      { partner_id: DEMO.partnerId, type: 'commission', amount_minor: 150_000, status: 'available', reason: `Commission: 10% of deal ${lead.id} (€15,000.00, Enterprise) won, contract signed 2026-11-30` },
    ]);
    const won = await json(api(owner, partnerPath(lead.id)));
    expect(won).toMatchObject({ stage: 'won', value: { amount: 1_500_000, currency: 'EUR' }, contractDate: '2026-11-30' });
    expect((await eventsOf(lead.id)).map((e) => e.type)).toEqual(['lead.registered', 'lead.confirmed', 'referral.stage_changed']);
    const earned = await env.DB.prepare("SELECT data FROM events WHERE type = 'commission.earned' AND data ->> '$.cause.id' = ?").bind(lead.id).all<{ data: string }>();
    expect(earned.results.map((e) => JSON.parse(e.data))).toMatchObject([{ partnerId: DEMO.partnerId, amount: { amount: 150_000, currency: 'EUR' }, customerId: null, cause: { type: 'deal', id: lead.id } }]);
    // A won deal stays won.
    expect((await api(manager, consolePath(lead.id), { stage: 'lost' }, 'PATCH')).status).toBe(409);
  });
});

describe('the lock and signups', () => {
  it("a customer from a company locked to one partner, through another partner's invitation, is held with both sides shown; not silently won", async () => {
    // Globex AB (globex.se) is locked to the demo partner by the flow above.
    const code = `RIVAL-${Date.now().toString(36)}`.toUpperCase();
    expect((await api(rival, '/partners/prt_rival/invitations', { code })).status).toBe(201);
    const signup = (customerId: string, email: string, promoCode: string) => server('/api/v1/signups', { customerId, email, promoCode });
    const stamp = Date.now().toString(36);
    const conflicted = await json(signup(`globex_cto_${stamp}`, `CTO@globex.se`, code));
    expect(conflicted.status).toBe('held');
    // The locked partner's own invitation, and a free-mail address, are no conflict.
    expect((await json(signup(`globex_cfo_${stamp}`, `cfo@globex.se`, DEMO.invitationCode))).status).not.toBe('held');
    expect((await json(signup(`gmail_${stamp}`, `someone.${stamp}@gmail.com`, code))).status).not.toBe('held');
    const held = await json(api(manager, `/programs/${DEMO.programId}/held-signups`));
    const row = held.find((h: any) => h.customerId === `globex_cto_${stamp}`);
    expect(row).toMatchObject({
      reason: 'lead_conflict', invitationCode: code, partnerId: 'prt_rival', partnerName: 'Rival Ltd',
      conflict: { company: 'Globex AB', partner: { id: DEMO.partnerId, name: 'Demo Partner AB' } },
    });
    expect(held.filter((h: any) => h.customerId.endsWith(stamp))).toHaveLength(1);
    // The manager decides; approving lets the invitation's partner keep it.
    const decided = await json(api(manager, `/programs/${DEMO.programId}/held-signups/globex_cto_${stamp}/decision`, { decision: 'approve' }));
    expect(decided.status).toBe('confirmed');
  });
});

describe('the rest of a lead\'s life', () => {
  it('found not genuine after the first call: the lock is lifted, and the partner may register it again for a new confirmation', async () => {
    const first = await json(api(owner, partnerPath(''), { customerName: 'Hooli Oy', domain: 'hooli.fi' }));
    await api(manager, consolePath(first.id, '/decision'), { decision: 'confirm', ownerId: 'acc_rep' });
    const again = await json(api(owner, partnerPath(''), { customerName: 'Hooli' }));
    expect(again.duplicates).toEqual([{ against: 'own_lead', on: 'company', exact: false, referralId: first.id }]);
    const lifted = await json(api(manager, consolePath(first.id, '/decision'), { decision: 'not_genuine', reason: 'No budget, no project' }));
    expect(lifted.registration).toMatchObject({ status: 'not_genuine', locked: false, reason: 'No budget, no project' });
    // The new registration no longer stands behind a lock: it can be confirmed now.
    const confirmed = await json(api(manager, consolePath(again.id, '/decision'), { decision: 'confirm', ownerId: 'acc_rep' }));
    expect(confirmed.registration.status).toBe('confirmed');
    expect((await eventsOf(first.id)).map((e) => e.type)).toEqual(['lead.registered', 'lead.confirmed', 'lead.not_genuine']);
  });

  it('a manager renews a lock for a full period from now; a rejected lead blocks nobody', async () => {
    const l = await json(api(owner, partnerPath(''), { customerName: 'Vandelay Industries' }));
    await api(manager, consolePath(l.id, '/decision'), { decision: 'confirm', ownerId: 'acc_rep' });
    await env.DB.prepare('UPDATE referrals SET locked_until = ? WHERE id = ?').bind(Date.now() + DAY, l.id).run();
    const renewed = await json(api(manager, consolePath(l.id, '/decision'), { decision: 'renew_lock' }));
    expect(Date.parse(renewed.registration.lockedUntil) - Date.now()).toBeGreaterThan(364 * DAY);
    const r = await json(api(owner, partnerPath(''), { customerName: 'Kramerica' }));
    await api(manager, consolePath(r.id, '/decision'), { decision: 'reject', reason: 'Not a fit' });
    expect((await json(api(rival, '/partners/prt_rival/referrals', { customerName: 'Kramerica' }))).duplicates).toEqual([]);
  });

  it('a lead matching a customer who signed up before is a duplicate of that customer', async () => {
    const email = `buyer.${Date.now()}@acme-robotics.example`;
    expect((await server('/api/v1/signups', { customerId: `acme_${Date.now()}`, email, promoCode: DEMO.invitationCode })).status).toBe(201);
    const l = await json(api(rival, '/partners/prt_rival/referrals', { customerName: 'Acme Robotics', contactEmails: [email] }));
    expect(l.duplicates).toEqual([{ against: 'customer', on: 'contact', exact: true, referralId: null }]);
  });

  it('bad input writes nothing: an unknown stage, a bad domain or email, a decision without its reason, a representative who is not staff', async () => {
    const l = await json(api(owner, partnerPath(''), { customerName: 'Bad Input Ltd' }));
    const before = [await rowsOf('referrals'), await rowsOf('referral_changes'), await rowsOf('events')];
    const cases: [string, string, unknown, string, number][] = [
      [owner, partnerPath(''), { customerName: 'X', domain: 'not a domain' }, 'POST', 400],
      [owner, partnerPath(''), { customerName: 'X', contactEmails: ['nope'] }, 'POST', 400],
      [owner, partnerPath(l.id), { stage: 'closed' }, 'PATCH', 400],
      [manager, consolePath(l.id, '/decision'), { decision: 'reject' }, 'POST', 400],
      [manager, consolePath(l.id, '/decision'), { decision: 'confirm', ownerId: 'acc_demo_partner' }, 'POST', 422],
      [manager, consolePath(l.id), { contractDate: '30/11/2026' }, 'PATCH', 400],
      [manager, consolePath(), { partnerId: 'prt_nobody', customerName: 'X' }, 'POST', 404],
    ];
    for (const [who, path, body, method, status] of cases) {
      const r = await api(who, path, body, method);
      expect([path, r.status]).toEqual([path, status]);
      expect((await r.json<any>()).error.code).toEqual(expect.any(String));
    }
    expect([await rowsOf('referrals'), await rowsOf('referral_changes'), await rowsOf('events')]).toEqual(before);
  });
});

describe('deadlines', () => {
  it('the hourly sweep tells of a lead due soon once, then overdue once; a decided lead is not reported', async () => {
    const l = await json(api(owner, partnerPath(''), { customerName: 'Stark Logistics' }));
    const decided = await json(api(owner, partnerPath(''), { customerName: 'Wayne Freight' }));
    await api(manager, consolePath(decided.id, '/decision'), { decision: 'reject', reason: 'Not a fit' });
    const registered = Date.parse(l.registeredAt);
    const worker = env as unknown as Env;
    await hourly(worker, registered + 50 * HOUR);
    await hourly(worker, registered + 51 * HOUR);
    expect((await eventsOf(l.id)).map((e) => e.type)).toEqual(['lead.registered', 'lead.due_soon']);
    await hourly(worker, registered + 73 * HOUR);
    await hourly(worker, registered + 80 * HOUR);
    const events = await eventsOf(l.id);
    expect(events.map((e) => e.type)).toEqual(['lead.registered', 'lead.due_soon', 'lead.overdue']);
    expect(events[2]).toMatchObject({ dueAt: new Date(registered + 72 * HOUR).toISOString() });
    expect((await eventsOf(decided.id)).map((e) => e.type)).toEqual(['lead.registered', 'lead.rejected']);
    const overdue = await json(api(manager, consolePath('', '?overdue=true&pageSize=100')));
    expect(overdue.items.map((r: any) => r.id)).not.toContain(decided.id);
    const late = await json(api(manager, consolePath(l.id, '/decision'), { decision: 'reject', reason: 'Too late anyway' }));
    expect(late.registration.sla).toBe('met'); // decided now, which is before the sweep's simulated time
  });
});

describe('the console\'s numbers and filters', () => {
  it("totals each list of referrals as its pages hold it: all, searched (partner and owner names too), filtered, and a representative's own", async () => {
    const all = await count('SELECT count(*) n FROM referrals WHERE program_id = ?', DEMO.programId);
    expect(all).toBeLessThan(100); // so one page of 100 holds every list below
    const partnerName = (await env.DB.prepare('SELECT name FROM partners WHERE id = ?').bind(DEMO.partnerId).first<{ name: string }>())!.name;
    const lists: [string, string][] = [[manager, ''], [manager, `&q=${encodeURIComponent(partnerName)}`], [manager, '&q=Rob%20Rep'], [manager, '&stage=won'], [rep, ''], [rep, '&q=a']];
    for (const [cookie, query] of lists) {
      const listed = await json(api(cookie, consolePath('', `?pageSize=100${query}`)));
      expect(listed.total, query).toBe(listed.items.length);
      expect(listed.total, query).toBeGreaterThan(0);
    }
    expect((await json(api(manager, consolePath('', '?pageSize=1')))).total).toBe(all);
    // D1 refuses a LIKE pattern over 50 bytes; the search is no LIKE, so the longest one allowed is answered.
    for (const cookie of [manager, rep]) expect((await json(api(cookie, consolePath('', `?q=${'x'.repeat(100)}`)))).total).toBe(0);
    expect((await json(api(owner, partnerPath('', `?q=${encodeURIComponent('%'.repeat(100))}`)))).total).toBe(0);
  });

  it('counts leads awaiting an answer and SLA misses, each representative\'s partners and pipeline, and filters partners by owner', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const o = await json(api(manager, `/programs/${DEMO.programId}/metrics?from=2026-01-01&to=${today}`));
    expect(o.leads.awaiting).toBe(await count("SELECT count(*) n FROM referrals WHERE program_id = ? AND registration_status = 'pending' AND due_at IS NOT NULL", DEMO.programId));
    expect(o.leads.overdue).toBe(0);
    const rob = o.representatives.find((r: any) => r.id === 'acc_rep');
    expect(rob).toMatchObject({ name: 'Rob Rep', partners: 1 });
    expect(rob.referrals).toBe(await count("SELECT count(*) n FROM referrals WHERE owner_account_id = 'acc_rep'"));
    expect(o.representatives.find((r: any) => r.id === 'acc_rep2')).toMatchObject({ won: 1 }); // the Globex deal
    const owned = await json(api(manager, `/programs/${DEMO.programId}/partner-records?salesRep=acc_rep`));
    expect(owned.items.map((p: any) => p.id)).toEqual([DEMO.partnerId]);
    expect(owned.total).toBe(1);
    const nobodys = await json(api(manager, `/programs/${DEMO.programId}/partner-records?salesRep=none`));
    expect(nobodys.items.every((p: any) => p.salesRep === null)).toBe(true);
    expect(nobodys.items.map((p: any) => p.id)).not.toContain(DEMO.partnerId);
  });
});

describe('referrals the program sends', () => {
  it('a manager sends a partner a referral: the partner sees it as New and works it; it is no lead to confirm', async () => {
    const sent = await json(api(manager, consolePath(), { partnerId: DEMO.partnerId, customerName: 'Soylent Corp', requirement: 'Wants a reseller in Malmö' }));
    expect(sent).toMatchObject({ type: 'program_to_partner', stage: 'new', registration: null, owner: { id: 'acc_rep' } });
    const seen = await json(api(owner, partnerPath(sent.id)));
    expect(seen.type).toBe('program_to_partner');
    expect((await api(owner, partnerPath(sent.id), { stage: 'in_progress' }, 'PATCH')).status).toBe(200);
    expect((await api(manager, consolePath(sent.id, '/decision'), { decision: 'confirm', ownerId: 'acc_rep' })).status).toBe(409);
    // The partner proposes won; the managers and the representative are told.
    expect((await api(owner, partnerPath(sent.id, '/won-proposal'), { note: 'Signed today' })).status).toBe(200);
    expect((await api(owner, partnerPath(sent.id, '/won-proposal'), {})).status).toBe(409);
    expect((await eventsOf(sent.id)).map((e) => e.type)).toEqual(['referral.sent', 'referral.stage_changed', 'referral.won_proposed']);
    // A representative sends only to their own partners.
    expect((await api(otherRep, consolePath(), { partnerId: DEMO.partnerId, customerName: 'Not yours' })).status).toBe(404);
  });

  it('removing a representative ends their access and leaves their partners and leads for a manager to assign', async () => {
    expect((await api(manager, `/programs/${DEMO.programId}/staff/acc_rep2`, undefined, 'DELETE')).status).toBe(204);
    expect((await api(otherRep, consolePath('', '?pageSize=1'))).status).toBe(404);
    expect(await count("SELECT count(*) n FROM partners WHERE sales_rep_account_id = 'acc_rep2'")).toBe(0);
    expect(await count("SELECT count(*) n FROM referrals WHERE owner_account_id = 'acc_rep2'")).toBe(0);
    expect((await api(manager, `/programs/${DEMO.programId}/staff/acc_demo_manager`, undefined, 'DELETE')).status).toBe(404);
  });
});

describe('verbal referrals', () => {
  const verbal = (who: string, body: unknown) => api(who, consolePath().replace('/referrals', '/verbal-referrals'), body);

  it("staff enter a referral heard on a call for a partner: the partner's lead, confirmed at once, with channel and who entered it", async () => {
    const r = await verbal(manager, { advocate: { partnerId: DEMO.partnerId }, channel: 'phone', customerName: 'Cyberdyne Systems', notes: 'Told at the fair' });
    expect(r.status).toBe(201);
    const v = await r.json<any>();
    expect(v).toMatchObject({ advocateInvited: false, partner: { id: DEMO.partnerId }, type: 'partner_to_program', verbal: { channel: 'phone', enteredBy: { id: 'acc_demo_manager', name: 'Maja Manager' } } });
    expect(v.registration).toMatchObject({ status: 'confirmed', locked: true });
    // A member's email stands for the member's partner; a duplicate of a locked lead waits for the program instead.
    const byMember = await json(verbal(manager, { advocate: { email: DEMO.colleagueEmail }, channel: 'meeting', customerName: 'cyberdyne systems' }));
    expect(byMember).toMatchObject({ advocateInvited: false, partner: { id: DEMO.partnerId }, registration: { status: 'pending' } });
    expect(byMember.duplicates).toEqual([{ against: 'own_lead', on: 'company', exact: true, referralId: v.id }]);
  });

  it('an advocate not in the program is invited by email; joining through it makes the referral theirs', async () => {
    const email = `ada.${Date.now().toString(36)}@advocates.example`;
    const before = await rowsOf('partners');
    const v = await json(verbal(rep, { advocate: { email, name: 'Ada Advocate' }, channel: 'event', customerName: 'Tyrell Corp', domain: 'tyrell.example' }));
    expect(v).toMatchObject({ advocateInvited: true, partner: { name: 'Ada Advocate' }, owner: { id: 'acc_rep' }, registration: { status: 'confirmed' } });
    expect(await rowsOf('partners')).toBe(before + 1);
    expect(await count('SELECT count(*) n FROM members WHERE partner_id = ?', v.partner.id)).toBe(0);
    const invite = (await env.DB.prepare("SELECT id, expires_at - created_at AS ttl FROM member_invites WHERE partner_id = ? AND role = 'owner'").bind(v.partner.id).first<any>())!;
    expect(invite.ttl).toBe(180 * DAY);
    const mail = await eventually(
      () => env.DB.prepare("SELECT status, subject FROM emails WHERE template = 'advocate_invite' AND data ->> '$.inviteId' = ?").bind(invite.id).first<any>(),
      (m) => m?.status === 'sent',
    );
    expect(mail.subject).toBe('Demo Shop recorded your referral: Tyrell Corp');
    // Ada joins through the link: the partner, and its referral, are hers.
    const token = await inviteToken((env as unknown as Env).EMAIL_LINK_SECRET!, invite.id);
    const accepted = await api(null, `/member-invites/${token}/accept`, { name: 'Ada Advocate', password: 'ada-long-password' });
    expect(accepted.status).toBe(200);
    const ada = await signIn(email, 'ada-long-password');
    const mine = await json(api(ada, `/partners/${v.partner.id}/referrals`));
    expect(mine.items.map((r: any) => [r.customerName, r.registration.status])).toEqual([['Tyrell Corp', 'confirmed']]);
  });

  it("what an advocate never claimed lapses at the end of the program's period: reversed once, the partner suspended", async () => {
    const email = `bo.${Date.now().toString(36)}@advocates.example`;
    const v = await json(verbal(manager, { advocate: { email }, channel: 'phone', customerName: `Wonka ${Date.now()}` }));
    expect((await api(manager, consolePath(v.id), { stage: 'won', valueMinor: 200_000, contractDate: '2026-12-01' }, 'PATCH')).status).toBe(200);
    const held = () => env.DB.prepare("SELECT status, sum(amount_minor) AS total FROM ledger_entries WHERE partner_id = ? GROUP BY status ORDER BY status").bind(v.partner.id).all<any>().then((r) => r.results);
    expect(await held()).toEqual([{ status: 'available', total: 20_000 }]);
    const worker = env as unknown as Env;
    await hourly(worker, Date.now() + 179 * DAY); // still within the period: kept for them
    expect(await held()).toEqual([{ status: 'available', total: 20_000 }]);
    await hourly(worker, Date.now() + 181 * DAY);
    await hourly(worker, Date.now() + 182 * DAY);
    expect(await held()).toEqual([{ status: 'available', total: 0 }, { status: 'reversed', total: 20_000 }]);
    expect((await env.DB.prepare('SELECT status, status_reason FROM partners WHERE id = ?').bind(v.partner.id).first<any>())).toEqual({
      status: 'suspended', status_reason: "Unclaimed: the advocate did not join within the program's period",
    });
    // An advocate who joined is not touched.
    expect(await count("SELECT count(*) n FROM partners WHERE name = 'Ada Advocate' AND status = 'partner'")).toBe(1);
  });

  it('bad input is refused and writes nothing: no advocate, an unknown channel, another program\'s partner', async () => {
    const before = [await rowsOf('referrals'), await rowsOf('partners'), await rowsOf('member_invites')];
    for (const body of [
      { channel: 'phone', customerName: 'X' },
      { advocate: { email: 'x@y.example' }, channel: 'fax', customerName: 'X' },
      { advocate: { partnerId: 'prt_elsewhere' }, channel: 'phone', customerName: 'X' },
      { advocate: { email: 'not-an-email' }, channel: 'phone', customerName: 'X' },
    ]) {
      const r = await verbal(manager, body);
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
    }
    expect([await rowsOf('referrals'), await rowsOf('partners'), await rowsOf('member_invites')]).toEqual(before);
  });
});
