// The open reporting period, worked out in SQL (openPeriodStatements, worker/db/periods.ts) so that the console's
// payouts need no read before their batch, must be the one the domain's rule gives (openPeriodAt and periodId,
// worker/domain/periods.ts): random calendar periods, periods closed early before and after now, and repeats.
import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openPeriodStatements, periodIdSql } from '../../worker/db/periods';
import { openPeriodAt, periodAt, periodId, type PeriodKind } from '../../worker/domain/periods';
import { seedDemo } from './helpers';

const DAY = 86_400_000;
const YEAR_2020 = Date.UTC(2020, 0, 1);
let programs = 0;

describe('the open period in SQL', () => {
  it('spells periodId for any start in whole milliseconds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: Date.UTC(2200, 0, 1) }), async (start) => {
        const row = await env.DB.prepare(`SELECT ${periodIdSql('?1', '?2')} AS id`).bind('prg_x', start).first<{ id: string }>();
        expect(row!.id).toBe(periodId('prg_x', start));
      }),
      { numRuns: 200 },
    );
  });

  it("is the domain's open period: after no early close, after one, and whatever closed after now or before the calendar period", async () => {
    await seedDemo();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<PeriodKind>('weekly', 'monthly', 'quarterly'),
        fc.integer({ min: 0, max: 10 * 365 * DAY }),
        // Early closes, as offsets in ms from the calendar period's start (negative: one before it).
        fc.array(fc.integer({ min: -40 * DAY, max: 100 * DAY }), { maxLength: 4 }),
        async (kind, sinceYear2020, offsets) => {
          const now = YEAR_2020 + sinceYear2020;
          const calendar = periodAt(kind, now);
          const program = `prg_open_${++programs}`;
          await env.DB.prepare("INSERT INTO programs (id, name, currency, destination_url, created_at) VALUES (?, 'Open', 'EUR', 'https://open.test/', 0)").bind(program).run();
          // Each early close: a closed period ending there (its start a day before, unique per program).
          const ends = [...new Set(offsets.map((o) => calendar.startsAt + o))];
          for (const end of ends) {
            await env.DB.prepare('INSERT INTO reporting_periods (id, program_id, starts_at, ends_at, closed_at) VALUES (?, ?, ?, ?, ?)')
              .bind(`per_${program}_${end}`, program, end - DAY, end, end).run();
          }
          const inside = ends.filter((e) => e > calendar.startsAt && e <= now);
          const expected = openPeriodAt(kind, now, inside.length > 0 ? Math.max(...inside) : null);
          for (let repeat = 0; repeat < 2; repeat++) {
            const open = openPeriodStatements(env.DB, program, calendar, now);
            const [, current] = await env.DB.batch<Record<string, unknown>>([open.ensure, open.current.statement]);
            expect(open.current.from(current.results)).toEqual({ id: periodId(program, expected.startsAt), startsAt: expected.startsAt, endsAt: expected.endsAt, closedAt: null, batchId: null });
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
