// The metric windows (docs/METRICS.md): the console's preset periods (the last 7, 30, 90 and 365 days, this month),
// whose per-partner and per-invitation sums are kept in tables of their own (migration 0041), so the metrics of a
// preset read one row per partner or invitation instead of every partner's and invitation's days. Triggers add each
// change of a day inside a window; once a day the hourly Cron Trigger moves each window on, adding the days that
// entered it and taking away the days that left. This module says what each window covers on a day and which days a
// move adds and takes away.
import { previousPeriod, type Period } from './program-metrics';

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const msOf = (day: string) => Date.parse(`${day}T00:00:00Z`);
const addDays = (day: string, n: number) => dayOf(msOf(day) + n * DAY_MS);

/** What a window covers: the period and the one compared with it, which ends the day before `from`. */
export interface WindowRange {
  from: string;
  to: string;
  previousFrom: string;
}

const lastDays = (n: number) => (today: string): Period => ({ from: addDays(today, 1 - n), to: today });

/** The windows kept, by name: the periods the console's period picker offers, ending today (UTC). */
export const METRIC_WINDOWS = {
  last7: lastDays(7),
  last30: lastDays(30),
  last90: lastDays(90),
  last365: lastDays(365),
  month: (today: string): Period => ({ from: `${today.slice(0, 8)}01`, to: today }),
} as const satisfies Record<string, (today: string) => Period>;

export type MetricWindow = keyof typeof METRIC_WINDOWS;
export const METRIC_WINDOW_NAMES = Object.keys(METRIC_WINDOWS) as MetricWindow[];

/** What the window covers on `today` (YYYY-MM-DD). */
export function windowRange(name: MetricWindow, today: string): WindowRange {
  const period = METRIC_WINDOWS[name](today);
  return { ...period, previousFrom: previousPeriod(period).from };
}

/** Days from `from` to `to`, both included, whose sums a move adds (1) or takes away (-1) in each half of the window. */
export interface Segment {
  from: string;
  to: string;
  current: -1 | 0 | 1;
  previous: -1 | 0 | 1;
}

const sign = (n: number) => n as -1 | 0 | 1;

/**
 * The days whose sums move a window from `old` (null: the window holds nothing yet) to `next`: each day now in the
 * current period and not before adds to it, each day no longer in it is taken away, and the same for the previous
 * period. Consecutive days that move alike are one segment; days that do not move are in none.
 */
export function segments(old: WindowRange | null, next: WindowRange): Segment[] {
  const halves = (r: WindowRange | null) =>
    r ? { current: [r.from, r.to], previous: [r.previousFrom, addDays(r.from, -1)] } : { current: null, previous: null };
  const [was, now] = [halves(old), halves(next)];
  const inside = (range: string[] | null, day: string) => (range && range[0] <= day && day <= range[1] ? 1 : 0);
  // Every day where some half starts, or starts again after one ends, cuts the days into pieces that move alike.
  const cuts = new Set<string>();
  for (const r of [was.current, was.previous, now.current, now.previous]) if (r) cuts.add(r[0]).add(addDays(r[1], 1));
  const days = [...cuts].sort();
  const out: Segment[] = [];
  for (let k = 0; k + 1 < days.length; k++) {
    const day = days[k];
    const current = sign(inside(now.current, day) - inside(was.current, day));
    const previous = sign(inside(now.previous, day) - inside(was.previous, day));
    if (current === 0 && previous === 0) continue;
    const to = addDays(days[k + 1], -1);
    const last = out[out.length - 1];
    if (last && last.current === current && last.previous === previous && addDays(last.to, 1) === day) last.to = to;
    else out.push({ from: day, to, current, previous });
  }
  return out;
}

/** The same window, as the tables record it: a move is guarded by it, so two moves at once apply only once. */
export const windowKey = (r: WindowRange | null): string | null => (r ? `${r.previousFrom}/${r.from}/${r.to}` : null);

export const sameRange = (a: WindowRange | null, b: WindowRange): boolean => windowKey(a) === windowKey(b);

export const todayOf = (now: number): string => dayOf(now);
