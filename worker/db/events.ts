// The outbox's SQL: events written in the batch of the change that raises them, and read in order.
import { nanoid } from 'nanoid';
import { EVENT_VERSIONS, type EventDraft, type EventType } from '../domain/events';
import type { Guard } from './ledger';

/**
 * The most events one relay batch fans out, so a backlog (a relay that failed for long) becomes many bounded
 * transactions, which requests interleave with, not one that writes thousands of rows while they wait.
 */
export const FAN_OUT_BATCH = 500;

/** The events of the next fan-out batch, as a condition on the events aliased `e`: the oldest FAN_OUT_BATCH not fanned out yet. */
export const IN_FAN_OUT_BATCH = `e.fanned_out_at IS NULL
  AND e.seq <= (SELECT max(seq) FROM (SELECT seq FROM events WHERE fanned_out_at IS NULL ORDER BY seq LIMIT ${FAN_OUT_BATCH}))`;

/**
 * One INSERT for the events of one change, to go into the change's own batch: written only if the guard's row
 * exists (the change happened, in this batch or before) and, for an event that names an entry, only if that entry
 * was posted. Each dedupe key is written once, so a retried change raises nothing new.
 */
export function eventsStatement(db: D1Database, programId: string, events: (EventDraft & { entryId?: string })[], now: number, guard: Guard): D1PreparedStatement {
  const rows = events.map((e) => ({ id: `evt_${nanoid()}`, type: e.type, version: EVENT_VERSIONS[e.type], key: e.dedupeKey, data: JSON.stringify(e.data), entryId: e.entryId ?? null }));
  return db
    .prepare(
      `INSERT INTO events (id, program_id, type, version, dedupe_key, data, created_at)
       SELECT value ->> '$.id', ?1, value ->> '$.type', value ->> '$.version', value ->> '$.key', value ->> '$.data', ?2
       FROM json_each(?3)
       WHERE EXISTS (${guard.sql})
         AND (value ->> '$.entryId' IS NULL OR EXISTS (SELECT 1 FROM ledger_entries WHERE id = value ->> '$.entryId'))
       ORDER BY key
       ON CONFLICT (dedupe_key) DO NOTHING`,
    )
    .bind(programId, now, JSON.stringify(rows), ...guard.args);
}

export interface EventRow {
  seq: number;
  id: string;
  type: EventType;
  version: number;
  data: Record<string, unknown>;
  createdAt: number;
}

/** A program's events after `afterSeq`, oldest first, optionally of some types only. */
export async function eventsAfter(db: D1Database, programId: string, q: { afterSeq: number; limit: number; types?: EventType[] }): Promise<EventRow[]> {
  const types = q.types ?? [];
  const { results } = await db
    .prepare(
      `SELECT seq, id, type, version, data, created_at AS createdAt FROM events
       WHERE program_id = ? AND seq > ? ${types.length ? `AND type IN (${types.map(() => '?').join(', ')})` : ''}
       ORDER BY seq LIMIT ?`,
    )
    .bind(programId, q.afterSeq, ...types, q.limit)
    .all<Omit<EventRow, 'data'> & { data: string }>();
  return results.map((r) => ({ ...r, data: JSON.parse(r.data) as Record<string, unknown> }));
}

/** One event of a program by its id. */
export async function eventById(db: D1Database, programId: string, id: string): Promise<EventRow | null> {
  const r = await db
    .prepare('SELECT seq, id, type, version, data, created_at AS createdAt FROM events WHERE program_id = ? AND id = ?')
    .bind(programId, id)
    .first<Omit<EventRow, 'data'> & { data: string }>();
  return r ? { ...r, data: JSON.parse(r.data) as Record<string, unknown> } : null;
}
