// The program metrics' reads: every figure from the metric windows' sums when a window covers the period (migration
// 0041), else from the partners' daily rollups (partner_daily_stats) and the invitations' (invitation_daily_stats);
// the partner and lead tables by their indexes; never a scan of raw clicks, customers, payments or ledger entries.
// All of them go to D1 as one batch.
import { NO_PURCHASE_MIN_REFERRALS, type ActivitySums, type Period } from '../domain/program-metrics';
import type { PartnerStatus } from '../domain/partners';
import { REPRESENTATIVES_SQL, type RepresentativeRow } from './console';

/** The rollup's columns summed, as the reads name them. */
const SUMS = `sum(visits) AS visits, sum(signups) AS signups, sum(leads) AS leads, sum(paying) AS paying, sum(won) AS won,
  sum(revenue_minor) AS revenueMinor, sum(commission_minor) AS commissionMinor`;

/** How many of the top partners each ranking lists, and how many companies, campaigns and invitations. */
export const TOP = 5;
export const LISTED = 10;

/**
 * The days a partner had a referral, a success or revenue: the condition of the partial index the per-partner reads
 * use (migration 0038). Written as the index writes it, so SQLite sees the query is within the index.
 */
export const HAS_OUTCOME = 'signups <> 0 OR leads <> 0 OR paying <> 0 OR won <> 0 OR revenue_minor <> 0';

/**
 * The metric window (migration 0041) that covers exactly the period and the one before it (?1 program, ?2 the
 * period's first day, ?3 its last, ?4 the previous period's first day), if one does: the console's preset periods,
 * once the hourly Cron Trigger moved them on to today.
 */
const KEPT = 'SELECT name FROM metric_windows WHERE program_id = ?1 AND from_day = ?2 AND to_day = ?3 AND previous_from_day = ?4';
/**
 * Read from the daily rollups only when no window covers the period: the one-row guard is the outer loop, so with no
 * row the rollups are not read at all (SQLite evaluates a NOT EXISTS in the WHERE clause on every row instead).
 */
const UNLESS_KEPT = `(SELECT 1 WHERE NOT EXISTS (${KEPT})) AS unkept CROSS JOIN`;

/**
 * Each partner's figures in the period and in the one before it: the window's rows with a figure in the period when a
 * window covers it, else one pass over the partners' days with an outcome. The per-partner figures below all read
 * this, so SQLite computes it once (a CTE named more than once is materialized) rather than once per figure. A partner
 * with visits alone is not in it: nothing below counts visits but the rows listed, which read theirs.
 */
const PARTNER_PERIODS = `SELECT partner_id, referrals, successes, revenue_minor AS revenue, previous_referrals AS previousReferrals, previous_successes AS previousSuccesses
  FROM partner_window_stats WHERE program_id = ?1 AND window_name = (${KEPT} LIMIT 1) AND (referrals <> 0 OR successes <> 0 OR revenue_minor <> 0)
  UNION ALL
  SELECT partner_id,
    sum(CASE WHEN day >= ?2 THEN signups + leads ELSE 0 END), sum(CASE WHEN day >= ?2 THEN paying + won ELSE 0 END),
    sum(CASE WHEN day >= ?2 THEN revenue_minor ELSE 0 END),
    sum(CASE WHEN day < ?2 THEN signups + leads ELSE 0 END), sum(CASE WHEN day < ?2 THEN paying + won ELSE 0 END)
  FROM ${UNLESS_KEPT} partner_daily_stats WHERE program_id = ?1 AND day BETWEEN ?4 AND ?3 AND (${HAS_OUTCOME}) GROUP BY partner_id`;

/** The approved partners' figures from a window, in the columns of APPROVED_ROLLUPS. */
const APPROVED = `partner_id, approved_at, referrals, successes, revenue_minor AS revenue, previous_referrals AS previousReferrals, previous_successes AS previousSuccesses`;
/**
 * Every approved partner's figures, from a window that covers the period: it has a row for each (migration 0042), and
 * its index holds them in the lowest performers' order. Not materialized, so the lowest read that index's first rows.
 */
