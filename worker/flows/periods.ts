// Closing reporting periods: the steps that both a program manager's request and the Cron Trigger run.
import { sum, type Money } from '../../shared/money';
import { releaseMoves } from '../domain/ledger';
import { periodAt, type PeriodKind } from '../domain/periods';
import { lotsUnmovedGuard, maturedLotsOf } from '../db/ledger';
import {
  allProgramIds, closePeriod, endedOpenPeriods, getPeriod, openPeriodStatements, openRequestsRead, periodsRead, type BatchLine, type PeriodRow,
} from '../db/periods';

type Program = { id: string; reportingPeriod: PeriodKind };

/** The period that contains `now`, stored if it was not yet: one round trip. */
export async function currentPeriod(db: D1Database, program: Program, now: number): Promise<PeriodRow> {
  const open = openPeriodStatements(db, program.id, periodAt(program.reportingPeriod, now), now);
  const [, current] = await db.batch<Record<string, unknown>>([open.ensure, open.current.statement]);
  return open.current.from(current.results)!;
}

/**
 * The console's payouts: the current period (stored if it was not yet), the periods, and the requests waiting for the
 * next close, in one round trip.
 */
export async function payoutsNow(db: D1Database, program: Program, now: number): Promise<{ current: PeriodRow; periods: PeriodRow[]; open: BatchLine[] }> {
  const period = openPeriodStatements(db, program.id, periodAt(program.reportingPeriod, now), now);
  const [periods, requests] = [periodsRead(db, program.id), openRequestsRead(db, program.id)];
  const results = await db.batch<Record<string, unknown>>([period.ensure, period.current.statement, periods.statement, requests.statement]);
  return { current: period.current.from(results[1].results)!, periods: periods.from(results[2].results), open: requests.from(results[3].results) };
}

/** How often a close is tried again when a refund or a cancellation moved the matured commissions at the same moment. */
const ATTEMPTS = 50;

/**
 * Releases matured commissions and batches the open withdrawal requests. Closing twice changes nothing. The releases
 * are computed from the lots as read and the close commits only if none of them moved meanwhile; else it reads again.
 */
export async function closeReportingPeriod(db: D1Database, programId: string, period: PeriodRow, currency: string, now: number): Promise<{ closed: boolean; released: Money; batchId: string }> {
  for (let attempt = 0; ; attempt++) {
    const lots = await maturedLotsOf(db, programId, now);
    const releases = releaseMoves(lots, now, period.id);
    const { closed, batchId } = await closePeriod(db, programId, period.id, releases, now, lotsUnmovedGuard(lots));
    // Not closed: closed before (by another request or the cron), or its lots moved; only the second reads again.
    if (closed || attempt + 1 >= ATTEMPTS || (await getPeriod(db, programId, period.id))?.closedAt !== null) {
      return { closed, released: sum(currency, closed ? releases.filter((r) => r.status === 'available').map((r) => r.amount) : []), batchId };
    }
  }
}

/** The Cron Trigger's part: every program has a current period, and every period that has ended gets closed. */
export async function closeEndedPeriods(db: D1Database, now: number): Promise<number> {
  const programs = await allProgramIds(db);
  await Promise.all(programs.map((p) => currentPeriod(db, p, now)));
  let closed = 0;
  for (const { programId, currency, period } of await endedOpenPeriods(db, now)) {
    if ((await closeReportingPeriod(db, programId, period, currency, now)).closed) closed++;
  }
  return closed;
}
