// The billing providers' webhook calls, mounted at /api/v1/programs/:programId/integrations before the console's
// session guard: no session or key, the provider's signature under one of the program's secrets is the authentication.
import { z } from '@hono/zod-openapi';
import { ErrorSchema } from '../../shared/schemas/common';
import { BillingWebhookAnswerSchema } from '../../shared/schemas/integrations';
import { router } from '../env';
import { ApiError, notFound } from '../middleware/errors';
import { receivePaddleWebhook, receiveStripeWebhook, type WebhookResult } from '../flows/billing-events';
import { json, programParams, routes } from './kit';

export const billingWebhooks = router();
const route = routes(
  'Billing integrations',
  null,
  {
    400: json(ErrorSchema, 'The signature is missing, wrong or older than the tolerance, or the body is not an event; nothing was written'),
    404: json(ErrorSchema, 'No such program'),
    413: json(ErrorSchema, 'The body is larger than 1 MB'),
  },
  programParams,
);

/** The providers' events are far smaller: a larger body is not one (refused by its Content-Length before it is read). */
const MAX_BODY_BYTES = 1_000_000;

billingWebhooks.openapi(
  route.post(
    '/stripe/webhook',
    'receiveStripeEvent',
    "Stripe's webhook: paste this URL into a Stripe event destination, with the events the console's Integrations page lists",
    { 200: json(BillingWebhookAnswerSchema, 'Received (or received before): applied, waiting for another event, refused or ignored, as status says') },
    {
      headers: z.object({ 'stripe-signature': z.string().optional().openapi({ description: "Stripe's signature of the body (t=…,v1=…)" }) }),
      description:
        "Verified with Stripe's library against each of the program's Stripe signing secrets (live and test; several during a rotation), with Stripe's 300-second tolerance. Each event is applied once by its id; a redelivery answers duplicate: true. The body is the event exactly as Stripe sent it (docs/BILLING.md).",
    },
  ),
  async (c) => {
    const { programId } = c.req.valid('param');
    const result = await receiveStripeWebhook(c.env, programId, await bodyOf(c.req.raw), c.req.header('stripe-signature'));
    return c.json(answer(result), 200);
  },
);

billingWebhooks.openapi(
  route.post(
    '/paddle/webhook',
    'receivePaddleEvent',
    "Paddle Billing's webhook: paste this URL into a Paddle notification destination, with the events the console's Integrations page lists",
    { 200: json(BillingWebhookAnswerSchema, 'Received (or received before): applied, waiting for another event, refused or ignored, as status says') },
    {
      headers: z.object({ 'paddle-signature': z.string().optional().openapi({ description: "Paddle's signature of the body (ts=…;h1=…)" }) }),
      description:
        "Verified against each of the program's Paddle secret keys (sandbox as test, live as live; several during a rotation, and every h1 of the header), with a 300-second tolerance. Each event is applied once by its event_id; a redelivery answers duplicate: true (docs/BILLING.md).",
    },
  ),
  async (c) => {
    const { programId } = c.req.valid('param');
    const result = await receivePaddleWebhook(c.env, programId, await bodyOf(c.req.raw), c.req.header('paddle-signature'));
    return c.json(answer(result), 200);
  },
);

async function bodyOf(req: Request): Promise<string> {
  if (Number(req.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) throw new ApiError(413, 'payload_too_large', 'The body is larger than 1 MB.');
  const body = await req.text();
  if (body.length > MAX_BODY_BYTES) throw new ApiError(413, 'payload_too_large', 'The body is larger than 1 MB.');
  return body;
}

function answer(result: WebhookResult) {
  if (result.kind === 'unknown_program') throw notFound('Program');
  if (result.kind === 'invalid') throw new ApiError(400, 'invalid_signature', result.problem);
  return { received: true as const, duplicate: result.duplicate, status: result.event.status, reason: result.event.reason };
}

