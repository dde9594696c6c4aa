// Reporting periods and payout batches: closing a period releases matured commissions and batches the withdrawals.
import { money, type Money } from '../../shared/money';
import type { LedgerDraft } from '../domain/ledger';
import type { PeriodBounds } from '../domain/periods';
import type { PartnerStatus } from '../domain/partners';
import { postEntries, type Guard } from './ledger';
import { payoutBatchClosed } from '../domain/events';
import { eventsStatement } from './events';
import { emailPeriodSummariesStatement } from './emails';
import { readOne, type Read } from './reads';

export interface PeriodRow {
  id: string;
  startsAt: number;
  endsAt: number;
  closedAt: number | null;
  batchId: string | null;
}

interface PeriodRecord {
  id: string;
  starts_at: number;
  ends_at: number;
  closed_at: number | null;
  batch_id: string | null;
}

const toPeriod = (r: PeriodRecord): PeriodRow => ({ id: r.id, startsAt: r.starts_at, endsAt: r.ends_at, closedAt: r.closed_at, batchId: r.batch_id });
const PERIOD_COLUMNS = 'rp.*, (SELECT b.id FROM payout_batches b WHERE b.period_id = rp.id) AS batch_id';
const PERIOD_SQL = `SELECT ${PERIOD_COLUMNS} FROM reporting_periods rp`;

/**
 * The open period's start, as openPeriodAt works it out (worker/domain/periods.ts), in SQL: the end of the latest
 * period a manager closed early inside the calendar period (?2 its start, ?3 now), else the calendar period's start.
 * ?1 is the program.
 */
const OPEN_START = `CAST(coalesce((SELECT max(ends_at) FROM reporting_periods WHERE program_id = ?1 AND closed_at IS NOT NULL AND ends_at > ?2 AND ends_at <= ?3), ?2) AS INTEGER)`;

/** periodId (worker/domain/periods.ts) in SQL, for a program and a start in whole milliseconds. */
export const periodIdSql = (program: string, start: string): string =>
  `'per_' || ${program} || '_' || strftime('%Y%m%dT%H%M%S', ${start} / 1000, 'unixepoch') || printf('%03d', ${start} % 1000)`;

/**
 * The open period's row, written once, and read back, with no read before them: where it starts depends on an early
 * close, which both statements look up themselves. So the caller can put them in one batch with its other reads.
 */
export function openPeriodStatements(db: D1Database, programId: string, calendar: PeriodBounds, now: number): { ensure: D1PreparedStatement; current: Read<PeriodRow | null> } {
  return {
    ensure: db
      .prepare(`INSERT INTO reporting_periods (id, program_id, starts_at, ends_at) SELECT ${periodIdSql('?1', 's')}, ?1, s, ?4 FROM (SELECT ${OPEN_START} AS s) WHERE true ON CONFLICT DO NOTHING`)
      .bind(programId, calendar.startsAt, now, calendar.endsAt),
    current: {
      statement: db.prepare(`${PERIOD_SQL} WHERE rp.program_id = ?1 AND rp.id = (SELECT ${periodIdSql('?1', 's')} FROM (SELECT ${OPEN_START} AS s))`).bind(programId, calendar.startsAt, now),
      from: (rows) => (rows[0] ? toPeriod(rows[0] as unknown as PeriodRecord) : null),
    },
  };
}

export function periodsRead(db: D1Database, programId: string, limit = 24): Read<PeriodRow[]> {
  return {
    statement: db.prepare(`${PERIOD_SQL} WHERE rp.program_id = ? ORDER BY rp.starts_at DESC LIMIT ?`).bind(programId, limit),
    from: (rows) => (rows as unknown as PeriodRecord[]).map(toPeriod),
  };
}

export function periodRead(db: D1Database, programId: string, id: string): Read<PeriodRow | null> {
  return {
    statement: db.prepare(`${PERIOD_SQL} WHERE rp.program_id = ? AND rp.id = ?`).bind(programId, id),
    from: (rows) => (rows[0] ? toPeriod(rows[0] as unknown as PeriodRecord) : null),
  };
}

export const getPeriod = (db: D1Database, programId: string, id: string): Promise<PeriodRow | null> => readOne(db, periodRead(db, programId, id));

/** The period a payout batch of this program was made for, or null for no such batch. */
export async function periodOfBatch(db: D1Database, programId: string, batchId: string): Promise<PeriodRow | null> {
  const r = await db
    .prepare(`${PERIOD_SQL} JOIN payout_batches pb ON pb.period_id = rp.id WHERE pb.id = ? AND pb.program_id = ?`)
    .bind(batchId, programId)
    .first<PeriodRecord>();
  return r ? toPeriod(r) : null;
}

