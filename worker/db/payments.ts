// Payments, refunds and subscriptions reported by the merchant's server, each written with the ledger entries it causes.
import { money, type Money } from '../../shared/money';
import type { LedgerDraft } from '../domain/ledger';
import type { Recruiter } from '../domain/commissions';
import { partnerDisplayId, type PartnerStatus } from '../domain/partners';
import { statsDay } from '../domain/daily-stats';
import { lotsUnmovedGuard, postEntries, type LotAsRead } from './ledger';
import { readOne, type Read } from './reads';

export interface PaymentRow {
  id: string;
  customerId: string;
  invoiceId: string;
  amount: Money;
  product: string | null;
  paidAt: number;
  refunded: Money;
  /** Paid in another currency and converted to the program's: what was paid, and at which rate. */
  conversion: Conversion | null;
}

export interface Conversion {
  original: Money;
  /** Units of the program's currency per unit of the original's (a decimal string). */
  rate: string;
  /** The billing provider's own rate (Stripe's balance transaction), or the program's rate table. */
  source: 'provider' | 'program';
}

interface PaymentRecord {
  id: string;
  customer_id: string;
  invoice_id: string;
  amount_minor: number;
  currency: string;
  product: string | null;
  paid_at: number;
  refunded: number;
  original_amount_minor: number | null;
  original_currency: string | null;
  fx_rate: string | null;
  fx_source: Conversion['source'] | null;
}

const PAYMENT_SQL = `SELECT p.*, coalesce((SELECT sum(r.amount_minor) FROM refunds r WHERE r.payment_id = p.id), 0) AS refunded FROM payments p`;

const toPayment = (r: PaymentRecord): PaymentRow => ({
  id: r.id,
  customerId: r.customer_id,
  invoiceId: r.invoice_id,
  amount: money(r.amount_minor, r.currency),
  product: r.product,
  paidAt: r.paid_at,
  refunded: money(r.refunded, r.currency),
  conversion:
    r.original_amount_minor !== null && r.original_currency && r.fx_rate && r.fx_source
      ? { original: money(r.original_amount_minor, r.original_currency), rate: r.fx_rate, source: r.fx_source }
      : null,
});

export function paymentByInvoiceRead(db: D1Database, programId: string, invoiceId: string): Read<PaymentRow | null> {
  const statement = db.prepare(`${PAYMENT_SQL} WHERE p.program_id = ? AND p.invoice_id = ?`).bind(programId, invoiceId);
  return { statement, from: (rows) => (rows[0] ? toPayment(rows[0] as unknown as PaymentRecord) : null) };
}

export const paymentByInvoice = (db: D1Database, programId: string, invoiceId: string) => readOne(db, paymentByInvoiceRead(db, programId, invoiceId));

/** A payment's commissions as its answer shows them. */
export interface PaymentCommission {
  partnerId: string;
  amount: Money;
  status: 'pending' | 'available';
  availableAt: number | null;
  reason: string;
}

/** The commissions the invoice's payment earned (none before it is recorded), in the order they were posted. */
export function invoiceCommissionsRead(db: D1Database, programId: string, invoiceId: string): Read<PaymentCommission[]> {
  const statement = db
    .prepare(
      `SELECT partner_id, amount_minor, currency, status, available_at, reason FROM ledger_entries
       WHERE event_type = 'payment' AND event_id = (SELECT id FROM payments WHERE program_id = ? AND invoice_id = ?) AND type = 'commission' AND lot_id IS NULL
       ORDER BY rowid`,
    )
    .bind(programId, invoiceId);
  type Row = { partner_id: string; amount_minor: number; currency: string; status: 'pending' | 'available'; available_at: number | null; reason: string };
  return {
    statement,
    from: (rows) => (rows as unknown as Row[]).map((r) => ({ partnerId: r.partner_id, amount: money(r.amount_minor, r.currency), status: r.status, availableAt: r.available_at, reason: r.reason })),
  };
}

/** What the commission rules need to know about the customer's payments and its partner, read in one round trip. */
export interface PaymentContext {
  firstPaidAt: number | null;
  partner: { id: string; displayId: string; status: PartnerStatus } | null;
  recruiter: Recruiter | null;
  firstPaymentsInPeriod: number; // the partner's customers whose first payment falls in the period
}

/**
 * The commission context of a payment of `customer` (by id, or by the external id the report names, so that it
 * reads in the same round trip as the customer) paid within `period`: one statement.
 */
