// Program console, webhooks: the merchant's endpoints (managers only), their signing secrets shown once, rotation with
// overlap, the delivery log, a replay and a test event. Deliveries themselves are flows/webhooks.ts.
import { z } from '@hono/zod-openapi';
import { nanoid } from 'nanoid';
import { ErrorSchema } from '../../../shared/schemas/common';
import {
  WebhookDeliverySchema,
  WebhookEndpointCreatedSchema,
  WebhookEndpointInputSchema,
  WebhookEndpointPatchSchema,
  WebhookEndpointSchema,
  WebhookSecretSchema,
  WebhookTestSchema,
} from '../../../shared/schemas/webhooks';
import { requiredSecret, router, type Env } from '../../env';
import { programFor } from '../../middleware/program-access';
import { badRequest, notFound } from '../../middleware/errors';
import { checkWebhookUrl } from '../../domain/webhooks';
import { newWebhookSecret, sealSecret } from '../../security/webhook-secrets';
import {
  deleteEndpoint,
  deliveriesOf,
  endpointsOf,
  getEndpoint,
  insertEndpoint,
  insertTestDelivery,
  replayDelivery,
  rotateEndpointSecret,
  updateEndpoint,
  type DeliveryRow,
  type EndpointRow,
} from '../../db/webhooks';
import { isoDate } from '../shapes';
import { consoleErrors, consoleRoute, idParam, json, programParams } from '../kit';

export const webhookEndpoints = router();
const route = consoleRoute({ ...consoleErrors, 400: json(ErrorSchema, 'Invalid input: a URL that is not https on the public internet, or an unknown event type') });

/** After a rotation, the previous secret keeps signing this long, so receivers can switch without a gap. */
const ROTATION_OVERLAP_MS = 24 * 3600_000;
const endpointParams = programParams.extend({ endpointId: idParam('endpointId') });
const orIso = (at: number | null) => (at === null ? null : isoDate(at));

const endpointJson = (e: EndpointRow) => ({
  id: e.id,
  url: e.url,
  description: e.description,
  eventTypes: e.eventTypes,
  secretHint: e.secretHint,
  previousSecretExpiresAt: orIso(e.previousSecretExpiresAt),
  enabled: e.enabled,
  disabledReason: e.disabledReason,
  createdAt: isoDate(e.createdAt),
  updatedAt: isoDate(e.updatedAt),
});
const deliveryJson = (d: DeliveryRow) => ({
  ...d,
  nextAttemptAt: orIso(d.nextAttemptAt),
  lastAttemptAt: orIso(d.lastAttemptAt),
  deliveredAt: orIso(d.deliveredAt),
  createdAt: isoDate(d.createdAt),
});

/** The URL as it will be called, or a 400 saying why it may not be. */
function safeUrl(env: Env, url: string): string {
  const check = checkWebhookUrl(url, { allowLocalHttp: env.WEBHOOKS_ALLOW_LOCAL_HTTP === '1' });
  if (!check.ok) throw badRequest(`url: ${check.problem}`, [{ path: 'url', message: check.problem }]);
  return check.url;
}

async function sealedSecret(env: Env): Promise<{ secret: string; sealed: string; hint: string }> {
  const secret = newWebhookSecret();
  return { secret, sealed: await sealSecret(secret, requiredSecret(env, 'WEBHOOK_SECRET_KEY')), hint: `…${secret.slice(-4)}` };
}

async function endpointFor(db: D1Database, programId: string, endpointId: string): Promise<EndpointRow> {
  const e = await getEndpoint(db, programId, endpointId);
  if (!e) throw notFound('Webhook endpoint');
  return e;
}

webhookEndpoints.openapi(
  route.get('/webhook-endpoints', 'listWebhookEndpoints', "The program's webhook endpoints, oldest first (managers only)", { 200: json(z.array(WebhookEndpointSchema), 'Endpoints') }),
  async (c) => {
    const { programId } = c.req.valid('param');
    await programFor(c, programId, 'manager');
    return c.json((await endpointsOf(c.env.DB, programId)).map(endpointJson), 200);
  },
);

webhookEndpoints.openapi(
  route.post(
    '/webhook-endpoints',
    'createWebhookEndpoint',
    'Add an endpoint: events after now are POSTed to it, signed the Standard Webhooks way; the answer shows its signing secret, once (managers only)',
    { 201: json(WebhookEndpointCreatedSchema, 'Created, with its signing secret') },
    { body: WebhookEndpointInputSchema },
  ),
  async (c) => {
    const { programId } = c.req.valid('param');
    await programFor(c, programId, 'manager');
    const input = c.req.valid('json');
    const url = safeUrl(c.env, input.url);
    const { secret, sealed, hint } = await sealedSecret(c.env);
    const now = Date.now();
    const row: EndpointRow = {
      id: `we_${nanoid()}`,
      programId,
      url,
      description: input.description || null,
      eventTypes: input.eventTypes ? [...new Set(input.eventTypes)] : null,
      secretSealed: sealed,
      secretHint: hint,
      previousSecretSealed: null,
      previousSecretExpiresAt: null,
      enabled: true,
      disabledReason: null,
      createdAt: now,
      updatedAt: now,
    };
    await insertEndpoint(c.env.DB, row);
    return c.json({ ...endpointJson(row), secret }, 201);
  },
);

