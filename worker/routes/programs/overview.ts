// Program console, overview: partners, referrals, successful referrals, signups, revenue and commission for a period;
// leads awaiting an answer and SLA misses; each sales representative's partners and pipeline.
import { z } from '@hono/zod-openapi';
import { OverviewSchema } from '../../../shared/schemas/console';
import { router } from '../../env';
import { consoleProgram, programFor } from '../../middleware/program-access';
import { overview as overviewNumbers, representativesOf } from '../../db/console';
import { money } from '../../../shared/money';
import { consoleRoute, json } from '../kit';

export const overview = router();
const route = consoleRoute();

const DAY_MS = 86_400_000;
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(d)), 'not a date');
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const query = z
  .object({
    from: day.optional().openapi({ description: 'First day (UTC), default the first of this month' }),
    to: day.optional().openapi({ description: 'Last day (UTC), default today' }),
  })
  .transform((q) => ({ from: q.from ?? `${isoDay(Date.now()).slice(0, 8)}01`, to: q.to ?? isoDay(Date.now()) }))
  .refine((q) => q.from <= q.to, { message: 'must not be after `to`', path: ['from'] });

overview.openapi(
  route.get(
    '/overview',
    'getProgramOverview',
    'The numbers of partners, referrals, successful referrals, signups and paying customers, revenue and commission for the period; leads awaiting an answer and SLA misses; and each sales representative\'s partners and pipeline',
    { 200: json(OverviewSchema, 'The numbers') },
    { query },
  ),
  async (c) => {
    const { programId } = c.req.valid('param');
    await programFor(c, programId, 'staff');
    const program = await consoleProgram(c, programId);
    const { from, to } = c.req.valid('query');
    const [start, end] = [Date.parse(from), Date.parse(to) + DAY_MS];
    const [n, representatives] = await Promise.all([overviewNumbers(c.env.DB, programId, start, end, Date.now()), representativesOf(c.env.DB, programId, start, end)]);
    return c.json(
      {
        from,
        to,
        partners: { total: n.total, affiliates: n.affiliates, partners: n.partners, suspended: n.suspended, rejected: n.rejected, joined: n.joined },
        referrals: n.referrals,
        successfulReferrals: n.successfulReferrals,
        signups: n.signups,
        payingCustomers: n.payingCustomers,
        revenue: money(n.revenue, program.currency),
        commission: money(n.commission, program.currency),
        leads: { awaiting: n.leadsAwaiting, overdue: n.leadsOverdue, slaMisses: n.slaMisses },
        representatives,
      },
      200,
    );
  },
);
