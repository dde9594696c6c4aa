// Billing integrations: the providers' signing secrets, the events received with their outcome, the links between
// the providers' ids and ours, the refund facts the providers told of, and the program's exchange rates.
import { money, type Money } from '../../shared/money';
import type { BillingEventStatus, BillingMode, BillingProvider, ExchangeRate, RefundFact } from '../domain/billing';

export interface BillingSecretRow {
  id: string;
  provider: BillingProvider;
  mode: BillingMode;
  secretSealed: string;
  secretHint: string;
  createdAt: number;
}

interface SecretRecord {
  id: string;
  provider: BillingProvider;
  mode: BillingMode;
  secret_sealed: string;
  secret_hint: string;
  created_at: number;
}

const toSecret = (r: SecretRecord): BillingSecretRow => ({ id: r.id, provider: r.provider, mode: r.mode, secretSealed: r.secret_sealed, secretHint: r.secret_hint, createdAt: r.created_at });

/** The program's signing secrets, newest first (for one provider, or all). */
export async function billingSecretsOf(db: D1Database, programId: string, provider?: BillingProvider): Promise<BillingSecretRow[]> {
  const { results } = await db
    .prepare(`SELECT * FROM billing_secrets WHERE program_id = ?1 AND (?2 IS NULL OR provider = ?2) ORDER BY created_at DESC, id`)
    .bind(programId, provider ?? null)
    .all<SecretRecord>();
  return results.map(toSecret);
}