export function paymentContextRead(db: D1Database, customer: { id: string } | { programId: string; externalId: string }, period: { startsAt: number; endsAt: number }): Read<PaymentContext> {
  const [by, args] = 'id' in customer ? ['id = ?3', [customer.id]] : ['program_id = ?3 AND external_id = ?4', [customer.programId, customer.externalId]];
  // The partner's rollup counts each customer on the day of their first payment (migration 0033), and a period
  // starts and ends at UTC midnight: at most 92 rows, however many customers and payments the partner has.
  const statement = db
    .prepare(
      `WITH c AS (SELECT id, partner_id FROM customers WHERE ${by})
       SELECT (SELECT min(paid_at) FROM payments WHERE customer_id = (SELECT id FROM c)) AS first_paid_at,
              p.id, p.number, p.status, r.id AS r_id, r.number AS r_number, r.status AS r_status,
              (SELECT coalesce(sum(paying), 0) FROM partner_daily_stats WHERE partner_id = (SELECT partner_id FROM c) AND day >= ?1 AND day < ?2) AS in_period
       FROM (SELECT 1) LEFT JOIN partners p ON p.id = (SELECT partner_id FROM c) LEFT JOIN partners r ON r.id = p.recruited_by_partner_id`,
    )
    .bind(statsDay(period.startsAt), statsDay(period.endsAt), ...args);
  type Row = { first_paid_at: number | null; id: string | null; number: number; status: PartnerStatus; r_id: string | null; r_number: number | null; r_status: PartnerStatus | null; in_period: number };
  return {
    statement,
    from: (rows) => {
      const r = rows[0] as unknown as Row;
      return {
        firstPaidAt: r.first_paid_at,
        partner: r.id ? { id: r.id, displayId: partnerDisplayId(r.status, r.number), status: r.status } : null,
        recruiter: r.r_id ? { partnerId: r.r_id, displayId: partnerDisplayId(r.r_status!, r.r_number!), approved: r.r_status === 'partner' } : null,
        firstPaymentsInPeriod: r.in_period,
      };
    },
  };
}

export interface NewPayment {
  id: string;
  programId: string;
  customerId: string;
  invoiceId: string;
  amount: Money;
  product: string | null;
  paidAt: number;
  conversion: Conversion | null;
  entries: LedgerDraft[];
  now: number;
}

/**
 * One transaction: the payment, unless its invoice was reported already, and the commissions it earned. A new payment
 * answers with what it wrote (its row, and its commission entries in the order they were posted, as
 * invoiceCommissionsRead would read them back); an invoice reported before, by a repeat or a racing report, reads the
 * payment that stands and what it earned, in one more round trip.
 */
export async function recordPayment(db: D1Database, p: NewPayment): Promise<{ payment: PaymentRow; created: boolean; commissions: PaymentCommission[] }> {
  const [inserted] = await db.batch(paymentStatements(db, p));
  // D1 counts the rows the payment's triggers wrote too: more than none means the payment row was inserted.
  if (inserted.meta.changes > 0) {
    const payment = { id: p.id, customerId: p.customerId, invoiceId: p.invoiceId, amount: p.amount, product: p.product, paidAt: p.paidAt, refunded: money(0, p.amount.currency), conversion: p.conversion };
    const commissions = p.entries
      .filter((e) => e.type === 'commission' && !e.lotId && 'partnerId' in e.holder)
      .map((e) => ({ partnerId: (e.holder as { partnerId: string }).partnerId, amount: e.amount, status: e.status as PaymentCommission['status'], availableAt: e.availableAt, reason: e.reason }));
    return { payment, created: true, commissions };
  }
  const standing = paymentByInvoiceRead(db, p.programId, p.invoiceId);
  const earned = invoiceCommissionsRead(db, p.programId, p.invoiceId);
  const [read, commissions] = await db.batch<Record<string, unknown>>([standing.statement, earned.statement]);
  const payment = standing.from(read.results);
  if (!payment) throw new Error('payment was not recorded');
  return { payment, created: payment.id === p.id, commissions: earned.from(commissions.results) };
}

