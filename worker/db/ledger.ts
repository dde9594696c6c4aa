// The ledger: append-only entries posted in one statement per batch, commission lots, and balances.
import { nanoid } from 'nanoid';
import { money, type Money } from '../../shared/money';
import { emptyBalance, type Balance, type EntryType, type Holder, type LedgerDraft, type Lot } from '../domain/ledger';
import type { SignupStatus } from '../domain/signups';
import { ledgerEvents } from '../domain/events';
import { eventsStatement } from './events';
import { readOne, type Read } from './reads';

export type { Holder } from '../domain/ledger';

export interface LedgerEntryRow {
  id: string;
  type: EntryType;
  amount: Money;
  status: 'pending' | 'available' | 'paid' | 'reversed';
  availableAt: number | null;
  reason: string;
  eventType: string;
  eventId: string;
  lotId: string | null;
  createdAt: number;
  /** The customer the entry is about, joined when read (reasons name them by id only); email null once erased. */
  customer: { id: string; externalId: string; email: string | null; erased: boolean; signupStatus: SignupStatus } | null;
}

export interface BalanceRow {
  pending: Money;
  available: Money;
  paid: Money;
}

export type Guard = { sql: string; args: unknown[] };
const ALWAYS: Guard = { sql: 'SELECT 1', args: [] };

/**
 * The statements that post entries, for one batch: one INSERT for any number of entries (they travel as one JSON
 * parameter), then one for the events they raise (domain/events.ts: a commission earned, available, clawed back).
 * Each entry posts at most once per idempotency key, and only if the guard's row exists, so only the writer that won
 * a race posts; an event is written only with its entry.
 */
export function postEntries(db: D1Database, programId: string, drafts: LedgerDraft[], now: number, guard: Guard = ALWAYS): D1PreparedStatement[] {
  const posted = drafts.map((draft) => ({ id: `led_${nanoid()}`, draft }));
  const rows = posted.map(({ id, draft: e }) => ({
    id,
    partnerId: 'partnerId' in e.holder ? e.holder.partnerId : null,
    customerId: 'customerId' in e.holder ? e.holder.customerId : null,
    type: e.type,
    amount: e.amount.amount,
    currency: e.amount.currency,
    status: e.status,
    availableAt: e.availableAt,
    reason: e.reason,
    eventType: e.eventType,
    eventId: e.eventId,
    key: e.idempotencyKey,
    lotId: e.lotId ?? null,
    subject: e.subjectCustomerId ?? null,
    retention: e.requiresRetention ? 1 : 0,
  }));
  const entries = db
    .prepare(
      `INSERT INTO ledger_entries (id, program_id, partner_id, customer_id, type, amount_minor, currency, status, available_at,
         reason, event_type, event_id, idempotency_key, lot_id, subject_customer_id, requires_retention, created_at)
       SELECT value ->> '$.id', ?1, value ->> '$.partnerId', value ->> '$.customerId', value ->> '$.type', value ->> '$.amount',
              value ->> '$.currency', value ->> '$.status', value ->> '$.availableAt', value ->> '$.reason', value ->> '$.eventType',
              value ->> '$.eventId', value ->> '$.key', value ->> '$.lotId', value ->> '$.subject', value ->> '$.retention', ?2
       FROM json_each(?3) WHERE EXISTS (${guard.sql})
       ON CONFLICT (idempotency_key) DO NOTHING`,
    )
    .bind(programId, now, JSON.stringify(rows), ...guard.args);
  const events = ledgerEvents(posted);
  return events.length > 0 ? [entries, eventsStatement(db, programId, events, now, ALWAYS)] : [entries];
}

/** A guard that holds while the holder's available balance covers `amount`: spending never goes below zero. */
export function coveredGuard(holderId: string, amount: Money): Guard {
  return {
    sql: 'SELECT 1 FROM holder_balances WHERE holder_id = ? AND currency = ? AND available_minor >= ?',
    args: [holderId, amount.currency, amount.amount],
  };
}

const holderId = (h: Holder) => ('partnerId' in h ? h.partnerId : h.customerId);

