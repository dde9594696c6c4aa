// Same-visitor checks for self-referral: did the advocate's own browser sign in, or click, where this signup came from?
import type { Condition } from './reads';

const WINDOW_MS = 90 * 86_400_000;

/**
 * A condition (SQL and its arguments) that holds while no member of the partner signed in to the dashboard, in the
 * last 90 days, from the reporting browser or from the visitor who made the click (its hash read from the click's row).
 */
export const notSignedInFrom = (partnerId: string, browserHashes: string[], clickId: string | null, now: number): Condition => ({
  sql: `NOT EXISTS (SELECT 1 FROM sessions s JOIN members m ON m.account_id = s.account_id
                    WHERE m.partner_id = ? AND s.created_at > ?
                      AND s.visitor_hash IN (SELECT value FROM json_each(?) UNION ALL SELECT visitor_hash FROM clicks WHERE id = ?))`,
  args: [partnerId, now - WINDOW_MS, JSON.stringify(browserHashes), clickId],
});

/** Whether a member of the partner signed in from the reporting browser or the click's visitor: one round trip. */
export async function partnerSignedInFrom(db: D1Database, partnerId: string, browserHashes: string[], clickId: string | null, now: number): Promise<boolean> {
  if (browserHashes.length === 0 && clickId === null) return false;
  const c = notSignedInFrom(partnerId, browserHashes, clickId, now);
  const r = await db.prepare(`SELECT NOT ${c.sql} AS hit`).bind(...c.args).first<{ hit: number }>();
  return r?.hit === 1;
}
