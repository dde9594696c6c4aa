// Terms re-acceptance: publishing new terms asks every partner to accept them; until an owner does, what the program's
// setting names is refused (409, nothing written) while what was earned keeps earning; acceptances are recorded once,
// kept as history, listed and exported by the console; the emails are written a bounded chunk of partners at a time.
import { applyD1Migrations, env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { clickThrough, count, DEMO, eventually, seedDemo, server, signIn } from './helpers';
import { api, seedRivalAndRep } from './portal-helpers';
import type { Env } from '../../worker/env';
import { relayEvents } from '../../worker/flows/outbox';
import { sendEmail } from '../../worker/flows/emails';
import { publishTerms } from '../../worker/db/terms';
import { getMailing, mailTermsChunk } from '../../worker/db/terms-mailings';

const worker = env as unknown as Env;
let manager: string;
let joined = 0;

beforeAll(async () => {
  await seedDemo();
  await seedRivalAndRep();
  manager = await signIn(DEMO.managerEmail);
});

/** A partner registered through the link (accepting the current version), approved, with its owner signed in. */
async function registered(partnerName = `Terms Partners ${++joined}`): Promise<{ partnerId: string; accountId: string; owner: string }> {
  const email = `terms.${Date.now()}.${++joined}@join.test`;
  const version = (await (await api(null, `/join/${DEMO.programId}`)).json<any>()).terms.version;
  const res = await api(null, `/join/${DEMO.programId}`, { name: 'Tove Terms', email, password: 'long-enough', partnerName, termsVersion: version });
  expect(res.status).toBe(201);
  const { partnerId } = await res.json<any>();
  expect((await api(manager, `/programs/${DEMO.programId}/partners/${partnerId}/status`, { action: 'approve' })).status).toBe(200);
  const accountId = (await env.DB.prepare('SELECT id FROM accounts WHERE email = ?').bind(email).first<{ id: string }>())!.id;
  return { partnerId, accountId, owner: await signIn(email, 'long-enough') };
}

const publish = async (body: string) => {
  const res = await api(manager, `/programs/${DEMO.programId}/terms`, { body });
  expect(res.status).toBe(201);
  return (await res.json<any>()).version as number;
};

const tables = () => count(`SELECT (SELECT count(*) FROM invitations) + (SELECT count(*) FROM withdrawals) + (SELECT count(*) FROM referrals) + (SELECT count(*) FROM terms_acceptances) AS n`);

describe('new terms pause what the program chose until an owner accepts them', () => {
  let p: Awaited<ReturnType<typeof registered>>;
  let version: number;

  beforeAll(async () => {
    p = await registered();
    version = await publish('Version two of the partner terms: new commission rules.');
  });

  it('writes one terms.published event and one mailing in the batch that publishes', async () => {
    const events = await env.DB.prepare("SELECT data FROM events WHERE program_id = ? AND type = 'terms.published'").bind(DEMO.programId).all<{ data: string }>();
    expect(events.results.map((e) => JSON.parse(e.data))).toEqual([{ version }]);
    expect(await count('SELECT count(*) n FROM terms_mailings WHERE program_id = ? AND version = ?', DEMO.programId, version)).toBe(1);
  });

  it('shows the partner the new terms, that it must accept them, what waits, and that its owner may accept', async () => {
    const standing = await (await api(p.owner, `/partners/${p.partnerId}/terms/current`)).json<any>();
    expect(standing).toMatchObject({ terms: { version, body: 'Version two of the partner terms: new commission rules.' }, acceptedVersion: version - 1, mustAccept: true, paused: ['invitations', 'withdrawals'], mayAccept: true });
    const asStaff = await (await api(manager, `/partners/${p.partnerId}/terms/current`)).json<any>();
    expect(asStaff).toMatchObject({ mustAccept: true, mayAccept: false });
  });

  it('refuses a new invitation and a withdrawal with 409 terms_not_accepted, writing nothing; a referral is not paused by default', async () => {
    const before = await tables();
    const invitation = await api(p.owner, `/partners/${p.partnerId}/invitations`, {});
    expect(invitation.status).toBe(409);
    expect(await invitation.json()).toEqual({
      error: {
        code: 'terms_not_accepted',
        message: `Creating new invitations waits until an owner of the partner accepts version ${version} of the program's terms (see Program terms).`,
        details: { action: 'invitations', currentVersion: version, acceptedVersion: version - 1 },
      },
    });
    const withdrawal = await api(p.owner, `/partners/${p.partnerId}/withdrawals`, { amount: { amount: 5000, currency: 'EUR' } });
    expect([withdrawal.status, (await withdrawal.json<any>()).error.code]).toEqual([409, 'terms_not_accepted']);
    expect(await tables()).toBe(before);
    expect((await api(p.owner, `/partners/${p.partnerId}/referrals`, { customerName: 'Still Registered AB' })).status).toBe(201);
  });

  it("keeps what was earned: the partner's existing invitation still redirects and attributes a signup", async () => {
    const code = `TERMS-${joined}`;
    await env.DB.prepare('INSERT INTO invitations (id, program_id, partner_id, code, code_key, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, 0, 0)')
      .bind(`inv_terms_${joined}`, DEMO.programId, p.partnerId, code, code).run();
    const { res, clickId } = await clickThrough(code);
    expect([res.status, clickId]).toEqual([302, expect.any(String)]);
    const customerId = `terms-customer-${joined}`;
    expect((await server('/api/v1/signups', { customerId, email: `${customerId}@example.com`, clickId })).status).toBe(201);
    expect(await env.DB.prepare('SELECT partner_id FROM customers WHERE external_id = ?').bind(customerId).first('partner_id')).toBe(p.partnerId);
  });

  it('lets only an owner accept, only the current version, and records it once', async () => {
    const path = `/partners/${p.partnerId}/terms/acceptances`;
    const byStaff = await api(manager, path, { version });
    expect([byStaff.status, (await byStaff.json<any>()).error.code]).toEqual([403, 'forbidden']);
    const old = await api(p.owner, path, { version: version - 1 });
    expect([old.status, (await old.json<any>()).error]).toEqual([409, expect.objectContaining({ code: 'terms_not_current', details: { currentVersion: version } })]);
    const future = await api(p.owner, path, { version: version + 1 });
    expect(future.status).toBe(409);

    const first = await api(p.owner, path, { version });
    expect(first.status).toBe(201);
    const accepted = await first.json<any>();
    expect(accepted).toEqual({ version, acceptedAt: expect.any(String), acceptedBy: { id: p.accountId, name: 'Tove Terms' } });
    const again = await api(p.owner, path, { version });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(accepted);
    expect(await count('SELECT count(*) n FROM terms_acceptances WHERE partner_id = ? AND version = ?', p.partnerId, version)).toBe(1);
    expect(await count("SELECT count(*) n FROM events WHERE type = 'terms.accepted' AND json_extract(data, '$.partnerId') = ?", p.partnerId)).toBe(1);
    const row = await env.DB.prepare('SELECT terms_version, terms_accepted_at FROM partners WHERE id = ?').bind(p.partnerId).first<any>();
    expect(row).toEqual({ terms_version: version, terms_accepted_at: Date.parse(accepted.acceptedAt) });
  });

  it('lifts the pause once accepted', async () => {
    expect(await (await api(p.owner, `/partners/${p.partnerId}/terms/current`)).json()).toMatchObject({ mustAccept: false, paused: [], acceptedVersion: version });
    expect((await api(p.owner, `/partners/${p.partnerId}/invitations`, {})).status).toBe(201);
  });

  it('keeps the history: the version accepted at registration and the new one, each with who accepted', async () => {
    const history = await (await api(p.owner, `/partners/${p.partnerId}/terms/acceptances`)).json<any[]>();
    expect(history.map((a) => [a.version, a.acceptedBy?.id])).toEqual([[version, p.accountId], [version - 1, p.accountId]]);
    // Another partner's member cannot read it.
    const rival = await signIn('rival@other.test', 'rival-pass');
    expect((await api(rival, `/partners/${p.partnerId}/terms/acceptances`)).status).toBe(404);
  });
});

describe("the program's setting", () => {
  it('is read and changed with the other settings, and refuses unknown or repeated actions (400, nothing changed)', async () => {
    const path = `/programs/${DEMO.programId}/settings`;
    expect((await (await api(manager, path)).json<any>()).pausedUntilTermsAccepted).toEqual(['invitations', 'withdrawals']);
    for (const bad of [['nope'], ['referrals', 'referrals'], 'referrals']) {
      expect((await api(manager, path, { pausedUntilTermsAccepted: bad }, 'PATCH')).status).toBe(400);
    }
    const res = await api(manager, path, { pausedUntilTermsAccepted: ['referrals', 'client_payments'] }, 'PATCH');
    expect((await res.json<any>()).pausedUntilTermsAccepted).toEqual(['referrals', 'client_payments']);
  });

  it('decides what waits: with referrals paused, registering a referral is refused and an invitation is not', async () => {
    const p = await registered();
    await publish('Version with referrals paused until accepted, for the setting test.');
    const before = await tables();
    const referral = await api(p.owner, `/partners/${p.partnerId}/referrals`, { customerName: 'Paused Prospect' });
    expect([referral.status, (await referral.json<any>()).error.code]).toEqual([409, 'terms_not_accepted']);
    expect(await tables()).toBe(before);
    expect((await api(p.owner, `/partners/${p.partnerId}/invitations`, {})).status).toBe(201);
    await api(manager, `/programs/${DEMO.programId}/settings`, { pausedUntilTermsAccepted: ['invitations', 'withdrawals'] }, 'PATCH');
  });

  it('never pauses a partner that joined before any terms existed, though it is asked to accept', async () => {
    const now = Date.now();
    await env.DB.batch([
      env.DB.prepare("INSERT INTO partners (id, program_id, number, name, email, status, created_at) VALUES ('prt_before_terms', ?, 100990, 'Early AB', 'early@x.test', 'partner', ?)").bind(DEMO.programId, now),
      env.DB.prepare("INSERT INTO members (id, partner_id, account_id, role, created_at) VALUES ('mem_early', 'prt_before_terms', 'acc_demo_partner', 'owner', ?)").bind(now),
    ]);
    const owner = await signIn();
    expect(await (await api(owner, '/partners/prt_before_terms/terms/current')).json()).toMatchObject({ acceptedVersion: null, mustAccept: true, paused: [] });
    expect((await api(owner, '/partners/prt_before_terms/invitations', {})).status).toBe(201);
  });
});

describe('the console', () => {
  it('counts the partners that accepted the current version', async () => {
    const version = await publish('Version for counting acceptances in the console.');
    const summary = async () => (await api(manager, `/programs/${DEMO.programId}/terms`)).json<any>();
    const before = await summary();
    expect(before).toMatchObject({ terms: { version }, accepted: 0, pausedUntilTermsAccepted: ['invitations', 'withdrawals'] });
    expect(before.partners).toBe(await count("SELECT count(*) n FROM partners WHERE program_id = ? AND status != 'rejected'", DEMO.programId));
    const owner = await signIn();
    expect((await api(owner, `/partners/${DEMO.partnerId}/terms/acceptances`, { version })).status).toBe(201);
    expect((await summary()).accepted).toBe(1);
  });

  it('lists acceptances newest first, a page at a time, to staff (a sales representative too)', async () => {
    const rep = await signIn('rep@demo.test', 'rival-pass');
    const all = await count('SELECT count(*) n FROM terms_acceptances WHERE program_id = ?', DEMO.programId);
    const seen: string[] = [];
    let before: string | null = null;
    do {
      const page: any = await (await api(rep, `/programs/${DEMO.programId}/terms/acceptances?limit=2${before ? `&before=${before}` : ''}`)).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((a: any) => `${a.partnerId}:${a.version}:${a.acceptedAt}`));
      before = page.next;
    } while (before);
    expect(seen).toHaveLength(all);
    expect(new Set(seen).size).toBe(all);
    const times = seen.map((s) => Date.parse(s.split(':').slice(2).join(':')));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect((await api(rep, `/programs/${DEMO.programId}/terms/acceptances?before=not-a-cursor`)).status).toBe(400);
  });

  it('exports them as CSV, one version at a time if asked, with formula-like names made inert', async () => {
    const p = await registered('=HYPERLINK("https://evil.test","Click")');
    const res = await api(manager, `/programs/${DEMO.programId}/terms/acceptances/export.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('partner_id,partner,partner_name,version,accepted_at,accepted_by_account_id,accepted_by_name');
    expect(lines).toHaveLength(1 + (await count('SELECT count(*) n FROM terms_acceptances WHERE program_id = ?', DEMO.programId)));
    const row = lines.find((l) => l.startsWith(p.partnerId))!;
    expect(row).toContain(`,"'=HYPERLINK(""https://evil.test"",""Click"")",`);
    expect(row).toContain(`,${p.accountId},Tove Terms`);
    const one = (await (await api(manager, `/programs/${DEMO.programId}/terms/acceptances/export.csv?version=1`)).text()).trimEnd().split('\r\n');
    expect(one.slice(1).every((l) => l.split(',')[3] === '1')).toBe(true);
    expect(one.length - 1).toBe(await count('SELECT count(*) n FROM terms_acceptances WHERE program_id = ? AND version = 1', DEMO.programId));
  });
});

describe('the emails that ask partners to accept', () => {
  it('go to every member of every partner that has not accepted, through the relay and the EMAILS queue', async () => {
    const waiting = await registered();
    const version = await publish('Version for the terms emails: everyone is asked.');
    await relayEvents(worker);
    const mailing = await eventually(() => getMailing(env.DB, DEMO.programId, version), (m) => m?.finishedAt != null);
    expect(mailing!.finishedAt).not.toBeNull();
    const sent = await eventually(
      () => env.DB.prepare("SELECT status, subject FROM emails WHERE account_id = ? AND template = 'terms_updated' AND json_extract(data, '$.version') = ?").bind(waiting.accountId, version).first<any>(),
      (e) => e?.status === 'sent',
    );
    expect(sent).toEqual({ status: 'sent', subject: 'Demo Shop has new partner terms to accept' });
    // Every member of every partner short of the version got one; a rejected partner none.
    const expected = await count(
      `SELECT count(*) n FROM members m JOIN partners p ON p.id = m.partner_id WHERE p.program_id = ? AND p.status != 'rejected' AND coalesce(p.terms_version, 0) < ?`,
      DEMO.programId, version,
    );
    expect(await count("SELECT count(*) n FROM emails WHERE template = 'terms_updated' AND json_extract(data, '$.version') = ?", version)).toBe(expected);
  });

  it('write a bounded chunk of partners at a time, in partner order, and finish after the last', async () => {
    await env.DB.batch([
      env.DB.prepare("INSERT INTO programs (id, name, currency, destination_url, created_at) VALUES ('prg_chunks', 'Chunks', 'EUR', 'https://chunks.test/', 0)"),
      env.DB.prepare("INSERT INTO program_terms (program_id, version, body, created_at) VALUES ('prg_chunks', 1, 'First terms of the chunk program.', 0)"),
      ...[1, 2, 3, 4, 5].flatMap((i) => [
        env.DB.prepare("INSERT INTO partners (id, program_id, number, name, email, status, terms_version, created_at) VALUES (?, 'prg_chunks', ?, ?, ?, 'partner', 1, 0)").bind(`prt_chunk_${i}`, 100600 + i, `Chunk ${i}`, `chunk${i}@x.test`),
        env.DB.prepare("INSERT INTO members (id, partner_id, account_id, role, created_at) VALUES (?, ?, 'acc_demo_partner', 'owner', 0)").bind(`mem_chunk_${i}`, `prt_chunk_${i}`),
      ]),
    ]);
    const now = Date.now();
    expect(await publishTerms(env.DB, 'prg_chunks', 'Second terms of the chunk program.', now)).toMatchObject({ version: 2 });
    // Leased far ahead: the queue's chain leaves this mailing to the test.
    await env.DB.prepare("UPDATE terms_mailings SET queued_until = ? WHERE program_id = 'prg_chunks'").bind(now + 86_400_000).run();
    const emailed = () => env.DB.prepare("SELECT json_extract(data, '$.partnerId') AS p FROM emails WHERE program_id = 'prg_chunks' ORDER BY p").all<{ p: string }>().then((r) => r.results.map((x) => x.p));
    const steps = [];
    for (let i = 0; i < 3; i++) {
      const m = (await getMailing(env.DB, 'prg_chunks', 2))!;
      steps.push({ ...(await mailTermsChunk(env.DB, m, now, 2)), partners: (await emailed()).length });
    }
    expect(steps).toEqual([{ finished: false, emails: 2, partners: 2 }, { finished: false, emails: 2, partners: 4 }, { finished: true, emails: 1, partners: 5 }]);
    expect(await emailed()).toEqual([1, 2, 3, 4, 5].map((i) => `prt_chunk_${i}`));
  });

  it('are skipped when the partner accepted before they went out, or newer terms were published', async () => {
    const emailOf = (partnerId: string) => env.DB.prepare("SELECT id FROM emails WHERE json_extract(data, '$.partnerId') = ?").bind(partnerId).first<string>('id');
    await env.DB.prepare("UPDATE partners SET terms_version = 2 WHERE id = 'prt_chunk_1'").run();
    await sendEmail(worker, (await emailOf('prt_chunk_1'))!);
    await publishTerms(env.DB, 'prg_chunks', 'Third terms of the chunk program.', Date.now());
    await sendEmail(worker, (await emailOf('prt_chunk_2'))!);
    const settled = await env.DB.prepare("SELECT json_extract(data, '$.partnerId') AS p, status, last_error FROM emails WHERE json_extract(data, '$.partnerId') IN ('prt_chunk_1', 'prt_chunk_2') ORDER BY p").all();
    expect(settled.results).toEqual([
      { p: 'prt_chunk_1', status: 'skipped', last_error: 'The partner accepted these terms before the email was sent.' },
      { p: 'prt_chunk_2', status: 'skipped', last_error: 'Newer terms were published; their own email asks for them.' },
    ]);
  });
});

describe('migration 0028', () => {
  it("back-fills the history from partners' accepted versions, crediting the registering owner", async () => {
    const db = env.MIGRATION_DB;
    const migrations = env.TEST_MIGRATIONS;
    await applyD1Migrations(db, migrations.filter((m) => parseInt(m.name) < 28));
    await db.batch([
      db.prepare("INSERT INTO programs (id, name, currency, destination_url, created_at) VALUES ('prg', 'Old', 'EUR', 'https://shop.test/', 0)"),
      db.prepare("INSERT INTO accounts (id, email, name, password_hash, created_at) VALUES ('acc_o', 'o@x.test', 'Olga Owner', 'x', 0), ('acc_l', 'l@x.test', 'Lars Later', 'x', 0)"),
      db.prepare("INSERT INTO partners (id, program_id, number, name, email, status, terms_version, terms_accepted_at, created_at) VALUES ('prt_1', 'prg', 100901, 'One', 'o@x.test', 'partner', 1, 500, 100)"),
      db.prepare("INSERT INTO partners (id, program_id, number, name, email, status, created_at) VALUES ('prt_2', 'prg', 100902, 'Two', 't@x.test', 'partner', 100)"),
      db.prepare("INSERT INTO members (id, partner_id, account_id, role, created_at) VALUES ('m1', 'prt_1', 'acc_o', 'owner', 100), ('m2', 'prt_1', 'acc_l', 'owner', 900)"),
    ]);
    await applyD1Migrations(db, migrations);
    const rows = await db.prepare('SELECT partner_id, version, program_id, account_id, accepted_at FROM terms_acceptances').all();
    expect(rows.results).toEqual([{ partner_id: 'prt_1', version: 1, program_id: 'prg', account_id: 'acc_o', accepted_at: 500 }]);
    expect(await db.prepare("SELECT paused_until_terms_accepted AS p FROM programs WHERE id = 'prg'").first('p')).toBe('["invitations","withdrawals"]');
  });
});
