// Effectiveness per invitation, member or campaign: unique clicks, scans, signups, conversion, credits and commission.
import { z } from '@hono/zod-openapi';
import { ErrorSchema, queryFlag } from '../../../shared/schemas/common';
import { StatsSchema } from '../../../shared/schemas/invitations';
import { money } from '../../../shared/money';
import { router } from '../../env';
import { partnerFor, partnerProgram } from '../../middleware/partner-access';
import { statsReport, type Counts } from '../../domain/stats';
import { partnerStatsSums } from '../../db/stats';
import { dayRangeQuery, json, partnerRoute } from '../kit';

export const stats = router();
const route = partnerRoute('Invitations');

const query = dayRangeQuery({
  by: z.enum(['invitation', 'member', 'campaign']).default('invitation'),
  groupDays: queryFlag.openapi({ description: "Each group's days too (default `false`); the answer's `days` already sums all groups per day", default: 'false' }),
});

stats.openapi(
  route.get(
    '/stats',
    'getPartnerStats',
    'Effectiveness per invitation, member or campaign, in total and per day',
    { 200: json(StatsSchema, 'Stats from the daily rollups'), 400: json(ErrorSchema, 'Invalid dates, grouping or groupDays') },
    { query },
  ),
  async (c) => {
    const partner = await partnerFor(c, c.req.valid('param').partnerId);
    const { by, from, to, groupDays = false } = c.req.valid('query');
    const [program, sums] = await Promise.all([partnerProgram(c, partner), partnerStatsSums(c.env.DB, { partnerId: partner.id, from, to, by, groupDays })]);
    const currency = program!.currency;
    const withMoney = <T extends Counts>({ creditsMinor, commissionMinor, clickSignups: _, ...rest }: T) => ({
      ...rest,
      credits: money(creditsMinor, currency),
      commission: money(commissionMinor, currency),
    });
    const report = statsReport(by, sums);
    return c.json(
      {
        from,
        to,
        by,
        totals: withMoney(report.totals),
        days: report.days.map(withMoney),
        groups: report.groups.map((g) => ({ key: g.key, label: g.label, totals: withMoney(g.totals), ...(g.days ? { days: g.days.map(withMoney) } : {}) })),
      },
      200,
    );
  },
);
