// The program metrics' reads: every figure from the partners' daily rollups (partner_daily_stats) and the invitations'
// (invitation_daily_stats), the partner and lead tables by their indexes, never a scan of raw clicks, customers,
// payments or ledger entries. All of them go to D1 as one batch.
import { NO_PURCHASE_MIN_REFERRALS, type ActivitySums, type Period } from '../domain/program-metrics';
import type { PartnerStatus } from '../domain/partners';
import { REPRESENTATIVES_SQL, type RepresentativeRow } from './console';

/** The rollup's columns summed, as the reads name them. */
const SUMS = `sum(visits) AS visits, sum(signups) AS signups, sum(leads) AS leads, sum(paying) AS paying, sum(won) AS won,
  sum(revenue_minor) AS revenueMinor, sum(commission_minor) AS commissionMinor`;

/** Each partner's referrals and successes in the period (?1 program, ?2 first day, ?3 last day). */
const PARTNER_PERIOD = `SELECT partner_id, sum(signups + leads) AS referrals, sum(paying + won) AS successes, sum(revenue_minor) AS revenue, sum(visits) AS visits
  FROM partner_daily_stats WHERE program_id = ?1 AND day BETWEEN ?2 AND ?3 GROUP BY partner_id`;

export interface Counts {
  visits: number;
  signups: number;
  leads: number;
  paying: number;
  won: number;
  revenueMinor: number;
  commissionMinor: number;
}

export interface PartnerNumbers {
  approved: number; // approved partners (status partner) approved before the period ended
  joined: number; // partners who applied in the period
}

export interface Performer {
  partnerId: string;
  name: string;
  company: string | null;
  status: PartnerStatus;
  number: number;
  referrals: number;
  successes: number;
  revenueMinor: number;
  visits: number;
}

export interface CompanyRow {
  partnerId: string;
  name: string;
  company: string | null;
  members: number;
  activeMembers: number;
  referrals: number;
  successes: number;
}

export interface FunnelRow {
  key: string; // the campaign's name ('' for none), or the invitation's id
  code: string | null;
  partnerName: string | null;
  campaign: string | null;
  visits: number;
  signups: number;
  paying: number;
}

export interface ProgramMetricsRows {
  current: Counts;
  previous: Counts;
  partners: { current: PartnerNumbers; previous: PartnerNumbers; total: number; affiliates: number };
  activity: { current: ActivitySums; previous: ActivitySums };
  series: (Counts & { day: string })[];
  performers: Performer[]; // the top five by referrals, by successes and by revenue, together
  lowest: Performer[];
  noPurchase: Performer[];
  companies: CompanyRow[];
  campaigns: FunnelRow[];
  invitations: FunnelRow[];
  representatives: RepresentativeRow[];
  leads: { awaiting: number; overdue: number; slaMisses: number };
  payouts: { paidMinor: number; paidCount: number; previousPaidMinor: number; openMinor: number; openCount: number };
}

const ZERO: Counts = { visits: 0, signups: 0, leads: 0, paying: 0, won: 0, revenueMinor: 0, commissionMinor: 0 };
const NO_ACTIVITY: ActivitySums = { referring: 0, referringMoreThanOnce: 0, successful: 0, referrals: 0, successes: 0 };
const numbers = <T>(row: Record<string, unknown>, fallback: T): T =>
  Object.fromEntries(Object.entries(fallback as Record<string, unknown>).map(([k, v]) => [k, row[k] ?? v])) as T;

const utcStart = (day: string) => Date.parse(`${day}T00:00:00Z`);
const utcEnd = (day: string) => utcStart(day) + 86_400_000;

/** How many of the top partners each ranking lists, and how many companies, campaigns and invitations. */
export const TOP = 5;
export const LISTED = 10;

