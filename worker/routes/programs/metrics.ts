// Program console, metrics: the pipeline, partner activity, top and lowest performers, partner companies, the funnel,
// lead SLA misses and payouts for a period, compared with the period before it (docs/METRICS.md).
import { ProgramMetricsSchema } from '../../../shared/schemas/metrics';
import { money, type Money } from '../../../shared/money';
import { router } from '../../env';
import { staffProgram } from '../../middleware/program-access';
import { programMetricsRows, type FunnelRow, type Performer } from '../../db/metrics';
import { partnerDisplayId } from '../../domain/partners';
import {
  activity, change, dailySeries, funnel, previousPeriod, referralsOf, successesOf, type PartnerCounts,
} from '../../domain/program-metrics';
import { consoleRoute, dayRangeQuery, json } from '../kit';

export const metrics = router();
const route = consoleRoute();

const query = dayRangeQuery({});

metrics.openapi(
  route.get(
    '/metrics',
    'getProgramMetrics',
    "The program's metrics for a period, each compared with the period of the same length before it: the pipeline, partner activity, top and lowest performers, partner companies, the funnel per program, campaign and invitation, lead SLA misses and payouts. Read from daily rollups",
    { 200: json(ProgramMetricsSchema, 'The metrics') },
    { query },
  ),
  async (c) => {
    const { programId } = c.req.valid('param');
    const program = await staffProgram(c, programId, false);
    const period = c.req.valid('query');
    const previous = previousPeriod(period);
    const m = await programMetricsRows(c.env.DB, programId, period, previous, Date.now());
    const cash = (minor: number): Money => money(minor, program.currency);
    const pipeline = (n: PartnerCounts, partners: { approved: number; joined: number }) => ({
      partners: partners.approved,
      joined: partners.joined,
      referrals: referralsOf(n),
      signups: n.signups,
      leads: n.leads,
      successes: successesOf(n),
      paying: n.paying,
      won: n.won,
      visits: n.visits,
      revenue: cash(n.revenueMinor),
      commission: cash(n.commissionMinor),
    });
    const [now, before] = [pipeline(m.current, m.partners.current), pipeline(m.previous, m.partners.previous)];
    const performer = (p: Performer) => ({
      partnerId: p.partnerId,
      displayId: partnerDisplayId(p.status, p.number),
      name: p.name,
      company: p.company,
      referrals: p.referrals,
      successes: p.successes,
      revenue: cash(p.revenueMinor),
      visits: p.visits,
    });
    const top = (by: (p: Performer) => number) => m.performers.filter((p) => by(p) > 0).sort((a, b) => by(b) - by(a) || (a.partnerId < b.partnerId ? -1 : 1)).slice(0, 5).map(performer);
    const steps = (f: FunnelRow) => {
      const s = funnel({ ...f, won: 0 });
      return { visits: s.visits, signups: s.signups, paying: s.paying, signupRate: s.signupRate, payingRate: s.payingRate };
    };
    return c.json(
      {
        from: period.from,
        to: period.to,
        previous,
        pipeline: {
          current: now,
          previous: before,
          change: {
            partners: change(now.partners, before.partners),
            referrals: change(now.referrals, before.referrals),
            successes: change(now.successes, before.successes),
            revenue: change(m.current.revenueMinor, m.previous.revenueMinor),
          },
        },
        activity: { current: activity(now.partners, m.activity.current), previous: activity(before.partners, m.activity.previous) },
        series: dailySeries(period, m.series, { visits: 0, signups: 0, leads: 0, paying: 0, won: 0, revenueMinor: 0, commissionMinor: 0 }).map((d) => ({
          day: d.day,
          visits: d.visits,
          referrals: referralsOf(d),
          successes: successesOf(d),
          revenue: cash(d.revenueMinor),
        })),
        performers: {
          byReferrals: top((p) => p.referrals),
          bySuccesses: top((p) => p.successes),
          byRevenue: top((p) => p.revenueMinor),
          lowest: m.lowest.map(performer),
          manyReferralsNoPurchase: m.noPurchase.map(performer),
        },
        companies: m.companies,
        funnel: {
          program: funnel(m.current),
          campaigns: m.campaigns.map((f) => ({ campaign: f.campaign, ...steps(f) })),
          invitations: m.invitations.map((f) => ({ invitationId: f.key, code: f.code!, partnerName: f.partnerName!, campaign: f.campaign, ...steps(f) })),
        },
        partners: { total: m.partners.total, affiliates: m.partners.affiliates },
        representatives: m.representatives,
        leads: m.leads,
        payouts: {
          paid: cash(m.payouts.paidMinor),
          paidCount: m.payouts.paidCount,
          previousPaid: cash(m.payouts.previousPaidMinor),
          open: cash(m.payouts.openMinor),
          openCount: m.payouts.openCount,
        },
      },
      200,
    );
  },
);