export function insertBillingSecretStatement(db: D1Database, programId: string, s: BillingSecretRow): D1PreparedStatement {
  return db
    .prepare('INSERT INTO billing_secrets (id, program_id, provider, mode, secret_sealed, secret_hint, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .bind(s.id, programId, s.provider, s.mode, s.secretSealed, s.secretHint, s.createdAt);
}

export async function deleteBillingSecret(db: D1Database, programId: string, provider: BillingProvider, id: string): Promise<boolean> {
  const r = await db.prepare('DELETE FROM billing_secrets WHERE program_id = ? AND provider = ? AND id = ?').bind(programId, provider, id).run();
  return r.meta.changes > 0;
}

export async function setBillingMode(db: D1Database, programId: string, mode: BillingMode): Promise<void> {
  await db.prepare('UPDATE programs SET billing_mode = ? WHERE id = ?').bind(mode, programId).run();
}

export async function billingModeOf(db: D1Database, programId: string): Promise<BillingMode | null> {
  const r = await db.prepare('SELECT billing_mode FROM programs WHERE id = ?').bind(programId).first<{ billing_mode: BillingMode }>();
  return r?.billing_mode ?? null;
}

export interface BillingEventRow {
  id: string;
  programId: string;
  provider: BillingProvider;
  eventId: string;
  type: string;
  livemode: boolean;
  occurredAt: number;
  receivedAt: number;
  deliveries: number;
  status: BillingEventStatus;
  reason: string | null;
  attempts: number;
  nextAttemptAt: number | null;
  settledAt: number | null;
  customerId: string | null;
  /** Null in lists, which leave it out. */
  payload: string | null;
  hasPayload: boolean;
}

interface EventRecord {
  id: string;
  program_id: string;
  provider: BillingProvider;
  event_id: string;
  type: string;
  livemode: number;
  occurred_at: number;
  received_at: number;
  deliveries: number;
  status: BillingEventStatus;
  reason: string | null;
  attempts: number;
  next_attempt_at: number | null;
  settled_at: number | null;
  customer_id: string | null;
  payload: string | null;
  has_payload: number;
}

const toEvent = (r: EventRecord): BillingEventRow => ({
  id: r.id,
  programId: r.program_id,
  provider: r.provider,
  eventId: r.event_id,
  type: r.type,
  livemode: r.livemode === 1,
  occurredAt: r.occurred_at,
  receivedAt: r.received_at,
  deliveries: r.deliveries,
  status: r.status,
  reason: r.reason,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  settledAt: r.settled_at,
  customerId: r.customer_id,
  payload: r.payload,
  hasPayload: r.has_payload === 1,
});

const EVENT_SQL = 'SELECT *, payload IS NOT NULL AS has_payload FROM billing_events';

export interface NewBillingEvent {
  id: string;
  programId: string;
  provider: BillingProvider;
  eventId: string;
  type: string;
  livemode: boolean;
  occurredAt: number;
  payload: string;
  now: number;
}

/**
 * The event, unless the provider delivered it before; then its deliveries are counted. Returns the row that stands
 * and whether this delivery created it.
 */
export async function receiveBillingEvent(db: D1Database, e: NewBillingEvent): Promise<{ event: BillingEventRow; created: boolean }> {
  const [, row] = await db.batch([
    db
      .prepare(
        `INSERT INTO billing_events (id, program_id, provider, event_id, type, livemode, occurred_at, received_at, status, next_attempt_at, payload)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, ?)
         ON CONFLICT (program_id, provider, event_id) DO UPDATE SET deliveries = deliveries + 1`,
      )
      .bind(e.id, e.programId, e.provider, e.eventId, e.type, e.livemode ? 1 : 0, e.occurredAt, e.now, e.now, e.payload),
    db.prepare(`${EVENT_SQL} WHERE program_id = ? AND provider = ? AND event_id = ?`).bind(e.programId, e.provider, e.eventId),
  ]);
  const event = toEvent(row.results[0] as EventRecord);
  return { event, created: event.id === e.id };
}

export async function getBillingEvent(db: D1Database, programId: string, id: string): Promise<BillingEventRow | null> {
  const r = await db.prepare(`${EVENT_SQL} WHERE program_id = ? AND id = ?`).bind(programId, id).first<EventRecord>();
  return r ? toEvent(r) : null;
}

/**
 * Claims the event for one application (for `claimMs`): returns it when it is received or waiting and nobody else
 * holds it, else null. Every claim counts as an attempt.
 */
export async function claimBillingEvent(db: D1Database, id: string, now: number, claimMs: number): Promise<BillingEventRow | null> {
  const r = await db
    .prepare(
      `UPDATE billing_events SET claimed_until = ?2, attempts = attempts + 1
       WHERE id = ?1 AND status IN ('received', 'waiting') AND (claimed_until IS NULL OR claimed_until <= ?3)
       RETURNING *, payload IS NOT NULL AS has_payload`,
    )
    .bind(id, now + claimMs, now)
    .first<EventRecord>();
  return r ? toEvent(r) : null;
}

/** What became of an application: settled (applied, refused, ignored), or waiting until `nextAttemptAt`. An erased customer's payload goes. */
export async function settleBillingEvent(
  db: D1Database,
  id: string,
  o: { status: BillingEventStatus; reason: string | null; nextAttemptAt: number | null; customerId: string | null; now: number },
): Promise<void> {
  await db
    .prepare(
      `UPDATE billing_events SET status = ?2, reason = ?3, next_attempt_at = ?4, customer_id = coalesce(?5, customer_id), claimed_until = NULL,
         settled_at = CASE WHEN ?2 IN ('applied', 'refused', 'ignored') THEN ?6 ELSE NULL END,
         payload = CASE WHEN EXISTS (SELECT 1 FROM customers WHERE id = coalesce(?5, customer_id) AND erased_at IS NOT NULL) THEN NULL ELSE payload END
       WHERE id = ?1`,
    )
    .bind(id, o.status, o.reason, o.nextAttemptAt, o.customerId, o.now)
    .run();
}

/** A refused or ignored event, applied again after a fix: received anew, with its attempts counted from zero. */
export async function reopenBillingEvent(db: D1Database, programId: string, id: string, now: number): Promise<boolean> {
  const r = await db
    .prepare(
      `UPDATE billing_events SET status = 'received', reason = NULL, attempts = 0, next_attempt_at = ?3, claimed_until = NULL, settled_at = NULL
       WHERE program_id = ?1 AND id = ?2 AND status IN ('refused', 'ignored', 'waiting') AND payload IS NOT NULL`,
    )
    .bind(programId, id, now)
    .run();
  return r.meta.changes > 0;
}

/** The program's waiting events, made due now: something they waited for may have arrived. */
export async function wakeWaitingEvents(db: D1Database, programId: string, now: number, limit = 100): Promise<string[]> {
  const { results } = await db
    .prepare(
      `UPDATE billing_events SET next_attempt_at = ?2
       WHERE id IN (SELECT id FROM billing_events WHERE program_id = ?1 AND status = 'waiting' ORDER BY received_at LIMIT ?3)
       RETURNING id`,
    )
    .bind(programId, now, limit)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

/** Received or waiting events that are due and held by nobody: those whose queue message was lost, for the sweep. */
export async function dueBillingEvents(db: D1Database, now: number, limit = 500): Promise<string[]> {
  const { results } = await db
    .prepare(
      `SELECT id FROM billing_events WHERE status IN ('received', 'waiting') AND next_attempt_at <= ?1 AND (claimed_until IS NULL OR claimed_until <= ?1)
       ORDER BY next_attempt_at LIMIT ?2`,
    )
    .bind(now, limit)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

/** The program's events, newest first, optionally of one status, paged after the last one shown (by time, then id). */
export async function billingEventsOf(
  db: D1Database,
  programId: string,
  q: { status?: BillingEventStatus; provider?: BillingProvider; before?: string; limit: number },
): Promise<BillingEventRow[]> {
  const { results } = await db
    .prepare(
      `SELECT id, program_id, provider, event_id, type, livemode, occurred_at, received_at, deliveries, status, reason, attempts, next_attempt_at,
              settled_at, customer_id, NULL AS payload, payload IS NOT NULL AS has_payload
       FROM billing_events WHERE program_id = ?1 AND (?2 IS NULL OR status = ?2) AND (?3 IS NULL OR provider = ?3)
         AND (?4 IS NULL OR (received_at, id) < (SELECT received_at, id FROM billing_events WHERE program_id = ?1 AND id = ?4))
       ORDER BY received_at DESC, id DESC LIMIT ?5`,
    )
    .bind(programId, q.status ?? null, q.provider ?? null, q.before ?? null, q.limit)
    .all<EventRecord>();
  return results.map(toEvent);
}

/** Payloads are personal data: dropped for an erased customer, and for events settled before `olderThan`. */
export function dropCustomerPayloadsStatement(db: D1Database, customerId: string): D1PreparedStatement {
  return db.prepare('UPDATE billing_events SET payload = NULL WHERE customer_id = ?').bind(customerId);
}

export async function pruneBillingPayloads(db: D1Database, olderThan: number, limit: number): Promise<number> {
  const r = await db
    .prepare(
      `UPDATE billing_events SET payload = NULL WHERE id IN
         (SELECT id FROM billing_events WHERE settled_at < ? AND payload IS NOT NULL AND status IN ('applied', 'ignored') LIMIT ?)`,
    )
    .bind(olderThan, limit)
    .run();
  return r.meta.changes;
}

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
export async function exchangeRatesOf(db: D1Database, programId: string, currency?: string): Promise<ExchangeRate[]> {
  const { results } = await db
    .prepare('SELECT currency, as_of, rate FROM exchange_rates WHERE program_id = ?1 AND (?2 IS NULL OR currency = ?2) ORDER BY currency, as_of DESC')
    .bind(programId, currency ?? null)
    .all<{ currency: string; as_of: string; rate: string }>();
  return results.map((r) => ({ currency: r.currency, asOf: r.as_of, rate: r.rate }));
}

/** Sets the rate of a currency for a day (a second one for the same day replaces it). */
export async function putExchangeRate(db: D1Database, programId: string, r: ExchangeRate, now: number): Promise<void> {
  await db
    .prepare('INSERT INTO exchange_rates (program_id, currency, as_of, rate, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET rate = excluded.rate, created_at = excluded.created_at')
    .bind(programId, r.currency, r.asOf, r.rate, now)
    .run();
}

export async function deleteExchangeRate(db: D1Database, programId: string, currency: string, asOf: string): Promise<boolean> {
  const r = await db.prepare('DELETE FROM exchange_rates WHERE program_id = ? AND currency = ? AND as_of = ?').bind(programId, currency, asOf).run();
  return r.meta.changes > 0;
}
