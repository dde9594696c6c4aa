// `npm run db:seed`: seeds the demo program and its 90 days of history into the local D1 database (idempotent).
import { demoSeedStatements } from './demo-data';
import { executeSql } from './d1';
import { seedDemoHistory } from './demo-history';
import type { HistorySummary } from './demo-history/seed-history';

/** The demo program started this many days before its history's first day, so its partners and rules predate the traffic. */
const PROGRAM_AGE_DAYS = 100;

/** Seeds the fixtures (demo-data.ts), then the history once; answers what the history wrote, or null when it was there. */
export async function seed(shopOrigin: string, persistTo?: string): Promise<HistorySummary | null> {
  const now = Date.now();
  executeSql(await demoSeedStatements(shopOrigin, now - PROGRAM_AGE_DAYS * 86_400_000), { persistTo });
  return seedDemoHistory(persistTo, now);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const shopPort = process.env.SHOP_PORT ?? '8788';
  const started = Date.now();
  const history = await seed(`http://127.0.0.1:${shopPort}`, process.env.PERSIST_TO);
  console.log(history ? `Demo data seeded, with 90 days of history: ${JSON.stringify(history)}` : 'Demo data seeded (its history was there already).');
  console.log(`Took ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
