// Billing events as received: stored once per provider event id, claimed while applied, settled with their outcome,
// listed for the console; their payloads (personal data) dropped on erasure and 90 days after they settled.
import type { BillingEventStatus, BillingProvider } from '../domain/billing';

export interface BillingEventRow {
  id: string;
  programId: string;
  provider: BillingProvider;
  eventId: string;
  type: string;
  livemode: boolean;
  occurredAt: number;
  receivedAt: number;
  /** When it was received or last replayed. */
  openedAt: number;
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
  opened_at: number;
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
  openedAt: r.opened_at,
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
        `INSERT INTO billing_events (id, program_id, provider, event_id, type, livemode, occurred_at, received_at, opened_at, status, next_attempt_at, payload)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, 'received', ?8, ?9)
         ON CONFLICT (program_id, provider, event_id) DO UPDATE SET deliveries = deliveries + 1`,
      )
      .bind(e.id, e.programId, e.provider, e.eventId, e.type, e.livemode ? 1 : 0, e.occurredAt, e.now, e.payload),
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

/**
 * What became of an application: settled (applied, refused, ignored), or waiting until `nextAttemptAt` for the keys
 * in `waitsFor`. An erased customer's payload goes.
 */
export async function settleBillingEvent(
  db: D1Database,
  id: string,
  o: { status: BillingEventStatus; reason: string | null; nextAttemptAt: number | null; customerId: string | null; waitsFor?: string[]; now: number },
): Promise<void> {
  await db.batch([
    db
      .prepare(
        `UPDATE billing_events SET status = ?2, reason = ?3, next_attempt_at = ?4, customer_id = coalesce(?5, customer_id), claimed_until = NULL,
           settled_at = CASE WHEN ?2 IN ('applied', 'refused', 'ignored') THEN ?6 ELSE NULL END,
           payload = CASE WHEN EXISTS (SELECT 1 FROM customers WHERE id = coalesce(?5, customer_id) AND erased_at IS NOT NULL) THEN NULL ELSE payload END
         WHERE id = ?1`,
      )
      .bind(id, o.status, o.reason, o.nextAttemptAt, o.customerId, o.now),
    db.prepare('DELETE FROM billing_waits WHERE event_id = ?').bind(id),
    ...(o.status === 'waiting' ? [...new Set(o.waitsFor ?? [])] : []).map((key) =>
      db.prepare('INSERT OR IGNORE INTO billing_waits (program_id, wait_key, event_id) SELECT program_id, ?, id FROM billing_events WHERE id = ?').bind(key, id),
    ),
  ]);
}

/** A refused or ignored event, applied again after a fix: received anew, with its attempts counted from zero. */
export async function reopenBillingEvent(db: D1Database, programId: string, id: string, now: number): Promise<boolean> {
  const r = await db
    .prepare(
      `UPDATE billing_events SET status = 'received', reason = NULL, attempts = 0, next_attempt_at = ?3, claimed_until = NULL, settled_at = NULL,
         opened_at = ?3
       WHERE program_id = ?1 AND id = ?2 AND status IN ('refused', 'ignored', 'waiting') AND payload IS NOT NULL`,
    )
    .bind(programId, id, now)
    .run();
  return r.meta.changes > 0;
}

/** The program's events that wait for one of `keys`, made due now: what they waited for has become known. */
export async function wakeWaitingEvents(db: D1Database, programId: string, keys: string[], now: number): Promise<string[]> {
  if (keys.length === 0) return [];
  const { results } = await db
    .prepare(
      `UPDATE billing_events SET next_attempt_at = ?2
       WHERE status = 'waiting' AND id IN (SELECT event_id FROM billing_waits WHERE program_id = ?1 AND wait_key IN (${keys.map((_, i) => `?${i + 3}`).join(', ')}))
       RETURNING id`,
    )
    .bind(programId, now, ...keys)
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
      `SELECT id, program_id, provider, event_id, type, livemode, occurred_at, received_at, opened_at, deliveries, status, reason, attempts, next_attempt_at,
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
