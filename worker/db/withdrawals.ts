// Withdrawals and partner spending: each written together with its ledger entry, guarded so a balance never goes below zero.
import { money, negate, type Money } from '../../shared/money';
import { withdrawalMoved } from '../domain/events';
import type { LedgerDraft } from '../domain/ledger';
import { eventsStatement } from './events';
import { coveredGuard, postEntries } from './ledger';
import { readOne, type Read } from './reads';

export type WithdrawalStatus = 'requested' | 'approved' | 'paid' | 'failed' | 'canceled';

export interface WithdrawalRow {
  id: string;
  partnerId: string;
  amount: Money;
  payoutMethod: 'card' | 'bank_account';
  status: WithdrawalStatus;
  statusReason: string | null;
  payoutBatchId: string | null;
  createdAt: number;
  settledAt: number | null;
}

interface WithdrawalRecord {
  id: string;
  partner_id: string;
  amount_minor: number;
  currency: string;
  payout_method: 'card' | 'bank_account';
  status: WithdrawalStatus;
  status_reason: string | null;
  payout_batch_id: string | null;
  created_at: number;
  settled_at: number | null;
}

const toWithdrawal = (r: WithdrawalRecord): WithdrawalRow => ({
  id: r.id,
  partnerId: r.partner_id,
  amount: money(r.amount_minor, r.currency),
  payoutMethod: r.payout_method,
  status: r.status,
  statusReason: r.status_reason,
  payoutBatchId: r.payout_batch_id,
  createdAt: r.created_at,
  settledAt: r.settled_at,
});

export function withdrawalsRead(db: D1Database, partnerId: string, limit = 50): Read<WithdrawalRow[]> {
  return {
    statement: db.prepare('SELECT * FROM withdrawals WHERE partner_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?').bind(partnerId, limit),
    from: (rows) => (rows as unknown as WithdrawalRecord[]).map(toWithdrawal),
  };
}

export async function getWithdrawal(db: D1Database, programId: string, id: string): Promise<WithdrawalRow | null> {
  const r = await db.prepare('SELECT * FROM withdrawals WHERE program_id = ? AND id = ?').bind(programId, id).first<WithdrawalRecord>();
  return r ? toWithdrawal(r) : null;
}

export type PayoutFacts = { payoutMethod: 'card' | 'bank_account' | null; hasOpenRequest: boolean };

export function payoutFactsRead(db: D1Database, partnerId: string): Read<PayoutFacts> {
  return {
    statement: db
      .prepare(
        `SELECT payout_method, EXISTS (SELECT 1 FROM withdrawals WHERE partner_id = ?1 AND status IN ('requested', 'approved')) AS open
         FROM partners WHERE id = ?1`,
      )
      .bind(partnerId),
    from: (rows) => {
      const r = rows[0] as { payout_method: 'card' | 'bank_account' | null; open: number } | undefined;
      return { payoutMethod: r?.payout_method ?? null, hasOpenRequest: r?.open === 1 };
    },
  };
}

export function payoutFacts(db: D1Database, partnerId: string): Promise<PayoutFacts> {
  return readOne(db, payoutFactsRead(db, partnerId));
}

/**
 * The request and its reserving entry in one transaction. The insert itself re-checks the available balance,
 * the minimum and that no other request is open, so concurrent requests cannot overdraw. Returns whether it stood.
 */
export async function requestWithdrawal(
  db: D1Database,
  w: { id: string; programId: string; partnerId: string; amount: Money; minimum: Money; method: string; memberId: string | null; entry: LedgerDraft; now: number },
): Promise<boolean> {
  const covered = coveredGuard(w.partnerId, w.amount);
  const [insert] = await db.batch([
    db
      .prepare(
        `INSERT INTO withdrawals (id, program_id, partner_id, amount_minor, currency, payout_method, payout_details, status, requested_by_member_id, created_at)
         SELECT ?, ?, ?, ?, ?, ?, (SELECT payout_details FROM partners WHERE id = ?), 'requested', ?, ?
         WHERE ? >= ? AND EXISTS (${covered.sql})
           AND NOT EXISTS (SELECT 1 FROM withdrawals WHERE partner_id = ? AND status IN ('requested', 'approved'))`,
      )
      .bind(w.id, w.programId, w.partnerId, w.amount.amount, w.amount.currency, w.method, w.partnerId, w.memberId, w.now, w.amount.amount, w.minimum.amount, ...covered.args, w.partnerId),
    ...postEntries(db, w.programId, [w.entry], w.now, { sql: 'SELECT 1 FROM withdrawals WHERE id = ?', args: [w.id] }),
    eventsStatement(db, w.programId, [withdrawalMoved({ id: w.id, partnerId: w.partnerId, amount: w.amount, status: 'requested', reason: null })], w.now, {
      sql: 'SELECT 1 FROM withdrawals WHERE id = ?',
      args: [w.id],
    }),
  ]);
  return insert.meta.changes === 1;
}

/**
 * Moves a withdrawal from one status to the next and posts what that move means for the ledger (money paid out,
 * or returned to the balance). Retrying posts nothing twice. Returns whether this call made the move.
 */
