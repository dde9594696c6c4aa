// Program console, integrations (managers only): the billing mode, the providers' webhook URLs and signing secrets
// (set, removed, shown masked), the billing events received with their outcome, with a replay after a fix, and the
// exchange rates payments in other currencies are converted at.
import { z } from '@hono/zod-openapi';
import { nanoid } from 'nanoid';
import { ErrorSchema } from '../../../shared/schemas/common';
import {
  BillingEventQuerySchema,
  BillingEventSchema,
  BillingProviderSchema,
  BillingSecretInputSchema,
  BillingSecretSchema,
  ExchangeRateInputSchema,
  ExchangeRateSchema,
  IntegrationsPatchSchema,
  IntegrationsSchema,
} from '../../../shared/schemas/integrations';
import { requiredSecret, router } from '../../env';
import { consoleProgram, programFor } from '../../middleware/program-access';
import { badRequest, notFound, refused } from '../../middleware/errors';
import type { BillingProvider } from '../../domain/billing';
import { STRIPE_EVENT_TYPES } from '../../domain/stripe-events';
import { PADDLE_EVENT_TYPES } from '../../domain/paddle-events';
import { sealSecret } from '../../security/webhook-secrets';
import { billingModeOf, billingSecretsOf, deleteBillingSecret, deleteExchangeRate, exchangeRatesOf, insertBillingSecretStatement, setBillingMode, type BillingSecretRow } from '../../db/billing';
import { billingEventsOf, getBillingEvent, type BillingEventRow } from '../../db/billing-events';
import { keepExchangeRate, replayBillingEvent } from '../../flows/billing-events';
import { isoDate } from '../shapes';
import { consoleErrors, consoleRoute, idParam, json, programParams } from '../kit';

export const integrations = router();
const route = consoleRoute({ ...consoleErrors, 400: json(ErrorSchema, 'Invalid input') });

const providerParams = programParams.extend({ provider: BillingProviderSchema.openapi({ param: { name: 'provider', in: 'path' } }) });
const orIso = (at: number | null) => (at === null ? null : isoDate(at));
const EVENT_TYPES: Record<BillingProvider, string[]> = { stripe: STRIPE_EVENT_TYPES, paddle: PADDLE_EVENT_TYPES };

const secretJson = (s: BillingSecretRow) => ({ id: s.id, provider: s.provider, mode: s.mode, hint: s.secretHint, createdAt: isoDate(s.createdAt) });
const eventJson = (e: BillingEventRow) => ({
  id: e.id,
  provider: e.provider,
  eventId: e.eventId,
  type: e.type,
  livemode: e.livemode,
  occurredAt: isoDate(e.occurredAt),
  receivedAt: isoDate(e.receivedAt),
  deliveries: e.deliveries,
  status: e.status,
  reason: e.reason,
  attempts: e.attempts,
  nextAttemptAt: orIso(e.nextAttemptAt),
  settledAt: orIso(e.settledAt),
  customerId: e.customerId,
  replayable: e.status !== 'applied' && e.status !== 'received' && e.hasPayload,
});

integrations.openapi(
  route.get('/integrations', 'getIntegrations', "The billing mode, and each provider's webhook URL, event types and signing secrets, masked (managers only)", {
    200: json(IntegrationsSchema, 'The integrations'),
  }),
  async (c) => {
    const { programId } = c.req.valid('param');
    await programFor(c, programId, 'manager');
    const [mode, secrets] = await Promise.all([billingModeOf(c.env.DB, programId), billingSecretsOf(c.env.DB, programId)]);
    const origin = new URL(c.req.url).origin;
    const providers = (['stripe', 'paddle'] as const).map((provider) => ({
      provider,
      webhookUrl: `${origin}/api/v1/programs/${programId}/integrations/${provider}/webhook`,
      eventTypes: EVENT_TYPES[provider],
      secrets: secrets.filter((s) => s.provider === provider).map(secretJson),
    }));
    return c.json({ billingMode: mode ?? 'live', providers }, 200);
  },
);

integrations.openapi(
  route.patch(
    '/integrations',
    'updateIntegrations',
    'Set the billing mode: live programs take live-mode events only, test programs test-mode events only (managers only)',
    { 200: json(z.object({ billingMode: IntegrationsPatchSchema.shape.billingMode }), 'The mode as it now stands') },
    { body: IntegrationsPatchSchema },
  ),
  async (c) => {
    const { programId } = c.req.valid('param');
    await programFor(c, programId, 'manager');
    const { billingMode } = c.req.valid('json');
    await setBillingMode(c.env.DB, programId, billingMode);
    return c.json({ billingMode }, 200);
  },
);

