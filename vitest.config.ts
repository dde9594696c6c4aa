// Four test projects: `worker` runs inside workerd against a real local D1; `build` checks the built files (the
// widget's size budgets); `hardening` kills a running Worker mid-traffic (test/hardening/fault; the rest of
// test/hardening, bad input and authorization, runs in the worker project); `e2e` drives Chromium against `npm start`.
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { LOCAL_SECRETS } from './scripts/local-vars';

// Tests never reach Cloudflare's network for the Request.cf object.
process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false';

const migrations = await readD1Migrations(new URL('./migrations', import.meta.url).pathname);

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            // VISITOR_SALT and CLICK_ID_SECRET are secrets in deploys (never in wrangler.toml); tests get the local
            // ones of scripts/local-vars.ts, and click tests sign ids under it. The queues come from wrangler.toml; only a partial batch waits 50 ms here instead of 1 s, so tests
            // that read a click back wait less.
            // MIGRATION_DB is a second, empty D1 database, where a test applies the migrations up to one and then that one
            // over rows written the old way (test/worker/ledger-types.test.ts).
            miniflare: {
              bindings: { TEST_MIGRATIONS: migrations, ...LOCAL_SECRETS },
              d1Databases: { MIGRATION_DB: 'edgeref-migration-test' },
              queueConsumers: { 'edgeref-clicks': { maxBatchTimeout: 0.05 }, 'edgeref-webhooks': { maxBatchTimeout: 0.05 }, 'edgeref-emails': { maxBatchTimeout: 0.05 }, 'edgeref-billing': { maxBatchTimeout: 0.05 } },
            },
          }),
        ],
        test: {
          name: 'worker',
          include: ['test/worker/**/*.test.ts', 'test/domain/**/*.test.ts', 'test/hardening/*.test.ts'],
          setupFiles: ['./test/worker/setup.ts'],
          // Set deliberately, not vitest's 5 s: these tests do real work in workerd against D1 (a sign-in is 100,000
          // PBKDF2 rounds, a QR test renders and decodes PNGs), and CI's 2 cores are shared with builds and Chromium.
          // The slowest took 8 s on a busy machine (3 s on a quiet one); a minute keeps a wide margin. None asserts a duration.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: { name: 'build', include: ['test/build/**/*.test.ts'], environment: 'node', testTimeout: 60_000 },
      },
      {
        // Kills and restarts wrangler dev under a worker name of its own; run it, like e2e, under the wrangler lock.
        test: { name: 'hardening', include: ['test/hardening/fault/**/*.test.ts'], environment: 'node', testTimeout: 300_000, hookTimeout: 180_000, fileParallelism: false },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // expect.poll() waits for a page to reach a state; vitest's 1 s default is a clock a busy machine can miss.
          expect: { poll: { timeout: 90_000 } },
          environment: 'node',
          globalSetup: ['./test/e2e/global-setup.ts'],
          // A browser test waits on pages, not on a clock: on a busy 2-core machine one page load has taken over 30 s.
          // Playwright's waits get 90 s each (test/e2e/browser.ts), a test 3 minutes. None asserts a duration.
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
