// The program metrics against the real Worker and D1: after random histories written through the API (signups, panel
// customers attributed later, payments paid on earlier days, refunds, leads confirmed and won, clicks), the partners'
// daily rollups must equal a recount of the raw rows, and GET /metrics must answer what the recount says. The metric
// windows (migration 0041), moved to three days ago before the histories, must equal a recount of their days after
// each one (the triggers' part), and again once moved to today (the move's); GET /metrics reads the window then, and
// answers as it did from the rollups.
import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, CHROME_UA, DEMO, eventually, newVisitorIp, seedDemo, server, signIn, widget } from './helpers';
import { api, seedRivalAndRep } from './portal-helpers';
import { signCustomerToken } from '../../worker/security/customer-token';
import { moveMetricWindows } from '../../worker/flows/metric-windows';
import { windowsBesideRecount } from './window-recount';
import { activitySums, previousPeriod, referralsOf, successesOf, type PartnerCounts } from '../../worker/domain/program-metrics';

const DAY = 86_400_000;
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
let partner: string;
let rival: string;
let manager: string;
let n = 0;
const unique = (what: string) => `pm_${what}_${Date.now().toString(36)}_${++n}`;

const PARTNERS = [
  { id: DEMO.partnerId, code: DEMO.invitationCode, session: () => partner },
  { id: 'prt_rival', code: 'RIVALM', session: () => rival },
];

beforeAll(async () => {
  await seedDemo();
  await seedRivalAndRep();
  const now = Date.now();
  await env.DB.batch([
    env.DB.prepare(
      "INSERT OR IGNORE INTO invitations (id, program_id, partner_id, code, code_key, campaign, active, created_at, updated_at) VALUES ('inv_pm_rival', ?, 'prt_rival', 'RIVALM', 'RIVALM', 'Rival launch', 1, ?, ?)",
    ).bind(DEMO.programId, now, now),
    env.DB.prepare("UPDATE partners SET approved_at = ? WHERE id = 'prt_rival'").bind(now - 90 * DAY),
  ]);
  [partner, rival, manager] = await Promise.all([signIn(), signIn('rival@other.test', 'rival-pass'), signIn(DEMO.managerEmail)]);
  expect(await moveMetricWindows(env.DB, Date.now() - 3 * DAY)).toBeGreaterThanOrEqual(5);
});

async function expectWindowsAsRecounted() {
  const windows = await windowsBesideRecount();
  expect(windows.length).toBeGreaterThanOrEqual(10);
  for (const w of windows) expect(w.kept, w.window).toEqual(w.recounted);
}

type Row = Record<string, unknown>;
const all = async (sql: string) => (await env.DB.prepare(sql).all<Row>()).results;

/** The rules of docs/METRICS.md, applied to the raw rows directly: what the rollups must hold, partner by partner and day by day. */
async function recount(): Promise<Map<string, PartnerCounts>> {
  const counts = new Map<string, PartnerCounts>();
  const add = (partnerId: unknown, at: unknown, what: keyof PartnerCounts, by: number) => {
    const key = `${partnerId}|${typeof at === 'string' ? at : dayOf(Number(at))}`;
    const c = counts.get(key) ?? { visits: 0, signups: 0, leads: 0, paying: 0, won: 0, revenueMinor: 0, commissionMinor: 0 };
    c[what] += by;
    counts.set(key, c);
  };
  for (const v of await all('SELECT i.partner_id, s.day, s.clicks + s.scans AS n FROM invitation_daily_stats s JOIN invitations i ON i.id = s.invitation_id WHERE i.partner_id IS NOT NULL')) add(v.partner_id, v.day, 'visits', Number(v.n));
  const customers = await all('SELECT id, partner_id, created_at FROM customers WHERE partner_id IS NOT NULL');
  const partnerOf = new Map(customers.map((c) => [c.id, c.partner_id]));
  for (const c of customers) add(c.partner_id, c.created_at, 'signups', 1);
  const payments = await all('SELECT id, customer_id, amount_minor, paid_at FROM payments');
  const first = new Map<unknown, number>();
  for (const p of payments) {
    if (!partnerOf.has(p.customer_id)) continue;
    add(partnerOf.get(p.customer_id), p.paid_at, 'revenueMinor', Number(p.amount_minor));
    first.set(p.customer_id, Math.min(first.get(p.customer_id) ?? Infinity, Number(p.paid_at)));
  }
  for (const [customer, at] of first) add(partnerOf.get(customer), at, 'paying', 1);
  const paymentCustomer = new Map(payments.map((p) => [p.id, p.customer_id]));
  for (const r of await all('SELECT payment_id, amount_minor, created_at FROM refunds')) {
    const customer = paymentCustomer.get(r.payment_id);
    if (partnerOf.has(customer)) add(partnerOf.get(customer), r.created_at, 'revenueMinor', -Number(r.amount_minor));
  }
  for (const r of await all("SELECT partner_id, registered_at, stage, won_at FROM referrals WHERE type = 'partner_to_program'")) {
    add(r.partner_id, r.registered_at, 'leads', 1);
    if (r.stage === 'won') add(r.partner_id, r.won_at, 'won', 1);
  }
  for (const e of await all("SELECT partner_id, amount_minor, created_at FROM ledger_entries WHERE type = 'commission' AND lot_id IS NULL AND partner_id IS NOT NULL")) add(e.partner_id, e.created_at, 'commissionMinor', Number(e.amount_minor));
  for (const [k, c] of counts) if (Object.values(c).every((v) => v === 0)) counts.delete(k);
  return counts;
}

