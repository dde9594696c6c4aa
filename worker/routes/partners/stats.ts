// Effectiveness per invitation, member or campaign: unique clicks, scans, signups, conversion, credits and commission.
import { z } from '@hono/zod-openapi';
import { ErrorSchema } from '../../../shared/schemas/common';
import { StatsSchema } from '../../../shared/schemas/invitations';
import { money } from '../../../shared/money';
import { router } from '../../env';
import { partnerFor, partnerProgram } from '../../middleware/partner-access';
import { groupStats, type Counts } from '../../domain/stats';
import { partnerDailyStats } from '../../db/stats';
import { dayRangeQuery, json, partnerRoute } from '../kit';

export const stats = router();
const route = partnerRoute('Invitations');

const query = dayRangeQuery({ by: z.enum(['invitation', 'member', 'campaign']).default('invitation') });

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