integrations.openapi(
  route.post(
    '/integrations/{provider}/secrets',
    'addBillingSecret',
    "Add a signing secret of the provider's endpoint; the ones already set keep verifying until removed, so a rotation has no gap (managers only)",
    { 201: json(BillingSecretSchema, 'Added; the secret itself is never shown again') },
    { params: providerParams, body: BillingSecretInputSchema },
  ),
  async (c) => {
    const { programId, provider } = c.req.valid('param');
    await programFor(c, programId, 'manager');
    const { mode, secret } = c.req.valid('json');
    if (provider === 'stripe' && !secret.startsWith('whsec_')) throw badRequest('secret: a Stripe signing secret starts with whsec_', [{ path: 'secret', message: 'starts with whsec_' }]);
    if (provider === 'paddle' && !secret.startsWith('pdl_ntfset_')) throw badRequest('secret: a Paddle secret key starts with pdl_ntfset_', [{ path: 'secret', message: 'starts with pdl_ntfset_' }]);
    const row: BillingSecretRow = {
      id: `bsec_${nanoid()}`,
      provider,
      mode,
      secretSealed: await sealSecret(secret, requiredSecret(c.env, 'WEBHOOK_SECRET_KEY')),
      secretHint: `${secret.slice(0, 6)}…${secret.slice(-4)}`,
      createdAt: Date.now(),
    };
    await insertBillingSecretStatement(c.env.DB, programId, row).run();
    return c.json(secretJson(row), 201);
  },
);

integrations.openapi(
  route.delete(
    '/integrations/{provider}/secrets/{secretId}',
    'removeBillingSecret',
    'Remove a signing secret: events it signed are no longer accepted (managers only)',
    { 204: { description: 'Removed' } },
    { params: providerParams.extend({ secretId: idParam('secretId') }) },
  ),
  async (c) => {
    const { programId, provider, secretId } = c.req.valid('param');
    await programFor(c, programId, 'manager');
    if (!(await deleteBillingSecret(c.env.DB, programId, provider, secretId))) throw notFound('Signing secret');
    return c.body(null, 204);
  },
);

integrations.openapi(
  route.get(
    '/integrations/events',
    'listBillingEvents',
    'The billing events received, newest first, with what became of each (managers only)',
    { 200: json(z.array(BillingEventSchema), 'A page of events') },
    { query: BillingEventQuerySchema },
  ),
  async (c) => {
    const { programId } = c.req.valid('param');
    await programFor(c, programId, 'manager');
    const q = c.req.valid('query');
    const events = await billingEventsOf(c.env.DB, programId, { status: q.status, provider: q.provider, before: q.before, limit: q.limit });
    return c.json(events.map(eventJson), 200);
  },
);

integrations.openapi(
  route.post(
    '/integrations/events/{billingEventId}/replay',
    'replayBillingEvent',
    'Apply a refused, ignored or waiting event again now, after what refused it was fixed (managers only)',
    {
      200: json(BillingEventSchema, 'Applied again: the event as it now stands'),
      404: json(ErrorSchema, 'No such program (or not staff of it), or no such event'),
      409: json(ErrorSchema, 'The event was applied (or is being applied), or its payload is gone'),
    },
    { params: programParams.extend({ billingEventId: idParam('billingEventId') }) },
  ),
  async (c) => {
    const { programId, billingEventId } = c.req.valid('param');
    await programFor(c, programId, 'manager');
    const replayed = await replayBillingEvent(c.env, programId, billingEventId);
    if (replayed) return c.json(eventJson(replayed), 200);
    const event = await getBillingEvent(c.env.DB, programId, billingEventId);
    if (!event) throw notFound('Billing event');
    throw refused({ status: 409, code: 'not_replayable', message: event.hasPayload ? `The event is ${event.status}; only refused, ignored or waiting events are applied again.` : 'The payload is gone (erased or pruned).' });
  },
);

const rateParams = programParams.extend({
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code in capitals, e.g. USD').openapi({ param: { name: 'currency', in: 'path' }, example: 'USD' }),
  asOf: z.iso.date().openapi({ param: { name: 'asOf', in: 'path' }, example: '2026-12-01' }),
});

integrations.openapi(
  route.get('/exchange-rates', 'listExchangeRates', "The program's exchange rates into its currency, by currency and newest day first (managers only)", {
    200: json(z.array(ExchangeRateSchema), 'The rates kept'),
  }),
  async (c) => {
    const { programId } = c.req.valid('param');
    await programFor(c, programId, 'manager');
    return c.json(await exchangeRatesOf(c.env.DB, programId), 200);
  },
);

integrations.openapi(
  route.put(
    '/exchange-rates/{currency}/{asOf}',
    'setExchangeRate',
    "Keep a currency's rate for a day; payments in it that waited for a rate are applied now (managers only)",
    { 200: json(ExchangeRateSchema, 'The rate as kept') },
    { params: rateParams, body: ExchangeRateInputSchema },
  ),
  async (c) => {
    const { programId, currency, asOf } = c.req.valid('param');
    await programFor(c, programId, 'manager');
    const program = await consoleProgram(c, programId);
    if (currency === program.currency) throw badRequest(`currency: ${currency} is the program's own currency`, [{ path: 'currency', message: "the program's own currency" }]);
    const rate = { currency, asOf, rate: c.req.valid('json').rate };
    await keepExchangeRate(c.env, programId, rate);
    return c.json(rate, 200);
  },
);

integrations.openapi(
  route.delete(
    '/exchange-rates/{currency}/{asOf}',
    'deleteExchangeRate',
    'Remove a rate; payments converted with it keep the rate they used (managers only)',
    { 204: { description: 'Removed' } },
    { params: rateParams },
  ),
  async (c) => {
    const { programId, currency, asOf } = c.req.valid('param');
    await programFor(c, programId, 'manager');
    if (!(await deleteExchangeRate(c.env.DB, programId, currency, asOf))) throw notFound('Exchange rate');
    return c.body(null, 204);
  },
);
