// The relay: new events become webhook deliveries and emails (one transaction), and whatever is due goes to its
// queue, terms mailings' next chunks among it. Run after requests that may have written events, and by the cron as a sweep, so an event whose request died
// after its change is still delivered and mailed.
import type { Env } from '../env';
import { fanOutEvents, relayHasWork } from '../db/webhooks';
import { queueDueDeliveries } from './webhooks';
import { queueDueEmails } from './emails';
import { queueTermsMailings } from './terms-mailing';

export interface Relayed {
  deliveries: number;
  emails: number;
  queuedDeliveries: number;
  queuedEmails: number;
}

export async function relayEvents(env: Env, now = Date.now()): Promise<Relayed> {
  if (!(await relayHasWork(env.DB, now))) return { deliveries: 0, emails: 0, queuedDeliveries: 0, queuedEmails: 0 };
  const created = await fanOutEvents(env.DB, now);
  const [queuedDeliveries, queuedEmails] = await Promise.all([queueDueDeliveries(env, now), queueDueEmails(env, now), queueTermsMailings(env, now)]);
  return { ...created, queuedDeliveries, queuedEmails };
}