async function rollups(): Promise<Map<string, PartnerCounts>> {
  const rows = await all(`SELECT partner_id, day, visits, signups, leads, paying, won, revenue_minor AS revenueMinor, commission_minor AS commissionMinor FROM partner_daily_stats
    WHERE visits <> 0 OR signups <> 0 OR leads <> 0 OR paying <> 0 OR won <> 0 OR revenue_minor <> 0 OR commission_minor <> 0`);
  return new Map(rows.map(({ partner_id, day, ...c }) => [`${partner_id}|${day}`, c as unknown as PartnerCounts]));
}

async function expectStatus(response: Promise<Response>, status: number) {
  const res = await response;
  expect(res.status, await res.text()).toBe(status);
}

const sorted = (m: Map<string, PartnerCounts>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1));

const step = fc.oneof(
  fc.record({ t: fc.constant('signup' as const), who: fc.nat(1) }),
  fc.record({ t: fc.constant('panelThenSignup' as const), who: fc.nat(1) }),
  fc.record({ t: fc.constant('payment' as const), customer: fc.nat(), daysAgo: fc.nat(75), amount: fc.integer({ min: 100, max: 90_000 }) }),
  fc.record({ t: fc.constant('refund' as const), payment: fc.nat(), share: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ t: fc.constant('lead' as const), who: fc.nat(1) }),
  fc.record({ t: fc.constant('win' as const), lead: fc.nat() }),
  fc.record({ t: fc.constant('click' as const), who: fc.nat(1) }),
);

