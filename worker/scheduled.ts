// The daily Cron Trigger: prunes raw clicks past the retention period, in short chunks so D1 stays responsive.
import type { Env } from './env';
import { pruneClicks } from './db/retention';

const DAY_MS = 86_400_000;
const CHUNK = 5_000;
const MAX_CHUNKS = 200; // a million clicks a night at most; the rest waits for tomorrow

export async function pruneOldClicks(env: Env, now = Date.now()): Promise<number> {
  const days = Number(env.CLICK_RETENTION_DAYS ?? 180);
  const olderThan = now - days * DAY_MS;
  let total = 0;
  for (let i = 0; i < MAX_CHUNKS; i++) {
    const n = await pruneClicks(env.DB, olderThan, CHUNK);
    total += n;
    if (n < CHUNK) break;
  }
  return total;
}

export const scheduled: ExportedHandlerScheduledHandler<Env> = async (_controller, env, ctx) => {
  ctx.waitUntil(pruneOldClicks(env).then((n) => console.log(`pruned ${n} clicks past retention`)));
};
