// What every schema shares: the one error shape, money, the merchant's own ids, request headers and text rules.
import { z } from '@hono/zod-openapi';

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'invalid_request' }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');

/**
 * `schema`, or null. On a named component (`.openapi('Name')`), `.nullable()` can make the component itself nullable
 * in the OpenAPI document, so every use of it reads as "may be null"; a union leaves the component as it is.
 */
export const orNull = <T extends z.ZodType>(schema: T) => z.union([schema, z.null()]);

export const MoneySchema = z
  .object({
    amount: z.number().int().openapi({ description: 'Integer minor units (cents)', example: 500 }),
    currency: z.string().length(3).openapi({ example: 'EUR' }),
  })
  .openapi('Money');

// Control characters (NUL among them) and lone surrogates cannot be stored, compared or shown faithfully.
const UNSAFE_TEXT = /[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** An id the merchant chose (a customer id, an invoice id, an order reference): 1 to 200 characters of plain text. */
export const externalId = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((s) => !UNSAFE_TEXT.test(s), { message: 'must not contain control characters or lone surrogates' });

export const PositiveMoneySchema = z
  .object({
    amount: z.number().int().positive().max(1_000_000_000_00).openapi({ description: 'Integer minor units (cents), above zero', example: 4900 }),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code in capitals').openapi({ example: 'EUR' }),
  })
  .openapi('PositiveMoney');

export const IdempotencyHeaders = z.object({
  'idempotency-key': z.string().min(1).max(255).optional().openapi({
    param: { name: 'idempotency-key', in: 'header' },
    description: 'Replays the first answer for the same key and body; the same key with another body is a 409. Kept 24 hours.',
  }),
});

// People's text is shown in pages, CSV files and email subjects: a name is one line with no control characters (a
// stray escape or line break there would garble or forge what others read); longer text may break lines and tab.
// Neither may hold half of a surrogate pair, which no encoding can carry. (Checked by a refinement, not a pattern: a
// pattern in the OpenAPI document would read as the whole set of allowed strings.)
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A name or a title: one line, no control characters. */
export const shortText = (max = 200) =>
  z.string().trim().min(1).max(max).refine((s) => !CONTROL.test(s) && !LONE_SURROGATE.test(s), 'one line, without control characters');

/** Free text that may span lines (an address, notes); no other control characters. */
export const optionalText = (max = 200) =>
  z.string().trim().max(max).refine((s) => !CONTROL_BUT_LINES.test(s) && !LONE_SURROGATE.test(s), 'no control characters other than line breaks and tabs').nullable().optional();

/** A date and time, ISO 8601 in UTC. */
export const dateTime = z.string().openapi({ format: 'date-time' });

/** A yes-or-no query parameter: `true` or `false`, anything else a 400; left out, it is for the route to decide. */
export const queryFlag = z.enum(['true', 'false']).transform((v) => v === 'true').optional();

export const person = z.object({ id: z.string(), name: z.string() });