export async function settleWithdrawal(
  db: D1Database,
  programId: string,
  w: { id: string; partnerId: string; amount: Money; from: WithdrawalStatus[]; to: WithdrawalStatus; reason: string | null; entry: LedgerDraft; now: number },
): Promise<boolean> {
  const from = w.from.map(() => '?').join(', ');
  const [update] = await db.batch([
    db
      .prepare(`UPDATE withdrawals SET status = ?, status_reason = ?, settled_at = ? WHERE id = ? AND program_id = ? AND partner_id = ? AND status IN (${from})`)
      .bind(w.to, w.reason, w.now, w.id, programId, w.partnerId, ...w.from),
    ...postEntries(db, programId, [w.entry], w.now, { sql: 'SELECT 1 FROM withdrawals WHERE id = ? AND status = ?', args: [w.id, w.to] }),
    ...(w.to === 'approved' || w.to === 'requested'
      ? []
      : [eventsStatement(db, programId, [withdrawalMoved({ ...w, status: w.to })], w.now, { sql: 'SELECT 1 FROM withdrawals WHERE id = ? AND status = ?', args: [w.id, w.to] })]),
  ]);
  return update.meta.changes === 1;
}

/** Posts an entry that spends from a balance, only while the balance covers it. Returns whether it was posted now. */
export async function spend(db: D1Database, programId: string, holderId: string, entry: LedgerDraft, now: number): Promise<boolean> {
  const cost = negate(entry.amount);
  const [r] = await db.batch(postEntries(db, programId, [entry], now, coveredGuard(holderId, cost)));
  return r.meta.changes > 0; // the balance trigger's row counts too
}

/** The amount an idempotency key posted, if it posted. */
export async function postedAmount(db: D1Database, idempotencyKey: string): Promise<Money | null> {
  const r = await db.prepare('SELECT amount_minor, currency FROM ledger_entries WHERE idempotency_key = ?').bind(idempotencyKey).first<{ amount_minor: number; currency: string }>();
  return r ? money(r.amount_minor, r.currency) : null;
}

export interface ClientPaymentRecord {
  id: string;
  programId: string;
  partnerId: string;
  customerId: string;
  plan: string;
  listPrice: Money;
  discountBps: number;
  price: Money;
  paidUntil: number;
  expiresAtBefore: number | null; // the expiry the price and paidUntil were computed from
  accountId: string | null;
  entry: LedgerDraft;
  now: number;
}

/**
 * The client payment, its entry and the subscription's new expiry, in one transaction guarded by the balance and by
 * the expiry it extends: of two payments racing for the same interval, only the first pays. The unique index on
 * (customer, plan, paid_until) holds the same in the database: a second payment for an interval writes nothing.
 */
export async function payForClient(db: D1Database, p: ClientPaymentRecord): Promise<boolean> {
  const covered = coveredGuard(p.partnerId, p.price);
  const [insert] = await db.batch([
    db
      .prepare(
        `INSERT INTO client_payments (id, program_id, partner_id, customer_id, plan, list_price_minor, discount_bps, price_minor, currency, paid_until, requested_by_account_id, created_at)
         SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (${covered.sql})
           AND EXISTS (SELECT 1 FROM subscriptions WHERE program_id = ? AND customer_id = ? AND plan = ? AND expires_at IS ?)
         ON CONFLICT (customer_id, plan, paid_until) WHERE repeats_interval = 0 DO NOTHING`,
      )
      .bind(p.id, p.programId, p.partnerId, p.customerId, p.plan, p.listPrice.amount, p.discountBps, p.price.amount, p.price.currency, p.paidUntil, p.accountId, p.now, ...covered.args, p.programId, p.customerId, p.plan, p.expiresAtBefore),
    ...postEntries(db, p.programId, [p.entry], p.now, { sql: 'SELECT 1 FROM client_payments WHERE id = ?', args: [p.id] }),
    db
      // By the subscription's unique key (program, customer, plan), so it is found through its index.
      .prepare(`UPDATE subscriptions SET status = 'active', expires_at = ?, canceled_at = NULL, updated_at = ? WHERE program_id = ? AND customer_id = ? AND plan = ? AND EXISTS (SELECT 1 FROM client_payments WHERE id = ?)`)
      .bind(p.paidUntil, p.now, p.programId, p.customerId, p.plan, p.id),
  ]);
  return insert.meta.changes === 1;
}

/** Whether the interval ending at `paidUntil` of this subscription has been paid for by a partner. */
export async function intervalPaid(db: D1Database, customerId: string, plan: string, paidUntil: number): Promise<boolean> {
  const r = await db.prepare('SELECT 1 FROM client_payments WHERE customer_id = ? AND plan = ? AND paid_until = ?').bind(customerId, plan, paidUntil).first();
  return r !== null;
}

export async function clientPaymentsSince(db: D1Database, programId: string, since: number, limit = 100) {
  const { results } = await db
    .prepare(
      `SELECT cp.id, c.external_id, cp.plan, cp.list_price_minor, cp.discount_bps, cp.price_minor, cp.currency, cp.paid_until, cp.created_at, p.number, p.status
       FROM client_payments cp JOIN customers c ON c.id = cp.customer_id JOIN partners p ON p.id = cp.partner_id
       WHERE cp.program_id = ? AND cp.created_at > ? ORDER BY cp.created_at, cp.rowid LIMIT ?`,
    )
    .bind(programId, since, limit)
    .all<{ id: string; external_id: string; plan: string; list_price_minor: number; discount_bps: number; price_minor: number; currency: string; paid_until: number; created_at: number; number: number; status: string }>();
  return results;
}
