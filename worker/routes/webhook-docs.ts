// The OpenAPI document's `webhooks`: what edgeref POSTs to a program's endpoints, one entry per event type, with the
// Standard Webhooks headers and the type's data (shared/schemas/event-data.ts). docs/EVENTS.md tells the rest.
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { EVENT_TYPES } from '../../shared/event-types';
import { webhookPayload } from '../../shared/schemas/event-data';
import type { AppEnv } from '../env';

const headers = z.object({
  'webhook-id': z.string().openapi({ description: 'The event id: the same on every retry and replay, so repeats can be told apart' }),
  'webhook-timestamp': z.string().openapi({ description: 'Seconds since the epoch, of this attempt' }),
  'webhook-signature': z.string().openapi({ description: 'v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>"> under the endpoint secret; two, space-separated, during a rotation' }),
});

export function documentWebhooks(app: OpenAPIHono<AppEnv>): void {
  for (const type of EVENT_TYPES) {
    app.openAPIRegistry.registerWebhook({
      method: 'post',
      path: type,
      operationId: `on${type.split(/[._]/).map((w) => w[0].toUpperCase() + w.slice(1)).join('')}`,
      summary: `The ${type} event, POSTed to the endpoints that want it`,
      tags: ['Webhooks'],
      // The receiver authenticates a request by its signature (the headers below), not by an HTTP security scheme.
      security: [],
      request: { headers, body: { required: true, content: { 'application/json': { schema: webhookPayload(type) } } } },
      responses: {
        200: { description: 'Any 2xx: delivered' },
        410: { description: 'Gone: the endpoint is disabled, and nothing more is sent to it' },
        default: { description: 'Anything else, or no answer within 15 s: tried again on the Standard Webhooks schedule' },
      },
    });
  }
}
