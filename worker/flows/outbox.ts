// The relay: new events become webhook deliveries and emails, and whatever is due is leased to its queue (terms
// mailings' next chunks among it), all in one transaction; then the leased messages are sent. Run after requests
// that may have written events, and by the cron as a sweep, so an event whose request died after its change is
// still delivered and mailed. Two D1 round trips: whether there is work, and the batch; after a backlog of events, one
// more batch per FAN_OUT_BATCH events, each its own transaction.
import type { Env } from '../env';
import { fanOutStatements, relayHasWork } from '../db/webhooks';
import { deliveriesLease } from './webhooks';
import { emailsLease } from './emails';
import { mailingsLease } from './terms-mailing';

export interface Relayed {
  deliveries: number;
  emails: number;
  queuedDeliveries: number;
  queuedEmails: number;
  /** The fan-out batches (transactions) this run took: more than one only after a backlog of events. */
  batches: number;
}

/** A lease of due work for the relay's batch: its statement (an UPDATE … RETURNING), and what sends the rows it leased. */
export interface RelayLease {
  statement: D1PreparedStatement;
  /** Sends a message for each leased row (and leases and sends any more, when the lease was full); how many were sent. */
  send: (rows: Record<string, unknown>[]) => Promise<number>;
}

export async function relayEvents(env: Env, now = Date.now()): Promise<Relayed> {
  const relayed: Relayed = { deliveries: 0, emails: 0, queuedDeliveries: 0, queuedEmails: 0, batches: 0 };
  if (!(await relayHasWork(env.DB, now))) return relayed;
  // A batch fans out at most FAN_OUT_BATCH events (db/events.ts); a full one is followed by another.
  for (let full = true; full; ) {
    const fanOut = fanOutStatements(env.DB, now);
    // The leases come after the fan-out in the same transaction: they take the rows it just wrote.
    const leases = [deliveriesLease(env, now), emailsLease(env, now), mailingsLease(env, now)];
    const results = await env.DB.batch<Record<string, unknown>>([...fanOut.statements, ...leases.map((l) => l.statement)]);
    const leased = results.slice(fanOut.statements.length);
    const [queuedDeliveries, queuedEmails] = await Promise.all(leases.map((l, i) => l.send(leased[i].results)));
    const created = fanOut.created(results.slice(0, fanOut.statements.length));
    full = created.full;
    relayed.deliveries += created.deliveries;
    relayed.emails += created.emails;
    relayed.queuedDeliveries += queuedDeliveries;
    relayed.queuedEmails += queuedEmails;
    relayed.batches += 1;
  }
  return relayed;
}
