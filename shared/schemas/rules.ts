// Reward rules and the program terms generated from them.
import { z } from '@hono/zod-openapi';
import { dateTime } from './common';

const TierSchema = z
  .object({
    minReferrals: z.number().int().min(1).max(100_000),
    percentBps: z.number().int().min(0).max(10_000).optional(),
    amountMinor: z.number().int().min(0).max(100_000_000).optional(),
  })
  .refine((t) => (t.percentBps === undefined) !== (t.amountMinor === undefined), { message: 'a tier has either percentBps or amountMinor' });

const SplitPartSchema = z.object({
  shareBps: z.number().int().min(1).max(10_000),
  afterDays: z.number().int().min(0).max(3650),
  retention: z.boolean().optional(),
});

export const RewardRuleInputSchema = z
  .object({
    partnerId: z.string().min(1).max(64).nullable().default(null).openapi({ description: 'null: the program default; else an override for one partner' }),
    event: z.enum(['signup', 'payment', 'deal']).openapi({ description: 'signup: a flat amount per signup; payment: per payment; deal: a won B2B deal, a percent of its value or a flat amount' }),
    kind: z.enum(['flat', 'percent']),
    amountMinor: z.number().int().min(0).max(100_000_000).nullable().default(null),
    percentBps: z.number().int().min(0).max(10_000).nullable().default(null).openapi({ description: 'Basis points: 1000 = 10%' }),
    product: z.string().trim().min(1).max(120).nullable().default(null),
    recurringMonths: z.number().int().min(0).max(1200).nullable().default(null).openapi({ description: 'null: for life; 0: first payment only; N: payments in the first N months' }),
    holdDays: z.number().int().min(0).max(365).default(30).openapi({ description: 'The refund window before a commission becomes available' }),
    tiers: z.array(TierSchema).max(10).default([]),
    split: z.array(SplitPartSchema).max(6).default([]),
  })
  .refine((r) => (r.kind === 'flat') === (r.amountMinor !== null) && (r.kind === 'percent') === (r.percentBps !== null), {
    message: 'a flat rule needs amountMinor, a percent rule needs percentBps (and not the other)',
    path: ['kind'],
  })
  .refine((r) => r.split.length === 0 || r.split.reduce((s, p) => s + p.shareBps, 0) === 10_000, { message: 'split shares must add up to 10000 (100%)', path: ['split'] })
  .refine((r) => r.event !== 'signup' || (r.kind === 'flat' && r.product === null && r.recurringMonths === null), {
    message: 'a signup rule is a flat amount, without product or recurrence',
    path: ['event'],
  })
  .refine((r) => r.event !== 'deal' || (r.recurringMonths === null && r.tiers.length === 0 && r.split.every((p) => !p.retention)), {
    message: 'a deal rule has no recurrence, tiers or retention parts: a deal is paid once, when it is won',
    path: ['event'],
  })
  .openapi('RewardRuleInput');

export const RewardRuleSchema = z
  .object({
    id: z.string(),
    partnerId: z.string().nullable(),
    partner: z
      .object({ id: z.string(), displayId: z.string(), name: z.string() })
      .nullable()
      .openapi({ description: 'The partner an override is for, by display id and name; null for a rule of the whole program' }),
    event: z.enum(['signup', 'payment', 'deal']),
    kind: z.enum(['flat', 'percent']),
    amountMinor: z.number().int().nullable(),
    percentBps: z.number().int().nullable(),
    product: z.string().nullable(),
    recurringMonths: z.number().int().nullable(),
    holdDays: z.number().int(),
    tiers: z.array(z.object({ minReferrals: z.number(), percentBps: z.number().optional(), amountMinor: z.number().optional() })),
    split: z.array(SplitPartSchema),
    description: z.string().openapi({ description: 'The rule in plain words, as partners read it in the program terms' }),
  })
  .openapi('RewardRule');

export const ProgramTermsSchema = z
  .object({
    currency: z.string(),
    secondTierBps: z.number().int(),
    terms: z.array(z.string()).openapi({ description: 'The rules in plain words, generated from the reward rules that are paid' }),
    recruitingLink: z.string().nullable().openapi({ description: 'With a second tier, the registration link that makes new partners this one\'s recruits' }),
  })
  .openapi('ProgramTerms');

export const TermsSchema = z.object({ version: z.number().int(), body: z.string(), createdAt: dateTime }).openapi('Terms');

export const TermsInputSchema = z.object({ body: z.string().trim().min(20, 'at least 20 characters').max(50_000) }).openapi('TermsInput');

export type RewardRuleView = z.infer<typeof RewardRuleSchema>;
export type RewardRuleInput = z.infer<typeof RewardRuleInputSchema>;
export type Terms = z.infer<typeof TermsSchema>;
