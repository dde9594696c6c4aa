// Webhook endpoints as the console manages them, their signing secrets (shown once) and their delivery log.
import { z } from '@hono/zod-openapi';
import { dateTime, orNull } from './common';
import { EventTypeSchema } from './events';

const eventTypes = z.array(EventTypeSchema).min(1).max(50).openapi({ description: 'The event types to send; leave out (or null) for every type' });
const url = z.string().trim().min(1).max(2000).openapi({ description: 'An https URL on the public internet', example: 'https://crm.example.com/hooks/edgeref' });

export const WebhookEndpointSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    eventTypes: orNull(z.array(EventTypeSchema)).openapi({ description: 'null: every type' }),
    secretHint: z.string().openapi({ description: "The signing secret's last characters, to tell secrets apart" }),
    previousSecretExpiresAt: orNull(dateTime).openapi({ description: 'After a rotation, the previous secret also signs until then' }),
    enabled: z.boolean(),
    disabledReason: z.string().nullable().openapi({ description: 'Why edgeref disabled it: a 410 Gone, or every retry failed' }),
    createdAt: dateTime,
    updatedAt: dateTime,
  })
  .openapi('WebhookEndpoint');

export const WebhookEndpointCreatedSchema = WebhookEndpointSchema.extend({
  secret: z.string().openapi({ description: 'The signing secret (whsec_…). Shown this once: store it where your receiver can read it', example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }),
}).openapi('WebhookEndpointCreated');

export const WebhookEndpointInputSchema = z
  .object({ url, description: z.string().trim().max(200).optional(), eventTypes: eventTypes.optional() })
  .strict()
  .openapi('WebhookEndpointInput');

export const WebhookEndpointPatchSchema = z
  .object({ url: url.optional(), description: z.string().trim().max(200).nullable().optional(), eventTypes: eventTypes.nullable().optional(), enabled: z.boolean().optional() })
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' })
  .openapi('WebhookEndpointPatch', { description: 'Enabling a disabled endpoint resumes its pending deliveries.' });

export const WebhookSecretSchema = z
  .object({
    secret: z.string().openapi({ description: 'The new signing secret (whsec_…), shown this once' }),
    secretHint: z.string(),
    previousSecretExpiresAt: dateTime.openapi({ description: 'Until then the previous secret signs too (a second signature in webhook-signature)' }),
  })
  .openapi('WebhookSecret');

export const WebhookDeliverySchema = z
  .object({
    id: z.string(),
    eventId: z.string(),
    eventType: EventTypeSchema,
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int(),
    nextAttemptAt: orNull(dateTime),
    lastAttemptAt: orNull(dateTime),
    lastStatus: z.number().int().nullable().openapi({ description: "The last attempt's response status; null when no answer came" }),
    lastError: z.string().nullable(),
    deliveredAt: orNull(dateTime),
    createdAt: dateTime,
  })
  .openapi('WebhookDelivery');

export const WebhookTestSchema = z.object({ eventId: z.string(), deliveryId: z.string() }).openapi('WebhookTest');

export type WebhookEndpoint = z.infer<typeof WebhookEndpointSchema>;
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;
