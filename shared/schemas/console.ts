// The program console: staff and their invites, settings and API keys (its metrics: metrics.ts).
import { z } from '@hono/zod-openapi';
import { dateTime, MoneySchema, orNull, shortText } from './common';
import { TermsSchema } from './rules';
import { PausedActionsSchema } from './terms';

const id = z.string().min(1).max(64);

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
    expiresAt: dateTime,
    link: z.string().openapi({ description: 'The link to send; shown only in this answer' }),
  })
  .openapi('StaffInviteCreated');

export const StaffInviteSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(['sales_rep']),
    status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
    createdAt: dateTime,
    expiresAt: dateTime,
  })
  .openapi('StaffInvite');

export const StaffInviteLookupSchema = z
  .object({ programName: z.string(), email: z.string(), name: z.string(), role: z.enum(['sales_rep']), accountExists: z.boolean().openapi({ description: 'true: sign in with that account\'s password to accept' }) })
  .openapi('StaffInviteLookup');

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
    leadSlaHours: z.number().int().openapi({ description: 'Hours the program has to confirm or reject a registered lead (the SLA)' }),
    leadLockDays: z.number().int().openapi({ description: 'Days a confirmed lead stays locked to its partner' }),
    unclaimedRewardDays: z.number().int().openapi({ description: 'Days an advocate invited through a verbal referral has to join and claim it, with what it earned' }),
    inactiveDays: z.number().int().openapi({ description: 'Days without a sign-in by any member and without a referral after which a partner counts as inactive and is told so once (docs/ENGAGEMENT.md)' }),
    pausedUntilTermsAccepted: PausedActionsSchema,
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
    leadSlaHours: z.number().int().min(1).max(2160).optional(),
    leadLockDays: z.number().int().min(1).max(3650).optional(),
    unclaimedRewardDays: z.number().int().min(7).max(3650).optional(),
    inactiveDays: z.number().int().min(7).max(365).optional(),
    pausedUntilTermsAccepted: PausedActionsSchema.optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' })
  .openapi('ProgramSettingsPatch');

export const ApiKeySchema = z
  .object({ id: z.string(), kind: z.enum(['publishable', 'secret']), hint: z.string(), createdAt: dateTime, revokedAt: dateTime.nullable() })
  .openapi('ApiKey');

export const ApiKeyCreatedSchema = ApiKeySchema.extend({ key: z.string().openapi({ description: 'Shown once: only its hash is stored' }) }).openapi('ApiKeyCreated');

export const ApiKeyInputSchema = z.object({ kind: z.enum(['publishable', 'secret']) }).openapi('ApiKeyInput');


export type Staff = z.infer<typeof StaffSchema>;
export type StaffInviteCreated = z.infer<typeof StaffInviteCreatedSchema>;
export type StaffInviteLookup = z.infer<typeof StaffInviteLookupSchema>;
export type ProgramSettings = z.infer<typeof ProgramSettingsSchema>;
export type ProgramSettingsPatch = z.infer<typeof ProgramSettingsPatchSchema>;
export type ApiKey = z.infer<typeof ApiKeySchema>;
export type ApiKeyCreated = z.infer<typeof ApiKeyCreatedSchema>;
