// Webhook endpoints, their deliveries and attempts: the SQL behind the delivery of events to the merchant's systems.
import { EVENT_VERSIONS, webhookTest, type EventType } from '../domain/events';
import { dueEmailsExist, emailFanOutStatements, emailManagersStatement } from './emails';
import { FAN_OUT_BATCH, IN_FAN_OUT_BATCH } from './events';
import { dueMailingsExist } from './terms-mailings';

export interface EndpointRow {
  id: string;
  programId: string;
  url: string;
  description: string | null;
  eventTypes: EventType[] | null;
  secretSealed: string;
  secretHint: string;
  previousSecretSealed: string | null;
  previousSecretExpiresAt: number | null;
  enabled: boolean;
  disabledReason: string | null;
  createdAt: number;
  updatedAt: number;
}

interface EndpointRecord {
  id: string;
  program_id: string;
  url: string;
  description: string | null;
  event_types: string | null;
  secret_sealed: string;
  secret_hint: string;
  previous_secret_sealed: string | null;
  previous_secret_expires_at: number | null;
  enabled: number;
  disabled_reason: string | null;
  created_at: number;
  updated_at: number;
}

const toEndpoint = (r: EndpointRecord): EndpointRow => ({
  id: r.id,
  programId: r.program_id,
  url: r.url,
  description: r.description,
  eventTypes: r.event_types === null ? null : (JSON.parse(r.event_types) as EventType[]),
  secretSealed: r.secret_sealed,
  secretHint: r.secret_hint,
  previousSecretSealed: r.previous_secret_sealed,
  previousSecretExpiresAt: r.previous_secret_expires_at,
  enabled: r.enabled === 1,
  disabledReason: r.disabled_reason,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function endpointsOf(db: D1Database, programId: string): Promise<EndpointRow[]> {
  const { results } = await db.prepare('SELECT * FROM webhook_endpoints WHERE program_id = ? ORDER BY created_at').bind(programId).all<EndpointRecord>();
  return results.map(toEndpoint);
}

export async function getEndpoint(db: D1Database, programId: string, id: string): Promise<EndpointRow | null> {
  const r = await db.prepare('SELECT * FROM webhook_endpoints WHERE program_id = ? AND id = ?').bind(programId, id).first<EndpointRecord>();
  return r ? toEndpoint(r) : null;
}

export async function insertEndpoint(db: D1Database, e: EndpointRow): Promise<void> {
  await db
    .prepare(
      `INSERT INTO webhook_endpoints (id, program_id, url, description, event_types, secret_sealed, secret_hint, enabled, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    )
    .bind(e.id, e.programId, e.url, e.description, e.eventTypes === null ? null : JSON.stringify(e.eventTypes), e.secretSealed, e.secretHint, e.createdAt, e.updatedAt)
    .run();
}

export interface EndpointChanges {
  url?: string;
  description?: string | null;
  eventTypes?: EventType[] | null;
  enabled?: boolean;
}

/** Applies the changes; enabling again clears why it was disabled. */
export async function updateEndpoint(db: D1Database, programId: string, id: string, c: EndpointChanges, now: number): Promise<void> {
  const columns: [string, unknown][] = [['updated_at', now]];
  if (c.url !== undefined) columns.push(['url', c.url]);
  if (c.description !== undefined) columns.push(['description', c.description]);
  if (c.eventTypes !== undefined) columns.push(['event_types', c.eventTypes === null ? null : JSON.stringify(c.eventTypes)]);
  if (c.enabled !== undefined) columns.push(['enabled', c.enabled ? 1 : 0], ['disabled_reason', null]);
  await db
    .prepare(`UPDATE webhook_endpoints SET ${columns.map(([k]) => `${k} = ?`).join(', ')} WHERE program_id = ? AND id = ?`)
    .bind(...columns.map(([, v]) => v), programId, id)
    .run();
}

/** A new signing secret; the one it replaces keeps signing until `previousExpiresAt`. */
export async function rotateEndpointSecret(db: D1Database, id: string, s: { sealed: string; hint: string; previousExpiresAt: number; now: number }): Promise<void> {
  await db
    .prepare(
      `UPDATE webhook_endpoints SET previous_secret_sealed = secret_sealed, previous_secret_expires_at = ?, secret_sealed = ?, secret_hint = ?, updated_at = ?
       WHERE id = ?`,
    )
    .bind(s.previousExpiresAt, s.sealed, s.hint, s.now, id)
    .run();
}

/** Deletes the endpoint with its deliveries and their attempts (the events stay). */
export async function deleteEndpoint(db: D1Database, programId: string, id: string): Promise<boolean> {
  const r = await db.prepare('DELETE FROM webhook_endpoints WHERE program_id = ? AND id = ?').bind(programId, id).run();
  return r.meta.changes > 0;
}

/** Disables the endpoint and, in the same batch, emails the program's managers why. False when it was disabled already. */
export async function disableEndpoint(db: D1Database, e: { id: string; programId: string }, reason: string, now: number): Promise<boolean> {
  const [r] = await db.batch([
    db.prepare('UPDATE webhook_endpoints SET enabled = 0, disabled_reason = ?, updated_at = ? WHERE id = ? AND enabled = 1').bind(reason, now, e.id),
    emailManagersStatement(
      db,
      { programId: e.programId, template: 'webhook_endpoint_disabled', cause: `${e.id}:${now}`, data: { endpointId: e.id, reason }, now },
      { sql: 'SELECT 1 FROM webhook_endpoints WHERE id = ? AND enabled = 0 AND updated_at = ?', args: [e.id, now] },
    ),
  ]);
  return r.meta.changes > 0;
}

/** Whether the relay has anything to do: events not fanned out yet, or deliveries, emails or terms mailings due whose message is not on its way. */
export async function relayHasWork(db: D1Database, now: number): Promise<boolean> {
  const emails = dueEmailsExist(now);
  const mailings = dueMailingsExist(now);
  const r = await db
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM events WHERE fanned_out_at IS NULL)
           OR EXISTS (SELECT 1 FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ? AND (queued_until IS NULL OR queued_until < ?))
           OR ${emails.sql} OR ${mailings.sql} AS work`,
    )
    .bind(now, now, ...emails.args, ...mailings.args)
    .first<{ work: number }>();
  return r?.work === 1;
}

/**
 * One fan-out batch, for the relay's transaction: of the oldest FAN_OUT_BATCH events not fanned out yet
 * (IN_FAN_OUT_BATCH), a delivery for each to every enabled endpoint of its program that wants its type and existed
 * when it happened, and the emails it sends (db/emails.ts); then those events are marked fanned out. `created` counts
 * the batch's events, deliveries and emails from the statements' results; `full` says more events may be waiting.
 */
export function fanOutStatements(db: D1Database, now: number): {
  statements: D1PreparedStatement[];
  created: (results: D1Result[]) => { events: number; full: boolean; deliveries: number; emails: number };
} {
  const statements = [
    db.prepare(`SELECT count(*) AS n FROM events e WHERE ${IN_FAN_OUT_BATCH}`),
    db
      .prepare(
        `INSERT INTO webhook_deliveries (id, endpoint_id, event_id, status, next_attempt_at, created_at)
         SELECT 'whd_' || lower(hex(randomblob(12))), w.id, e.id, 'pending', ?1, ?1
         FROM events e JOIN webhook_endpoints w ON w.program_id = e.program_id
         WHERE ${IN_FAN_OUT_BATCH} AND w.enabled = 1 AND w.created_at <= e.created_at
           AND (w.event_types IS NULL OR EXISTS (SELECT 1 FROM json_each(w.event_types) WHERE value = e.type))
         ON CONFLICT (endpoint_id, event_id) DO NOTHING`,
      )
      .bind(now),
    ...emailFanOutStatements(db, now),
    db.prepare(`UPDATE events AS e SET fanned_out_at = ? WHERE ${IN_FAN_OUT_BATCH}`).bind(now),
  ];
  return {
    statements,
    created: ([counted, deliveries, ...rest]) => {
      const events = (counted.results[0] as { n: number }).n;
      return { events, full: events === FAN_OUT_BATCH, deliveries: deliveries.meta.changes, emails: rest.slice(0, -1).reduce((n, r) => n + r.meta.changes, 0) };
    },
  };
}

/**
 * Pending deliveries due by `now` whose queue message is not (or no longer) on its way, at most `limit`; each is
 * leased to the queue until `leaseUntil`, so a concurrent sweep does not send it again.
 */
export function leaseDueDeliveriesStatement(db: D1Database, now: number, leaseUntil: number, limit: number): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE webhook_deliveries SET queued_until = ?1
       WHERE id IN (SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints w ON w.id = d.endpoint_id
                    WHERE d.status = 'pending' AND d.next_attempt_at <= ?2 AND (d.queued_until IS NULL OR d.queued_until < ?2) AND w.enabled = 1
                    ORDER BY d.next_attempt_at LIMIT ?3)
       RETURNING id, next_attempt_at AS nextAttemptAt`,
    )
    .bind(leaseUntil, now, limit);
}

export async function leaseDueDeliveries(db: D1Database, now: number, leaseUntil: number, limit: number): Promise<{ id: string; nextAttemptAt: number }[]> {
  return (await leaseDueDeliveriesStatement(db, now, leaseUntil, limit).all<{ id: string; nextAttemptAt: number }>()).results;
}

export interface DeliveryJob {
  id: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: number | null;
  endpoint: EndpointRow;
  event: { id: string; type: EventType; version: number; data: string; createdAt: number };
}

/** A delivery with its endpoint and event, as the queue consumer needs it. */
export async function deliveryJob(db: D1Database, id: string): Promise<DeliveryJob | null> {
  const r = await db
    .prepare(
      `SELECT d.id AS d_id, d.status AS d_status, d.attempts AS d_attempts, d.next_attempt_at AS d_next,
              e.id AS e_id, e.type AS e_type, e.version AS e_version, e.data AS e_data, e.created_at AS e_created, w.*
       FROM webhook_deliveries d JOIN events e ON e.id = d.event_id JOIN webhook_endpoints w ON w.id = d.endpoint_id
       WHERE d.id = ?`,
    )
    .bind(id)
    .first<EndpointRecord & { d_id: string; d_status: DeliveryJob['status']; d_attempts: number; d_next: number | null; e_id: string; e_type: EventType; e_version: number; e_data: string; e_created: number }>();
  if (!r) return null;
  return {
    id: r.d_id,
    status: r.d_status,
    attempts: r.d_attempts,
    nextAttemptAt: r.d_next,
    endpoint: toEndpoint(r),
    event: { id: r.e_id, type: r.e_type, version: r.e_version, data: r.e_data, createdAt: r.e_created },
  };
}

export interface AttemptResult {
  attempt: number;
  at: number;
  status: number | null;
  error: string | null;
  /** What follows: delivered, given up (failed), or another attempt at `nextAttemptAt`. */
  outcome: { kind: 'delivered' } | { kind: 'failed' } | { kind: 'retry'; nextAttemptAt: number; queuedUntil: number };
}

/**
 * Records an attempt and what follows, only if no other consumer recorded this attempt first (at-least-once queues
 * can hand one message to two). Returns whether this call recorded it.
 */
export async function recordAttempt(db: D1Database, deliveryId: string, a: AttemptResult): Promise<boolean> {
  const o = a.outcome;
  const [update] = await db.batch([
    db
      .prepare(
        `UPDATE webhook_deliveries SET attempts = ?1, last_attempt_at = ?2, last_status = ?3, last_error = ?4, status = ?5,
           next_attempt_at = ?6, queued_until = ?7, delivered_at = ?8
         WHERE id = ?9 AND status = 'pending' AND attempts = ?1 - 1`,
      )
      .bind(
        a.attempt, a.at, a.status, a.error,
        o.kind === 'retry' ? 'pending' : o.kind,
        o.kind === 'retry' ? o.nextAttemptAt : null,
        o.kind === 'retry' ? o.queuedUntil : null,
        o.kind === 'delivered' ? a.at : null,
        deliveryId,
      ),
    db
      .prepare('INSERT INTO webhook_attempts (delivery_id, attempt, at, status, error) SELECT ?, ?, ?, ?, ? WHERE changes() = 1')
      .bind(deliveryId, a.attempt, a.at, a.status, a.error),
  ]);
  return update.meta.changes === 1;
}

/** Sends a delivery again now (a manual replay): pending once more, with its attempts kept. */
export async function replayDelivery(db: D1Database, endpointId: string, deliveryId: string, now: number): Promise<boolean> {
  const r = await db
    .prepare("UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?, queued_until = NULL, delivered_at = NULL WHERE id = ? AND endpoint_id = ?")
    .bind(now, deliveryId, endpointId)
    .run();
  return r.meta.changes > 0;
}

export interface DeliveryRow {
  id: string;
  eventId: string;
  eventType: EventType;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: number | null;
  lastAttemptAt: number | null;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: number | null;
  createdAt: number;
}

/** An endpoint's deliveries, newest first. */
export async function deliveriesOf(db: D1Database, endpointId: string, limit: number): Promise<DeliveryRow[]> {
  const { results } = await db
    .prepare(
      `SELECT d.id, d.event_id AS eventId, e.type AS eventType, d.status, d.attempts, d.next_attempt_at AS nextAttemptAt, d.last_attempt_at AS lastAttemptAt,
              d.last_status AS lastStatus, d.last_error AS lastError, d.delivered_at AS deliveredAt, d.created_at AS createdAt
       FROM webhook_deliveries d JOIN events e ON e.id = d.event_id
       WHERE d.endpoint_id = ? ORDER BY d.created_at DESC, e.seq DESC LIMIT ?`,
    )
    .bind(endpointId, limit)
    .all<DeliveryRow>();
  return results;
}

/** A test event for one endpoint: written to the outbox as already fanned out, with its one delivery, due now. */
export async function insertTestDelivery(db: D1Database, t: { eventId: string; deliveryId: string; programId: string; endpointId: string; now: number }): Promise<void> {
  const test = webhookTest(t.eventId, t.endpointId);
  await db.batch([
    db
      .prepare(
        `INSERT INTO events (id, program_id, type, version, dedupe_key, data, created_at, fanned_out_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)`,
      )
      .bind(t.eventId, t.programId, test.type, EVENT_VERSIONS[test.type], test.dedupeKey, JSON.stringify(test.data), t.now),
    db
      .prepare("INSERT INTO webhook_deliveries (id, endpoint_id, event_id, status, next_attempt_at, created_at) VALUES (?, ?, ?, 'pending', ?, ?)")
      .bind(t.deliveryId, t.endpointId, t.eventId, t.now, t.now),
  ]);
}