/** The query plans the tests check name these, so each is exported. */
export const METRICS_SQL = {
  totals: `SELECT CASE WHEN day >= ?2 THEN 'current' ELSE 'previous' END AS period, ${SUMS}
    FROM partner_daily_stats WHERE program_id = ?1 AND day BETWEEN ?3 AND ?4 GROUP BY period`,
  activity: `SELECT period, sum(referrals > 0) AS referring, sum(referrals > 1) AS referringMoreThanOnce, sum(successes > 0) AS successful,
      sum(referrals) AS referrals, sum(successes) AS successes
    FROM (SELECT s.partner_id, CASE WHEN s.day >= ?2 THEN 'current' ELSE 'previous' END AS period, sum(s.signups + s.leads) AS referrals, sum(s.paying + s.won) AS successes
          FROM partner_daily_stats s JOIN partners p ON p.id = s.partner_id AND p.status = 'partner'
          WHERE s.program_id = ?1 AND s.day BETWEEN ?3 AND ?4 GROUP BY s.partner_id, period)
    GROUP BY period`,
  partners: `SELECT
      (SELECT count(*) FROM partners WHERE program_id = ?1 AND status = 'partner' AND approved_at < ?3) AS approved,
      (SELECT count(*) FROM partners WHERE program_id = ?1 AND status = 'partner' AND approved_at < ?2) AS approvedBefore,
      (SELECT count(*) FROM partners WHERE program_id = ?1 AND created_at >= ?2 AND created_at < ?3) AS joined,
      (SELECT count(*) FROM partners WHERE program_id = ?1 AND created_at >= ?4 AND created_at < ?2) AS joinedBefore,
      (SELECT count(*) FROM partners WHERE program_id = ?1) AS total,
      (SELECT count(*) FROM partners WHERE program_id = ?1 AND status = 'affiliate') AS affiliates`,
  series: `SELECT day, ${SUMS} FROM partner_daily_stats WHERE program_id = ?1 AND day BETWEEN ?2 AND ?3 GROUP BY day ORDER BY day`,
  performers: `WITH t AS (${PARTNER_PERIOD}),
    r AS (SELECT t.*, row_number() OVER (ORDER BY referrals DESC, partner_id) AS byReferrals,
                      row_number() OVER (ORDER BY successes DESC, partner_id) AS bySuccesses,
                      row_number() OVER (ORDER BY revenue DESC, partner_id) AS byRevenue FROM t)
    SELECT p.id AS partnerId, p.name, p.company, p.status, p.number, r.referrals, r.successes, r.revenue AS revenueMinor, r.visits
    FROM r JOIN partners p ON p.id = r.partner_id
    WHERE (r.byReferrals <= ${TOP} AND r.referrals > 0) OR (r.bySuccesses <= ${TOP} AND r.successes > 0) OR (r.byRevenue <= ${TOP} AND r.revenue > 0)`,
  lowest: `WITH t AS (${PARTNER_PERIOD})
    SELECT p.id AS partnerId, p.name, p.company, p.status, p.number, coalesce(t.referrals, 0) AS referrals, coalesce(t.successes, 0) AS successes,
           coalesce(t.revenue, 0) AS revenueMinor, coalesce(t.visits, 0) AS visits
    FROM partners p LEFT JOIN t ON t.partner_id = p.id
    WHERE p.program_id = ?1 AND p.status = 'partner' AND p.approved_at < ?4
    ORDER BY referrals, successes, revenueMinor, p.approved_at, p.id LIMIT ${TOP}`,
  noPurchase: `WITH t AS (${PARTNER_PERIOD})
    SELECT p.id AS partnerId, p.name, p.company, p.status, p.number, t.referrals, t.successes, t.revenue AS revenueMinor, t.visits
    FROM t JOIN partners p ON p.id = t.partner_id WHERE t.referrals >= ?4 AND t.successes = 0
    ORDER BY t.referrals DESC, p.id LIMIT ${LISTED}`,
  companies: `WITH t AS (${PARTNER_PERIOD}),
    m AS (SELECT partner_id, count(*) AS members FROM members WHERE partner_id IN (SELECT id FROM partners WHERE program_id = ?1) GROUP BY partner_id HAVING count(*) > 1)
    SELECT p.id AS partnerId, p.name, p.company, m.members,
      (SELECT count(DISTINCT i.member_id) FROM invitations i JOIN invitation_daily_stats s ON s.invitation_id = i.id AND s.day BETWEEN ?2 AND ?3
        WHERE i.partner_id = p.id AND i.member_id IS NOT NULL AND s.clicks + s.scans + s.signups > 0) AS activeMembers,
      coalesce(t.referrals, 0) AS referrals, coalesce(t.successes, 0) AS successes
    FROM m JOIN partners p ON p.id = m.partner_id LEFT JOIN t ON t.partner_id = m.partner_id
    ORDER BY referrals DESC, successes DESC, p.id LIMIT ${LISTED}`,
  campaigns: `SELECT coalesce(i.campaign, '') AS key, NULL AS code, NULL AS partnerName, i.campaign, sum(s.clicks + s.scans) AS visits, sum(s.signups) AS signups, sum(s.paying) AS paying
    FROM invitations i JOIN invitation_daily_stats s ON s.invitation_id = i.id AND s.day BETWEEN ?2 AND ?3
    WHERE i.program_id = ?1 AND i.partner_id IS NOT NULL GROUP BY key ORDER BY visits DESC, signups DESC, key LIMIT ${LISTED}`,
  invitations: `SELECT i.id AS key, i.code, p.name AS partnerName, i.campaign, sum(s.clicks + s.scans) AS visits, sum(s.signups) AS signups, sum(s.paying) AS paying
    FROM invitations i JOIN invitation_daily_stats s ON s.invitation_id = i.id AND s.day BETWEEN ?2 AND ?3 JOIN partners p ON p.id = i.partner_id
    WHERE i.program_id = ?1 GROUP BY i.id ORDER BY visits DESC, signups DESC, i.id LIMIT ${LISTED}`,
  leads: `SELECT
      (SELECT count(*) FROM referrals WHERE program_id = ?1 AND registration_status = 'pending' AND due_at IS NOT NULL) AS awaiting,
      (SELECT count(*) FROM referrals WHERE program_id = ?1 AND registration_status = 'pending' AND due_at <= ?4) AS overdue,
      (SELECT count(*) FROM referrals WHERE program_id = ?1 AND type = 'partner_to_program' AND due_at >= ?2 AND due_at < ?3
         AND (decided_at > due_at OR (decided_at IS NULL AND due_at <= ?4))) AS slaMisses`,
  payouts: `SELECT
      coalesce(sum(CASE WHEN status = 'paid' AND settled_at >= ?2 AND settled_at < ?3 THEN amount_minor END), 0) AS paidMinor,
      coalesce(sum(status = 'paid' AND settled_at >= ?2 AND settled_at < ?3), 0) AS paidCount,
      coalesce(sum(CASE WHEN status = 'paid' AND settled_at >= ?4 AND settled_at < ?2 THEN amount_minor END), 0) AS previousPaidMinor,
      coalesce(sum(CASE WHEN status IN ('requested', 'approved') THEN amount_minor END), 0) AS openMinor,
      coalesce(sum(status IN ('requested', 'approved')), 0) AS openCount
    FROM withdrawals WHERE program_id = ?1 AND (status IN ('requested', 'approved') OR (status = 'paid' AND settled_at >= ?4))`,
} as const;

