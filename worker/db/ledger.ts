// The ledger: append-only entries, and balances as sums of them.
import { money, type Money } from '../../shared/money';
import type { LedgerDraft } from '../domain/rewards';

export type Holder = { partnerId: string } | { customerId: string };

export interface LedgerEntryRow {
  id: string;
  type: string;
  amount: Money;
  status: 'pending' | 'available' | 'paid' | 'reversed';
  reason: string;
  eventType: string;
  eventId: string;
  createdAt: number;
}

export interface BalanceRow {
  pending: Money;
  available: Money;
  paid: Money;
}

function holderWhere(h: Holder): [string, string] {
  return 'partnerId' in h ? ['partner_id = ?', h.partnerId] : ['customer_id = ?', h.customerId];
}

/**
 * An insert that posts only if the row `guardSql` names exists (so only the writer that won a race posts),
 * and only once per idempotency key.
 */
export function postEntryStatement(db: D1Database, programId: string, e: LedgerDraft, id: string, now: number, guard: { sql: string; args: unknown[] }): D1PreparedStatement {
  const partnerId = 'partnerId' in e.holder ? e.holder.partnerId : null;
  const customerId = 'customerId' in e.holder ? e.holder.customerId : null;
  return db
    .prepare(
      `INSERT INTO ledger_entries (id, program_id, partner_id, customer_id, type, amount_minor, currency, status,
         available_at, reason, event_type, event_id, idempotency_key, created_at)
       SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (${guard.sql})
       ON CONFLICT(idempotency_key) DO NOTHING`,
    )
    .bind(id, programId, partnerId, customerId, e.type, e.amount.amount, e.amount.currency, e.status, e.availableAt, e.reason, e.eventType, e.eventId, e.idempotencyKey, now, ...guard.args);
}

export async function balanceOf(db: D1Database, h: Holder, currency: string): Promise<BalanceRow> {
  const [where, arg] = holderWhere(h);
  const { results } = await db
    .prepare(`SELECT status, sum(amount_minor) AS total FROM ledger_entries WHERE ${where} AND currency = ? GROUP BY status`)
    .bind(arg, currency)
    .all<{ status: string; total: number }>();
  const of = (s: string) => money(results.find((r) => r.status === s)?.total ?? 0, currency);
  return { pending: of('pending'), available: of('available'), paid: of('paid') };
}

/** Every partner's balance in a program, in one grouped query (for the console's list). */
export async function partnerBalancesOf(db: D1Database, programId: string, currency: string): Promise<Map<string, BalanceRow>> {
  const { results } = await db
    .prepare(
      `SELECT partner_id, status, sum(amount_minor) AS total FROM ledger_entries
       WHERE program_id = ? AND partner_id IS NOT NULL AND currency = ? GROUP BY partner_id, status`,
    )
    .bind(programId, currency)
    .all<{ partner_id: string; status: string; total: number }>();
  const balances = new Map<string, BalanceRow>();
  for (const r of results) {
    const b = balances.get(r.partner_id) ?? { pending: money(0, currency), available: money(0, currency), paid: money(0, currency) };
    if (r.status === 'pending' || r.status === 'available' || r.status === 'paid') b[r.status] = money(r.total, currency);
    balances.set(r.partner_id, b);
  }
  return balances;
}

export async function entriesOf(db: D1Database, h: Holder, limit = 100): Promise<LedgerEntryRow[]> {
  const [where, arg] = holderWhere(h);
  const { results } = await db
    .prepare(`SELECT * FROM ledger_entries WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT ?`)
    .bind(arg, limit)
    .all<{ id: string; type: string; amount_minor: number; currency: string; status: LedgerEntryRow['status']; reason: string; event_type: string; event_id: string; created_at: number }>();
  return results.map((r) => ({
    id: r.id,
    type: r.type,
    amount: money(r.amount_minor, r.currency),
    status: r.status,
    reason: r.reason,
    eventType: r.event_type,
    eventId: r.event_id,
    createdAt: r.created_at,
  }));
}
