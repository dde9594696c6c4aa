// Keeping D1 small: raw clicks older than the retention period are deleted in chunks. Their counts live on in
// invitation_daily_stats; clicks that a customer was attributed by are kept.

/** Deletes up to `limit` old, unattributed clicks; returns how many went. */
export async function pruneClicks(db: D1Database, olderThan: number, limit: number): Promise<number> {
  const r = await db
    .prepare(
      `DELETE FROM clicks WHERE id IN (
         SELECT c.id FROM clicks c
         WHERE c.created_at < ?1 AND NOT EXISTS (SELECT 1 FROM customers u WHERE u.click_id = c.id)
         ORDER BY c.created_at LIMIT ?2)`,
    )
    .bind(olderThan, limit)
    .run();
  return r.meta.changes;
}