interface BalanceRecord {
  holder_id: string;
  pending_minor: number;
  available_minor: number;
  paid_minor: number;
  reversed_minor: number;
}

const toBalance = (r: BalanceRecord, currency: string): Balance => ({
  pending: money(r.pending_minor, currency),
  available: money(r.available_minor, currency),
  paid: money(r.paid_minor, currency),
  reversed: money(r.reversed_minor, currency),
});

/** The holder's balance in every status, as one read a caller may batch with others. */
export function fullBalanceRead(db: D1Database, h: Holder, currency: string): Read<Balance> {
  return {
    statement: db.prepare('SELECT * FROM holder_balances WHERE holder_id = ? AND currency = ?').bind(holderId(h), currency),
    from: (rows) => (rows[0] ? toBalance(rows[0] as unknown as BalanceRecord, currency) : emptyBalance(currency)),
  };
}

/** The holder's pending, available and paid balance, as one read a caller may batch with others. */
export function balanceRead(db: D1Database, h: Holder, currency: string): Read<BalanceRow> {
  const full = fullBalanceRead(db, h, currency);
  return {
    statement: full.statement,
    from: (rows) => {
      const { pending, available, paid } = full.from(rows);
      return { pending, available, paid };
    },
  };
}

export function balanceOf(db: D1Database, h: Holder, currency: string): Promise<BalanceRow> {
  return readOne(db, balanceRead(db, h, currency));
}

/** Every partner's balance in a program, in one query (for the console's list). */
export async function partnerBalancesOf(db: D1Database, programId: string, currency: string): Promise<Map<string, BalanceRow>> {
  const { results } = await db
    .prepare(`SELECT b.* FROM holder_balances b JOIN partners p ON p.id = b.holder_id WHERE p.program_id = ? AND b.currency = ?`)
    .bind(programId, currency)
    .all<BalanceRecord>();
  return new Map(results.map((r) => [r.holder_id, toBalance(r, currency)]));
}

interface EntryRecord {
  id: string;
  type: EntryType; // the table's CHECK holds it to ENTRY_TYPES
  amount_minor: number;
  currency: string;
  status: LedgerEntryRow['status'];
  available_at: number | null;
  reason: string;
  event_type: string;
  event_id: string;
  lot_id: string | null;
  created_at: number;
  c_id: string | null;
  c_external_id: string | null;
  c_email: string | null;
  c_erased_at: number | null;
  c_signup_status: SignupStatus | null;
}

/** A holder's entries, newest first. A negative limit means all of them (SQLite's LIMIT -1). */
export async function entriesOf(db: D1Database, h: Holder, limit = 100, offset = 0): Promise<LedgerEntryRow[]> {
  const column = 'partnerId' in h ? 'partner_id' : 'customer_id';
  // Who an entry is about: the customer whose signup or payment earned it, or whose subscription a client payment paid.
  const { results } = await db
    .prepare(
      `SELECT l.*, c.id AS c_id, c.external_id AS c_external_id, c.email AS c_email, c.erased_at AS c_erased_at, c.signup_status AS c_signup_status
       FROM ledger_entries l
       LEFT JOIN client_payments cp ON l.event_type = 'client_payment' AND cp.id = l.event_id
       LEFT JOIN customers c ON c.id = coalesce(l.subject_customer_id, cp.customer_id)
       WHERE l.${column} = ? ORDER BY l.created_at DESC, l.rowid DESC LIMIT ? OFFSET ?`,
    )
    .bind(holderId(h), limit, offset)
    .all<EntryRecord>();
  return results.map((r) => ({
    id: r.id,
    type: r.type,
    amount: money(r.amount_minor, r.currency),
    status: r.status,
    availableAt: r.available_at,
    reason: r.reason,
    eventType: r.event_type,
    eventId: r.event_id,
    lotId: r.lot_id,
    createdAt: r.created_at,
    customer: r.c_id ? { id: r.c_id, externalId: r.c_external_id!, email: r.c_email, erased: r.c_erased_at !== null, signupStatus: r.c_signup_status! } : null,
  }));
}