type Row = Record<string, unknown>;
const list = <T>(r: Row[]) => r as unknown as T[];
const one = <T>(r: Row[]) => r[0] as unknown as T;
const byPeriod = (r: Row[], which: 'current' | 'previous') => r.find((x) => x.period === which) ?? {};

/** Every figure of the metrics for the period and the one before it, in one round trip. */
export async function programMetricsRows(db: D1Database, programId: string, period: Period, previous: Period, now: number): Promise<ProgramMetricsRows> {
  const q = (sql: string, ...args: unknown[]) => db.prepare(sql).bind(programId, ...args);
  const [start, end, prevStart] = [utcStart(period.from), utcEnd(period.to), utcStart(previous.from)];
  const days = [period.from, period.to];
  const [totals, activity, partners, series, performers, lowest, noPurchase, companies, campaigns, invitations, leads, payouts, representatives] = (
    await db.batch<Row>([
      q(METRICS_SQL.totals, period.from, previous.from, period.to),
      q(METRICS_SQL.activity, period.from, previous.from, period.to),
      q(METRICS_SQL.partners, start, end, prevStart),
      q(METRICS_SQL.series, ...days),
      q(METRICS_SQL.performers, ...days),
      q(METRICS_SQL.lowest, ...days, end),
      q(METRICS_SQL.noPurchase, ...days, NO_PURCHASE_MIN_REFERRALS),
      q(METRICS_SQL.companies, ...days),
      q(METRICS_SQL.campaigns, ...days),
      q(METRICS_SQL.invitations, ...days),
      q(METRICS_SQL.leads, start, end, now),
      q(METRICS_SQL.payouts, start, end, prevStart),
      q(REPRESENTATIVES_SQL, start, end),
    ])
  ).map((r) => r.results);
  const p = one<Record<string, number>>(partners);
  return {
    current: numbers(byPeriod(totals, 'current'), ZERO),
    previous: numbers(byPeriod(totals, 'previous'), ZERO),
    partners: { current: { approved: p.approved, joined: p.joined }, previous: { approved: p.approvedBefore, joined: p.joinedBefore }, total: p.total, affiliates: p.affiliates },
    activity: { current: numbers(byPeriod(activity, 'current'), NO_ACTIVITY), previous: numbers(byPeriod(activity, 'previous'), NO_ACTIVITY) },
    series: list<Counts & { day: string }>(series),
    performers: list<Performer>(performers),
    lowest: list<Performer>(lowest),
    noPurchase: list<Performer>(noPurchase),
    companies: list<CompanyRow>(companies),
    campaigns: list<FunnelRow>(campaigns),
    invitations: list<FunnelRow>(invitations),
    representatives: list<RepresentativeRow>(representatives),
    leads: one<ProgramMetricsRows['leads']>(leads),
    payouts: one<ProgramMetricsRows['payouts']>(payouts),
  };
}
