// Reporting periods: calendar weeks, months or quarters in UTC. Payouts happen when one closes.
export type PeriodKind = 'weekly' | 'monthly' | 'quarterly';

export interface PeriodBounds {
  startsAt: number;
  endsAt: number; // exclusive
}

/** The period that contains the instant `t`. */
export function periodAt(kind: PeriodKind, t: number): PeriodBounds {
  const d = new Date(t);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  if (kind === 'weekly') {
    const dayFromMonday = (d.getUTCDay() + 6) % 7;
    const startsAt = Date.UTC(y, m, d.getUTCDate() - dayFromMonday);
    return { startsAt, endsAt: startsAt + 7 * 86_400_000 };
  }
  const months = kind === 'monthly' ? 1 : 3;
  const first = m - (m % months);
  return { startsAt: Date.UTC(y, first), endsAt: Date.UTC(y, first + months) };
}

/**
 * The id a period is stored under: one row per program and start (e.g. per_prg_demo_20261101T000000000). The console's
 * payouts spell it in SQL (periodIdSql, worker/db/periods.ts); test/worker/open-period.test.ts keeps the two equal.
 */
export function periodId(programId: string, startsAt: number): string {
  return `per_${programId}_${new Date(startsAt).toISOString().slice(0, 23).replace(/[-:.]/g, '')}`;
}

/**
 * The open period at `now`. A manager may close a period before its calendar end; the rest of that span is then
 * a period of its own, starting where the closed one stopped. This is the rule; worker/db/periods.ts works it out in
 * SQL (openPeriodStatements), inside the batch that writes the period, and test/worker/open-period.test.ts checks
 * the two agree.
 */
export function openPeriodAt(kind: PeriodKind, now: number, lastClosedEnd: number | null): PeriodBounds {
  const calendar = periodAt(kind, now);
  const startsAt = lastClosedEnd !== null && lastClosedEnd > calendar.startsAt && lastClosedEnd <= now ? lastClosedEnd : calendar.startsAt;
  return { startsAt, endsAt: calendar.endsAt };
}
