// What billing providers' ids stand for here (customers, charges, promotion codes, Paddle buyers' emails), what they
// charged per payment (tax included), and the refunds they told of.
import { money, type Money } from '../../shared/money';
import type { BillingProvider, RefundFact } from '../domain/billing';

export type LinkKind = 'customer' | 'charge' | 'payment_intent' | 'promotion_code' | 'email';

/** What the provider's ids stand for (the first link of an id stands). */
export function linkStatements(db: D1Database, programId: string, provider: BillingProvider, kind: LinkKind, pairs: [string, string][], now: number): D1PreparedStatement[] {
  return pairs.map(([externalId, value]) =>
    db
      .prepare('INSERT INTO billing_links (program_id, provider, kind, external_id, value, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
      .bind(programId, provider, kind, externalId, value, now),
  );
}

/** A promotion code's text may change at the provider (an update event): the latest stands. */
export function promotionCodeStatement(db: D1Database, programId: string, provider: BillingProvider, id: string, code: string, now: number): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO billing_links (program_id, provider, kind, external_id, value, created_at) VALUES (?, ?, 'promotion_code', ?, ?, ?)
       ON CONFLICT DO UPDATE SET value = excluded.value`,
    )
    .bind(programId, provider, id, code, now);
}

/** A provider customer's email, as the provider last told it (personal data: see dropEmailLinks and pruneEmailLinks). */
export function emailLinkStatement(db: D1Database, programId: string, provider: BillingProvider, customer: string, email: string, now: number): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO billing_links (program_id, provider, kind, external_id, value, created_at) VALUES (?, ?, 'email', ?, ?, ?)
       ON CONFLICT DO UPDATE SET value = excluded.value, created_at = excluded.created_at`,
    )
    .bind(programId, provider, customer, email, now);
}

/** An erased customer's emails as the providers told them. */
export function dropEmailLinksStatement(db: D1Database, customerId: string): D1PreparedStatement {
  return db.prepare(
    `DELETE FROM billing_links WHERE kind = 'email' AND (program_id, provider, external_id) IN
       (SELECT program_id, provider, external_id FROM billing_links WHERE kind = 'customer' AND value = ?)`,
  ).bind(customerId);
}

/** Emails learnt before `olderThan`: a buyer who was never attributed keeps none for long. */
export async function pruneEmailLinks(db: D1Database, olderThan: number, limit: number): Promise<number> {
  const r = await db
    .prepare(
      `DELETE FROM billing_links WHERE kind = 'email' AND (program_id, provider, external_id) IN
         (SELECT program_id, provider, external_id FROM billing_links WHERE kind = 'email' AND created_at < ? LIMIT ?)`,
    )
    .bind(olderThan, limit)
    .run();
  return r.meta.changes;
}

/** The values linked to any of `externalIds`, in their order. */
export async function linkedValues(db: D1Database, programId: string, provider: BillingProvider, kind: LinkKind, externalIds: string[]): Promise<string[]> {
  if (externalIds.length === 0) return [];
  const { results } = await db
    .prepare(
      `SELECT external_id, value FROM billing_links WHERE program_id = ? AND provider = ? AND kind = ? AND external_id IN (${externalIds.map(() => '?').join(', ')})`,
    )
    .bind(programId, provider, kind, ...externalIds)
    .all<{ external_id: string; value: string }>();
  const byId = new Map(results.map((r) => [r.external_id, r.value]));
  return externalIds.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

/** What the provider charged for the payment, tax included (the first report stands). */
export function grossPaymentStatement(db: D1Database, programId: string, provider: BillingProvider, invoiceId: string, gross: Money): D1PreparedStatement {
  return db
    .prepare('INSERT INTO billing_payments (program_id, provider, invoice_id, gross_minor, currency) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
    .bind(programId, provider, invoiceId, gross.amount, gross.currency);
}

export async function grossPaymentOf(db: D1Database, programId: string, provider: BillingProvider, invoiceId: string): Promise<Money | null> {
  const r = await db
    .prepare('SELECT gross_minor, currency FROM billing_payments WHERE program_id = ? AND provider = ? AND invoice_id = ?')
    .bind(programId, provider, invoiceId)
    .first<{ gross_minor: number; currency: string }>();
  return r ? money(r.gross_minor, r.currency) : null;
}

/** A refund fact; a charge's running total only ever grows (an older event arriving late changes nothing). */
export function refundFactStatement(db: D1Database, programId: string, provider: BillingProvider, invoiceId: string, f: RefundFact): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO billing_refund_facts (program_id, provider, fact_id, invoice_id, charge_id, amount_minor) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT DO UPDATE SET amount_minor = max(amount_minor, excluded.amount_minor)`,
    )
    .bind(programId, provider, f.factId, invoiceId, f.chargeId, f.amount.amount);
}

export async function refundFactsOf(db: D1Database, programId: string, invoiceId: string, currency: string): Promise<RefundFact[]> {
  const { results } = await db
    .prepare('SELECT fact_id, charge_id, amount_minor FROM billing_refund_facts WHERE program_id = ? AND invoice_id = ?')
    .bind(programId, invoiceId)
    .all<{ fact_id: string; charge_id: string; amount_minor: number }>();
  return results.map((r) => ({ factId: r.fact_id, chargeId: r.charge_id, amount: money(r.amount_minor, currency) }));
}

/** The program's exchange rates, by currency and day. */
