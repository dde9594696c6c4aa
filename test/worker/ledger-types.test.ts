// The ledger's types: one list in the domain, the API and the table; the referrer credit posted as its own type, not as
// a commission; and migration 0020, which retypes the referrer credits already posted, over a ledger written before it.
import { applyD1Migrations, env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { LedgerEntryTypeSchema } from '../../shared/schemas/ledger';
import { ENTRY_TYPES } from '../../worker/domain/ledger';
import { signCustomerToken } from '../../worker/security/customer-token';
import { call, count, DEMO, seedDemo, server, SHOP } from './helpers';

beforeAll(seedDemo);

/** The CHECK on ledger_entries.type, as the table stands. */
async function checkedTypes(db: D1Database): Promise<string[]> {
  const sql = (await db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'ledger_entries'").first<string>('sql'))!;
  const list = /type IN \(([^)]*)\)/.exec(sql)![1];
  return [...list.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]);
}

const entry = (id: string, holder: { partnerId: string } | { customerId: string }, type: string) =>
  env.DB.prepare(
    `INSERT INTO ledger_entries (id, program_id, partner_id, customer_id, type, amount_minor, currency, status, reason, event_type, event_id, idempotency_key, created_at)
     VALUES (?, ?, ?, ?, ?, 100, 'EUR', 'available', 'test', 'test', ?, ?, 0)`,
  ).bind(id, DEMO.programId, 'partnerId' in holder ? holder.partnerId : null, 'customerId' in holder ? holder.customerId : null, type, id, `test:${id}`);

describe('one list of ledger types', () => {
  it('is the domain\'s ENTRY_TYPES, the API\'s enum and the table\'s CHECK, with referrer_credit in each', async () => {
    const domain = [...ENTRY_TYPES].sort();
    expect(domain).toContain('referrer_credit');
    expect([...LedgerEntryTypeSchema.options].sort()).toEqual(domain);
    expect((await checkedTypes(env.DB)).sort()).toEqual(domain);
    const doc = await (await call('/api/v1/openapi.json')).json<any>();
    expect([...doc.components.schemas.LedgerEntry.properties.type.enum].sort()).toEqual(domain);
  });

  it('the table refuses a commission held by a customer and a referrer credit held by a partner', async () => {
    await env.DB.prepare("INSERT INTO customers (id, program_id, external_id, created_at) VALUES ('cus_types', ?, 'types', 0)").bind(DEMO.programId).run();
    await expect(entry('led_types_1', { customerId: 'cus_types' }, 'commission').run()).rejects.toThrow(/CHECK constraint failed/);
    await expect(entry('led_types_2', { partnerId: DEMO.partnerId }, 'referrer_credit').run()).rejects.toThrow(/CHECK constraint failed/);
    await entry('led_types_3', { customerId: 'cus_types' }, 'referrer_credit').run();
    await entry('led_types_4', { partnerId: DEMO.partnerId }, 'commission').run();
    expect(await count("SELECT count(*) n FROM ledger_entries WHERE id LIKE 'led_types_%'")).toBe(2);
  });
});

