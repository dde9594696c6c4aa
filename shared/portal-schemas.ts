// The partner portal's and program console's zod schemas: registration, profile, members, referrals, clients, console.
import { z } from '@hono/zod-openapi';
import { MoneySchema, orNull } from './schemas';

const id = z.string().min(1).max(64);
const shortText = (max = 200) => z.string().trim().min(1).max(max);
const optionalText = (max = 200) => z.string().trim().max(max).nullable().optional();
const when = z.string().openapi({ format: 'date-time' });
const partnerStatus = z.enum(['affiliate', 'partner', 'rejected', 'suspended']);
export const MEMBER_ROLES = ['owner', 'manager', 'finance'] as const;
const role = z.enum(MEMBER_ROLES);
const person = z.object({ id: z.string(), name: z.string() });

// ---- Joining -------------------------------------------------------------------------------------------

export const TermsSchema = z.object({ version: z.number().int(), body: z.string(), createdAt: when }).openapi('Terms');

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
  })
  .openapi('RegistrationInput');

export const RegisteredSchema = z.object({ partnerId: z.string(), displayId: z.string().openapi({ example: 'A123456' }) }).openapi('Registered');

// ---- Profile and onboarding ------------------------------------------------------------------------------

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
    termsAcceptedAt: when.nullable(),
    approvedAt: when.nullable(),
    salesRep: person.nullable(),
    createdAt: when,
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

// ---- Members ---------------------------------------------------------------------------------------------

export const MemberInviteSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role,
    status: z.enum(['pending', 'accepted', 'expired', 'revoked']),
    createdAt: when,
    expiresAt: when,
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

// ---- Referrals -------------------------------------------------------------------------------------------

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
    registeredAt: when,
    updatedAt: when,
  })
  .openapi('Referral');

export const ReferralChangeSchema = z
  .object({ id: z.string(), field: z.string(), oldValue: z.string().nullable(), newValue: z.string().nullable(), by: z.string().nullable(), at: when })
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

// ---- My clients ------------------------------------------------------------------------------------------

export const ClientSchema = z
  .object({
    id: z.string(),
    externalId: z.string(),
    email: z.string().nullable(),
    erased: z.boolean().openapi({ description: "The customer's personal data was erased on request (email is then null)" }),
    since: when.openapi({ description: 'When the customer signed up through the partner' }),
    invitationCode: z.string().nullable(),
    subscriptions: z.array(
      z.object({ plan: z.string(), status: z.enum(['trialing', 'active', 'past_due', 'canceled', 'expired']), amount: orNull(MoneySchema), expiresAt: when.nullable() }),
    ),
  })
  .openapi('Client');

// ---- Program console -------------------------------------------------------------------------------------

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
    createdAt: when,
    actions: z.array(z.enum(['approve', 'reject', 'suspend', 'reinstate'])).openapi({ description: 'What a manager may do next' }),
  })
  .openapi('ConsolePartner');

export const StatusChangeInputSchema = z
  .object({ action: z.enum(['approve', 'reject', 'suspend', 'reinstate']), reason: z.string().trim().max(1000).optional().openapi({ description: 'Required to reject or suspend; the partner reads it' }) })
  .openapi('StatusChangeInput');

export const SalesRepInputSchema = z.object({ accountId: id.nullable() }).openapi('SalesRepInput');

export const StaffSchema = z.object({ id: z.string(), name: z.string(), email: z.string(), role: z.enum(['manager', 'sales_rep']) }).openapi('Staff');

export const StaffInviteInputSchema = z
  .object({
    email: z.email().max(320),
    name: shortText(100).openapi({ description: "The representative's name, for a new account" }),
    role: z.enum(['sales_rep']),
  })
  .openapi('StaffInviteInput');

export const StaffInviteCreatedSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(['sales_rep']),
    expiresAt: when,
    link: z.string().openapi({ description: 'The link to send; shown only in this answer' }),
  })
  .openapi('StaffInviteCreated');

export const StaffInviteLookupSchema = z
  .object({ programName: z.string(), email: z.string(), name: z.string(), role: z.enum(['sales_rep']), accountExists: z.boolean().openapi({ description: 'true: sign in with that account\'s password to accept' }) })
  .openapi('StaffInviteLookup');

/** A signup held as a possible self-referral, for a program manager to approve or reject. */
export const HeldSignupSchema = z
  .object({
    customerId: z.string().openapi({ description: "The merchant's customer id" }),
    email: z.string().nullable(),
    invitationCode: z.string().nullable(),
    partnerId: z.string().nullable(),
    reason: z.string().openapi({ description: 'same_visitor: reported from a browser a member of the partner signed in from, or clicked from' }),
    createdAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('HeldSignup');

export const ProgramSettingsSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    currency: z.string(),
    destinationUrl: z.string(),
    allowedOrigins: z.array(z.string()),
    attributionWindowDays: z.number().int(),
    attributionModel: z.enum(['first_touch', 'last_touch']),
    signupCredit: MoneySchema,
    withdrawalMinimum: MoneySchema,
    reportingPeriod: z.enum(['weekly', 'monthly', 'quarterly']),
    partnerDiscountBps: z.number().int().openapi({ description: 'Basis points: 1000 is 10%' }),
    secondTierBps: z.number().int().openapi({ description: "A recruiter's share of what its recruits earn, in basis points; 0 is off, at most 2000" }),
    referrerCredit: MoneySchema.openapi({ description: 'What a customer earns when a friend joins through their invitation; 0 is off' }),
    browserSignups: z.enum(['await_confirmation', 'trusted']).openapi({
      description: "await_confirmation (the default): a signup only the widget reported earns nothing withdrawable until your server confirms it or the customer first pays. trusted: browser reports count at once (anyone can read the publishable key)",
    }),
    unconfirmedSignupDays: z.number().int().openapi({ description: 'Days after which a signup nobody confirmed expires and its entries are reversed' }),
    registrationLink: z.string(),
    terms: orNull(TermsSchema),
  })
  .openapi('ProgramSettings');

