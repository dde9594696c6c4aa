// The console's CSV exports (partners, referrals and leads, customers, the ledger, withdrawals): their headers and
// rows, amounts as decimals with their currency, no email of an erased customer, erased lead contacts empty, the
// formula guard, files that cross several pages of the keyset walk, and who may download them (managers only).
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, count, DEMO, seedDemo, server, signIn } from './helpers';
import { api, seedRivalAndRep } from './portal-helpers';
import { EXPORT_SQL } from '../../worker/db/exports';
import { csvCell, EXPORT_PAGE } from '../../worker/routes/csv';

const FILES = ['partners', 'referrals', 'customers', 'ledger', 'withdrawals'] as const;
const path = (file: string, program: string = DEMO.programId) => `/programs/${program}/exports/${file}.csv`;
const FORMULA = '=HYPERLINK("http://evil.test","click")';
const BULK_CUSTOMERS = 2 * EXPORT_PAGE + 205; // three pages
const BULK_ENTRIES = 2 * EXPORT_PAGE + 100; // three pages, all written in the same millisecond
let manager: string;
let rep: string;
let owner: string;

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks; lines end with CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; }
    else cell += ch;
  }
  expect(cell).toBe(''); // the file ends with CRLF
  return rows;
}

/** The file as records keyed by its header. */
async function download(file: string, cookie = manager) {
  const res = await api(cookie, path(file));
  expect(res.status).toBe(200);
  expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
  expect(res.headers.get('Content-Disposition')).toBe(`attachment; filename="${file}-${DEMO.programId}.csv"`);
  const text = await res.text();
  const [header, ...rows] = parseCsv(text);
  return { text, header, rows, records: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) };
}

beforeAll(async () => {
  await seedDemo();
  await seedRivalAndRep();
  [manager, rep, owner] = await Promise.all([signIn(DEMO.managerEmail), signIn('rep@demo.test', 'rival-pass'), signIn(DEMO.partnerEmail)]);
  // Two customers signed up through the demo invitation; one of them asks to be erased.
  for (const [customerId, email] of [['exp_kept', 'kept@example.com'], ['exp_erased', 'erase.me@example.com']]) {
    expect((await server('/api/v1/signups', { customerId, email, promoCode: DEMO.invitationCode })).status).toBeLessThan(300);
  }
  const erased = await call('/api/v1/customers/exp_erased', { method: 'DELETE', headers: { Authorization: `Bearer ${DEMO.secretKey}` } });
  expect(erased.status).toBe(204);
  const now = Date.now();
  const db = env.DB;
  await db.batch([
    // A partner whose name a spreadsheet would run as a formula, with a paid withdrawal and a clawback.
    db.prepare("INSERT INTO partners (id, program_id, number, name, email, status, created_at) VALUES ('prt_formula', ?, 400001, ?, 'formula@evil.test', 'partner', ?)").bind(DEMO.programId, FORMULA, now),
    db.prepare(
      `INSERT INTO withdrawals (id, program_id, partner_id, amount_minor, currency, payout_method, status, created_at, settled_at)
       VALUES ('wdr_export', ?, 'prt_formula', 123456, 'EUR', 'bank_account', 'paid', ?, ?)`,
    ).bind(DEMO.programId, now, now + 1000),
    // An erased customer whose row still holds an email (re-reported after its erasure): the file never shows it.
    db.prepare("INSERT INTO customers (id, program_id, external_id, email, created_at, erased_at) VALUES ('cus_exp_raw', ?, 'exp_erased_raw', 'still.here@example.com', ?, ?)").bind(DEMO.programId, now, now),
    // Many customers of the program, written cheaply in one statement.
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?2 - 1)
       INSERT INTO customers (id, program_id, external_id, email, created_at) SELECT printf('cus_bulk_%04d', i), ?1, printf('bulk_%04d', i), printf('bulk%04d@example.com', i), ?3 FROM n`,
    ).bind(DEMO.programId, BULK_CUSTOMERS, now),
    // Many ledger entries in the same millisecond: the walk must page by id within one time.
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?2 - 1)
       INSERT INTO ledger_entries (id, program_id, partner_id, type, amount_minor, currency, status, reason, event_type, event_id, idempotency_key, created_at)
       SELECT printf('led_bulk_%04d', i), ?1, 'prt_formula', CASE WHEN i = 0 THEN 'clawback' ELSE 'top_up' END, CASE WHEN i = 0 THEN -1250 ELSE 1000 END, 'EUR',
              'available', CASE WHEN i = 0 THEN '-1250 taken back, refund' ELSE 'top-up' END, 'test', printf('bulk_%04d', i), printf('bulk:%04d', i), ?3 FROM n`,
    ).bind(DEMO.programId, BULK_ENTRIES, now + 5000),
  ]);
});

