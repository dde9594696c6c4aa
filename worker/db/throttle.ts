// Failed sign-ins, counted per key within a window.
import type { ThrottleKey } from '../domain/throttle';

export async function failuresSince(db: D1Database, keys: ThrottleKey[], since: number): Promise<Map<string, { count: number; oldest: number }>> {
  const { results } = await db
    .prepare(`SELECT key, count(*) AS n, min(at) AS oldest FROM failed_sign_ins WHERE key IN (${keys.map(() => '?').join(', ')}) AND at > ? GROUP BY key`)
    .bind(...keys.map((k) => k.key), since)
    .all<{ key: string; n: number; oldest: number }>();
  return new Map(results.map((r) => [r.key, { count: r.n, oldest: r.oldest }]));
}

export async function recordFailure(db: D1Database, keys: ThrottleKey[], at: number): Promise<void> {
  await db.batch(keys.map((k) => db.prepare('INSERT INTO failed_sign_ins (key, at) VALUES (?, ?)').bind(k.key, at)));
}

export async function pruneFailures(db: D1Database, olderThan: number): Promise<number> {
  return (await db.prepare('DELETE FROM failed_sign_ins WHERE at < ?').bind(olderThan).run()).meta.changes;
}
