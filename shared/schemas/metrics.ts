// The program's metrics for a period, compared with the period before it (GET /programs/{programId}/metrics).
import { z } from '@hono/zod-openapi';
import { MoneySchema } from './common';

const int = () => z.number().int();
const day = z.string().openapi({ format: 'date' });
const share = z.number().min(0).openapi({ description: 'A share of the approved partners, 0..1' });

const PipelineSchema = z
  .object({
    partners: int().openapi({ description: 'Approved partners at the end of the period' }),
    joined: int().openapi({ description: 'Partners who applied in the period' }),
    referrals: int().openapi({ description: 'Signups credited to partners, and deals partners registered' }),
    signups: int(),
    leads: int().openapi({ description: 'Deals partners registered' }),
    successes: int().openapi({ description: 'Customers who paid for the first time, and registered deals won' }),
    paying: int(),
    won: int(),
    visits: int().openapi({ description: "Link clicks and QR scans through partners' invitations (no bots, no repeats)" }),
    revenue: MoneySchema.openapi({ description: "Partners' customers' payments, less refunds made in the period" }),
    commission: MoneySchema.openapi({ description: 'Commission partners earned, before clawbacks' }),
  })
  .openapi('Pipeline');

const ActivitySchema = z
  .object({
    partners: int(),
    referring: int().openapi({ description: 'Partners with at least one referral' }),
    referringMoreThanOnce: int(),
    successful: int().openapi({ description: 'Partners with at least one successful referral' }),
    referringShare: share,
    referringMoreThanOnceShare: share,
    successfulShare: share,
    referralsPerPartner: z.number().min(0),
    successesPerPartner: z.number().min(0),
  })
  .openapi('PartnerActivity');

const PerformerSchema = z
  .object({
    partnerId: z.string(),
    displayId: z.string().openapi({ description: 'A123456 (affiliate) or P123456 (partner)' }),
    name: z.string(),
    company: z.string().nullable(),
    referrals: int(),
    successes: int(),
    revenue: MoneySchema,
    visits: int(),
  })
  .openapi('Performer');

const StepsSchema = z.object({
  visits: int(),
  signups: int(),
  paying: int(),
  signupRate: z.number().nullable().openapi({ description: 'Signups per visit; null without visits' }),
  payingRate: z.number().nullable().openapi({ description: 'Paying customers per signup; null without signups' }),
});

const change = z.number().nullable().openapi({ description: 'The change from the previous period (0.25 is 25% more); null when the previous period had none' });

export const ProgramMetricsSchema = z
  .object({
    from: day,
    to: day,
    previous: z.object({ from: day, to: day }).openapi({ description: 'The period of the same length just before' }),
    pipeline: z.object({
      current: PipelineSchema,
      previous: PipelineSchema,
      change: z.object({ partners: change, referrals: change, successes: change, revenue: change }),
    }),
    activity: z.object({ current: ActivitySchema, previous: ActivitySchema }),
    series: z
      .array(z.object({ day, visits: int(), referrals: int(), successes: int(), revenue: MoneySchema }))
      .openapi({ description: 'Every day of the period, a quiet day as zeros' }),
    performers: z.object({
      byReferrals: z.array(PerformerSchema),
      bySuccesses: z.array(PerformerSchema),
      byRevenue: z.array(PerformerSchema),
      lowest: z.array(PerformerSchema).openapi({ description: 'Approved partners with the fewest referrals in the period (those approved longest first)' }),
      manyReferralsNoPurchase: z.array(PerformerSchema).openapi({ description: 'At least 3 referrals in the period and not one success' }),
    }),
    companies: z
      .array(
        z.object({
          partnerId: z.string(),
          name: z.string(),
          company: z.string().nullable(),
          members: int(),
          activeMembers: int().openapi({ description: "Members whose invitations had visits or signups in the period" }),
          referrals: int(),
          successes: int(),
        }),
      )
      .openapi({ description: 'Partners with more than one member, most referrals first (10 at most)' }),
    funnel: z.object({
      program: StepsSchema.extend({ won: int() }),
      campaigns: z.array(StepsSchema.extend({ campaign: z.string().nullable() })).openapi({ description: 'The 10 campaigns with the most visits' }),
      invitations: z
        .array(StepsSchema.extend({ invitationId: z.string(), code: z.string(), partnerName: z.string(), campaign: z.string().nullable() }))
        .openapi({ description: 'The 10 invitations with the most visits' }),
    }),
    partners: z.object({ total: int().openapi({ description: 'Partners in any status' }), affiliates: int().openapi({ description: 'Waiting for approval' }) }),
    representatives: z
      .array(z.object({ id: z.string(), name: z.string(), partners: int(), referrals: int(), won: int() }))
      .openapi({ description: "Each sales representative: the partners they own now, and the referrals they own registered and won in the period" }),
    leads: z.object({
      awaiting: int().openapi({ description: "Leads awaiting the program's answer now" }),
      overdue: int(),
      slaMisses: int().openapi({ description: 'Leads due in the period that were answered late, or not yet' }),
    }),
    payouts: z.object({
      paid: MoneySchema.openapi({ description: 'Withdrawals paid in the period' }),
      paidCount: int(),
      previousPaid: MoneySchema,
      open: MoneySchema.openapi({ description: 'Withdrawals requested or approved, not yet paid' }),
      openCount: int(),
    }),
  })
  .openapi('ProgramMetrics');

export type ProgramMetrics = z.infer<typeof ProgramMetricsSchema>;