webhookEndpoints.openapi(
  route.patch(
    '/webhook-endpoints/{endpointId}',
    'updateWebhookEndpoint',
    'Change the URL, description or event types, or disable or enable the endpoint (managers only)',
    { 200: json(WebhookEndpointSchema, 'The endpoint as it now stands') },
    { params: endpointParams, body: WebhookEndpointPatchSchema },
  ),
  async (c) => {
    const { programId, endpointId } = c.req.valid('param');
    await programFor(c, programId, 'manager');
    const patch = c.req.valid('json');
    await endpointFor(c.env.DB, programId, endpointId);
    const url = patch.url === undefined ? undefined : safeUrl(c.env, patch.url);
    const eventTypes = patch.eventTypes === undefined ? undefined : patch.eventTypes === null ? null : [...new Set(patch.eventTypes)];
    await updateEndpoint(c.env.DB, programId, endpointId, { url, description: patch.description === undefined ? undefined : patch.description || null, eventTypes, enabled: patch.enabled }, Date.now());
    return c.json(endpointJson(await endpointFor(c.env.DB, programId, endpointId)), 200);
  },
);

webhookEndpoints.openapi(
  route.delete('/webhook-endpoints/{endpointId}', 'deleteWebhookEndpoint', 'Delete the endpoint and its delivery log; the events stay (managers only)', { 204: { description: 'Deleted' } }, { params: endpointParams }),
  async (c) => {
    const { programId, endpointId } = c.req.valid('param');
    await programFor(c, programId, 'manager');
    if (!(await deleteEndpoint(c.env.DB, programId, endpointId))) throw notFound('Webhook endpoint');
    return c.body(null, 204);
  },
);

webhookEndpoints.openapi(
  route.post(
    '/webhook-endpoints/{endpointId}/secret',
    'rotateWebhookSecret',
    'Rotate the signing secret: the new one is shown once, and the previous one keeps signing for 24 hours (managers only)',
    { 200: json(WebhookSecretSchema, 'The new secret') },
    { params: endpointParams },
  ),
  async (c) => {
    const { programId, endpointId } = c.req.valid('param');
    await programFor(c, programId, 'manager');
    await endpointFor(c.env.DB, programId, endpointId);
    const { secret, sealed, hint } = await sealedSecret(c.env);
    const now = Date.now();
    await rotateEndpointSecret(c.env.DB, endpointId, { sealed, hint, previousExpiresAt: now + ROTATION_OVERLAP_MS, now });
    return c.json({ secret, secretHint: hint, previousSecretExpiresAt: isoDate(now + ROTATION_OVERLAP_MS) }, 200);
  },
);

webhookEndpoints.openapi(
  route.get(
    '/webhook-endpoints/{endpointId}/deliveries',
    'listWebhookDeliveries',
    "The endpoint's delivery log, newest first: status, attempts and the last response (managers only)",
    { 200: json(z.array(WebhookDeliverySchema), 'The last 100 deliveries') },
    { params: endpointParams },
  ),
  async (c) => {
    const { programId, endpointId } = c.req.valid('param');
    await programFor(c, programId, 'manager');
    await endpointFor(c.env.DB, programId, endpointId);
    return c.json((await deliveriesOf(c.env.DB, endpointId, 100)).map(deliveryJson), 200);
  },
);

webhookEndpoints.openapi(
  route.post(
    '/webhook-endpoints/{endpointId}/deliveries/{deliveryId}/replay',
    'replayWebhookDelivery',
    'Send a delivery again now, with the same webhook-id, whatever its status (managers only)',
    { 202: json(WebhookDeliverySchema, 'On its way') },
    { params: endpointParams.extend({ deliveryId: idParam('deliveryId') }) },
  ),
  async (c) => {
    const { programId, endpointId, deliveryId } = c.req.valid('param');
    await programFor(c, programId, 'manager');
    await endpointFor(c.env.DB, programId, endpointId);
    if (!(await replayDelivery(c.env.DB, endpointId, deliveryId, Date.now()))) throw notFound('Delivery');
    const d = (await deliveriesOf(c.env.DB, endpointId, 100)).find((x) => x.id === deliveryId)!;
    return c.json(deliveryJson(d), 202);
  },
);

webhookEndpoints.openapi(
  route.post(
    '/webhook-endpoints/{endpointId}/test',
    'sendTestWebhook',
    'Send a webhook.test event to this endpoint alone, now (managers only)',
    { 202: json(WebhookTestSchema, 'On its way; follow it in the delivery log') },
    { params: endpointParams },
  ),
  async (c) => {
    const { programId, endpointId } = c.req.valid('param');
    await programFor(c, programId, 'manager');
    await endpointFor(c.env.DB, programId, endpointId);
    const test = { eventId: `evt_${nanoid()}`, deliveryId: `whd_${nanoid()}` };
    await insertTestDelivery(c.env.DB, { ...test, programId, endpointId, now: Date.now() });
    return c.json(test, 202);
  },
);
