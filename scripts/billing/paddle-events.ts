// Paddle Billing events for local runs and tests, with no internet: the documented payloads in fixtures/paddle, given
// fresh ids and signed as Paddle signs them (Paddle-Signature: ts=…;h1=HMAC-SHA256 of "<ts>:<body>" under the
// notification destination's secret key). Paddle's SDK verifies but has no signer, so this is ours, by the same rule.
import transactionCompleted from './fixtures/paddle/transaction.completed.json';
import adjustmentCreated from './fixtures/paddle/adjustment.created.json';
import adjustmentUpdated from './fixtures/paddle/adjustment.updated.json';
import subscriptionCreated from './fixtures/paddle/subscription.created.json';
import subscriptionUpdated from './fixtures/paddle/subscription.updated.json';
import subscriptionCanceled from './fixtures/paddle/subscription.canceled.json';
import customerCreated from './fixtures/paddle/customer.created.json';
import discountCreated from './fixtures/paddle/discount.created.json';
import { merge, uniqueId, type Json, type Patch } from './stripe-events';

export const PADDLE_FIXTURES = {
  'transaction.completed': transactionCompleted,
  'adjustment.created': adjustmentCreated,
  'adjustment.updated': adjustmentUpdated,
  'subscription.created': subscriptionCreated,
  'subscription.updated': subscriptionUpdated,
  'subscription.canceled': subscriptionCanceled,
  'customer.created': customerCreated,
  'discount.created': discountCreated,
} as const;
export type PaddleFixture = keyof typeof PADDLE_FIXTURES;

/** The fixture as an event: a fresh event id, occurred now, with `data` merged into its data (and `event` into the envelope). */
export function paddleEvent(fixture: PaddleFixture, data: Patch = {}, event: Patch = {}): Record<string, Json> {
  const withData = merge(PADDLE_FIXTURES[fixture] as unknown as Json, { data });
  return merge(withData, { event_id: uniqueId('evt'), notification_id: uniqueId('ntf'), occurred_at: new Date().toISOString(), ...event }) as Record<string, Json>;
}

/** The Paddle-Signature header Paddle would send with this body, signed at `timestamp` (seconds; default now). */
export async function paddleSignature(payload: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${timestamp}:${payload}`)));
  return `ts=${timestamp};h1=${[...mac].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
