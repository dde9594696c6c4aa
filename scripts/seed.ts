// `npm run db:seed`: seeds the demo program into the local D1 database (idempotent).
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { demoSeedStatements } from './demo-data';

export async function seed(shopOrigin: string, persistTo?: string): Promise<void> {
  const file = join(mkdtempSync(join(tmpdir(), 'edgeref-seed-')), 'seed.sql');
  writeFileSync(file, (await demoSeedStatements(shopOrigin)).join(';\n') + ';\n');
  execFileSync('npx', ['wrangler', 'd1', 'execute', 'DB', '--local', '--file', file, ...(persistTo ? ['--persist-to', persistTo] : [])], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, CI: 'true' },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const shopPort = process.env.SHOP_PORT ?? '8788';
  await seed(`http://127.0.0.1:${shopPort}`, process.env.PERSIST_TO);
  console.log('Demo data seeded.');
}
