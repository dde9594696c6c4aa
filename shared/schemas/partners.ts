// Partners and their members: registration, the profile, member invites, and the partner as the console sees it.
import { z } from '@hono/zod-openapi';
import { dateTime, optionalText, orNull, person, shortText } from './common';
import { InvitationStatsSchema } from './invitations';
import { BalanceSchema } from './ledger';
import { TermsSchema } from './rules';
import { LanguageSchema } from './emails';

const partnerStatus = z.enum(['affiliate', 'partner', 'rejected', 'suspended']);

export const PartnerSummarySchema = z
  .object({
    id: z.string(),
    displayId: z.string().openapi({ example: 'P123456' }),
    name: z.string(),
    status: z.enum(['affiliate', 'partner', 'rejected', 'suspended']),
    balance: BalanceSchema,
    stats: InvitationStatsSchema,
  })
  .openapi('PartnerSummary');

export const MemberSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    role: z.enum(['owner', 'manager', 'finance']),
    erased: z.boolean().openapi({ description: "The member's personal data was erased on request: name and email are empty and the account cannot sign in" }),
  })
  .openapi('Member');

export const MEMBER_ROLES = ['owner', 'manager', 'finance'] as const;
const role = z.enum(MEMBER_ROLES);

export const RegistrationInfoSchema = z
  .object({ programId: z.string(), programName: z.string(), terms: orNull(TermsSchema).openapi({ description: 'null while the program has published no terms: registration is closed' }) })
  .openapi('RegistrationInfo');

export const RegistrationInputSchema = z
  .object({
    name: shortText(100).openapi({ description: 'Your own name', example: 'Alex Doe' }),
    email: z.email().max(320),
    password: z.string().min(8, 'at least 8 characters').max(200).openapi({ description: 'For a new account; the existing password when the email already has one' }),
    partnerName: shortText(100).openapi({ description: 'The name partners are shown under', example: 'Acme Consulting' }),
    company: optionalText(200),
    termsVersion: z.number().int().positive().openapi({ description: 'The version of the terms accepted; must be the current one' }),
    recruiter: z.string().regex(/^[AP]?\d{6}$/, 'a partner id such as P123456').optional().openapi({
      description: "The approved partner who recruited this one (from its recruiting link, ?recruiter=P123456); it earns the program's second tier, if any",
    }),
    language: LanguageSchema.optional().openapi({ description: "A new account's language for the emails it gets (default en); an existing account keeps its own" }),
  })
  .openapi('RegistrationInput');

export const RegisteredSchema = z.object({ partnerId: z.string(), displayId: z.string().openapi({ example: 'A123456' }) }).openapi('Registered');

export const PayoutMethodSchema = z.enum(['card', 'bank_account']);

export const PartnerProfileSchema = z
  .object({
    id: z.string(),
    displayId: z.string(),
    name: z.string(),
    email: z.string(),
    status: partnerStatus,
    statusReason: z.string().nullable().openapi({ description: 'Why the partner was rejected or suspended, as the manager wrote it' }),
    company: z.string().nullable(),
    contactName: z.string().nullable(),
    contactPhone: z.string().nullable(),
    payoutMethod: PayoutMethodSchema.nullable(),
    payoutDetails: z.string().nullable().openapi({ description: 'Card or bank account details for payouts' }),
    taxId: z.string().nullable(),
    billingAddress: z.string().nullable(),
    termsVersion: z.number().int().nullable(),
    termsAcceptedAt: dateTime.nullable(),
    approvedAt: dateTime.nullable(),
    salesRep: person.nullable(),
    createdAt: dateTime,
  })
  .openapi('PartnerProfile');

export const PartnerProfilePatchSchema = z
  .object({
    name: shortText(100).optional(),
    email: z.email().max(320).optional(),
    company: optionalText(200),
    contactName: optionalText(100),
    contactPhone: optionalText(50),
    payoutMethod: PayoutMethodSchema.nullable().optional(),
    payoutDetails: optionalText(500),
    taxId: optionalText(50),
    billingAddress: optionalText(500),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' })
  .openapi('PartnerProfilePatch', { description: 'An empty string or null clears a field.' });

export const MemberInviteSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role,
    status: z.enum(['pending', 'accepted', 'expired', 'revoked']),
    createdAt: dateTime,
    expiresAt: dateTime,
  })
  .openapi('MemberInvite');

