// Moves every program's metric windows (migration 0041) to what they cover today: run by each hourly Cron Trigger, so
// the first run after midnight UTC moves them and the others find nothing to do; the demo seed and the scale bench run
// it after writing their history. One batch (one transaction) per program.
import { METRIC_WINDOW_NAMES, sameRange, todayOf, windowRange } from '../domain/metric-windows';
import { moveWindowStatements, programWindows } from '../db/metric-windows';

/** How many windows moved. */
export async function moveMetricWindows(db: D1Database, now: number): Promise<number> {
  const today = todayOf(now);
  let moved = 0;
  for (const { programId, windows } of await programWindows(db)) {
    const statements: D1PreparedStatement[] = [];
    for (const name of METRIC_WINDOW_NAMES) {
      const next = windowRange(name, today);
      const old = windows.find((w) => w.name === name) ?? null;
      if (sameRange(old, next)) continue;
      statements.push(...moveWindowStatements(db, programId, name, old, next));
      moved++;
    }
    if (statements.length > 0) await db.batch(statements);
  }
  return moved;
}
