// Stats read from the daily rollups (invitation_daily_stats), never from the raw clicks.
import type { DailyRow } from '../domain/stats';

/** The query behind a partner's effectiveness report; exported so its plan can be checked in tests. */
export const PARTNER_DAILY_SQL = `
  SELECT i.id AS invitationId, i.code, i.name, i.campaign, i.member_id AS memberId, a.name AS memberName,
         s.day, s.clicks, s.scans, s.signups, s.click_signups AS clickSignups, s.credits_minor AS creditsMinor, s.commission_minor AS commissionMinor
  FROM invitations i
  JOIN invitation_daily_stats s ON s.invitation_id = i.id AND s.day BETWEEN ?2 AND ?3
  LEFT JOIN members m ON m.id = i.member_id
  LEFT JOIN accounts a ON a.id = m.account_id
  WHERE i.partner_id = ?1`;

export async function partnerDailyStats(db: D1Database, partnerId: string, from: string, to: string): Promise<DailyRow[]> {
  const { results } = await db.prepare(PARTNER_DAILY_SQL).bind(partnerId, from, to).all<DailyRow>();
  return results;
}
