// Sign-in attempts, counted per key within a window: reserved before the password is checked, kept when it was wrong.
import type { ThrottleKey } from '../domain/throttle';
import { LIMITS } from '../domain/throttle';

export async function failuresSince(db: D1Database, keys: ThrottleKey[], since: number): Promise<Map<string, { count: number; oldest: number }>> {
  const { results } = await db
    .prepare(`SELECT key, count(*) AS n, min(at) AS oldest FROM failed_sign_ins WHERE key IN (${keys.map(() => '?').join(', ')}) AND at > ? GROUP BY key`)
    .bind(...keys.map((k) => k.key), since)
    .all<{ key: string; n: number; oldest: number }>();
  return new Map(results.map((r) => [r.key, { count: r.n, oldest: r.oldest }]));
}

/**
 * Reserves one attempt under every key, in one statement, only while no key has reached its limit in the window.
 * SQLite runs one statement at a time, so concurrent attempts cannot all pass the count: of 40 at once, at most the
 * limit get a reservation. Returns the reserved rows (to release when the password was right), or null when throttled.
 */
export async function reserveAttempt(db: D1Database, keys: ThrottleKey[], since: number, now: number): Promise<number[] | null> {
  const limits = keys.map((k) => ({ key: k.key, limit: LIMITS[k.kind] }));
  const { results } = await db
    .prepare(
      `INSERT INTO failed_sign_ins (key, at)
       SELECT value ->> '$.key', ?2 FROM json_each(?1)
       WHERE NOT EXISTS (
         SELECT 1 FROM json_each(?1) l
         WHERE (SELECT count(*) FROM failed_sign_ins f WHERE f.key = l.value ->> '$.key' AND f.at > ?3) >= l.value ->> '$.limit')
       RETURNING rowid AS id`,
    )
    .bind(JSON.stringify(limits), now, since)
    .all<{ id: number }>();
  return results.length === 0 ? null : results.map((r) => r.id);
}

/** The password was right: the attempt is not a failure. */
export async function releaseAttempt(db: D1Database, reserved: number[]): Promise<void> {
  await db.prepare(`DELETE FROM failed_sign_ins WHERE rowid IN (SELECT value FROM json_each(?))`).bind(JSON.stringify(reserved)).run();
}

export async function pruneFailures(db: D1Database, olderThan: number): Promise<number> {
  return (await db.prepare('DELETE FROM failed_sign_ins WHERE at < ?').bind(olderThan).run()).meta.changes;
}