/** Open periods that have ended, across programs (for the Cron Trigger). */
export async function endedOpenPeriods(db: D1Database, now: number): Promise<{ programId: string; currency: string; period: PeriodRow }[]> {
  const { results } = await db
    .prepare(
      `SELECT ${PERIOD_COLUMNS}, g.currency FROM reporting_periods rp JOIN programs g ON g.id = rp.program_id
       WHERE rp.closed_at IS NULL AND rp.ends_at <= ? ORDER BY rp.ends_at LIMIT 100`,
    )
    .bind(now)
    .all<PeriodRecord & { program_id: string; currency: string }>();
  return results.map((r) => ({ programId: r.program_id, currency: r.currency, period: toPeriod(r) }));
}

export async function allProgramIds(db: D1Database): Promise<{ id: string; reportingPeriod: 'weekly' | 'monthly' | 'quarterly' }[]> {
  const { results } = await db.prepare('SELECT id, reporting_period FROM programs').all<{ id: string; reporting_period: 'weekly' | 'monthly' | 'quarterly' }>();
  return results.map((r) => ({ id: r.id, reportingPeriod: r.reporting_period }));
}

/**
 * One transaction: mark the period closed (only once), post the releases, create its payout batch and move the
 * open requests of partners in good standing into it (payout.batch_closed), and write each approved partner's period
 * summary email. A second close of the same period changes nothing.
 */
export async function closePeriod(db: D1Database, programId: string, periodId: string, releases: LedgerDraft[], now: number, unmoved: Guard): Promise<{ closed: boolean; batchId: string }> {
  const batchId = `pob_${periodId.replace(/^per_/, '')}`;
  const closedNow = { sql: 'SELECT 1 FROM reporting_periods WHERE id = ? AND closed_at = ?', args: [periodId, now] };
  const [close] = await db.batch([
    // Closed early, a period ends now; the rest of its calendar span becomes the next open period. Only while the
    // released lots are as they were read: a refund in between would make a release give out more than a lot holds.
    db
      .prepare(`UPDATE reporting_periods SET closed_at = ?1, ends_at = min(ends_at, ?1) WHERE id = ?2 AND program_id = ?3 AND closed_at IS NULL AND EXISTS (${unmoved.sql})`)
      .bind(now, periodId, programId, ...unmoved.args),
    ...postEntries(db, programId, releases, now, closedNow),
    db
      .prepare(`INSERT INTO payout_batches (id, program_id, period_id, created_at) SELECT ?, ?, ?, ? WHERE EXISTS (${closedNow.sql}) ON CONFLICT DO NOTHING`)
      .bind(batchId, programId, periodId, now, ...closedNow.args),
    db
      .prepare(
        `UPDATE withdrawals SET status = 'approved', payout_batch_id = ?
         WHERE program_id = ? AND status = 'requested' AND created_at <= ? AND EXISTS (${closedNow.sql})
           AND partner_id IN (SELECT id FROM partners WHERE program_id = ? AND status = 'partner')`,
      )
      .bind(batchId, programId, now, ...closedNow.args, programId),
    eventsStatement(db, programId, [payoutBatchClosed({ batchId, periodId })], now, closedNow),
    emailPeriodSummariesStatement(db, { programId, periodId, now }, closedNow),
  ]);
  return { closed: close.meta.changes === 1, batchId };
}

export interface BatchLine {
  withdrawalId: string;
  partnerId: string;
  partnerNumber: number;
  partnerStatus: PartnerStatus;
  partnerName: string;
  payoutMethod: string;
  payoutDetails: string | null;
  amount: Money;
  status: string;
  statusReason: string | null;
}

interface LineRecord {
  id: string;
  partner_id: string;
  number: number;
  partner_status: PartnerStatus;
  name: string;
  payout_method: string;
  payout_details: string | null;
  amount_minor: number;
  currency: string;
  status: string;
  status_reason: string | null;
}

function linesRead(db: D1Database, where: string, ...args: unknown[]): Read<BatchLine[]> {
  return {
    statement: db
      .prepare(
        `SELECT w.id, w.partner_id, p.number, p.status AS partner_status, p.name, w.payout_method, coalesce(w.payout_details, p.payout_details) AS payout_details, w.amount_minor, w.currency, w.status, w.status_reason
         FROM withdrawals w JOIN partners p ON p.id = w.partner_id WHERE ${where} ORDER BY p.number, w.created_at`,
      )
      .bind(...args),
    from: (rows) =>
      (rows as unknown as LineRecord[]).map((r) => ({
        withdrawalId: r.id,
        partnerId: r.partner_id,
        partnerNumber: r.number,
        partnerStatus: r.partner_status,
        partnerName: r.name,
        payoutMethod: r.payout_method,
        payoutDetails: r.payout_details,
        amount: money(r.amount_minor, r.currency),
        status: r.status,
        statusReason: r.status_reason,
      })),
  };
}

export const batchLines = (db: D1Database, programId: string, batchId: string) => readOne(db, linesRead(db, 'w.program_id = ? AND w.payout_batch_id = ?', programId, batchId));

/** Requests waiting for the next close. */
export const openRequestsRead = (db: D1Database, programId: string) => linesRead(db, "w.program_id = ? AND w.status = 'requested'", programId);
