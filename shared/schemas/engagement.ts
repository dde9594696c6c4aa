// The console's engagement lists and nudge: partners inactive, referring without success, or close to the next tier.
import { z } from '@hono/zod-openapi';
import { dateTime, orNull } from './common';

export const EngagementKindSchema = z.enum(['inactive', 'no_success', 'near_tier']).openapi({ description: 'inactive: no sign-in and no referral for the program\'s inactiveDays; no_success: referrals but no success in the current period; near_tier: within reach of the next escalation tier' });

export const EngagementQuerySchema = z.object({
  kind: EngagementKindSchema,
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

const count = (description: string) => z.number().int().nullable().openapi({ description });

export const EngagementNoticeSchema = z
  .object({
    notifiedAt: dateTime.openapi({ description: 'When the partner was first told of this condition' }),
    lastSentAt: dateTime,
    sends: z.number().int().openapi({ description: 'Sends of this condition in all: 1, plus each re-send by a manager' }),
    byManager: z.boolean().openapi({ description: 'A manager sent it from the console, not the daily run' }),
  })
  .openapi('EngagementNotice');

export const EngagementRowSchema = z
  .object({
    partnerId: z.string(),
    displayId: z.string(),
    name: z.string(),
    company: z.string().nullable(),
    conditionKey: z.string().openapi({ description: 'The condition (its spell): each is told once' }),
    lastSignInAt: dateTime.nullable().openapi({ description: 'inactive: the latest sign-in of any member' }),
    lastReferralDay: z.string().nullable().openapi({ description: 'inactive: the latest day (UTC) with a referral' }),
    inactiveSince: dateTime.nullable(),
    inactiveDays: count('inactive: whole days without a sign-in or a referral'),
    referrals: count('no_success and near_tier: signups and leads in the period'),
    successes: count('no_success: paying customers and won deals in the period; near_tier: first-time paying customers, as tiers count them'),
    needed: count('near_tier: successful referrals still needed for the next tier'),
    tierMinReferrals: count('near_tier: the next tier\'s threshold'),
    notice: orNull(EngagementNoticeSchema).openapi({ description: 'Whether and when the partner was told of this condition' }),
  })
  .openapi('EngagementRow');

export const EngagementPageSchema = z
  .object({
    kind: EngagementKindSchema,
    inactiveDays: z.number().int().openapi({ description: "The program's setting" }),
    period: z.object({ id: z.string(), startsAt: dateTime, endsAt: dateTime }).nullable().openapi({ description: 'The current reporting period (no_success and near_tier)' }),
    data: z.array(EngagementRowSchema),
    hasMore: z.boolean(),
  })
  .openapi('EngagementPage');

export const NudgeInputSchema = z
  .object({
    kind: EngagementKindSchema,
    resend: z.boolean().default(false).openapi({ description: 'Send again although the partner was already told of this condition' }),
  })
  .strict()
  .openapi('NudgeInput');

export const NudgeResultSchema = z
  .object({ outcome: z.enum(['sent', 'resent']), row: EngagementRowSchema })
  .openapi('NudgeResult');

export type EngagementPage = z.infer<typeof EngagementPageSchema>;
export type EngagementRow = z.infer<typeof EngagementRowSchema>;
export type EngagementKind = z.infer<typeof EngagementKindSchema>;
