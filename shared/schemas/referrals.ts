// Referrals a partner registers and works through stages (deals), with their history.
import { z } from '@hono/zod-openapi';
import { dateTime, MoneySchema, optionalText, orNull, person, shortText } from './common';

export const StageSchema = z.enum(['new', 'in_progress', 'won', 'lost', 'junk']);

export const ReferralTypeSchema = z.enum(['partner_to_program', 'program_to_partner']);

export const ReferralSchema = z
  .object({
    id: z.string(),
    customerName: z.string(),
    contactPersons: z.string().nullable(),
    requirement: z.string().nullable(),
    product: z.string().nullable(),
    type: ReferralTypeSchema,
    stage: StageSchema,
    value: orNull(MoneySchema),
    notes: z.string().nullable(),
    owner: person.nullable().openapi({ description: 'The sales representative who owns it' }),
    registeredAt: dateTime,
    updatedAt: dateTime,
  })
  .openapi('Referral');

export const ReferralChangeSchema = z
  .object({ id: z.string(), field: z.string(), oldValue: z.string().nullable(), newValue: z.string().nullable(), by: z.string().nullable(), at: dateTime })
  .openapi('ReferralChange');

export const ReferralDetailSchema = ReferralSchema.extend({ changes: z.array(ReferralChangeSchema) }).openapi('ReferralDetail');

export const ReferralPageSchema = z
  .object({ items: z.array(ReferralSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .openapi('ReferralPage');

export const REFERRAL_SORTS = ['customerName', 'stage', 'type', 'value', 'owner', 'registeredAt', 'updatedAt'] as const;

export const ReferralQuerySchema = z.object({
  q: z.string().trim().max(100).optional().openapi({ description: 'Matches any field except the creation date' }),
  sort: z.enum(REFERRAL_SORTS).default('registeredAt'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const valueMinor = z.number().int().min(0).max(1e12).nullable().openapi({ description: "Integer minor units in the program's currency" });

export const ReferralInputSchema = z
  .object({
    customerName: shortText(200),
    contactPersons: optionalText(500),
    requirement: optionalText(1000),
    product: optionalText(200),
    valueMinor: valueMinor.optional(),
    notes: optionalText(2000),
  })
  .openapi('ReferralInput');

export const ReferralPatchSchema = z
  .object({ stage: StageSchema.optional(), notes: z.string().trim().max(2000).nullable().optional(), valueMinor: valueMinor.optional() })
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' })
  .openapi('ReferralPatch');

export type Referral = z.infer<typeof ReferralSchema>;
export type ReferralDetail = z.infer<typeof ReferralDetailSchema>;
export type ReferralPage = z.infer<typeof ReferralPageSchema>;
export type ReferralInput = z.infer<typeof ReferralInputSchema>;
export type ReferralPatch = z.infer<typeof ReferralPatchSchema>;
export type ReferralQuery = z.input<typeof ReferralQuerySchema>;
export type Stage = z.infer<typeof StageSchema>;
