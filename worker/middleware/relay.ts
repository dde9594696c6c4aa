// After an API request that may have changed something, the event relay runs in the background (waitUntil): the
// events the change wrote become webhook deliveries and emails on their way. The redirect and reads never pay for it; the cron sweeps
// whatever a request that died left behind.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { relayEvents } from '../flows/outbox';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const relayAfterChanges: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (READS.has(c.req.method) || c.res.status >= 400) return;
  c.executionCtx.waitUntil(relayEvents(c.env).catch((err) => console.error('event relay failed; the cron will sweep', err)));
};
