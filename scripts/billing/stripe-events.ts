// Stripe events for local runs and tests, with no internet: the documented payloads in fixtures/stripe (one per event
// type), given fresh ids and signed with a program's secret by Stripe's own test helper, as Stripe would send them.
import Stripe from 'stripe';
import checkoutCompleted from './fixtures/stripe/checkout.session.completed.json';
import invoicePaid from './fixtures/stripe/invoice.paid.json';
import invoicePaidOlderApi from './fixtures/stripe/invoice.paid.2024-06-20.json';
import invoicePaymentPaid from './fixtures/stripe/invoice_payment.paid.json';
import chargeRefunded from './fixtures/stripe/charge.refunded.json';
import refundCreated from './fixtures/stripe/refund.created.json';
import subscriptionCreated from './fixtures/stripe/customer.subscription.created.json';
import subscriptionUpdated from './fixtures/stripe/customer.subscription.updated.json';
import subscriptionDeleted from './fixtures/stripe/customer.subscription.deleted.json';
import promotionCodeCreated from './fixtures/stripe/promotion_code.created.json';

export const STRIPE_FIXTURES = {
  'checkout.session.completed': checkoutCompleted,
  'invoice.paid': invoicePaid,
  'invoice.paid.2024-06-20': invoicePaidOlderApi,
  'invoice_payment.paid': invoicePaymentPaid,
  'charge.refunded': chargeRefunded,
  'refund.created': refundCreated,
  'customer.subscription.created': subscriptionCreated,
  'customer.subscription.updated': subscriptionUpdated,
  'customer.subscription.deleted': subscriptionDeleted,
  'promotion_code.created': promotionCodeCreated,
} as const;
export type StripeFixture = keyof typeof STRIPE_FIXTURES;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** Changes to a fixture: objects are merged key by key, anything else (arrays too) replaces. */
export type Patch = { [key: string]: Json | Patch | undefined };

export function merge(base: Json, patch: Patch): Json {
  const out: { [key: string]: Json } = { ...(base as { [key: string]: Json }) };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    const b = out[k];
    out[k] = v !== null && typeof v === 'object' && !Array.isArray(v) && b !== null && typeof b === 'object' && !Array.isArray(b) ? merge(b, v as Patch) : (v as Json);
  }
  return out;
}

let n = 0;
/** A unique suffix, so every event (and object) a test or the demo makes is new to the program. */
export const uniqueId = (prefix: string) => `${prefix}_${Date.now().toString(36)}${(++n).toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/**
 * The fixture as an event: a fresh event id, created now, with `object` merged into data.object (and `event` into the
 * envelope). Only the fields given change; the rest is Stripe's documented example.
 */
export function stripeEvent(fixture: StripeFixture, object: Patch = {}, event: Patch = {}): Record<string, Json> {
  const base = STRIPE_FIXTURES[fixture] as unknown as Json;
  const withObject = merge(base, { data: { object } });
  return merge(withObject, { id: uniqueId('evt'), created: Math.floor(Date.now() / 1000), ...event }) as Record<string, Json>;
}

const cryptoProvider = Stripe.createSubtleCryptoProvider();

/** The Stripe-Signature header Stripe would send with this body, signed at `timestamp` (seconds; default now). */
export function stripeSignature(payload: string, secret: string, timestamp?: number): Promise<string> {
  return Stripe.webhooks.generateTestHeaderStringAsync({ payload, secret, timestamp, cryptoProvider });
}
