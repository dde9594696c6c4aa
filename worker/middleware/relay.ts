// After an API request that may have changed something, the event relay runs in the background (waitUntil): the
// events the change wrote become webhook deliveries and emails on their way. The redirect and reads never pay for it; the cron sweeps
// whatever a request that died left behind. One relay runs at a time in an isolate: the requests that change
// something while it runs share the one run after it (worker/domain/one-at-a-time.ts), so concurrent requests do not
// each pay the relay's round trips. That run waits RELAY_PAUSE_MS after the one before: under load the relay runs
// about twice a second with larger batches, not back to back (it took 10–20% of the local runtime's one thread in
// `npm run bench:writes`). A request on a quiet isolate still starts its relay at once.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Env } from '../env';
import { relayEvents } from '../flows/outbox';
import { oneAtATime } from '../domain/one-at-a-time';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** A waitUntil lasts at most 30 s after the answer: a run older than that may have been cancelled, and is not waited for. */
const STALE_MS = 30_000;
/** How long a booked relay run waits after the run before it. */
const RELAY_PAUSE_MS = 500;
const pause = () => new Promise<void>((resume) => setTimeout(resume, RELAY_PAUSE_MS));

let relay: { env: Env; ask: () => Promise<void> } | null = null;

/** The isolate's relay; a new one for another env (each test's or Worker's bindings are their own). */
function relayFor(env: Env): () => Promise<void> {
  if (relay?.env !== env) {
    relay = {
      env,
      ask: oneAtATime(() => relayEvents(env).then(() => undefined, (err) => console.error('event relay failed; the cron will sweep', err)), STALE_MS, Date, pause),
    };
  }
  return relay.ask;
}

export const relayAfterChanges: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (READS.has(c.req.method) || c.res.status >= 400) return;
  c.executionCtx.waitUntil(relayFor(c.env)());
};
