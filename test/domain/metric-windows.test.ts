// The metric windows (worker/domain/metric-windows.ts): what each window covers on a day, and the days a move adds and
// takes away, by hand and against a recount on random windows and daily counts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { segments, windowRange, type Segment, type WindowRange } from '../../worker/domain/metric-windows';

const DAY = 86_400_000;
const dayAt = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * DAY).toISOString().slice(0, 10);

describe('what a window covers', () => {
  it('the last n days end today, and the period compared with them is the n days before', () => {
    expect(windowRange('last7', '2026-12-03')).toEqual({ previousFrom: '2026-11-20', from: '2026-11-27', to: '2026-12-03' });
    expect(windowRange('last30', '2026-12-03')).toEqual({ previousFrom: '2026-10-05', from: '2026-11-04', to: '2026-12-03' });
    expect(windowRange('last365', '2026-12-03')).toEqual({ previousFrom: '2024-12-04', from: '2025-12-04', to: '2026-12-03' });
  });

  it('this month runs from its first day, compared with as many days before it', () => {
    expect(windowRange('month', '2026-12-03')).toEqual({ previousFrom: '2026-11-28', from: '2026-12-01', to: '2026-12-03' });
    expect(windowRange('month', '2026-03-01')).toEqual({ previousFrom: '2026-02-28', from: '2026-03-01', to: '2026-03-01' });
  });
});

describe('the days a move adds and takes away', () => {
  it('a new window adds both its periods', () => {
    expect(segments(null, windowRange('last7', '2026-12-03'))).toEqual([
      { from: '2026-11-20', to: '2026-11-26', current: 0, previous: 1 },
      { from: '2026-11-27', to: '2026-12-03', current: 1, previous: 0 },
    ]);
  });

  it('a day on: the day that left the previous period, the day that moved into it from the current one, and today', () => {
    expect(segments(windowRange('last7', '2026-12-02'), windowRange('last7', '2026-12-03'))).toEqual([
      { from: '2026-11-19', to: '2026-11-19', current: 0, previous: -1 },
      { from: '2026-11-26', to: '2026-11-26', current: -1, previous: 1 },
      { from: '2026-12-03', to: '2026-12-03', current: 1, previous: 0 },
    ]);
  });

  it('the same window moves nothing', () => {
    expect(segments(windowRange('month', '2026-12-03'), windowRange('month', '2026-12-03'))).toEqual([]);
  });

  it('this month, on the first of the next: the old month and the 30 days before it leave, its last day becomes the previous period', () => {
    expect(segments(windowRange('month', '2026-11-30'), windowRange('month', '2026-12-01'))).toEqual([
      { from: '2026-10-02', to: '2026-10-31', current: 0, previous: -1 },
      { from: '2026-11-01', to: '2026-11-29', current: -1, previous: 0 },
      { from: '2026-11-30', to: '2026-11-30', current: -1, previous: 1 },
      { from: '2026-12-01', to: '2026-12-01', current: 1, previous: 0 },
    ]);
  });

  it('moving by the segments gives the sums of the new window, from any window to any other (property)', () => {
    const range = fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 20 })).map(
      ([start, length, gap]): WindowRange => ({ previousFrom: dayAt(start), from: dayAt(start + gap), to: dayAt(start + gap + length - 1) }),
    );
    fc.assert(
      fc.property(fc.option(range), range, fc.array(fc.integer({ min: -5, max: 9 }), { minLength: 100, maxLength: 100 }), (old, next, perDay) => {
        const value = (day: string) => perDay[Math.round((Date.parse(day) - Date.UTC(2026, 0, 1)) / DAY)];
        const sum = (from: string, to: string) => {
          let s = 0;
          for (let d = from; d <= to; d = dayAt(Math.round((Date.parse(d) - Date.UTC(2026, 0, 1)) / DAY) + 1)) s += value(d);
          return s;
        };
        const sums = (r: WindowRange | null) => (r ? { current: sum(r.from, r.to), previous: sum(r.previousFrom, dayAt(Math.round((Date.parse(r.from) - Date.UTC(2026, 0, 1)) / DAY) - 1)) } : { current: 0, previous: 0 });
        const moved = segments(old, next).reduce(
          (s, g: Segment) => ({ current: s.current + g.current * sum(g.from, g.to), previous: s.previous + g.previous * sum(g.from, g.to) }),
          sums(old),
        );
        expect(moved).toEqual(sums(next));
        // No segment is empty or moves nothing, and they do not overlap.
        const all = segments(old, next);
        for (const [k, g] of all.entries()) {
          expect(g.from <= g.to && (g.current !== 0 || g.previous !== 0)).toBe(true);
          if (k > 0) expect(all[k - 1].to < g.from).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