export const MemberInviteCreatedSchema = MemberInviteSchema.extend({
  link: z.string().openapi({ description: 'The link to send; shown once, since only its hash is stored' }),
}).openapi('MemberInviteCreated');

export const MemberInviteInputSchema = z.object({ email: z.email().max(320), role }).openapi('MemberInviteInput');

export const MemberInviteLookupSchema = z
  .object({ partnerName: z.string(), email: z.string(), role, accountExists: z.boolean().openapi({ description: 'true: sign in with that account\'s password to accept' }) })
  .openapi('MemberInviteLookup');

export const MemberInviteAcceptSchema = z
  .object({
    name: shortText(100).optional().openapi({ description: 'Needed for a new account' }),
    password: z.string().min(8, 'at least 8 characters').max(200),
  })
  .openapi('MemberInviteAccept');

export const ConsolePartnerSchema = z
  .object({
    id: z.string(),
    displayId: z.string(),
    name: z.string(),
    email: z.string(),
    company: z.string().nullable(),
    status: partnerStatus,
    statusReason: z.string().nullable(),
    salesRep: person.nullable(),
    termsVersion: z.number().int().nullable(),
    createdAt: dateTime,
    actions: z.array(z.enum(['approve', 'reject', 'suspend', 'reinstate'])).openapi({ description: 'What a manager may do next' }),
  })
  .openapi('ConsolePartner');

/** The columns the console's partner list sorts by: name, number (the display id), status, sales representative, date joined. */
export const PARTNER_SORTS = ['name', 'number', 'status', 'salesRep', 'createdAt'] as const;

/** The partner statuses as a regular expression's alternatives, for a comma-separated list of them. */
const STATUS_CHOICES = partnerStatus.options.join('|');

export const ConsolePartnerQuerySchema = z.object({
  q: z.string().trim().max(100).optional().openapi({
    description: "Part of the partner's name, company or email, or of a member's email; or its id (prt_…) or display id (A123456 or P123456) exactly",
  }),
  sort: z.enum(PARTNER_SORTS).default('createdAt'),
  order: z.enum(['asc', 'desc']).optional().openapi({ description: 'Default: newest first by date joined, A to Z by any other column' }),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  salesRep: z.string().min(1).max(64).optional().openapi({ description: "Only the partners this sales representative (an account id) owns; 'none': the partners nobody owns" }),
  status: z
    .string()
    .regex(new RegExp(`^(${STATUS_CHOICES})(,(${STATUS_CHOICES}))*$`), `a comma-separated list of ${partnerStatus.options.join(', ')}`)
    .optional()
    .openapi({ description: 'Only the partners in these statuses, comma-separated (e.g. partner,affiliate: those who may be sent referrals)', example: 'partner,affiliate' }),
});

export const ConsolePartnerPageSchema = z
  .object({
    items: z.array(ConsolePartnerSchema),
    total: z.number().int().openapi({ description: 'How many partners match, on every page' }),
    page: z.number().int(),
    limit: z.number().int(),
  })
  .openapi('ConsolePartnerPage');

export const StatusChangeInputSchema = z
  .object({ action: z.enum(['approve', 'reject', 'suspend', 'reinstate']), reason: z.string().trim().max(1000).optional().openapi({ description: 'Required to reject or suspend; the partner reads it' }) })
  .openapi('StatusChangeInput');

export type MemberRole = (typeof MEMBER_ROLES)[number];

export type PartnerSummary = z.infer<typeof PartnerSummarySchema>;
export type Member = z.infer<typeof MemberSchema>;
export type ConsolePartnerQuery = z.input<typeof ConsolePartnerQuerySchema>;
export type PartnerSort = (typeof PARTNER_SORTS)[number];
export type RegistrationInfo = z.infer<typeof RegistrationInfoSchema>;
export type RegistrationInput = z.infer<typeof RegistrationInputSchema>;
export type PartnerProfile = z.infer<typeof PartnerProfileSchema>;
export type PartnerProfilePatch = z.infer<typeof PartnerProfilePatchSchema>;
export type MemberInvite = z.infer<typeof MemberInviteSchema>;
export type MemberInviteCreated = z.infer<typeof MemberInviteCreatedSchema>;
export type MemberInviteLookup = z.infer<typeof MemberInviteLookupSchema>;
export type ConsolePartner = z.infer<typeof ConsolePartnerSchema>;
export type StatusChangeInput = z.infer<typeof StatusChangeInputSchema>;
