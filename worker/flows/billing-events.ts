// Billing events (Stripe's, Paddle's) as received: stored once per provider event id, applied at once, and applied again through the
// BILLING queue while they wait for another event (or after a replay). The hourly sweep queues any whose message was lost.
import { nanoid } from 'nanoid';
import { requiredSecret, type Env } from '../env';
import { modeProblem, nextWait, type BillingFact, type BillingMode, type BillingProvider, type ExchangeRate } from '../domain/billing';
import { stripeFact, StripeEventSchema } from '../domain/stripe-events';
import { paddleFact, PaddleEventSchema } from '../domain/paddle-events';
import { MAX_QUEUE_DELAY_S, queueDelaySeconds } from '../domain/queue-delay';
import { getProgram } from '../db/programs';
import { openSecret } from '../security/webhook-secrets';
import { verifyPaddleEvent, verifyStripeEvent } from '../security/billing-signatures';
import { billingModeOf, billingSecretsOf, putExchangeRate } from '../db/billing';
import {
  claimBillingEvent,
  dueBillingEvents,
  getBillingEvent,
  receiveBillingEvent,
  reopenBillingEvent,
  settleBillingEvent,
  wakeWaitingEvents,
  type BillingEventRow,
} from '../db/billing-events';
import { applyFact, waitKey, type Context, type Outcome } from './billing';

/** One application holds an event this long; a consumer that dies frees it when it runs out. */
const CLAIM_MS = 60_000;

export type WebhookResult =
  | { kind: 'unknown_program' }
  /** Not signed by one of the program's secrets, too old, or not an event: nothing is written. */
  | { kind: 'invalid'; problem: string }
  | { kind: 'received'; event: BillingEventRow; duplicate: boolean };

/** The program's secrets of a provider, opened. */
async function secretsOf(env: Env, programId: string, provider: BillingProvider) {
  const rows = await billingSecretsOf(env.DB, programId, provider);
  const key = requiredSecret(env, 'WEBHOOK_SECRET_KEY');
  return Promise.all(rows.map(async (r) => ({ secret: await openSecret(r.secretSealed, key), mode: r.mode })));
}

/** A call to the program's Stripe webhook: verified against each of its Stripe secrets, then received. */
export async function receiveStripeWebhook(env: Env, programId: string, body: string, signature: string | undefined): Promise<WebhookResult> {
  if (!(await getProgram(env.DB, programId))) return { kind: 'unknown_program' };
  const check = await verifyStripeEvent(body, signature, await secretsOf(env, programId, 'stripe'));
  if (!check.ok) return { kind: 'invalid', problem: check.problem };
  const e = check.event;
  return receiveEvent(env, programId, { provider: 'stripe', eventId: e.id, type: e.type, livemode: e.livemode, occurredAt: e.created * 1000 }, body, check.secretMode);
}

/** A call to the program's Paddle webhook. Paddle's events carry no mode: it is the mode of the secret that signed them. */
export async function receivePaddleWebhook(env: Env, programId: string, body: string, signature: string | undefined): Promise<WebhookResult> {
  if (!(await getProgram(env.DB, programId))) return { kind: 'unknown_program' };
  const check = await verifyPaddleEvent(body, signature, await secretsOf(env, programId, 'paddle'));
  if (!check.ok) return { kind: 'invalid', problem: check.problem };
  const e = check.event;
  const meta = { provider: 'paddle' as const, eventId: e.event_id, type: e.event_type, livemode: check.secretMode === 'live', occurredAt: Date.parse(e.occurred_at) };
  return receiveEvent(env, programId, meta, body, check.secretMode);
}

/**
 * A verified event: stored, then applied unless it was delivered before. A duplicate changes nothing; the answer is
 * the event as it stands. An event of the other mode than the secret that signed it is refused.
 */
async function receiveEvent(
  env: Env,
  programId: string,
  e: { provider: BillingProvider; eventId: string; type: string; livemode: boolean; occurredAt: number },
  body: string,
  secretMode: BillingMode,
): Promise<WebhookResult> {
  const { event: row, created } = await receiveBillingEvent(env.DB, { id: `bev_${nanoid()}`, programId, ...e, payload: body, now: Date.now() });
  if (!created) return { kind: 'received', event: row, duplicate: true };
  if (e.livemode !== (secretMode === 'live')) {
    const reason = `A ${e.livemode ? 'live' : 'test'}-mode event signed with a ${secretMode}-mode secret: set each secret under the mode of its ${e.provider === 'stripe' ? 'Stripe' : 'Paddle'} destination.`;
    await settleBillingEvent(env.DB, row.id, { status: 'refused', reason, nextAttemptAt: null, customerId: null, now: Date.now() });
  } else await applyBillingEvent(env, row.id);
  return { kind: 'received', event: (await getBillingEvent(env.DB, programId, row.id)) ?? row, duplicate: false };
}

