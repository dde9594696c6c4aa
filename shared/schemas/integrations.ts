// Billing integrations as the console manages them: the billing mode, the providers' signing secrets (masked), and
// the events received with their outcome. The providers' own webhook calls are documented with their routes.
import { z } from '@hono/zod-openapi';
import { RATE_PATTERN } from '../money';
import { dateTime, orNull } from './common';

export const BillingProviderSchema = z.enum(['stripe', 'paddle']).openapi('BillingProvider');
export const BillingModeSchema = z.enum(['live', 'test']).openapi('BillingMode', { description: 'A program takes live-mode events only, or test-mode events only' });
export const BillingEventStatusSchema = z
  .enum(['received', 'applied', 'waiting', 'refused', 'ignored'])
  .openapi('BillingEventStatus', {
    description:
      'received: being applied; applied: it moved money or linked a customer; waiting: it needs another event first (a refund its invoice); refused: it could not be applied (see reason; replay after a fix); ignored: it concerns no referred customer, or a type edgeref does not use',
  });

export const BillingSecretSchema = z
  .object({
    id: z.string(),
    provider: BillingProviderSchema,
    mode: BillingModeSchema,
    hint: z.string().openapi({ description: "The secret's first and last characters, to tell secrets apart", example: 'whsec_…Xy7Q' }),
    createdAt: dateTime,
  })
  .openapi('BillingSecret');

export const BillingSecretInputSchema = z
  .object({
    mode: BillingModeSchema.openapi({ description: "The mode of the provider's endpoint the secret belongs to" }),
    secret: z
      .string()
      .trim()
      .min(16)
      .max(200)
      .regex(/^[\x21-\x7e]+$/, 'a signing secret is printable ASCII without spaces')
      .openapi({ description: "The endpoint's signing secret, as the provider shows it (Stripe: whsec_…)", example: 'whsec_5f8e1c0b2a7d4e6f9a3b8c1d2e4f6a7b' }),
  })
  .strict()
  .openapi('BillingSecretInput');

export const BillingProviderSetupSchema = z
  .object({
    provider: BillingProviderSchema,
    webhookUrl: z.string().openapi({ description: "Paste this into the provider's webhook (event destination) settings" }),
    eventTypes: z.array(z.string()).openapi({ description: 'The event types to select there' }),
    secrets: z.array(BillingSecretSchema),
  })
  .openapi('BillingProviderSetup');

export const IntegrationsSchema = z
  .object({ billingMode: BillingModeSchema, providers: z.array(BillingProviderSetupSchema) })
  .openapi('Integrations');

export const IntegrationsPatchSchema = z.object({ billingMode: BillingModeSchema }).strict().openapi('IntegrationsPatch');

export const BillingEventSchema = z
  .object({
    id: z.string(),
    provider: BillingProviderSchema,
    eventId: z.string().openapi({ description: "The provider's event id", example: 'evt_1NG8Du2eZvKYlo2CUI79vXWy' }),
    type: z.string().openapi({ example: 'invoice.paid' }),
    livemode: z.boolean(),
    occurredAt: dateTime.openapi({ description: "The provider's time of the event" }),
    receivedAt: dateTime,
    deliveries: z.number().int().openapi({ description: 'How often the provider delivered it; every delivery after the first was a duplicate that changed nothing' }),
    status: BillingEventStatusSchema,
    reason: z.string().nullable().openapi({ description: 'What it did, or why it waits, was refused or ignored' }),
    attempts: z.number().int(),
    nextAttemptAt: orNull(dateTime).openapi({ description: 'Waiting: when it is tried again' }),
    settledAt: orNull(dateTime),
    customerId: z.string().nullable().openapi({ description: 'The edgeref customer it concerns, once known' }),
    replayable: z.boolean().openapi({ description: 'Whether it can be applied again (refused, ignored or waiting, with its payload kept)' }),
  })
  .openapi('BillingEvent');

export const BillingEventQuerySchema = z.object({
  status: BillingEventStatusSchema.optional(),
  provider: BillingProviderSchema.optional(),
  before: z.string().min(1).max(64).optional().openapi({ description: 'The id of the last event of the page before: the next page starts after it' }),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** What the provider's webhook call is answered (any 2xx stops its retries). */
export const BillingWebhookAnswerSchema = z
  .object({
    received: z.literal(true),
    duplicate: z.boolean().openapi({ description: 'true when this event was delivered before; nothing changed' }),
    status: BillingEventStatusSchema,
    reason: z.string().nullable(),
  })
  .openapi('BillingWebhookAnswer');

export const ExchangeRateSchema = z
  .object({
    currency: z.string().openapi({ example: 'USD' }),
    asOf: z.string().openapi({ format: 'date', description: 'The day the rate is for; a payment uses the latest rate on or before its day', example: '2026-12-01' }),
    rate: z.string().openapi({ description: "Units of the program's currency per unit of this one, as a decimal string", example: '0.9215' }),
  })
  .openapi('ExchangeRate');

export const ExchangeRateInputSchema = z
  .object({
    rate: z
      .string()
      .trim()
      .regex(RATE_PATTERN, 'a positive decimal number, e.g. 0.9215 (at most 9 digits before the point and 12 after)')
      .openapi({ description: "Units of the program's currency per unit of the path's currency", example: '0.9215' }),
  })
  .strict()
  .openapi('ExchangeRateInput');

export type BillingEvent = z.infer<typeof BillingEventSchema>;
export type Integrations = z.infer<typeof IntegrationsSchema>;
