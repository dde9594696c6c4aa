// Same-visitor checks for self-referral: did the advocate's own browser sign in, or click, where this signup came from?
import type { Condition } from './reads';

const WINDOW_MS = 90 * 86_400_000;

/** The visitor hash recorded for a click, if its row is there. */
export async function clickVisitorHash(db: D1Database, clickId: string): Promise<string | null> {
  const r = await db.prepare('SELECT visitor_hash FROM clicks WHERE id = ?').bind(clickId).first<{ visitor_hash: string }>();
  return r?.visitor_hash ?? null;
}

/** Whether a member of the partner signed in to the dashboard from one of these visitors in the last 90 days. */
export async function partnerSignedInFrom(db: D1Database, partnerId: string, visitorHashes: string[], now: number): Promise<boolean> {
  if (visitorHashes.length === 0) return false;
  const r = await db
    .prepare(
      `SELECT 1 AS hit FROM sessions s JOIN members m ON m.account_id = s.account_id
       WHERE m.partner_id = ?1 AND s.visitor_hash IN (SELECT value FROM json_each(?2)) AND s.created_at > ?3 LIMIT 1`,
    )
    .bind(partnerId, JSON.stringify(visitorHashes), now - WINDOW_MS)
    .first<{ hit: number }>();
  return r !== null;
}

/**
 * A condition (SQL and its arguments) that holds while no member of the partner signed in from the reporting browser
 * or from the click's visitor (partnerSignedInFrom's false, with the click's hash read in place).
 */
export const notSignedInFrom = (partnerId: string, browserHashes: string[], clickId: string | null, now: number): Condition => ({
  sql: `NOT EXISTS (SELECT 1 FROM sessions s JOIN members m ON m.account_id = s.account_id
                    WHERE m.partner_id = ? AND s.created_at > ?
                      AND s.visitor_hash IN (SELECT value FROM json_each(?) UNION ALL SELECT visitor_hash FROM clicks WHERE id = ?))`,
  args: [partnerId, now - WINDOW_MS, JSON.stringify(browserHashes), clickId],
});