const APPROVED_KEPT = `SELECT ${APPROVED} FROM partner_window_stats WHERE program_id = ?1 AND window_name = (${KEPT} LIMIT 1) AND approved = 1`;
/** Every approved partner's figures when no window covers the period (else no row): the partners, with their sums in t. */
const APPROVED_ROLLUPS = `SELECT t.partner_id, p.approved_at, t.referrals, t.successes, t.revenue, t.previousReferrals, t.previousSuccesses
  FROM ${UNLESS_KEPT} t JOIN partners p ON p.id = t.partner_id AND p.status = 'partner'
  UNION ALL
  SELECT p.id, p.approved_at, 0, 0, 0, 0, 0 FROM ${UNLESS_KEPT} partners p
  WHERE p.program_id = ?1 AND p.status = 'partner' AND p.id NOT IN (SELECT partner_id FROM t)`;
/** The lowest performers' order, and the first of the approved partners in it (approved before the period ended, ?5). */
const LOWEST_ORDER = 'referrals, successes, revenue, approved_at, partner_id';
const lowestOf = (approved: string) => `SELECT * FROM (SELECT * FROM ${approved} WHERE approved_at < ?5 ORDER BY ${LOWEST_ORDER} LIMIT ${TOP})`;

/** A listed partner's visits in the period, through the table's key (partner_id, day). */
const VISITS = '(SELECT coalesce(sum(v.visits), 0) FROM partner_daily_stats v WHERE v.partner_id = p.id AND v.day BETWEEN ?2 AND ?3)';

/** The partners first by one of t's figures: the top performers, chosen before any partner is read. */
const top = (by: 'referrals' | 'successes' | 'revenue') => `SELECT partner_id FROM t WHERE ${by} > 0 ORDER BY ${by} DESC, partner_id LIMIT ${TOP}`;

/** The columns every row of the per-partner statement has: each part fills its own, the rest are NULL. */
const PARTNER_COLUMNS = ['kind', 'partnerId', 'name', 'company', 'status', 'number', 'referrals', 'successes', 'revenueMinor', 'visits',
  'referring', 'referringMoreThanOnce', 'successful', 'previousReferring', 'previousReferringMoreThanOnce', 'previousSuccessful',
  'previousReferrals', 'previousSuccesses', 'members', 'activeMembers'] as const;
const columns = (kind: string, set: Partial<Record<(typeof PARTNER_COLUMNS)[number], string>>) =>
  PARTNER_COLUMNS.map((c) => `${c === 'kind' ? `'${kind}'` : (set[c] ?? 'NULL')} AS ${c}`).join(', ');
const PERFORMER = { partnerId: 'p.id', name: 'p.name', company: 'p.company', status: 'p.status', number: 'p.number', visits: VISITS };
/**
 * Partner activity in both periods, summed over the approved partners of `t`, in one row: D1 refused this statement
 * with 6 parts to its compound SELECT ("too many terms").
 */
const ACTIVITY = {
  referring: 'sum(t.referrals > 0)', referringMoreThanOnce: 'sum(t.referrals > 1)', successful: 'sum(t.successes > 0)',
  referrals: 'sum(t.referrals)', successes: 'sum(t.successes)',
  previousReferring: 'sum(t.previousReferrals > 0)', previousReferringMoreThanOnce: 'sum(t.previousReferrals > 1)',
  previousSuccessful: 'sum(t.previousSuccesses > 0)', previousReferrals: 'sum(t.previousReferrals)', previousSuccesses: 'sum(t.previousSuccesses)',
};

/** A campaign's funnel row from the rollups: its invitations' sums (a campaign of NULL is the invitations without one). */
const CAMPAIGN_ROW = `'campaign' AS kind, coalesce(campaign, '') AS key, NULL AS code, NULL AS partnerName, campaign,
  sum(visits) AS visits, sum(signups) AS signups, sum(paying) AS paying`;

