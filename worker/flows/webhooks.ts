// Delivering events to the merchant's webhook endpoints: the relay (events become deliveries, due deliveries go to the
// queue) and one attempt per queue message, signed the Standard Webhooks way and retried on the schedule.
import type { Env } from '../env';
import { requiredSecret } from '../env';
import { deliveryOutcome, nextAttempt, RETRY_SCHEDULE_SECONDS } from '../domain/webhooks';
import { queueDelaySeconds } from '../domain/queue-delay';
import { openSecret, webhookHeaders } from '../security/webhook-secrets';
import { deliveryJob, disableEndpoint, leaseDueDeliveries, leaseDueDeliveriesStatement, recordAttempt, type DeliveryJob } from '../db/webhooks';
import type { RelayLease } from './outbox';
import { queueDueEmails } from './emails';

/** A queue message for an attempt is expected to arrive within this long of its time; past it, the relay sends another. */
const LEASE_MS = 15 * 60_000;
/** Rows leased to a queue per statement (a sendBatch takes at most 100 messages). */
const LEASE_BATCH = 100;
/** Each attempt waits this long for an answer. */
const TIMEOUT_MS = 15_000;

/** Hands every due delivery whose message is not on its way to the queue; returns how many. */
export async function queueDueDeliveries(env: Env, now: number): Promise<number> {
  let queued = 0;
  for (;;) {
    const due = await leaseDueDeliveries(env.DB, now, now + LEASE_MS, LEASE_BATCH);
    queued += await sendDeliveries(env, due);
    if (due.length < LEASE_BATCH) break;
  }
  return queued;
}

async function sendDeliveries(env: Env, due: { id: string }[]): Promise<number> {
  if (due.length > 0) await env.WEBHOOKS.sendBatch(due.map((d) => ({ body: { deliveryId: d.id } })));
  return due.length;
}

/** The relay's lease of due deliveries, for its batch (flows/outbox.ts); `send` queues them, and any more a batch at a time. */
export function deliveriesLease(env: Env, now: number): RelayLease {
  return {
    statement: leaseDueDeliveriesStatement(env.DB, now, now + LEASE_MS, LEASE_BATCH),
    send: async (rows) => (await sendDeliveries(env, rows as { id: string }[])) + (rows.length === LEASE_BATCH ? await queueDueDeliveries(env, now) : 0),
  };
}

/** The schedule of delays between attempts: the Standard Webhooks one, or WEBHOOK_RETRY_SCHEDULE (seconds, comma-separated). */
export function retrySchedule(env: Env): readonly number[] {
  const custom = env.WEBHOOK_RETRY_SCHEDULE?.split(',').map((s) => Number(s.trim()));
  return custom && custom.length > 0 && custom.every((n) => Number.isFinite(n) && n >= 0) ? custom : RETRY_SCHEDULE_SECONDS;
}

/** The body of a delivery: the Standard Webhooks payload (type, timestamp, data), with the event's id and version. */
export function webhookBody(e: DeliveryJob['event']): string {
  return `{"id":${JSON.stringify(e.id)},"type":${JSON.stringify(e.type)},"version":${e.version},"timestamp":${JSON.stringify(new Date(e.createdAt).toISOString())},"data":${e.data}}`;
}

/** The secrets that sign now: the endpoint's, and the one it replaced while that one's overlap lasts. */
async function signingSecrets(env: Env, job: DeliveryJob, now: number): Promise<string[]> {
  const key = requiredSecret(env, 'WEBHOOK_SECRET_KEY');
  const sealed = [job.endpoint.secretSealed];
  if (job.endpoint.previousSecretSealed && (job.endpoint.previousSecretExpiresAt ?? 0) > now) sealed.push(job.endpoint.previousSecretSealed);
  return Promise.all(sealed.map((s) => openSecret(s, key)));
}

/** POSTs the event; the status code, or null with the error when no answer came. */
async function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number | null; retryAfter: string | null; error: string | null }> {
  try {
    const res = await fetch(url, { method: 'POST', headers: { ...headers, 'user-agent': 'edgeref-webhooks/1' }, body, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
    await res.body?.cancel();
    return { status: res.status, retryAfter: res.headers.get('retry-after'), error: res.ok ? null : `HTTP ${res.status}` };
  } catch (e) {
    const name = (e as Error).name;
    return { status: null, retryAfter: null, error: name === 'TimeoutError' ? `No answer within ${TIMEOUT_MS / 1000} s` : String((e as Error).message ?? e).slice(0, 300) };
  }
}

/**
 * One attempt of a delivery, for one queue message. A delivery already settled, or not due yet (a long delay that
 * the queue could not hold in one step), is left alone or sent back to wait; an endpoint that is disabled is not
 * called (its deliveries wait until it is enabled again).
 */
export async function attemptDelivery(env: Env, deliveryId: string, now = Date.now()): Promise<void> {
  const job = await deliveryJob(env.DB, deliveryId);
  if (!job || job.status !== 'pending' || !job.endpoint.enabled) return;
  if (job.nextAttemptAt !== null && job.nextAttemptAt > now + 1000) {
    await env.WEBHOOKS.send({ deliveryId }, { delaySeconds: queueDelaySeconds(now, job.nextAttemptAt) });
    return;
  }
  const body = webhookBody(job.event);
  const headers = webhookHeaders(await signingSecrets(env, job, now), job.event.id, new Date(now), body);
  const answer = await post(job.endpoint.url, headers, body);
  const attempt = job.attempts + 1;
  const at = Date.now();
  const outcome = deliveryOutcome(answer.status);
  if (outcome === 'delivered') {
    await recordAttempt(env.DB, deliveryId, { attempt, at, status: answer.status, error: null, outcome: { kind: 'delivered' } });
    return;
  }
  const next = outcome === 'disable' ? { giveUp: true as const } : nextAttempt(attempt, at, { schedule: retrySchedule(env), retryAfter: answer.retryAfter });
  if ('giveUp' in next) {
    const recorded = await recordAttempt(env.DB, deliveryId, { attempt, at, status: answer.status, error: answer.error, outcome: { kind: 'failed' } });
    // The managers are emailed why, in the batch that disables it (db/webhooks.ts).
    const why = outcome === 'disable' ? 'The endpoint answered 410 Gone.' : `Every attempt of the retry schedule failed (last: ${answer.error ?? answer.status}).`;
    // No request follows to relay the managers' email: send it on its way now.
    if (recorded && (await disableEndpoint(env.DB, job.endpoint, why, at))) await queueDueEmails(env, at);
    return;
  }
  const recorded = await recordAttempt(env.DB, deliveryId, { attempt, at, status: answer.status, error: answer.error, outcome: { kind: 'retry', nextAttemptAt: next.at, queuedUntil: next.at + LEASE_MS } });
  if (recorded) await env.WEBHOOKS.send({ deliveryId }, { delaySeconds: queueDelaySeconds(at, next.at) });
}
