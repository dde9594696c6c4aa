// The metric windows' statements (migration 0041, worker/domain/metric-windows.ts): what each program's windows cover,
// and the batch that moves a window on. Every statement of a move is guarded by the window it moves from, so a move
// run twice at once (two Cron runs, a run and a retry) applies once: the first batch to commit changes the window,
// and the other's statements then match nothing.
import { segments, windowKey, type MetricWindow, type WindowRange } from '../domain/metric-windows';
import { HAS_OUTCOME } from './metrics';

export interface WindowRow extends WindowRange {
  programId: string;
  name: MetricWindow;
}

/** Every program, with each window it has (none for a program whose windows were never moved). */
export async function programWindows(db: D1Database): Promise<{ programId: string; windows: WindowRow[] }[]> {
  const { results } = await db
    .prepare(
      `SELECT p.id AS programId, w.name, w.from_day AS "from", w.to_day AS "to", w.previous_from_day AS previousFrom
       FROM programs p LEFT JOIN metric_windows w ON w.program_id = p.id ORDER BY p.id`,
    )
    .all<WindowRow & { name: MetricWindow | null }>();
  const byProgram = new Map<string, WindowRow[]>();
  for (const r of results) {
    const list = byProgram.get(r.programId) ?? [];
    if (r.name) list.push(r);
    byProgram.set(r.programId, list);
  }
  return [...byProgram].map(([programId, windows]) => ({ programId, windows }));
}

/** The window as it stands, compared with what the move expects (?1 program, ?2 window, ?3 the expected key or NULL). */
const STANDS = `(SELECT previous_from_day || '/' || from_day || '/' || to_day FROM metric_windows WHERE program_id = ?1 AND name = ?2) IS ?3`;

/**
 * The statements that move the program's window `name` from `old` (null: it holds nothing yet) to `next`, for one
 * batch: each segment's partner and invitation sums added or taken away, the rows left at zero deleted, the window
 * recorded. The day ranges read come from the segments, so a daily move reads three days of rollups, not the window.
 */
export function moveWindowStatements(db: D1Database, programId: string, name: MetricWindow, old: WindowRange | null, next: WindowRange): D1PreparedStatement[] {
  const key = windowKey(old);
  const q = (sql: string, ...args: unknown[]) => db.prepare(sql).bind(programId, name, key, ...args);
  const out: D1PreparedStatement[] = [];
  for (const s of segments(old, next)) {
    // ?4 first day, ?5 last day, ?6 the sign in the current period, ?7 in the previous one.
    out.push(
      q(
        `INSERT INTO partner_window_stats (program_id, window_name, partner_id, referrals, successes, revenue_minor, previous_referrals, previous_successes)
         SELECT ?1, ?2, partner_id, ?6 * sum(signups + leads), ?6 * sum(paying + won), ?6 * sum(revenue_minor), ?7 * sum(signups + leads), ?7 * sum(paying + won)
         FROM partner_daily_stats WHERE program_id = ?1 AND day BETWEEN ?4 AND ?5 AND (${HAS_OUTCOME}) AND ${STANDS} GROUP BY partner_id
         ON CONFLICT (program_id, window_name, partner_id) DO UPDATE SET referrals = referrals + excluded.referrals, successes = successes + excluded.successes,
           revenue_minor = revenue_minor + excluded.revenue_minor, previous_referrals = previous_referrals + excluded.previous_referrals,
           previous_successes = previous_successes + excluded.previous_successes`,
        s.from, s.to, s.current, s.previous,
      ),
    );
    if (s.current === 0) continue;
    out.push(
      q(
        `INSERT INTO invitation_window_stats (program_id, window_name, invitation_id, partner_id, campaign, visits, signups, paying)
         SELECT ?1, ?2, i.id, i.partner_id, i.campaign, ?6 * sum(s.clicks + s.scans), ?6 * sum(s.signups), ?6 * sum(s.paying)
         FROM invitations i JOIN invitation_daily_stats s ON s.invitation_id = i.id AND s.day BETWEEN ?4 AND ?5
         WHERE i.program_id = ?1 AND i.partner_id IS NOT NULL AND ${STANDS} GROUP BY i.id
         ON CONFLICT (program_id, window_name, invitation_id) DO UPDATE SET visits = visits + excluded.visits, signups = signups + excluded.signups,
           paying = paying + excluded.paying`,
        s.from, s.to, s.current,
      ),
    );
  }
  // Nothing left in a row (a partner who referred only on days that left the window) is the same as no row, but for an
  // approved partner, who has a row in every window (migration 0042).
  out.push(
    q(`DELETE FROM partner_window_stats WHERE program_id = ?1 AND window_name = ?2 AND ${STANDS} AND approved = 0
       AND referrals = 0 AND successes = 0 AND revenue_minor = 0 AND previous_referrals = 0 AND previous_successes = 0`),
    q(`DELETE FROM invitation_window_stats WHERE program_id = ?1 AND window_name = ?2 AND ${STANDS} AND visits = 0 AND signups = 0 AND paying = 0`),
    q(`DELETE FROM campaign_window_stats WHERE program_id = ?1 AND window_name = ?2 AND ${STANDS} AND visits = 0 AND signups = 0 AND paying = 0`),
    q(
      `INSERT INTO metric_windows (program_id, name, previous_from_day, from_day, to_day) SELECT ?1, ?2, ?4, ?5, ?6 WHERE ${STANDS}
       ON CONFLICT (program_id, name) DO UPDATE SET previous_from_day = excluded.previous_from_day, from_day = excluded.from_day, to_day = excluded.to_day`,
      next.previousFrom, next.from, next.to,
    ),
  );
  return out;
}