describe('the referrer credit', () => {
  it('is posted as referrer_credit on the referring customer\'s ledger, and counts in their invitation\'s stats', async () => {
    const advocate = `advocate-${Date.now()}`;
    const token = await signCustomerToken(DEMO.secretKey, advocate);
    const panel = await call(`/api/v1/customer-panel?key=${DEMO.publishableKey}`, {
      method: 'POST',
      headers: { Origin: SHOP, 'Content-Type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify({ customerId: advocate, token }),
    });
    expect(panel.status).toBe(200);
    const { code } = (await panel.json<any>()).invitation;
    const friend = `friend-of-${advocate}`;
    expect((await server('/api/v1/signups', { customerId: friend, email: `${friend}@example.com`, promoCode: code })).status).toBe(201);

    const ledger = async (customerId: string) =>
      (await (await server(`/api/v1/customers/${customerId}/ledger`)).json<any>()).entries.map((e: any) => [e.type, e.amount.amount, e.status, e.eventType]);
    expect(await ledger(advocate)).toEqual([['referrer_credit', DEMO.referrerCreditMinor, 'available', 'signup']]);
    expect(await ledger(friend)).toEqual([['signup_credit', DEMO.signupCreditMinor, 'available', 'signup']]);
    const stats = await env.DB.prepare(
      'SELECT sum(signups) AS signups, sum(credits_minor) AS credits, sum(commission_minor) AS commission FROM invitation_daily_stats WHERE invitation_id = (SELECT id FROM invitations WHERE code = ?)',
    ).bind(code).first();
    expect(stats).toEqual({ signups: 1, credits: DEMO.signupCreditMinor, commission: DEMO.referrerCreditMinor });
    expect(await count("SELECT count(*) n FROM ledger_entries WHERE type = 'commission' AND customer_id IS NOT NULL")).toBe(0);
  });
});

describe('migration 0020 over a ledger written before it', () => {
  const db = env.MIGRATION_DB;
  const upTo0020 = env.TEST_MIGRATIONS.filter((m) => parseInt(m.name) < 20);
  const m0020 = env.TEST_MIGRATIONS.filter((m) => parseInt(m.name) === 20);
  const T = Date.UTC(2026, 0, 15, 9);
  const snapshot = async () => ({
    ledger: (await db.prepare('SELECT rowid AS rowid_, * FROM ledger_entries ORDER BY rowid').all<Record<string, unknown>>()).results,
    balances: (await db.prepare('SELECT * FROM holder_balances ORDER BY holder_id, currency').all()).results,
    stats: (await db.prepare('SELECT * FROM invitation_daily_stats ORDER BY invitation_id, day').all()).results,
    indexes: (await db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ledger_entries' ORDER BY name").all<{ name: string }>()).results.map((r) => r.name),
  });
  let before: Awaited<ReturnType<typeof snapshot>>;

  beforeAll(async () => {
    expect(m0020).toHaveLength(1);
    await applyD1Migrations(db, upTo0020);
    expect(await checkedTypes(db)).not.toContain('referrer_credit');
    const led = (id: string, holder: string, type: string, amount: number, status: string, event: string, eventId: string, extra: { lot?: string; subject?: string; at?: number } = {}) =>
      db.prepare(
        `INSERT INTO ledger_entries (id, program_id, partner_id, customer_id, type, amount_minor, currency, status, reason, event_type, event_id,
                                     idempotency_key, lot_id, subject_customer_id, created_at)
         VALUES (?, 'prg', ?, ?, ?, ?, 'EUR', ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).bind(id, holder.startsWith('prt') ? holder : null, holder.startsWith('cus') ? holder : null, type, amount, status, `old ${id}`, event, eventId,
        `key:${id}`, extra.lot ?? null, extra.subject ?? null, extra.at ?? T);
    // Written the old way, through the old schema and its triggers: partner and customer invitations, clicks, signups
    // (one through a customer's invitation, whose referrer credit is a customer-held commission, released later).
    await db.batch([
      db.prepare("INSERT INTO programs (id, name, currency, destination_url, created_at) VALUES ('prg', 'Old', 'EUR', 'https://shop.test/', 0)"),
      db.prepare("INSERT INTO partners (id, program_id, number, name, email, status, created_at) VALUES ('prt_a', 'prg', 100901, 'A', 'a@x.test', 'partner', 0)"),
      db.prepare("INSERT INTO partners (id, program_id, number, name, email, status, recruited_by_partner_id, created_at) VALUES ('prt_r', 'prg', 100902, 'R', 'r@x.test', 'partner', NULL, 0)"),
      db.prepare("INSERT INTO invitations (id, program_id, partner_id, code, code_key, created_at, updated_at) VALUES ('inv_a', 'prg', 'prt_a', 'OLD-A', 'OLD-A', 0, 0)"),
      db.prepare("INSERT INTO clicks (id, program_id, invitation_id, source, is_bot, is_repeat, created_at) VALUES ('k1', 'prg', 'inv_a', 'link', 0, 0, ?)").bind(T - 86_400_000),
      db.prepare("INSERT INTO clicks (id, program_id, invitation_id, source, is_bot, is_repeat, created_at) VALUES ('k2', 'prg', 'inv_a', 'qr', 1, 0, ?)").bind(T),
      db.prepare("INSERT INTO clicks (id, program_id, invitation_id, source, is_bot, is_repeat, created_at) VALUES ('k3', 'prg', 'inv_a', 'link', 0, 1, ?)").bind(T),
      db.prepare("INSERT INTO customers (id, program_id, external_id, invitation_id, partner_id, click_id, attribution_method, created_at) VALUES ('cus_1', 'prg', '1', 'inv_a', 'prt_a', 'k1', 'click', ?)").bind(T),
      db.prepare("INSERT INTO customers (id, program_id, external_id, invitation_id, partner_id, click_id, attribution_method, created_at) VALUES ('cus_2', 'prg', '2', 'inv_a', 'prt_a', 'k2', 'click', ?)").bind(T),
      db.prepare("INSERT INTO invitations (id, program_id, customer_id, code, code_key, created_at, updated_at) VALUES ('inv_c', 'prg', 'cus_1', 'OLD-C', 'OLD-C', 0, 0)"),
      db.prepare("INSERT INTO customers (id, program_id, external_id, invitation_id, referred_by_customer_id, attribution_method, created_at) VALUES ('cus_3', 'prg', '3', 'inv_c', 'cus_1', 'promo_code', ?)").bind(T),
      led('led_01', 'cus_1', 'signup_credit', 500, 'available', 'signup', 'cus_1'),
      led('led_02', 'prt_a', 'commission', 1000, 'pending', 'signup', 'cus_1', { subject: 'cus_1' }),
      led('led_03', 'prt_r', 'commission', 100, 'pending', 'signup', 'cus_1', { subject: 'cus_1' }),
      led('led_04', 'cus_3', 'signup_credit', 500, 'pending', 'signup', 'cus_3'),
      led('led_05', 'cus_1', 'commission', 500, 'pending', 'signup', 'cus_3', { subject: 'cus_3' }), // the referrer credit
      led('led_06', 'cus_1', 'release', -500, 'pending', 'signup_confirmation', 'cus_3', { lot: 'led_05', subject: 'cus_3', at: T + 1000 }),
      led('led_07', 'cus_1', 'release', 500, 'available', 'signup_confirmation', 'cus_3', { lot: 'led_05', subject: 'cus_3', at: T + 1000 }),
      led('led_08', 'prt_a', 'commission', 2000, 'pending', 'payment', 'pay_1', { subject: 'cus_1', at: T + 86_400_000 }),
      led('led_09', 'prt_a', 'clawback', -2000, 'pending', 'refund', 'ref_1', { lot: 'led_08', subject: 'cus_1', at: T + 2 * 86_400_000 }),
      led('led_10', 'prt_a', 'clawback', 2000, 'reversed', 'refund', 'ref_1', { lot: 'led_08', subject: 'cus_1', at: T + 2 * 86_400_000 }),
      led('led_11', 'cus_1', 'credit_spend', -300, 'available', 'credit_spend', 'order_1'),
      // A rowid out of sequence, so a copy that numbered rows afresh would show.
      db.prepare(
        `INSERT INTO ledger_entries (rowid, id, program_id, customer_id, type, amount_minor, currency, status, reason, event_type, event_id, idempotency_key, created_at)
         VALUES (1000, 'led_1000', 'prg', 'cus_1', 'credit_spend', -100, 'EUR', 'available', 'old', 'credit_spend', 'order_2', 'key:led_1000', ?)`,
      ).bind(T),
      led('led_1001', 'cus_2', 'signup_credit', 500, 'available', 'signup', 'cus_2'),
    ]);
    before = await snapshot();
    await applyD1Migrations(db, env.TEST_MIGRATIONS);
  });

  it('retypes exactly the customer-held commissions (the referrer credits) and keeps every other column, rowid included', async () => {
    const after = await snapshot();
    expect(after.ledger).toEqual(before.ledger.map((e) => (e.id === 'led_05' ? { ...e, type: 'referrer_credit' } : e)));
    expect(after.ledger.filter((e) => e.type === 'referrer_credit').map((e) => e.id)).toEqual(['led_05']);
    expect(after.ledger.slice(-2).map((e) => [e.rowid_, e.id])).toEqual([[1000, 'led_1000'], [1001, 'led_1001']]);
    expect(await checkedTypes(db)).toContain('referrer_credit');
  });

  it('leaves balances, the daily stats and the indexes as they were', async () => {
    const after = await snapshot();
    expect(before.stats.length).toBeGreaterThan(0);
    expect(after.balances).toEqual(before.balances);
    // The daily stats as they were; 0033 adds the paying column (no payments here: zero on every row).
    expect(after.stats).toEqual(before.stats.map((row) => ({ ...row, paying: 0 })));
    // The ledger's indexes as they were, and those that later migrations add (0032: the program's ledger by date, for its export).
    expect(after.indexes).toEqual([...before.indexes, 'ledger_program_created'].sort());
    expect((await db.prepare('PRAGMA foreign_key_check').all()).results).toEqual([]);
  });

  it('keeps the ledger append-only, and new entries still move balances and stats', async () => {
    await expect(db.prepare("UPDATE ledger_entries SET reason = 'x' WHERE id = 'led_01'").run()).rejects.toThrow(/append-only/);
    await expect(db.prepare("DELETE FROM ledger_entries WHERE id = 'led_11'").run()).rejects.toThrow(/append-only/);
    const stat = () => db.prepare("SELECT commission_minor AS c FROM invitation_daily_stats WHERE invitation_id = 'inv_c' AND day = '2026-01-15'").first<number>('c');
    const balance = () => db.prepare("SELECT available_minor AS a FROM holder_balances WHERE holder_id = 'cus_1'").first<number>('a');
    const [statBefore, balanceBefore] = [await stat(), await balance()];
    await db.prepare(
      `INSERT INTO ledger_entries (id, program_id, customer_id, type, amount_minor, currency, status, reason, event_type, event_id, idempotency_key, subject_customer_id, created_at)
       VALUES ('led_12', 'prg', 'cus_1', 'referrer_credit', 250, 'EUR', 'available', 'new', 'signup', 'cus_3', 'key:led_12', 'cus_3', ?)`,
    ).bind(T).run();
    expect(await stat()).toBe(statBefore! + 250);
    expect(await balance()).toBe(balanceBefore! + 250);
  });
});