const origin = z.url().max(200).refine((u) => { try { return new URL(u).origin === u.replace(/\/$/, ''); } catch { return false; } }, 'an origin such as https://shop.example.com, without a path');

export const ProgramSettingsPatchSchema = z
  .object({
    destinationUrl: z.url().max(2000).optional(),
    allowedOrigins: z.array(origin).max(20).optional(),
    attributionWindowDays: z.number().int().min(1).max(365).optional(),
    attributionModel: z.enum(['first_touch', 'last_touch']).optional(),
    signupCreditMinor: z.number().int().min(0).max(1e9).optional(),
    withdrawalMinimumMinor: z.number().int().min(0).max(1e9).optional(),
    reportingPeriod: z.enum(['weekly', 'monthly', 'quarterly']).optional(),
    partnerDiscountBps: z.number().int().min(0).max(10000).optional(),
    secondTierBps: z.number().int().min(0).max(2000, 'at most 2000 (20%): the second tier stays bounded').optional(),
    referrerCreditMinor: z.number().int().min(0).max(1e9).optional(),
    browserSignups: z.enum(['await_confirmation', 'trusted']).optional(),
    unconfirmedSignupDays: z.number().int().min(1).max(365).optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' })
  .openapi('ProgramSettingsPatch');

export const TermsInputSchema = z.object({ body: z.string().trim().min(20, 'at least 20 characters').max(50_000) }).openapi('TermsInput');

export const ApiKeySchema = z
  .object({ id: z.string(), kind: z.enum(['publishable', 'secret']), hint: z.string(), createdAt: when, revokedAt: when.nullable() })
  .openapi('ApiKey');
export const ApiKeyCreatedSchema = ApiKeySchema.extend({ key: z.string().openapi({ description: 'Shown once: only its hash is stored' }) }).openapi('ApiKeyCreated');
export const ApiKeyInputSchema = z.object({ kind: z.enum(['publishable', 'secret']) }).openapi('ApiKeyInput');

export const OverviewSchema = z
  .object({
    from: z.string().openapi({ format: 'date' }),
    to: z.string().openapi({ format: 'date' }),
    partners: z.object({ total: z.number().int(), affiliates: z.number().int(), partners: z.number().int(), suspended: z.number().int(), rejected: z.number().int(), joined: z.number().int() }),
    referrals: z.number().int().openapi({ description: 'Referral records registered in the period' }),
    successfulReferrals: z.number().int().openapi({ description: 'Referral records moved to Won in the period' }),
    signups: z.number().int().openapi({ description: 'Customers who signed up through an invitation in the period' }),
    payingCustomers: z.number().int().openapi({ description: 'Referred customers whose first payment falls in the period' }),
    revenue: MoneySchema.openapi({ description: "Referred customers' payments in the period, less refunds made in it" }),
    commission: MoneySchema.openapi({ description: 'Commission partners earned in the period, before clawbacks' }),
  })
  .openapi('Overview');

export type Terms = z.infer<typeof TermsSchema>;
export type RegistrationInfo = z.infer<typeof RegistrationInfoSchema>;
export type RegistrationInput = z.infer<typeof RegistrationInputSchema>;
export type PartnerProfile = z.infer<typeof PartnerProfileSchema>;
export type PartnerProfilePatch = z.infer<typeof PartnerProfilePatchSchema>;
export type MemberInvite = z.infer<typeof MemberInviteSchema>;
export type MemberInviteCreated = z.infer<typeof MemberInviteCreatedSchema>;
export type MemberInviteLookup = z.infer<typeof MemberInviteLookupSchema>;
export type MemberRole = (typeof MEMBER_ROLES)[number];
export type Referral = z.infer<typeof ReferralSchema>;
export type ReferralDetail = z.infer<typeof ReferralDetailSchema>;
export type ReferralPage = z.infer<typeof ReferralPageSchema>;
export type ReferralInput = z.infer<typeof ReferralInputSchema>;
export type ReferralPatch = z.infer<typeof ReferralPatchSchema>;
export type ReferralQuery = z.input<typeof ReferralQuerySchema>;
export type Stage = z.infer<typeof StageSchema>;
export type Client = z.infer<typeof ClientSchema>;
export type ConsolePartner = z.infer<typeof ConsolePartnerSchema>;
export type StatusChangeInput = z.infer<typeof StatusChangeInputSchema>;
export type Staff = z.infer<typeof StaffSchema>;
export type StaffInviteCreated = z.infer<typeof StaffInviteCreatedSchema>;
export type StaffInviteLookup = z.infer<typeof StaffInviteLookupSchema>;
export type ProgramSettings = z.infer<typeof ProgramSettingsSchema>;
export type HeldSignup = z.infer<typeof HeldSignupSchema>;
export type ProgramSettingsPatch = z.infer<typeof ProgramSettingsPatchSchema>;
export type ApiKey = z.infer<typeof ApiKeySchema>;
export type ApiKeyCreated = z.infer<typeof ApiKeyCreatedSchema>;
export type Overview = z.infer<typeof OverviewSchema>;
