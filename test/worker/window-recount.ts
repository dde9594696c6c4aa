// The metric windows (migrations 0041 to 0043) against a recount of the daily rollups they sum: for every window kept,
// each partner's, invitation's and campaign's row must equal the sum of its days in the window's periods (rows of zeros
// are no rows), and the rows flagged approved must be the program's approved partners, one each, with their approval times.
import { env } from 'cloudflare:test';

type Row = Record<string, unknown>;
const all = async (sql: string, ...args: unknown[]) => (await env.DB.prepare(sql).bind(...args).all<Row>()).results;

export interface WindowComparison {
  window: string;
  kept: Row[];
  recounted: Row[];
}

/** Each window's rows beside the recount of its days: partners, invitations, campaigns, then the approved partners. */
export async function windowsBesideRecount(): Promise<WindowComparison[]> {
  const out: WindowComparison[] = [];
  for (const w of await all('SELECT program_id, name, previous_from_day, from_day, to_day FROM metric_windows ORDER BY program_id, name')) {
    const at = [w.program_id, w.name];
    out.push({
      window: `${w.program_id} ${w.name} partners`,
      kept: await all(
        `SELECT partner_id, referrals, successes, revenue_minor, previous_referrals, previous_successes FROM partner_window_stats
         WHERE program_id = ? AND window_name = ? AND (referrals <> 0 OR successes <> 0 OR revenue_minor <> 0 OR previous_referrals <> 0 OR previous_successes <> 0)
         ORDER BY partner_id`,
        ...at,
      ),
      recounted: await all(
        `SELECT * FROM (SELECT partner_id, sum(iif(day >= ?2, signups + leads, 0)) AS referrals, sum(iif(day >= ?2, paying + won, 0)) AS successes,
           sum(iif(day >= ?2, revenue_minor, 0)) AS revenue_minor, sum(iif(day < ?2, signups + leads, 0)) AS previous_referrals,
           sum(iif(day < ?2, paying + won, 0)) AS previous_successes
         FROM partner_daily_stats WHERE program_id = ?1 AND day BETWEEN ?3 AND ?4 GROUP BY partner_id)
         WHERE referrals <> 0 OR successes <> 0 OR revenue_minor <> 0 OR previous_referrals <> 0 OR previous_successes <> 0 ORDER BY partner_id`,
        w.program_id, w.from_day, w.previous_from_day, w.to_day,
      ),
    });
    out.push({
      window: `${w.program_id} ${w.name} invitations`,
      kept: await all(
        `SELECT invitation_id, partner_id, campaign, visits, signups, paying FROM invitation_window_stats
         WHERE program_id = ? AND window_name = ? AND (visits <> 0 OR signups <> 0 OR paying <> 0) ORDER BY invitation_id`,
        ...at,
      ),
      recounted: await all(
        `SELECT * FROM (SELECT i.id AS invitation_id, i.partner_id, i.campaign, sum(s.clicks + s.scans) AS visits, sum(s.signups) AS signups, sum(s.paying) AS paying
         FROM invitations i JOIN invitation_daily_stats s ON s.invitation_id = i.id AND s.day BETWEEN ?2 AND ?3
         WHERE i.program_id = ?1 AND i.partner_id IS NOT NULL GROUP BY i.id)
         WHERE visits <> 0 OR signups <> 0 OR paying <> 0 ORDER BY invitation_id`,
        w.program_id, w.from_day, w.to_day,
      ),
    });
    out.push({
      window: `${w.program_id} ${w.name} campaigns`,
      kept: await all(
        `SELECT campaign, visits, signups, paying FROM campaign_window_stats
         WHERE program_id = ? AND window_name = ? AND (visits <> 0 OR signups <> 0 OR paying <> 0) ORDER BY campaign`,
        ...at,
      ),
      recounted: await all(
        `SELECT * FROM (SELECT coalesce(i.campaign, '') AS campaign, sum(s.clicks + s.scans) AS visits, sum(s.signups) AS signups, sum(s.paying) AS paying
         FROM invitations i JOIN invitation_daily_stats s ON s.invitation_id = i.id AND s.day BETWEEN ?2 AND ?3
         WHERE i.program_id = ?1 AND i.partner_id IS NOT NULL GROUP BY coalesce(i.campaign, ''))
         WHERE visits <> 0 OR signups <> 0 OR paying <> 0 ORDER BY campaign`,
        w.program_id, w.from_day, w.to_day,
      ),
    });
    out.push({
      window: `${w.program_id} ${w.name} approved partners`,
      kept: await all('SELECT partner_id, approved_at FROM partner_window_stats WHERE program_id = ? AND window_name = ? AND approved = 1 ORDER BY partner_id', ...at),
      recounted: await all("SELECT id AS partner_id, approved_at FROM partners WHERE program_id = ? AND status = 'partner' ORDER BY id", w.program_id),
    });
  }
  return out;
}
