// Stored answers for Idempotency-Key replays.
export interface StoredAnswer {
  requestHash: string;
  status: number;
  body: string;
}

export async function storedAnswer(db: D1Database, programId: string, key: string): Promise<StoredAnswer | null> {
  const r = await db
    .prepare('SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE program_id = ? AND key = ?')
    .bind(programId, key)
    .first<{ request_hash: string; response_status: number; response_body: string }>();
  return r ? { requestHash: r.request_hash, status: r.response_status, body: r.response_body } : null;
}

/** Keeps the first answer for a key; a concurrent second writer keeps nothing. Returns whether this one was kept. */
export async function keepAnswer(db: D1Database, programId: string, key: string, a: StoredAnswer, now: number): Promise<boolean> {
  const r = await db
    .prepare('INSERT INTO idempotency_keys (program_id, key, request_hash, response_status, response_body, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
    .bind(programId, key, a.requestHash, a.status, a.body, now)
    .run();
  return r.meta.changes === 1;
}

export async function pruneAnswers(db: D1Database, olderThan: number): Promise<number> {
  const r = await db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?').bind(olderThan).run();
  return r.meta.changes;
}
