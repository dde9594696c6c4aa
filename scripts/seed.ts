// `npm run db:seed`: seeds the demo program into the local D1 database (idempotent).
import { demoSeedStatements } from './demo-data';
import { executeSql } from './d1';

export async function seed(shopOrigin: string, persistTo?: string): Promise<void> {
  executeSql(await demoSeedStatements(shopOrigin), { persistTo });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const shopPort = process.env.SHOP_PORT ?? '8788';
  await seed(`http://127.0.0.1:${shopPort}`, process.env.PERSIST_TO);
  console.log('Demo data seeded.');
}
