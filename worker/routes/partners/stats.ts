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

// One group's days, asked for by the key the answer gives it. A null key cannot travel as `group`: a campaign is free
// text, so no word (`none`, `null`) is safe from being one, and `nullGroup` asks for that group instead.
const query = dayRangeQuery({
  by: z.enum(['invitation', 'member', 'campaign']).default('invitation'),
  group: z.string().min(1).max(100).optional().openapi({
    description: "One group's key (`groups[].key`: an invitation id, member id or campaign): that group comes with its `days`. A key no group in the range has is no error: then no group has `days`",
  }),
  nullGroup: queryFlag.openapi({ description: '`true`: the group whose key is null (No owner, No campaign) comes with its `days`. Not with `group`, nor `by=invitation`', default: 'false' }),
})
  .refine((q) => !(q.nullGroup && q.group !== undefined), { message: 'one group at a time: `group` or `nullGroup=true`, not both', path: ['nullGroup'] })
  .refine((q) => !(q.nullGroup && q.by === 'invitation'), { message: 'every invitation has a key: `nullGroup` is for `by=member` or `by=campaign`', path: ['nullGroup'] });

stats.openapi(
  route.get(
    '/stats',
    'getPartnerStats',
    'Effectiveness per invitation, member or campaign, in total and per day',
    { 200: json(StatsSchema, 'Stats from the daily rollups'), 400: json(ErrorSchema, 'Invalid dates, grouping or group') },
    { query },
  ),
  async (c) => {
    const partner = await partnerFor(c, c.req.valid('param').partnerId);
    const { by, from, to, group, nullGroup } = c.req.valid('query');
    const asked = nullGroup ? { key: null } : group !== undefined ? { key: group } : undefined;
    const [program, sums] = await Promise.all([partnerProgram(c, partner), partnerStatsSums(c.env.DB, { partnerId: partner.id, from, to, by, group: asked })]);
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
