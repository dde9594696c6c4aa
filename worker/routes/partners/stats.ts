// Effectiveness per invitation, member or campaign: unique clicks, scans, signups, conversion, credits and commission.
import { z } from '@hono/zod-openapi';
import { ErrorSchema } from '../../../shared/schemas/common';
import { StatsSchema } from '../../../shared/schemas/invitations';
import { money } from '../../../shared/money';
import { router } from '../../env';
import { partnerFor, partnerProgram } from '../../middleware/partner-access';
import { groupStats, type Counts } from '../../domain/stats';
import { partnerDailyStats } from '../../db/stats';
import { json, partnerRoute } from '../kit';

export const stats = router();
const route = partnerRoute('Invitations');

const DAY_MS = 86_400_000;
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(d)), 'not a date');
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const query = z
  .object({
    by: z.enum(['invitation', 'member', 'campaign']).default('invitation'),
    from: day.optional().openapi({ description: 'First day (UTC), default 29 days before `to`' }),
    to: day.optional().openapi({ description: 'Last day (UTC), default today' }),
  })
  .transform((q) => {
    const to = q.to ?? isoDay(Date.now());
    return { by: q.by, to, from: q.from ?? isoDay(Date.parse(to) - 29 * DAY_MS) };
  })
  .refine((q) => q.from <= q.to, { message: 'must not be after `to`', path: ['from'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * DAY_MS, { message: 'at most 367 days at a time', path: ['from'] });

stats.openapi(
  route.get(
    '/stats',
    'getPartnerStats',
    'Effectiveness per invitation, member or campaign, per day and in total',
    { 200: json(StatsSchema, 'Stats from the daily rollups'), 400: json(ErrorSchema, 'Invalid dates or grouping') },
    { query },
  ),
  async (c) => {
    const partner = await partnerFor(c, c.req.valid('param').partnerId);
    const { by, from, to } = c.req.valid('query');
    const [program, rows] = await Promise.all([partnerProgram(c, partner), partnerDailyStats(c.env.DB, partner.id, from, to)]);
    const currency = program!.currency;
    const withMoney = <T extends Counts>({ creditsMinor, commissionMinor, clickSignups: _, ...rest }: T) => ({
      ...rest,
      credits: money(creditsMinor, currency),
      commission: money(commissionMinor, currency),
    });
    const grouped = groupStats(rows, by);
    return c.json(
      {
        from,
        to,
        by,
        totals: withMoney(grouped.totals),
        groups: grouped.groups.map((g) => ({ key: g.key, label: g.label, totals: withMoney(g.totals), days: g.days.map(withMoney) })),
      },
      200,
    );
  },
);
