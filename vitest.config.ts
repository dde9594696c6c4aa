// Four test projects: `worker` runs inside workerd against a real local D1; `build` checks the built files (the
// widget's size budgets); `hardening` kills a running Worker mid-traffic; `e2e` drives Chromium against `npm start`.
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

// Tests never reach Cloudflare's network for the Request.cf object.
process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false';

/** The tests' click-id secret; test/worker/setup.ts types it, and click tests sign ids under it. */
const TEST_CLICK_ID_SECRET = 'test-click-id-secret-0123456789abcdef';

const migrations = await readD1Migrations(new URL('./migrations', import.meta.url).pathname);

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            // CLICK_ID_SECRET is a secret in deploys (never in wrangler.toml); tests sign under this local one.
            // The queues come from wrangler.toml; only a partial batch waits 50 ms here instead of 1 s, so tests
            // that read a click back wait less.
            miniflare: {
              bindings: { TEST_MIGRATIONS: migrations, CLICK_ID_SECRET: TEST_CLICK_ID_SECRET },
              queueConsumers: { 'edgeref-clicks': { maxBatchTimeout: 0.05 } },
            },
          }),
        ],
        test: {
          name: 'worker',
          include: ['test/worker/**/*.test.ts', 'test/domain/**/*.test.ts'],
          setupFiles: ['./test/worker/setup.ts'],
        },
      },
      {
        test: { name: 'build', include: ['test/build/**/*.test.ts'], environment: 'node' },
      },
      {
        // Kills and restarts wrangler dev under a worker name of its own; run it, like e2e, under the wrangler lock.
        test: { name: 'hardening', include: ['test/hardening/**/*.test.ts'], environment: 'node', testTimeout: 300_000, hookTimeout: 180_000, fileParallelism: false },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['./test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