/**
 * The window's campaign rows (migration 0043: '' is no campaign), when a window covers the period (?1 program, ?2
 * first day, ?3 last day, ?4 the previous period's first day). A campaign left at zero (its invitations renamed to
 * another, until the next move deletes its row) is none, as in the invitations' rows.
 */
const KEPT_CAMPAIGNS = `SELECT 'campaign' AS kind, campaign AS key, NULL AS code, NULL AS partnerName, nullif(campaign, '') AS campaign, visits, signups, paying
  FROM campaign_window_stats WHERE program_id = ?1 AND window_name = (${KEPT} LIMIT 1) AND (visits <> 0 OR signups <> 0 OR paying <> 0)`;

/** The window's ten busiest invitations, in the order of their index (migration 0043), when a window covers the period. */
const KEPT_BUSIEST = `SELECT invitation_id AS id, visits, signups, paying FROM invitation_window_stats WHERE program_id = ?1 AND window_name = (${KEPT} LIMIT 1)
  ORDER BY visits DESC, signups DESC, invitation_id LIMIT ${LISTED}`;

/** Each partner invitation's counts over the period summed from the daily rollups, when no window covers it (else no row). */
const INVITATION_PERIOD = `SELECT i.id, i.campaign, i.partner_id, sum(s.clicks + s.scans) AS visits, sum(s.signups) AS signups, sum(s.paying) AS paying
  FROM ${UNLESS_KEPT} invitations i JOIN invitation_daily_stats s ON s.invitation_id = i.id AND s.day BETWEEN ?2 AND ?3
  WHERE i.program_id = ?1 AND i.partner_id IS NOT NULL GROUP BY i.id`;

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

