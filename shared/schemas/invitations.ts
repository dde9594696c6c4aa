// Invitations (codes, links, QR codes) and their statistics.
import { z } from '@hono/zod-openapi';
import { MoneySchema, shortText } from './common';

export const InvitationStatsSchema = z.object({ clicks: z.number().int(), scans: z.number().int(), signups: z.number().int() });

export const InvitationSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string().nullable(),
    campaign: z.string().nullable(),
    memberId: z.string().nullable(),
    memberName: z.string().nullable(),
    destinationUrl: z.string().nullable().openapi({ description: "Overrides the program's destination" }),
    active: z.boolean(),
    link: z.string().openapi({ example: 'https://ref.example.com/r/DEMO' }),
    qrSvg: z.string(),
    qrPng: z.string(),
    card: z.string().openapi({ description: 'The printable referral card' }),
    stats: InvitationStatsSchema,
    createdAt: z.string(),
  })
  .openapi('Invitation');

export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{2,31}$/;

export const InvitationInputSchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(CODE_PATTERN, '3 to 32 letters, digits, - or _, starting with a letter or digit')
      .optional()
      .openapi({ description: 'Leave out to have one generated', example: 'ACME-SPRING' }),
    name: shortText(100).optional(),
    campaign: shortText(100).optional(),
    memberId: z.string().min(1).max(64).optional().openapi({ description: 'The member who owns the invitation' }),
    destinationUrl: z.url().max(2000).optional().openapi({ description: "Within the program's allowed origins" }),
  })
  .openapi('InvitationInput');

export const InvitationPatchSchema = z
  .object({
    name: shortText(100).nullable().optional(),
    campaign: shortText(100).nullable().optional(),
    memberId: z.string().min(1).max(64).nullable().optional(),
    destinationUrl: z.url().max(2000).nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' })
  .openapi('InvitationPatch', { description: 'The code never changes (it is printed on cards); null clears a field.' });

const CountsSchema = z.object({
  clicks: z.number().int().openapi({ description: 'Unique link clicks: no bots, no repeats' }),
  scans: z.number().int().openapi({ description: 'Unique QR scans' }),
  signups: z.number().int(),
  credits: MoneySchema.openapi({ description: 'Signup credits given to the customers who joined' }),
  commission: MoneySchema,
});

const DayCountsSchema = CountsSchema.extend({ day: z.string().openapi({ format: 'date' }) });

export const StatsSchema = z
  .object({
    from: z.string().openapi({ format: 'date' }),
    to: z.string().openapi({ format: 'date' }),
    by: z.enum(['invitation', 'member', 'campaign']),
    totals: CountsSchema.extend({ conversionRate: z.number().openapi({ description: 'signups that came through a click or scan, per unique visit (clicks + scans)' }) }),
    days: z.array(DayCountsSchema).openapi({ description: 'All groups summed per day, in date order. Only the days the rollups hold a row for: a day left out counted nothing' }),
    groups: z.array(
      z.object({
        key: z.string().nullable().openapi({ description: 'The invitation id, member id or campaign; null for invitations with no owner or no campaign' }),
        label: z.string(),
        totals: CountsSchema.extend({ conversionRate: z.number() }),
        days: z.array(DayCountsSchema).optional().openapi({ description: "The group's days, in date order; only on the group asked for with `group` or `nullGroup=true`" }),
      }),
    ).openapi({ description: 'Most signups first, then most unique visits' }),
  })
  .openapi('Stats');

export type InvitationInput = z.infer<typeof InvitationInputSchema>;
export type InvitationPatch = z.infer<typeof InvitationPatchSchema>;
export type Stats = z.infer<typeof StatsSchema>;
export type Invitation = z.infer<typeof InvitationSchema>;