/** A payment's writes (the row unless its invoice was reported, and its commissions), for one batch; the scale benchmark batches many. */
export function paymentStatements(db: D1Database, p: NewPayment): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO payments (id, program_id, customer_id, invoice_id, amount_minor, currency, product, paid_at, created_at,
                               original_amount_minor, original_currency, fx_rate, fx_source)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (program_id, invoice_id) DO NOTHING`,
      )
      .bind(p.id, p.programId, p.customerId, p.invoiceId, p.amount.amount, p.amount.currency, p.product, p.paidAt, p.now,
        p.conversion?.original.amount ?? null, p.conversion?.original.currency ?? null, p.conversion?.rate ?? null, p.conversion?.source ?? null),
    ...postEntries(db, p.programId, p.entries, p.now, { sql: 'SELECT 1 FROM payments WHERE id = ?', args: [p.id] }),
  ];
}

export interface RefundRow {
  id: string;
  paymentId: string;
  refundRef: string;
  amount: Money;
}

export async function refundByRef(db: D1Database, programId: string, refundRef: string): Promise<RefundRow | null> {
  const r = await db
    .prepare('SELECT r.id, r.payment_id, r.refund_ref, r.amount_minor, p.currency FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE r.program_id = ? AND r.refund_ref = ?')
    .bind(programId, refundRef)
    .first<{ id: string; payment_id: string; refund_ref: string; amount_minor: number; currency: string }>();
  return r ? { id: r.id, paymentId: r.payment_id, refundRef: r.refund_ref, amount: money(r.amount_minor, r.currency) } : null;
}

/**
 * One transaction: the refund and the clawbacks it causes, posted only against the state they were computed from:
 * the payment's refunded total (`refundedBefore`) and its commissions as read (`lots`, their moves counted). Checked
 * inside the insert, so of concurrent refunds of one payment each computes its share from what the others left, and
 * none can over-refund or claw back more than a commission holds. Returns the refund that stands under the reference
 * (this one when `created`), or null when nothing was recorded because the payment had moved: compute it again.
 */
export async function recordRefund(
  db: D1Database,
  programId: string,
  r: { id: string; paymentId: string; refundRef: string; amount: Money; refundedBefore: Money; lots: LotAsRead[]; entries: LedgerDraft[]; now: number },
): Promise<{ refund: RefundRow; created: boolean } | null> {
  const unmoved = lotsUnmovedGuard(r.lots);
  await db.batch([
    db
      .prepare(
        `INSERT INTO refunds (id, program_id, payment_id, refund_ref, amount_minor, created_at)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6
         WHERE ?7 + ?5 <= (SELECT amount_minor FROM payments WHERE id = ?3)
           AND (SELECT coalesce(sum(amount_minor), 0) FROM refunds WHERE payment_id = ?3) = ?7
           AND EXISTS (${unmoved.sql})
         ON CONFLICT (program_id, refund_ref) DO NOTHING`,
      )
      .bind(r.id, programId, r.paymentId, r.refundRef, r.amount.amount, r.now, r.refundedBefore.amount, ...unmoved.args),
    ...postEntries(db, programId, r.entries, r.now, { sql: 'SELECT 1 FROM refunds WHERE id = ?', args: [r.id] }),
  ]);
  const refund = await refundByRef(db, programId, r.refundRef);
  return refund ? { refund, created: refund.id === r.id } : null;
}

export interface SubscriptionReport {
  programId: string;
  customerId: string;
  plan: string;
  status: 'trialing' | 'active' | 'past_due' | 'canceled' | 'expired';
  amount: Money | null;
  interval: 'month' | 'year';
  expiresAt: number | null;
  canceledAt: number | null;
  now: number;
}

export function upsertSubscriptionStatement(db: D1Database, s: SubscriptionReport): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO subscriptions (id, program_id, customer_id, plan, status, amount_minor, currency, expires_at, billing_interval, canceled_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (program_id, customer_id, plan) DO UPDATE SET status = excluded.status, amount_minor = coalesce(excluded.amount_minor, amount_minor),
         currency = coalesce(excluded.currency, currency), expires_at = excluded.expires_at, billing_interval = excluded.billing_interval,
         canceled_at = excluded.canceled_at, updated_at = excluded.updated_at`,
    )
    .bind(`sub_${s.customerId}_${s.plan}`.slice(0, 120), s.programId, s.customerId, s.plan, s.status, s.amount?.amount ?? null, s.amount?.currency ?? null, s.expiresAt, s.interval, s.canceledAt, s.now);
}

/** Does the customer still have a subscription that counts as retained? */
export async function stillSubscribed(db: D1Database, customerId: string): Promise<boolean> {
  const r = await db
    .prepare("SELECT EXISTS (SELECT 1 FROM subscriptions WHERE customer_id = ? AND status IN ('trialing', 'active', 'past_due')) AS yes")
    .bind(customerId)
    .first<{ yes: number }>();
  return r?.yes === 1;
}

export interface SubscriptionRow {
  plan: string;
  status: SubscriptionReport['status'];
  amount: Money | null;
  interval: 'month' | 'year';
  expiresAt: number | null;
}

export async function subscriptionOf(db: D1Database, customerId: string, plan: string): Promise<SubscriptionRow | null> {
  const r = await db
    .prepare('SELECT plan, status, amount_minor, currency, billing_interval, expires_at FROM subscriptions WHERE customer_id = ? AND plan = ?')
    .bind(customerId, plan)
    .first<{ plan: string; status: SubscriptionRow['status']; amount_minor: number | null; currency: string | null; billing_interval: 'month' | 'year'; expires_at: number | null }>();
  return r
    ? { plan: r.plan, status: r.status, amount: r.amount_minor !== null && r.currency ? money(r.amount_minor, r.currency) : null, interval: r.billing_interval, expiresAt: r.expires_at }
    : null;
}