/** The query plans the tests check name these, so each is exported. */
export const METRICS_SQL = {
  /** The program's sums for the period and the one before it, from its own daily rollup (migration 0036). */
  totals: `SELECT CASE WHEN day >= ?2 THEN 'current' ELSE 'previous' END AS period, ${SUMS}
    FROM program_daily_stats WHERE program_id = ?1 AND day BETWEEN ?3 AND ?4 GROUP BY period`,
  partners: `SELECT
      (SELECT count(*) FROM partners WHERE program_id = ?1 AND status = 'partner' AND approved_at < ?3) AS approved,
      (SELECT count(*) FROM partners WHERE program_id = ?1 AND status = 'partner' AND approved_at < ?2) AS approvedBefore,
      (SELECT count(*) FROM partners WHERE program_id = ?1 AND created_at >= ?2 AND created_at < ?3) AS joined,
      (SELECT count(*) FROM partners WHERE program_id = ?1 AND created_at >= ?4 AND created_at < ?2) AS joinedBefore,
      (SELECT count(*) FROM partners WHERE program_id = ?1) AS total,
      (SELECT count(*) FROM partners WHERE program_id = ?1 AND status = 'affiliate') AS affiliates`,
  series: `SELECT day, ${SUMS} FROM program_daily_stats WHERE program_id = ?1 AND day BETWEEN ?2 AND ?3 GROUP BY day ORDER BY day`,
  /**
   * Partner activity (both periods), the top performers, the lowest, "many referrals, no purchase" and the partner
   * companies, as rows told apart by `kind` (?5 the end of the period in ms, ?6 the no-purchase minimum). Each list
   * is chosen first and its partners read after, so only the partners listed have their visits summed. The approved
   * partners' figures come from a window's approved rows (w: the activity sums their index entries, the lowest are its
   * first five) or, for any other period, from the rollups' sums (a, read once for both); the partner companies are the
   * partners with more than one member, from a partial index of them (migration 0044), and only the ten listed have
   * their active members counted.
   */
  perPartner: `WITH t AS (${PARTNER_PERIODS}),
    w AS NOT MATERIALIZED (${APPROVED_KEPT}),
    a AS (${APPROVED_ROLLUPS}),
    m AS (SELECT id AS partner_id, member_count AS members FROM partners WHERE program_id = ?1 AND member_count > 1)
    SELECT ${columns('activity', ACTIVITY)} FROM (SELECT * FROM w UNION ALL SELECT * FROM a) t
    UNION ALL
    SELECT ${columns('performer', { ...PERFORMER, referrals: 'r.referrals', successes: 'r.successes', revenueMinor: 'r.revenue' })}
    FROM t r JOIN partners p ON p.id = r.partner_id
    WHERE r.partner_id IN (${top('referrals')}) OR r.partner_id IN (${top('successes')}) OR r.partner_id IN (${top('revenue')})
    UNION ALL
    SELECT * FROM (SELECT ${columns('lowest', { ...PERFORMER, referrals: 'x.referrals', successes: 'x.successes', revenueMinor: 'x.revenue' })}
      FROM (${lowestOf('w')} UNION ALL ${lowestOf('a')}) x
      JOIN partners p ON p.id = x.partner_id ORDER BY x.referrals, x.successes, x.revenue, x.approved_at, p.id LIMIT ${TOP})
    UNION ALL
    SELECT * FROM (SELECT ${columns('noPurchase', { ...PERFORMER, referrals: 'x.referrals', successes: 'x.successes', revenueMinor: 'x.revenue' })}
      FROM (SELECT * FROM t WHERE t.referrals >= ?6 AND t.successes = 0 ORDER BY t.referrals DESC, t.partner_id LIMIT ${LISTED}) x
      JOIN partners p ON p.id = x.partner_id ORDER BY x.referrals DESC, p.id)
    UNION ALL
    SELECT * FROM (SELECT ${columns('company', {
      partnerId: 'p.id', name: 'p.name', company: 'p.company', members: 'x.members',
      activeMembers: `(SELECT count(DISTINCT i.member_id) FROM invitations i JOIN invitation_daily_stats s ON s.invitation_id = i.id AND s.day BETWEEN ?2 AND ?3
        WHERE i.partner_id = p.id AND i.member_id IS NOT NULL AND s.clicks + s.scans + s.signups > 0)`,
      referrals: 'x.referrals', successes: 'x.successes',
    })}
      FROM (SELECT m.partner_id, m.members, coalesce(t.referrals, 0) AS referrals, coalesce(t.successes, 0) AS successes FROM m LEFT JOIN t ON t.partner_id = m.partner_id
            ORDER BY referrals DESC, successes DESC, m.partner_id LIMIT ${LISTED}) x
      JOIN partners p ON p.id = x.partner_id ORDER BY x.referrals DESC, x.successes DESC, p.id)`,
  /**
   * The funnel's busiest campaigns and invitations, as rows told apart by `kind`: from the window's campaign rows and
   * the first entries of its busiest-invitations index (migration 0043), or from the rollups' sums, whichever has
   * rows; the ten invitations listed are read after they are chosen.
   */
  funnel: `WITH f AS (${INVITATION_PERIOD})
    SELECT * FROM (${KEPT_CAMPAIGNS} ORDER BY visits DESC, signups DESC, key LIMIT ${LISTED})
    UNION ALL
    SELECT * FROM (SELECT ${CAMPAIGN_ROW} FROM f GROUP BY campaign ORDER BY visits DESC, signups DESC, key LIMIT ${LISTED})
    UNION ALL
    SELECT * FROM (SELECT 'invitation', x.id, i.code, p.name, i.campaign, x.visits, x.signups, x.paying
      FROM (SELECT * FROM (${KEPT_BUSIEST})
            UNION ALL SELECT * FROM (SELECT id, visits, signups, paying FROM f ORDER BY visits DESC, signups DESC, id LIMIT ${LISTED})) x
      JOIN invitations i ON i.id = x.id JOIN partners p ON p.id = i.partner_id
      ORDER BY x.visits DESC, x.signups DESC, x.id)`,
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
const PERFORMER_KEYS: readonly (keyof Performer)[] = ['partnerId', 'name', 'company', 'status', 'number', 'referrals', 'successes', 'revenueMinor', 'visits'];
const COMPANY_KEYS: readonly (keyof CompanyRow)[] = ['partnerId', 'name', 'company', 'members', 'activeMembers', 'referrals', 'successes'];
const FUNNEL_KEYS: readonly (keyof FunnelRow)[] = ['key', 'code', 'partnerName', 'campaign', 'visits', 'signups', 'paying'];
const list = <T>(r: Row[]) => r as unknown as T[];
const one = <T>(r: Row[]) => r[0] as unknown as T;
const byPeriod = (r: Row[], which: 'current' | 'previous') => r.find((x) => x.period === which) ?? {};

/** Every figure of the metrics for the period and the one before it, in one round trip. */
export async function programMetricsRows(db: D1Database, programId: string, period: Period, previous: Period, now: number): Promise<ProgramMetricsRows> {
  const q = (sql: string, ...args: unknown[]) => db.prepare(sql).bind(programId, ...args);
  const [start, end, prevStart] = [utcStart(period.from), utcEnd(period.to), utcStart(previous.from)];
  const days = [period.from, period.to];
  const [totals, partners, series, perPartner, funnel, leads, payouts, representatives] = (
    await db.batch<Row>([
      q(METRICS_SQL.totals, period.from, previous.from, period.to),
      q(METRICS_SQL.partners, start, end, prevStart),
      q(METRICS_SQL.series, ...days),
      q(METRICS_SQL.perPartner, period.from, period.to, previous.from, end, NO_PURCHASE_MIN_REFERRALS),
      q(METRICS_SQL.funnel, ...days, previous.from),
      q(METRICS_SQL.leads, start, end, now),
      q(METRICS_SQL.payouts, start, end, prevStart),
      q(REPRESENTATIVES_SQL, start, end),
    ])
  ).map((r) => r.results);
  // Each part's rows, with only the columns its part fills.
  const kind = <T>(rows: Row[], k: string, keys: readonly string[]) =>
    rows.filter((r) => r.kind === k).map((r) => Object.fromEntries(keys.map((c) => [c, r[c]])) as T);
  const a = perPartner.find((r) => r.kind === 'activity') ?? {};
  const p = one<Record<string, number>>(partners);
  return {
    current: numbers(byPeriod(totals, 'current'), ZERO),
    previous: numbers(byPeriod(totals, 'previous'), ZERO),
    partners: { current: { approved: p.approved, joined: p.joined }, previous: { approved: p.approvedBefore, joined: p.joinedBefore }, total: p.total, affiliates: p.affiliates },
    activity: {
      current: numbers(a, NO_ACTIVITY),
      // The previous period's sums are the same names after 'previous' (ACTIVITY): referring → previousReferring.
      previous: numbers(Object.fromEntries(Object.keys(NO_ACTIVITY).map((k) => [k, a[`previous${k[0].toUpperCase()}${k.slice(1)}`]])), NO_ACTIVITY),
    },
    series: list<Counts & { day: string }>(series),
    performers: kind<Performer>(perPartner, 'performer', PERFORMER_KEYS),
    lowest: kind<Performer>(perPartner, 'lowest', PERFORMER_KEYS),
    noPurchase: kind<Performer>(perPartner, 'noPurchase', PERFORMER_KEYS),
    companies: kind<CompanyRow>(perPartner, 'company', COMPANY_KEYS),
    campaigns: kind<FunnelRow>(funnel, 'campaign', FUNNEL_KEYS),
    invitations: kind<FunnelRow>(funnel, 'invitation', FUNNEL_KEYS),
    representatives: list<RepresentativeRow>(representatives),
    leads: one<ProgramMetricsRows['leads']>(leads),
    payouts: one<ProgramMetricsRows['payouts']>(payouts),
  };
}