function factOf(e: BillingEventRow): BillingFact {
  if (e.payload === null) return { kind: 'refused', reason: 'The payload is gone (erased or pruned); ask the provider to resend the event.' };
  switch (e.provider) {
    case 'stripe': {
      const parsed = StripeEventSchema.safeParse(JSON.parse(e.payload));
      return parsed.success ? stripeFact(parsed.data) : { kind: 'refused', reason: 'The stored payload is not a Stripe event.' };
    }
    case 'paddle': {
      const parsed = PaddleEventSchema.safeParse(JSON.parse(e.payload));
      return parsed.success ? paddleFact(parsed.data) : { kind: 'refused', reason: 'The stored payload is not a Paddle event.' };
    }
  }
}

/**
 * Applies the event if it is received or waiting and nobody else is applying it. A waiting event is tried again on the
 * wait schedule and ignored when it runs out; an event that made something known wakes the program's waiting ones.
 */
export async function applyBillingEvent(env: Env, id: string): Promise<void> {
  const db = env.DB;
  const now = Date.now();
  const event = await claimBillingEvent(db, id, now, CLAIM_MS);
  if (!event) return;
  const [program, mode] = await Promise.all([getProgram(db, event.programId), billingModeOf(db, event.programId)]);
  if (!program || !mode) return settleBillingEvent(db, id, { status: 'refused', reason: 'The program is gone.', nextAttemptAt: null, customerId: null, now });
  const problem = modeProblem(mode, event.livemode);
  const ctx: Context = { env, program, provider: event.provider, eventKey: `${event.provider}:${event.eventId}`, made: new Set() };
  let outcome: Outcome;
  try {
    outcome = problem ? { status: 'refused', reason: problem, customerId: null } : await applyFact(ctx, factOf(event));
  } catch (err) {
    // A failure of ours (D1 busy, a bug): tried again on the same schedule, and reported on the event meanwhile.
    console.error(`billing event ${id} failed`, err);
    outcome = { status: 'waiting', reason: `Failed: ${err instanceof Error ? err.message : String(err)}`, customerId: null, waitsFor: [] };
  }
  const settledAt = Date.now();
  if (outcome.status === 'waiting') {
    // Waiting for the manager never gives up: it is tried twice a day, and at once when the fix wakes it.
    const next = outcome.untilFixed ? settledAt + MAX_QUEUE_DELAY_S * 1000 : nextWait(event.attempts, settledAt, event.openedAt);
    if (next === null) {
      const status = outcome.reason.startsWith('Failed:') ? 'refused' : 'ignored';
      await settleBillingEvent(db, id, { status, reason: `${outcome.reason} Gave up after ${event.attempts} tries.`, nextAttemptAt: null, customerId: outcome.customerId, now: settledAt });
    } else {
      await settleBillingEvent(db, id, { status: 'waiting', reason: outcome.reason, nextAttemptAt: next, customerId: outcome.customerId, waitsFor: outcome.waitsFor, now: settledAt });
      await env.BILLING.send({ billingEventId: id }, { delaySeconds: queueDelaySeconds(settledAt, next) });
    }
  } else {
    await settleBillingEvent(db, id, { status: outcome.status, reason: outcome.reason, nextAttemptAt: null, customerId: outcome.customerId, now: settledAt });
  }
  // Whatever became of it, what it made known wakes the events waiting for exactly that.
  await queueEvents(env, await wakeWaitingEvents(db, event.programId, [...ctx.made], settledAt));
}

async function queueEvents(env: Env, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 100) await env.BILLING.sendBatch(ids.slice(i, i + 100).map((billingEventId) => ({ body: { billingEventId } })));
}

/** The sweep: due events nobody holds, whose queue message was lost with a Worker that died. */
export async function queueDueBillingEvents(env: Env, now = Date.now()): Promise<number> {
  const ids = await dueBillingEvents(env.DB, now);
  await queueEvents(env, ids);
  return ids.length;
}

/** A manager keeps an exchange rate: stored, and the program's waiting events (those that lacked it) tried again now. */
export async function keepExchangeRate(env: Env, programId: string, rate: ExchangeRate): Promise<void> {
  const now = Date.now();
  await putExchangeRate(env.DB, programId, rate, now);
  await queueEvents(env, await wakeWaitingEvents(env.DB, programId, [waitKey('rate', rate.currency)], now));
}

/** A refused, ignored or waiting event applied again now (after the manager fixed what refused it). */
export async function replayBillingEvent(env: Env, programId: string, id: string): Promise<BillingEventRow | null> {
  if (!(await reopenBillingEvent(env.DB, programId, id, Date.now()))) return null;
  await applyBillingEvent(env, id);
  return getBillingEvent(env.DB, programId, id);
}

