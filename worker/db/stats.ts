// Stats read from the daily rollups (invitation_daily_stats), never from the raw clicks, and summed by the database,
// so that a year of a partner's invitations comes back as a row per group and a row per day, not per invitation-day.
import type { DayCounts, GroupSums, StatsGrouping, StatsSums } from '../domain/stats';

const SUMS = `sum(s.clicks) AS clicks, sum(s.scans) AS scans, sum(s.signups) AS signups, sum(s.click_signups) AS clickSignups,
       sum(s.credits_minor) AS creditsMinor, sum(s.commission_minor) AS commissionMinor`;

/** The partner's (?1) invitations' rollup rows from day ?2 to day ?3. */
const PARTNER_DAYS = `FROM invitations i JOIN invitation_daily_stats s ON s.invitation_id = i.id AND s.day BETWEEN ?2 AND ?3`;

/**
 * What each grouping groups by, and what its label is made of. A label's columns depend on the key alone (an
 * invitation's code, a member's account name), so SQLite may take them from any row of the group.
 */
const GROUPINGS: Record<StatsGrouping, { key: string; label: string; joins: string }> = {
  invitation: { key: 'i.id', label: 'i.code AS code, i.name AS name', joins: '' },
  member: { key: 'i.member_id', label: 'NULL AS code, a.name AS name', joins: 'LEFT JOIN members m ON m.id = i.member_id LEFT JOIN accounts a ON a.id = m.account_id' },
  campaign: { key: 'i.campaign', label: 'NULL AS code, NULL AS name', joins: '' },
};

/** Each group's sums and label. */
const groupsSql = ({ key, label, joins }: (typeof GROUPINGS)[StatsGrouping]) => `
  SELECT ${key} AS key, ${label}, min(i.created_at) AS firstInvitationAt, ${SUMS}
  ${PARTNER_DAYS} ${joins}
  WHERE i.partner_id = ?1 GROUP BY ${key}`;

/** All groups' sums per day. */
const DAYS_SQL = `
  SELECT s.day, ${SUMS}
  ${PARTNER_DAYS}
  WHERE i.partner_id = ?1 GROUP BY s.day ORDER BY s.day`;

/**
 * One group's sums per day, the group's key bound as ?4. `IS` rather than `=`, so that a null key finds the group
 * without one (no owner, no campaign) through the same statement.
 */
const oneGroupDaysSql = ({ key }: (typeof GROUPINGS)[StatsGrouping]) => `
  SELECT s.day, ${SUMS}
  ${PARTNER_DAYS}
  WHERE i.partner_id = ?1 AND ${key} IS ?4 GROUP BY s.day ORDER BY s.day`;

/**
 * The statements behind a partner's effectiveness report, bound as ?1 partner, ?2 from, ?3 to (and ?4 the group's
 * key, for one group's days); exported so their plans can be checked in tests.
 */
export function partnerStatsSql(by: StatsGrouping, oneGroup: boolean): string[] {
  const grouping = GROUPINGS[by];
  return [groupsSql(grouping), DAYS_SQL, ...(oneGroup ? [oneGroupDaysSql(grouping)] : [])];
}

export interface PartnerStatsQuery {
  partnerId: string;
  from: string;
  to: string;
  by: StatsGrouping;
  /** The group whose days to read too: its key, null for the group without one. */
  group?: { key: string | null };
}

/** The sums per group and per day (and one group's per day, when asked), in one round trip. */
export async function partnerStatsSums(db: D1Database, q: PartnerStatsQuery): Promise<StatsSums> {
  const [perGroup, perDay, oneGroupPerDay] = partnerStatsSql(q.by, q.group !== undefined);
  const range = [q.partnerId, q.from, q.to];
  const [groups, days, oneGroupDays] = await db.batch([
    db.prepare(perGroup).bind(...range),
    db.prepare(perDay).bind(...range),
    ...(q.group ? [db.prepare(oneGroupPerDay).bind(...range, q.group.key)] : []),
  ]);
  return {
    groups: groups.results as GroupSums[],
    days: days.results as DayCounts[],
    ...(q.group ? { group: { key: q.group.key, days: oneGroupDays.results as DayCounts[] } } : {}),
  };
}
