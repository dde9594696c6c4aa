// The written terms partners accept: what waits for an acceptance, a partner's standing and history, the console's
// count of acceptances and their list. (A version of the terms itself is TermsSchema, in rules.ts.)
import { z } from '@hono/zod-openapi';
import { PAUSABLE_ACTIONS } from '../terms-pauses';
import { dateTime, orNull } from './common';
import { TermsSchema } from './rules';

export { PAUSABLE_ACTIONS };

export const PausableActionSchema = z.enum(PAUSABLE_ACTIONS).openapi({
  description: 'invitations: creating invitations; withdrawals: requesting withdrawals; referrals: registering referrals; client_payments: paying for a client from the balance',
});

export const PausedActionsSchema = z
  .array(PausableActionSchema)
  .max(PAUSABLE_ACTIONS.length)
  .refine((a) => new Set(a).size === a.length, 'each action once')
  .openapi({ description: 'What a partner may not do until it accepts the current terms; what it earned keeps earning' });

const person = z.object({ id: z.string(), name: z.string() });

export const TermsAcceptanceSchema = z
  .object({
    version: z.number().int(),
    acceptedAt: dateTime,
    acceptedBy: orNull(person).openapi({ description: 'The account that accepted; null when not known (accepted before acceptances were recorded by account)' }),
  })
  .openapi('TermsAcceptance');

export const TermsAcceptanceInputSchema = z
  .object({ version: z.number().int().positive().max(1_000_000).openapi({ description: 'The version being accepted: it must be the current one' }) })
  .strict()
  .openapi('TermsAcceptanceInput');

export const PartnerTermsStandingSchema = z
  .object({
    terms: orNull(TermsSchema).openapi({ description: "The program's current written terms; null while it has published none" }),
    acceptedVersion: z.number().int().nullable().openapi({ description: 'The latest version this partner accepted' }),
    acceptedAt: dateTime.nullable(),
    mustAccept: z.boolean().openapi({ description: 'The current version is not accepted yet' }),
    paused: z.array(PausableActionSchema).openapi({ description: 'What is paused until it is accepted (empty for a partner that joined before any terms existed)' }),
    mayAccept: z.boolean().openapi({ description: 'Whether the signed-in account may accept: owners of the partner only' }),
  })
  .openapi('PartnerTermsStanding');

export const ProgramTermsSummarySchema = z
  .object({
    terms: orNull(TermsSchema),
    partners: z.number().int().openapi({ description: 'Partners asked to accept (all but rejected ones)' }),
    accepted: z.number().int().openapi({ description: 'Of them, those that accepted the current version' }),
    pausedUntilTermsAccepted: z.array(PausableActionSchema),
  })
  .openapi('ProgramTermsSummary');

export const TermsAcceptanceQuerySchema = z.object({
  version: z.coerce.number().int().min(1).max(1_000_000).optional().openapi({ description: 'Only acceptances of this version' }),
  before: z
    .string()
    .regex(/^\d{1,15}:[\w-]{1,64}:\d{1,7}$/, "the previous page's next")
    .optional()
    .openapi({ description: "Only acceptances after this point of the list (the previous page's next)" }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const TermsAcceptanceRecordSchema = TermsAcceptanceSchema.extend({
  partnerId: z.string(),
  displayId: z.string().openapi({ description: 'A123456 or P123456' }),
  partnerName: z.string(),
}).openapi('TermsAcceptanceRecord');

export const TermsAcceptancePageSchema = z
  .object({
    items: z.array(TermsAcceptanceRecordSchema).openapi({ description: 'Newest first' }),
    next: z.string().nullable().openapi({ description: 'Pass as before for the next page; null on the last page' }),
  })
  .openapi('TermsAcceptancePage');

export const TermsExportQuerySchema = TermsAcceptanceQuerySchema.pick({ version: true });

export type PausableAction = (typeof PAUSABLE_ACTIONS)[number];
export type TermsAcceptance = z.infer<typeof TermsAcceptanceSchema>;
export type PartnerTermsStanding = z.infer<typeof PartnerTermsStandingSchema>;
export type ProgramTermsSummary = z.infer<typeof ProgramTermsSummarySchema>;
export type TermsAcceptancePage = z.infer<typeof TermsAcceptancePageSchema>;