describe('who may export', () => {
  it.each(FILES)('%s: program managers only; a sales representative 403, a partner 404, no session 401', async (file) => {
    expect((await api(manager, path(file))).status).toBe(200);
    const refused = await api(rep, path(file));
    expect(refused.status).toBe(403);
    expect((await refused.json<any>()).error.code).toEqual(expect.any(String));
    expect((await api(owner, path(file))).status).toBe(404);
    expect((await api(null, path(file))).status).toBe(401);
    expect((await server(`/api/v1${path(file)}`)).status).toBe(401);
    expect((await api(manager, path(file, 'prg_other'))).status).toBe(404);
  });
});

describe('the partners file', () => {
  it('has its header, a row per partner, and a formula written as text', async () => {
    const { header, records } = await download('partners');
    expect(header).toEqual(['partner_id', 'partner', 'name', 'email', 'company', 'contact_name', 'status', 'status_reason', 'sales_rep_account_id', 'sales_rep_name', 'terms_version', 'joined_at', 'approved_at']);
    expect(records).toHaveLength(await count('SELECT count(*) n FROM partners WHERE program_id = ?', DEMO.programId));
    expect(records.find((r) => r.partner_id === DEMO.partnerId)).toMatchObject({ partner: 'P100001', name: DEMO.partnerName, email: DEMO.partnerEmail, status: 'partner' });
    const formula = records.find((r) => r.partner_id === 'prt_formula')!;
    expect(formula.name).toBe(`'${FORMULA}`);
    expect(formula.joined_at).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});

describe('the customers file', () => {
  it('leaves out the email of a customer whose personal data was erased, and keeps the others', async () => {
    const { header, records } = await download('customers');
    expect(header).toEqual(['customer_id', 'email', 'erased_at', 'partner_id', 'partner', 'partner_name', 'referred_by_customer_id', 'promo_code', 'lead_id', 'attribution', 'signup_status', 'signed_up_at']);
    const erased = records.find((r) => r.customer_id === 'exp_erased')!;
    expect(erased.email).toBe('');
    expect(erased.erased_at).toMatch(/^\d{4}-/);
    expect(records.find((r) => r.customer_id === 'exp_erased_raw')).toMatchObject({ email: '', erased_at: expect.stringMatching(/^\d{4}-/) });
    expect(records.some((r) => Object.values(r).some((v) => v.includes('erase.me') || v.includes('still.here')))).toBe(false);
    expect(records.find((r) => r.customer_id === 'exp_kept')).toMatchObject({ email: 'kept@example.com', erased_at: '', partner_id: DEMO.partnerId, partner: 'P100001', promo_code: DEMO.invitationCode, attribution: 'promo_code' });
  });

  it('walks several pages: every customer once, in the order of their ids', async () => {
    const { records } = await download('customers');
    const total = await count('SELECT count(*) n FROM customers WHERE program_id = ?', DEMO.programId);
    expect(total).toBeGreaterThan(2 * EXPORT_PAGE);
    expect(records).toHaveLength(total);
    const ids = records.map((r) => r.customer_id);
    expect(new Set(ids).size).toBe(total);
    expect(ids).toEqual([...ids].sort());
    expect(ids.filter((id) => id.startsWith('bulk_'))).toHaveLength(BULK_CUSTOMERS);
  });
});

describe('the ledger file', () => {
  it('holds every entry once across pages written in one millisecond, amounts as decimals, a negative one still a number', async () => {
    const { header, records, text } = await download('ledger');
    expect(header).toEqual(['entry_id', 'created_at', 'type', 'status', 'amount', 'currency', 'available_at', 'partner_id', 'partner', 'partner_name', 'customer_id', 'reason', 'event_type', 'event_id']);
    const total = await count('SELECT count(*) n FROM ledger_entries WHERE program_id = ?', DEMO.programId);
    expect(records).toHaveLength(total);
    expect(new Set(records.map((r) => r.entry_id)).size).toBe(total);
    expect(records.filter((r) => r.entry_id.startsWith('led_bulk_'))).toHaveLength(BULK_ENTRIES);
    expect(records.find((r) => r.entry_id === 'led_bulk_0001')).toMatchObject({ type: 'top_up', amount: '10.00', currency: 'EUR', partner: 'P400001', partner_name: `'${FORMULA}` });
    const clawback = records.find((r) => r.entry_id === 'led_bulk_0000')!;
    expect(clawback).toMatchObject({ type: 'clawback', amount: '-12.50', reason: "'-1250 taken back, refund" });
    expect(text).toContain(',-12.50,EUR,');
  });
});

describe('the withdrawals file', () => {
  it('has each withdrawal with its amount as a decimal, method, status and dates', async () => {
    const { header, records } = await download('withdrawals');
    expect(header).toEqual(['withdrawal_id', 'partner_id', 'partner', 'partner_name', 'amount', 'currency', 'payout_method', 'status', 'status_reason', 'payout_batch_id', 'requested_at', 'settled_at']);
    expect(records).toHaveLength(await count('SELECT count(*) n FROM withdrawals WHERE program_id = ?', DEMO.programId));
    expect(records.find((r) => r.withdrawal_id === 'wdr_export')).toMatchObject({ partner_id: 'prt_formula', partner: 'P400001', amount: '1234.56', currency: 'EUR', payout_method: 'bank_account', status: 'paid', payout_batch_id: '' });
  });
});

describe('the referrals file', () => {
  it("has each referral and lead, its value as a decimal, and erased contacts empty", async () => {
    const sent = await api(manager, `/programs/${DEMO.programId}/referrals`, {
      partnerId: DEMO.partnerId, customerName: 'Export Prospect AB', contactPersons: 'Erik Export', contactEmails: ['erik@prospect.test'], valueMinor: 250000,
    });
    expect(sent.status).toBe(201);
    const { id } = await sent.json<{ id: string }>();
    const kept = (await download('referrals')).records.find((r) => r.referral_id === id)!;
    expect(kept).toMatchObject({ type: 'program_to_partner', customer_name: 'Export Prospect AB', contact_persons: 'Erik Export', contact_emails: 'erik@prospect.test', value: '2500.00', currency: 'EUR', partner: 'P100001' });
    expect((await api(manager, `/programs/${DEMO.programId}/referrals/${id}/contacts`, undefined, 'DELETE')).status).toBeLessThan(300);
    const { header, records } = await download('referrals');
    expect(header).toEqual([
      'referral_id', 'type', 'stage', 'registration_status', 'customer_name', 'domain', 'contact_persons', 'contact_emails', 'contacts_erased_at', 'product',
      'value', 'currency', 'partner_id', 'partner', 'partner_name', 'owner_account_id', 'owner_name', 'channel', 'registered_at', 'decided_at', 'locked_until', 'contract_date',
    ]);
    expect(records).toHaveLength(await count('SELECT count(*) n FROM referrals WHERE program_id = ?', DEMO.programId));
    const erased = records.find((r) => r.referral_id === id)!;
    expect(erased).toMatchObject({ customer_name: 'Export Prospect AB', contact_persons: '', contact_emails: '', value: '2500.00' });
    expect(erased.contacts_erased_at).toMatch(/^\d{4}-/);
  });
});

describe('the formula guard', () => {
  it.each([
    ['=1+1', "'=1+1"], ['+1', "'+1"], ['-1+1', "'-1+1"], ['@SUM(A1)', "'@SUM(A1)"], ['\tx', "'\tx"],
    ['-12.50', '-12.50'], ['-5', '-5'], ['12.50', '12.50'], ['a,b', '"a,b"'], ['say "hi"', '"say ""hi"""'],
  ])('%j is written as %j', (cell, written) => {
    expect(csvCell(cell)).toBe(written);
  });
});

describe('query plans', () => {
  const INDEX = { partners: 'partners_program_created', referrals: 'referrals_program_registered', customers: 'sqlite_autoindex_customers_1', ledger: 'ledger_program_created', withdrawals: 'withdrawals_program' };
  it.each(FILES)('%s: each page is a range of %s read in order, with no sort step', async (file) => {
    for (const after of [false, true]) {
      const args = file === 'customers' ? (after ? [DEMO.programId, 'bulk_0500', 500] : [DEMO.programId, 500]) : after ? [DEMO.programId, 0, 'x', 500] : [DEMO.programId, 500];
      const plan = (await env.DB.prepare(`EXPLAIN QUERY PLAN ${EXPORT_SQL[file](after)}`).bind(...args).all<{ detail: string }>()).results.map((r) => r.detail).join('\n');
      expect(plan).toMatch(new RegExp(`USING (COVERING )?INDEX ${INDEX[file]}`));
      expect(plan).not.toContain('TEMP B-TREE');
    }
  });
});
