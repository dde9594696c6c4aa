// Seeds the demo program's 90 days of history into the local D1 that wrangler persists: bundles scripts/demo-history/worker.ts and runs it once in workerd (Miniflare).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { unstable_readConfig } from 'wrangler';
import { DEMO } from './demo-data';
import { LOCAL_SECRETS } from './local-vars';
import { hashPassword } from '../worker/security/hashing';
import type { HistorySummary } from './demo-history/seed-history';

/**
 * Writes the history unless it is there already (then it answers null at once). `persistTo` is wrangler's
 * `--persist-to` (default .wrangler/state); the database is the one wrangler.toml binds as DB.
 */
export async function seedDemoHistory(persistTo: string | undefined, now = Date.now()): Promise<HistorySummary | null> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const config = unstable_readConfig({ config: join(root, 'wrangler.toml') });
  const db = (config.d1_databases as { binding: string; database_id?: string; preview_database_id?: string }[]).find((d) => d.binding === 'DB')!;
  const bundle = await build({
    entryPoints: [join(root, 'scripts/demo-history/worker.ts')],
    bundle: true, format: 'esm', platform: 'browser', target: 'es2022', conditions: ['workerd', 'worker', 'browser'], write: false, logLevel: 'warning',
  });
  const mf = new Miniflare({
    modules: true,
    script: bundle.outputFiles[0].text,
    compatibilityDate: config.compatibility_date,
    compatibilityFlags: config.compatibility_flags,
    d1Persist: join(persistTo ?? join(root, '.wrangler/state'), 'v3', 'd1'),
    d1Databases: { DB: db.preview_database_id ?? db.database_id! },
    bindings: { CLICK_ID_SECRET: LOCAL_SECRETS.CLICK_ID_SECRET, PASSWORD_HASH: await hashPassword(DEMO.password) },
  });
  try {
    const res = await mf.dispatchFetch(`http://demo-history.local/?now=${now}`);
    const body = (await res.json()) as { summary?: HistorySummary | null; error?: string };
    if (body.error !== undefined) {
      throw new Error(`the demo history failed: ${body.error}\nIf it stopped half-way, delete the local state (${persistTo ?? '.wrangler/state'}) and run again.`);
    }
    return body.summary ?? null;
  } finally {
    await mf.dispose();
  }
}
