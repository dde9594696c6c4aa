// Referrals a partner registers and works through stages (deals), with their history.
import { z } from '@hono/zod-openapi';
import { dateTime, MoneySchema, optionalText, orNull, person, queryFlag, shortText } from './common';

export const StageSchema = z.enum(['new', 'in_progress', 'won', 'lost', 'junk']);

export const ReferralTypeSchema = z.enum(['partner_to_program', 'program_to_partner']);

export const RegistrationStatusSchema = z.enum(['pending', 'confirmed', 'rejected', 'not_genuine']);

export const DuplicateMatchSchema = z
  .object({
    against: z.enum(['own_lead', 'other_lead', 'customer']).openapi({ description: "What it matched: the partner's own lead, another partner's, or a customer" }),
    on: z.enum(['company', 'domain', 'contact']),
    exact: z.boolean().openapi({ description: 'Exact, or near (the same company written differently, or its name against a domain)' }),
    referralId: z.string().nullable().openapi({ description: "The lead matched; null to a partner for another partner's lead or a customer" }),
  })
  .openapi('DuplicateMatch');

export const RegistrationSchema = z
  .object({
    status: RegistrationStatusSchema.openapi({ description: 'pending: awaiting the program; confirmed: locked to the partner (while lockedUntil); not_genuine: the lock was lifted after the first call' }),
    dueAt: dateTime.openapi({ description: 'The program confirms or rejects it by then (the SLA)' }),
    sla: z.enum(['on_time', 'due_soon', 'overdue', 'met', 'missed']),
    decidedAt: dateTime.nullable(),
    lockedUntil: dateTime.nullable(),
    locked: z.boolean(),
    reason: z.string().nullable().openapi({ description: 'Why it was rejected or found not genuine' }),
  })
  .openapi('Registration');

const ChannelSchema = z.enum(['phone', 'meeting', 'event', 'email']);
const VerbalSchema = z.object({ channel: ChannelSchema, enteredBy: person }).openapi('VerbalEntry');

export const ReferralSchema = z
  .object({
    id: z.string(),
    partner: person,
    customerName: z.string(),
    domain: z.string().nullable(),
    contactEmails: z.array(z.string()),
    contactPersons: z.string().nullable(),
    contactsErasedAt: dateTime.nullable().openapi({ description: 'When its contact persons and emails were erased on request (they are then empty)' }),
    requirement: z.string().nullable(),
    product: z.string().nullable(),
    type: ReferralTypeSchema,
    stage: StageSchema,
    value: orNull(MoneySchema),
    notes: z.string().nullable(),
    owner: person.nullable().openapi({ description: 'The sales representative who owns it' }),
    registration: orNull(RegistrationSchema).openapi({ description: 'A lead the partner registered; null for a referral the program sent' }),
    duplicates: z.array(DuplicateMatchSchema).openapi({ description: 'What it matched when registered, or now for the console; empty when it is new' }),
    verbal: orNull(VerbalSchema).openapi({ description: 'A verbal referral: how the program heard of it, and who entered it' }),
    wonProposedAt: dateTime.nullable().openapi({ description: 'When the partner proposed that the deal is won' }),
    contractDate: z.string().nullable().openapi({ description: "A won deal's contract date (YYYY-MM-DD)" }),
    registeredAt: dateTime,
    updatedAt: dateTime,
  })
  .openapi('Referral');

export const ReferralChangeSchema = z
  .object({ id: z.string(), field: z.string(), oldValue: z.string().nullable(), newValue: z.string().nullable(), by: z.string().nullable(), at: dateTime })
  .openapi('ReferralChange');

export const ReferralDetailSchema = ReferralSchema.extend({ changes: z.array(ReferralChangeSchema) }).openapi('ReferralDetail');

/** The other side of a duplicate, as the program's staff see it. */
export const MatchedLeadSchema = z
  .object({ id: z.string(), customerName: z.string(), partner: person, status: RegistrationStatusSchema, stage: StageSchema, registeredAt: dateTime, lockedUntil: dateTime.nullable() })
  .openapi('MatchedLead');

export const ConsoleReferralDetailSchema = ReferralDetailSchema.extend({
  matchedLeads: z.array(MatchedLeadSchema).openapi({ description: 'The leads it matches now, both sides shown' }),
}).openapi('ConsoleReferralDetail');