// A lot and the sums of what moved it; the WHERE clause picks which lots.
const LOTS_SQL = `
  SELECT l.id, l.partner_id, l.amount_minor, l.currency, l.available_at, l.requires_retention, l.subject_customer_id,
         l.event_type, l.event_id, l.reason,
         (l.status = 'pending') * l.amount_minor + coalesce(sum(CASE WHEN m.status = 'pending' THEN m.amount_minor END), 0) AS pending,
         (l.status = 'available') * l.amount_minor + coalesce(sum(CASE WHEN m.status = 'available' THEN m.amount_minor END), 0) AS available,
         coalesce(sum(CASE WHEN m.status = 'reversed' AND m.type = 'clawback' THEN m.amount_minor END), 0) AS clawed,
         coalesce(sum(CASE WHEN m.status = 'reversed' THEN m.amount_minor END), 0) AS reversed,
         count(m.id) AS moves
  FROM ledger_entries l LEFT JOIN ledger_entries m ON m.lot_id = l.id
  WHERE l.type = 'commission' AND l.lot_id IS NULL AND l.partner_id IS NOT NULL AND %WHERE%
  GROUP BY l.id ORDER BY l.created_at, l.rowid`;

interface LotRecord {
  id: string;
  partner_id: string;
  amount_minor: number;
  currency: string;
  available_at: number | null;
  requires_retention: number;
  subject_customer_id: string | null;
  event_type: string;
  event_id: string;
  reason: string;
  pending: number;
  available: number;
  clawed: number;
  reversed: number;
  moves: number;
}

/** A lot as read, with how many entries had moved it then: entries computed from it may post only while that holds. */
export interface LotAsRead extends Lot {
  moves: number;
}

async function lotsWhere(db: D1Database, where: string, ...args: unknown[]): Promise<LotAsRead[]> {
  const { results } = await db.prepare(LOTS_SQL.replace('%WHERE%', where)).bind(...args).all<LotRecord>();
  return results.map((r) => ({
    id: r.id,
    partnerId: r.partner_id,
    amount: money(r.amount_minor, r.currency),
    pending: money(r.pending, r.currency),
    available: money(r.available, r.currency),
    clawed: money(r.clawed, r.currency),
    reversed: money(r.reversed, r.currency),
    availableAt: r.available_at ?? 0,
    requiresRetention: r.requires_retention === 1,
    subjectCustomerId: r.subject_customer_id,
    eventType: r.event_type,
    eventId: r.event_id,
    reason: r.reason,
    moves: r.moves,
  }));
}

/**
 * Holds while no entry has moved these lots since they were read. Moves are computed from a lot's pending and
 * available parts; posted against a lot that another writer moved meanwhile, they could take more than it holds.
 */
export function lotsUnmovedGuard(lots: LotAsRead[]): Guard {
  return {
    sql: 'SELECT 1 WHERE (SELECT count(*) FROM ledger_entries WHERE lot_id IN (SELECT value FROM json_each(?))) = ?',
    args: [JSON.stringify(lots.map((l) => l.id)), lots.reduce((n, l) => n + l.moves, 0)],
  };
}

/** The commissions a payment earned. */
export const lotsOfPayment = (db: D1Database, paymentId: string) => lotsWhere(db, "l.event_type = 'payment' AND l.event_id = ?", paymentId);

/** Every commission a partner holds. */
export const lotsOfPartner = (db: D1Database, partnerId: string) => lotsWhere(db, 'l.partner_id = ?', partnerId);

/** The retention-bound commissions earned on a customer. */
export const retentionLotsOf = (db: D1Database, customerId: string) => lotsWhere(db, 'l.subject_customer_id = ? AND l.requires_retention = 1', customerId);

/**
 * The program's commissions that were posted pending and whose hold has ended by `at`. A commission earned on a
 * customer whose signup is not confirmed (awaiting confirmation, held for review, rejected or expired) is not released.
 */
