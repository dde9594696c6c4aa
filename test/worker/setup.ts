// Every worker test file starts from the real schema, applied to the test's local D1.
import { applyD1Migrations, env } from 'cloudflare:test';

declare global {
  namespace Cloudflare {
    interface Env {
      DB: D1Database;
      MIGRATION_DB: D1Database; // empty: for tests that apply migrations over rows written before them
      TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
      CLICK_ID_SECRET: string;
      WEBHOOK_SECRET_KEY: string;
      CLICKS: Queue<import('../../worker/db/clicks').NewClick>;
    }
  }
}

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