export const ReferralPageSchema = z
  .object({ items: z.array(ReferralSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .openapi('ReferralPage');

export const REFERRAL_SORTS = ['customerName', 'partner', 'stage', 'type', 'value', 'owner', 'dueAt', 'registeredAt', 'updatedAt'] as const;

export const ReferralQuerySchema = z.object({
  q: z.string().trim().max(100).optional().openapi({ description: 'Matches any field except the creation date' }),
  sort: z.enum(REFERRAL_SORTS).default('registeredAt'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const valueMinor = z.number().int().min(0).max(1e12).nullable().openapi({ description: "Integer minor units in the program's currency" });

export const ConsoleReferralQuerySchema = ReferralQuerySchema.extend({
  partnerId: z.string().min(1).max(64).optional(),
  stage: StageSchema.optional(),
  status: RegistrationStatusSchema.optional(),
  overdue: queryFlag.openapi({ description: 'Only leads past their deadline, still awaiting an answer' }),
  duplicate: queryFlag.openapi({ description: 'Only leads that matched another when registered' }),
});

export const ReferralInputSchema = z
  .object({
    customerName: shortText(200).openapi({ description: 'The company' }),
    domain: optionalText(253).openapi({ description: "The company's domain or website (globex.se)" }),
    contactPersons: optionalText(500),
    contactEmails: z.array(z.email().max(320)).max(10).optional(),
    requirement: optionalText(1000),
    product: optionalText(200),
    valueMinor: valueMinor.optional(),
    notes: optionalText(2000),
  })
  .openapi('ReferralInput');

const contractDate = z.iso.date().openapi({ description: 'YYYY-MM-DD' });

export const ReferralPatchSchema = z
  .object({
    stage: StageSchema.optional().openapi({ description: "A partner moves between new, in_progress and lost; only the program's staff set won (with valueMinor and contractDate) or junk" }),
    notes: z.string().trim().max(2000).nullable().optional(),
    valueMinor: valueMinor.optional(),
    contractDate: contractDate.nullable().optional(),
    ownerId: z.string().min(1).max(64).nullable().optional().openapi({ description: "The sales representative who owns it (program staff only)" }),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' })
  .openapi('ReferralPatch');

export const ConsoleReferralInputSchema = ReferralInputSchema.extend({
  partnerId: z.string().min(1).max(64).openapi({ description: 'The partner the program sends it to' }),
  ownerId: z.string().min(1).max(64).nullable().optional().openapi({ description: "The sales representative who owns it; the partner's own by default" }),
}).openapi('ConsoleReferralInput');

export const VerbalReferralInputSchema = ReferralInputSchema.extend({
  advocate: z
    .union([
      z.object({ partnerId: z.string().min(1).max(64) }).strict(),
      z.object({ email: z.email().max(320), name: shortText(200).optional() }).strict(),
    ])
    .openapi({ description: "Who referred it: a partner, or an email (a partner's address or a member's; anyone else is invited to join and claim it)" }),
  channel: ChannelSchema.openapi({ description: 'How the program heard of it' }),
}).openapi('VerbalReferralInput');

export const VerbalReferralCreatedSchema = ConsoleReferralDetailSchema.extend({
  advocateInvited: z.boolean().openapi({ description: 'The advocate was not in the program: a partner was made for them, and an invite to claim it emailed' }),
}).openapi('VerbalReferralCreated');

export const WonProposalSchema = z.object({ note: optionalText(1000) }).strict().openapi('WonProposal');

export const LeadDecisionSchema = z
  .discriminatedUnion('decision', [
    z.object({ decision: z.literal('confirm'), ownerId: z.string().min(1).max(64).openapi({ description: 'The sales representative assigned' }) }).strict(),
    z.object({ decision: z.literal('reject'), reason: shortText(500) }).strict(),
    z.object({ decision: z.literal('not_genuine'), reason: shortText(500) }).strict(),
    z.object({ decision: z.literal('renew_lock') }).strict(),
  ])
  .openapi('LeadDecision');

export type Referral = z.infer<typeof ReferralSchema>;
export type ReferralDetail = z.infer<typeof ReferralDetailSchema>;
export type ReferralPage = z.infer<typeof ReferralPageSchema>;
export type ReferralInput = z.infer<typeof ReferralInputSchema>;
export type ReferralPatch = z.infer<typeof ReferralPatchSchema>;
export type ConsoleReferralDetail = z.infer<typeof ConsoleReferralDetailSchema>;
export type LeadDecision = z.infer<typeof LeadDecisionSchema>;
export type ReferralQuery = z.input<typeof ReferralQuerySchema>;
export type Stage = z.infer<typeof StageSchema>;