export const maturedLotsOf = (db: D1Database, programId: string, at: number) =>
  lotsWhere(
    db,
    `l.program_id = ? AND l.status = 'pending' AND l.available_at <= ?
     AND NOT EXISTS (SELECT 1 FROM customers sc WHERE sc.id = l.subject_customer_id AND sc.signup_status <> 'confirmed')`,
    programId,
    at,
  );

export interface Mismatch {
  holderId: string;
  currency: string;
  status: string;
  recorded: number;
  sumOfEntries: number;
}

/**
 * The invariant: every balance equals the sum of its entries, and no commission has more taken from it than it
 * held. Returns every violation (none when the ledger is sound).
 */
export async function ledgerViolations(db: D1Database, programId: string): Promise<{ balances: Mismatch[]; overdrawnLots: string[] }> {
  const { results } = await db
    .prepare(
      `WITH sums AS (
         SELECT coalesce(partner_id, customer_id) AS holder_id, currency,
                sum(CASE WHEN status = 'pending' THEN amount_minor ELSE 0 END) AS pending,
                sum(CASE WHEN status = 'available' THEN amount_minor ELSE 0 END) AS available,
                sum(CASE WHEN status = 'paid' THEN amount_minor ELSE 0 END) AS paid,
                sum(CASE WHEN status = 'reversed' THEN amount_minor ELSE 0 END) AS reversed
         FROM ledger_entries WHERE program_id = ?1 GROUP BY 1, 2),
       pairs AS (
         SELECT s.holder_id, s.currency, s.pending, s.available, s.paid, s.reversed,
                coalesce(b.pending_minor, 0) AS b_pending, coalesce(b.available_minor, 0) AS b_available,
                coalesce(b.paid_minor, 0) AS b_paid, coalesce(b.reversed_minor, 0) AS b_reversed
         FROM sums s LEFT JOIN holder_balances b ON b.holder_id = s.holder_id AND b.currency = s.currency
         UNION ALL
         SELECT b.holder_id, b.currency, 0, 0, 0, 0, b.pending_minor, b.available_minor, b.paid_minor, b.reversed_minor
         FROM holder_balances b WHERE b.program_id = ?1
           AND NOT EXISTS (SELECT 1 FROM sums s WHERE s.holder_id = b.holder_id AND s.currency = b.currency))
       SELECT * FROM pairs WHERE pending <> b_pending OR available <> b_available OR paid <> b_paid OR reversed <> b_reversed`,
    )
    .bind(programId)
    .all<{ holder_id: string; currency: string; pending: number; available: number; paid: number; reversed: number; b_pending: number; b_available: number; b_paid: number; b_reversed: number }>();
  const balances: Mismatch[] = results.flatMap((r) =>
    (['pending', 'available', 'paid', 'reversed'] as const)
      .filter((s) => r[s] !== r[`b_${s}`])
      .map((s) => ({ holderId: r.holder_id, currency: r.currency, status: s, recorded: r[`b_${s}`], sumOfEntries: r[s] })),
  );
  const lots = await db
    .prepare(
      `SELECT l.id FROM ledger_entries l JOIN ledger_entries m ON m.lot_id = l.id
       WHERE l.program_id = ? AND l.lot_id IS NULL GROUP BY l.id
       HAVING l.amount_minor + sum(CASE WHEN m.status IN ('pending', 'available') THEN m.amount_minor ELSE 0 END) < 0
           OR sum(CASE WHEN m.status = 'reversed' THEN m.amount_minor ELSE 0 END) > l.amount_minor`,
    )
    .bind(programId)
    .all<{ id: string }>();
  return { balances, overdrawnLots: lots.results.map((r) => r.id) };
}

/** What an event moved into a status, in total (e.g. how much a refund clawed back). */
export async function postedBy(db: D1Database, eventType: string, eventId: string, status: string, currency: string): Promise<Money> {
  const r = await db
    .prepare('SELECT coalesce(sum(amount_minor), 0) AS total FROM ledger_entries WHERE event_type = ? AND event_id = ? AND status = ? AND currency = ?')
    .bind(eventType, eventId, status, currency)
    .first<{ total: number }>();
  return money(r?.total ?? 0, currency);
}
