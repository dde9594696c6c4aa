// The engagement triggers' SQL: approved partners by their last sign of life, by referrals and successes in a period
// (from the partner_daily_stats rollup, never raw clicks or customers), and the notices that keep each condition told once.
import type { EventDraft } from '../domain/events';
import type { EngagementKind } from '../domain/engagement';
import { eventsStatement } from './events';
import { HAS_OUTCOME } from './metrics';

export interface PartnerHead {
  id: string;
  number: number;
  status: string;
  name: string;
  company: string | null;
}

export interface ActivityRow extends PartnerHead {
  joinedAt: number;
  lastSignInAt: number | null;
  lastReferralDay: string | null;
}

export interface PeriodCountsRow extends PartnerHead {
  referrals: number;
  successes: number;
  /** First-time paying customers only: what escalation tiers count. */
  paying: number;
}

export interface Page {
  limit: number;
  offset: number;
}

const HEAD = 'p.id, p.number, p.status, p.name, p.company';
const dayMs = (col: string) => `(CAST(strftime('%s', ${col}) AS INTEGER) * 1000)`;

/**
 * Approved partners whose last sign of life (a member's sign-in, a day with a referral, approval) is at or before
 * `cutoff`, the longest quiet first; or only `partnerId`. The last referral day is one read of the partner's rollup rows.
 */
export async function quietPartners(db: D1Database, programId: string, cutoff: number, page: Page, partnerId: string | null = null): Promise<ActivityRow[]> {
  const { results } = await db
    .prepare(
      `SELECT * FROM (
         SELECT ${HEAD}, coalesce(p.approved_at, p.created_at) AS joinedAt,
           (SELECT max(a.last_sign_in_at) FROM members m JOIN accounts a ON a.id = m.account_id WHERE m.partner_id = p.id) AS lastSignInAt,
           (SELECT max(s.day) FROM partner_daily_stats s WHERE s.partner_id = p.id AND s.signups + s.leads > 0) AS lastReferralDay
         FROM partners p WHERE p.program_id = ?1 AND p.status = 'partner' AND (?2 IS NULL OR p.id = ?2)
       ) WHERE max(joinedAt, coalesce(lastSignInAt, 0), coalesce(${dayMs('lastReferralDay')}, 0)) <= ?3
       ORDER BY max(joinedAt, coalesce(lastSignInAt, 0), coalesce(${dayMs('lastReferralDay')}, 0)), id
       LIMIT ?4 OFFSET ?5`,
    )
    .bind(programId, partnerId, cutoff, page.limit, page.offset)
    .all<ActivityRow>();
  return results;
}

/** Approved partners' referrals (signups and leads) and successes (paying and won) on the days [fromDay, toDay). */
export async function periodCounts(
  db: D1Database,
  programId: string,
  days: { fromDay: string; toDay: string },
  filter: { having: 'referrals_no_success' | 'paying' },
  page: Page,
  partnerId: string | null = null,
): Promise<PeriodCountsRow[]> {
  const having = filter.having === 'paying' ? 'paying >= 1' : 'referrals > 0 AND successes <= 0';
  const order = filter.having === 'paying' ? 'paying DESC' : 'referrals DESC';
  const { results } = await db
    .prepare(
      `SELECT ${HEAD}, sum(s.signups + s.leads) AS referrals, sum(s.paying + s.won) AS successes, sum(s.paying) AS paying
       FROM partner_daily_stats s JOIN partners p ON p.id = s.partner_id AND p.status = 'partner'
       WHERE s.program_id = ?1 AND s.day >= ?2 AND s.day < ?3 AND (?4 IS NULL OR s.partner_id = ?4) AND (${HAS_OUTCOME})
       GROUP BY p.id HAVING ${having} ORDER BY ${order}, p.id LIMIT ?5 OFFSET ?6`,
    )
    .bind(programId, days.fromDay, days.toDay, partnerId, page.limit, page.offset)
    .all<PeriodCountsRow>();
  return results;
}

export interface NoticeRow {
  partnerId: string;
  conditionKey: string;
  createdAt: number;
  lastSentAt: number;
  sends: number;
  sentBy: string | null;
}

/** The notices of one kind for these partners (every condition told so far). */
export async function noticesOf(db: D1Database, kind: EngagementKind, partnerIds: string[]): Promise<NoticeRow[]> {
  if (partnerIds.length === 0) return [];
  const { results } = await db
    .prepare(
      `SELECT partner_id AS partnerId, condition_key AS conditionKey, created_at AS createdAt, last_sent_at AS lastSentAt, sends, sent_by AS sentBy
       FROM engagement_notices WHERE kind = ?1 AND partner_id IN (SELECT value FROM json_each(?2))`,
    )
    .bind(kind, JSON.stringify(partnerIds))
    .all<NoticeRow>();
  return results;
}

export interface NoticeDraft {
  programId: string;
  partnerId: string;
  kind: EngagementKind;
  key: string;
  event: EventDraft;
  sentBy: string | null;
}

/**
 * One condition told: its event (once per dedupe key) and its notice (once per partner, kind and key), in one batch.
 * A re-send's event has a key of its own and counts on the notice; a re-send of a notice not yet written writes none.
 */
export function noticeStatements(db: D1Database, n: NoticeDraft, now: number, resend = false): D1PreparedStatement[] {
  const event = eventsStatement(db, n.programId, [n.event], now, { sql: 'SELECT 1', args: [] });
  if (resend) {
    return [
      event,
      db
        .prepare('UPDATE engagement_notices SET sends = sends + 1, last_sent_at = ?1 WHERE partner_id = ?2 AND kind = ?3 AND condition_key = ?4')
        .bind(now, n.partnerId, n.kind, n.key),
    ];
  }
  return [
    event,
    db
      .prepare(
        `INSERT INTO engagement_notices (program_id, partner_id, kind, condition_key, event_id, sent_by, created_at, last_sent_at)
         SELECT ?1, ?2, ?3, ?4, e.id, ?5, ?6, ?6 FROM events e WHERE e.dedupe_key = ?7
         ON CONFLICT (partner_id, kind, condition_key) DO NOTHING`,
      )
      .bind(n.programId, n.partnerId, n.kind, n.key, n.sentBy, now, n.event.dedupeKey),
  ];
}

/** Tell these conditions; how many events were new (a rerun or a racing isolate writes none). */
export async function writeNotices(db: D1Database, drafts: NoticeDraft[], now: number, resend = false): Promise<number> {
  if (drafts.length === 0) return 0;
  const results = await db.batch(drafts.flatMap((d) => noticeStatements(db, d, now, resend)));
  return results.filter((r, i) => i % 2 === 0 && (r.meta.changes ?? 0) > 0).length;
}

export interface EngagementProgram {
  id: string;
  currency: string;
  reportingPeriod: 'weekly' | 'monthly' | 'quarterly';
  inactiveDays: number;
}

/** Every program with an approved partner, for the daily run. */
export async function engagementPrograms(db: D1Database): Promise<EngagementProgram[]> {
  const { results } = await db
    .prepare(
      `SELECT id, currency, reporting_period AS reportingPeriod, inactive_days AS inactiveDays FROM programs g
       WHERE EXISTS (SELECT 1 FROM partners p WHERE p.program_id = g.id AND p.status = 'partner')`,
    )
    .all<EngagementProgram>();
  return results;
}

/** Whether the partner belongs to the program. */
export async function partnerOfProgram(db: D1Database, programId: string, partnerId: string): Promise<boolean> {
  return (await db.prepare('SELECT 1 AS x FROM partners WHERE id = ? AND program_id = ?').bind(partnerId, programId).first()) !== null;
}