describe('program metrics from the rollups', () => {
  it('the rollups equal a recount of the raw rows after random histories, and GET /metrics answers the recount', async () => {
    const customers: string[] = [];
    const payments: { invoice: string; amount: number; refunded: number }[] = [];
    const leads: { id: string; confirmed: boolean; won: boolean }[] = [];
    let clicks = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        for (const s of steps) {
          switch (s.t) {
            case 'signup': {
              const customerId = unique('c');
              const res = await server('/api/v1/signups', { customerId, email: `${customerId}@example.com`, promoCode: PARTNERS[s.who].code });
              expect(res.status, await res.clone().text()).toBe(201);
              customers.push(customerId);
              break;
            }
            case 'panelThenSignup': {
              // The referral panel writes the customer unattributed; the signup reported next attributes the same row.
              const customerId = unique('panel');
              const token = await signCustomerToken(DEMO.secretKey, customerId);
              expect((await widget('/api/v1/customer-panel', { customerId, token })).status).toBeLessThan(300);
              const res = await server('/api/v1/signups', { customerId, email: `${customerId}@example.com`, promoCode: PARTNERS[s.who].code });
              expect(res.status, await res.clone().text()).toBe(201);
              customers.push(customerId);
              break;
            }
            case 'payment': {
              if (customers.length === 0) break;
              const invoice = unique('in');
              const paidAt = new Date(Date.now() - s.daysAgo * DAY).toISOString();
              const res = await server('/api/v1/payments', { customerId: customers[s.customer % customers.length], invoiceId: invoice, amount: eur(s.amount), paidAt });
              expect(res.status, await res.clone().text()).toBe(201);
              payments.push({ invoice, amount: s.amount, refunded: 0 });
              break;
            }
            case 'refund': {
              const p = payments[s.payment % Math.max(1, payments.length)];
              const amount = p ? Math.max(1, Math.floor(((p.amount - p.refunded) * s.share) / 100)) : 0;
              if (!p || p.refunded + amount > p.amount) break;
              expect((await server('/api/v1/refunds', { invoiceId: p.invoice, refundId: unique('re'), amount: eur(amount) })).status).toBe(201);
              p.refunded += amount;
              break;
            }
            case 'lead': {
              const who = PARTNERS[s.who];
              const res = await api(who.session(), `/partners/${who.id}/referrals`, { customerName: `${unique('Lead')} Corp` });
              expect(res.status).toBe(201);
              leads.push({ id: (await res.json<any>()).id, confirmed: false, won: false });
              break;
            }
            case 'win': {
              const lead = leads[s.lead % Math.max(1, leads.length)];
              if (!lead || lead.won) break;
              const path = `/programs/${DEMO.programId}/referrals/${lead.id}`;
              if (!lead.confirmed) await expectStatus(api(manager, `${path}/decision`, { decision: 'confirm', ownerId: 'acc_rep' }), 200);
              lead.confirmed = true;
              await expectStatus(api(manager, path, { stage: 'won', valueMinor: 250_000, contractDate: dayOf(Date.now()) }, 'PATCH'), 200);
              lead.won = true;
              break;
            }
            case 'click': {
              const res = await call(`/r/${PARTNERS[s.who].code}`, { redirect: 'manual', headers: { 'User-Agent': CHROME_UA, 'CF-Connecting-IP': newVisitorIp() } });
              expect(res.status).toBe(302);
              clicks++;
              break;
            }
          }
        }
        // Clicks reach D1 through the queue (their rollups in the same transaction): wait until every one is in, then compare.
        await eventually(async () => (await all("SELECT count(*) AS n FROM clicks WHERE invitation_id IN ('inv_demo', 'inv_pm_rival')"))[0].n, (k) => Number(k) >= clicks);
        expect(sorted(await rollups())).toEqual(sorted(await recount()));
        // The program's daily rollup (migration 0036) is the sum of its partners' days.
        const counters = ['visits', 'signups', 'leads', 'paying', 'won', 'revenue_minor', 'commission_minor'];
        const anyNonZero = (of: (c: string) => string) => counters.map((c) => `${of(c)} <> 0`).join(' OR ');
        expect(await all(`SELECT program_id, day, ${counters.join(', ')} FROM program_daily_stats WHERE ${anyNonZero((c) => c)} ORDER BY program_id, day`)).toEqual(
          await all(`SELECT program_id, day, ${counters.map((c) => `sum(${c}) AS ${c}`).join(', ')} FROM partner_daily_stats
            GROUP BY program_id, day HAVING ${anyNonZero((c) => `sum(${c})`)} ORDER BY program_id, day`),
        );
        await expectWindowsAsRecounted();
      }),
      { numRuns: 6 },
    );

    // The metrics of the last 30 days and the 30 before, against the same recount.
    const to = dayOf(Date.now());
    const from = dayOf(Date.now() - 29 * DAY);
    const metrics = async () => (await api(manager, `/programs/${DEMO.programId}/metrics?from=${from}&to=${to}`)).json<any>();
    const m = await metrics(); // from the rollups: the window of the last 30 days ends three days ago
    expect(await moveMetricWindows(env.DB, Date.now())).toBeGreaterThanOrEqual(5);
    await expectWindowsAsRecounted();
    expect(await metrics()).toEqual(m); // from the window
    const counted = await recount();
    const partners = await all(`SELECT id, status FROM partners WHERE program_id = '${DEMO.programId}'`);
    const programPartners = new Set(partners.map((p) => p.id));
    const approved = new Set(partners.filter((p) => p.status === 'partner').map((p) => p.id));
    const within = (p: { from: string; to: string }) => {
      const perPartner = new Map<string, PartnerCounts>();
      const total: PartnerCounts = { visits: 0, signups: 0, leads: 0, paying: 0, won: 0, revenueMinor: 0, commissionMinor: 0 };
      for (const [key, c] of counted) {
        const [id, day] = key.split('|');
        if (!programPartners.has(id) || day < p.from || day > p.to) continue;
        const mine = perPartner.get(id) ?? { ...total, visits: 0, signups: 0, leads: 0, paying: 0, won: 0, revenueMinor: 0, commissionMinor: 0 };
        for (const k of Object.keys(total) as (keyof PartnerCounts)[]) {
          mine[k] += c[k];
          total[k] += c[k];
        }
        perPartner.set(id, mine);
      }
      return { total, perPartner };
    };
    for (const [which, period] of [['current', { from, to }], ['previous', previousPeriod({ from, to })]] as const) {
      const { total, perPartner } = within(period);
      expect(m.pipeline[which]).toMatchObject({
        referrals: referralsOf(total),
        successes: successesOf(total),
        signups: total.signups,
        leads: total.leads,
        paying: total.paying,
        won: total.won,
        visits: total.visits,
        revenue: eur(total.revenueMinor),
        commission: eur(total.commissionMinor),
      });
      const sums = activitySums([...perPartner.entries()].filter(([id]) => approved.has(id)).map(([, c]) => c).map((c) => ({ referrals: referralsOf(c), successes: successesOf(c) })));
      expect(m.activity[which]).toMatchObject({ referring: sums.referring, referringMoreThanOnce: sums.referringMoreThanOnce, successful: sums.successful });
      if (which === 'current') {
        const best = [...perPartner.entries()].map(([id, c]) => ({ id, referrals: referralsOf(c) })).sort((a, b) => b.referrals - a.referrals || (a.id < b.id ? -1 : 1))[0];
        if (best && best.referrals > 0) expect(m.performers.byReferrals[0]).toMatchObject({ partnerId: best.id, referrals: best.referrals });
        expect(m.series).toHaveLength(30);
        expect(m.series.reduce((s: number, d: any) => s + d.referrals, 0)).toBe(referralsOf(total));
      }
    }
  });
});
