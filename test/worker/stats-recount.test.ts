// The partner stats D1 sums (worker/db/stats.ts) against a recount: random daily rollup rows for a partner's
// invitations (with and without a name, member or campaign), and for another partner's, on days in, at the edges of
// and outside a random range, must answer what adding up each row one by one gives, grouped each way, in the same order,
// and each group's days, asked for one group at a time (the group without a key too), what its rows add up to.
import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASE, call, DEMO, seedDemo, signIn } from './helpers';
import { conversionRate } from '../../worker/domain/stats';

const PARTNER = 'prt_stx';
/** The partner's invitations, oldest first, and one of the demo partner's, whose days must never count here. */
const INVITATIONS = [
  { id: 'inv_stx_1', code: 'STX-ONE', name: 'Booth', campaign: 'Fair', member: 'mem_stx_ann', partner: PARTNER },
  { id: 'inv_stx_2', code: 'STX-TWO', name: null, campaign: 'Fair', member: null, partner: PARTNER },
  { id: 'inv_stx_3', code: 'STX-THREE', name: '', campaign: null, member: 'mem_stx_bo', partner: PARTNER },
  { id: 'inv_stx_4', code: 'STX-FOUR', name: 'Flyer', campaign: 'Launch', member: 'mem_stx_ann', partner: PARTNER },
  { id: 'inv_stx_5', code: 'STX-FIVE', name: null, campaign: null, member: null, partner: PARTNER },
  // A campaign named "null": its own group, never the one without a campaign.
  { id: 'inv_stx_6', code: 'STX-SIX', name: 'Leaflet', campaign: 'null', member: 'mem_stx_bo', partner: PARTNER },
  { id: 'inv_demo', code: DEMO.invitationCode, name: null, campaign: 'Launch', member: 'mem_demo_owner', partner: DEMO.partnerId },
];
const MEMBER_NAMES: Record<string, string> = { mem_stx_ann: 'Ann Stx', mem_stx_bo: 'Bo Stx' };
const DAY = 86_400_000;
const dayOf = (n: number) => new Date(Date.UTC(2001, 0, 1) + n * DAY).toISOString().slice(0, 10);
const EUR = (amount: number) => ({ amount, currency: 'EUR' });

let manager: string;

beforeAll(async () => {
  await seedDemo();
  const db = env.DB;
  await db.batch([
    db.prepare("INSERT INTO partners (id, program_id, number, name, email, status, approved_at, created_at) VALUES (?, ?, 330001, 'Recount AB', 'stx@example.com', 'partner', 0, 0)").bind(PARTNER, DEMO.programId),
    ...Object.entries(MEMBER_NAMES).flatMap(([member, name], k) => [
      db.prepare("INSERT INTO accounts (id, email, name, password_hash, created_at) VALUES (?, ?, ?, 'x', 0)").bind(`acc_${member}`, `${member}@example.com`, name),
      db.prepare("INSERT INTO members (id, partner_id, account_id, role, created_at) VALUES (?, ?, ?, 'manager', ?)").bind(member, PARTNER, `acc_${member}`, k),
    ]),
    ...INVITATIONS.filter((i) => i.partner === PARTNER).map((i, k) =>
      db.prepare('INSERT INTO invitations (id, program_id, partner_id, member_id, code, code_key, name, campaign, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)')
        .bind(i.id, DEMO.programId, PARTNER, i.member, i.code, i.code.toUpperCase(), i.name, i.campaign, 1_000 + k, 1_000 + k),
    ),
  ]);
  manager = await signIn(DEMO.managerEmail);
});

interface Row { invitation: number; day: string; clicks: number; scans: number; signups: number; clickSignups: number; credits: number; commission: number }

/** Adds to an invitation's day as the rollup triggers do: a new row, or a change to the row already there. */
const addToDay = (r: Row) =>
  env.DB.prepare(
    `INSERT INTO invitation_daily_stats (invitation_id, day, clicks, scans, signups, click_signups, credits_minor, commission_minor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (invitation_id, day) DO UPDATE SET clicks = clicks + excluded.clicks, scans = scans + excluded.scans, signups = signups + excluded.signups,
       click_signups = click_signups + excluded.click_signups, credits_minor = credits_minor + excluded.credits_minor, commission_minor = commission_minor + excluded.commission_minor`,
  ).bind(INVITATIONS[r.invitation].id, r.day, r.clicks, r.scans, r.signups, r.clickSignups, r.credits, r.commission);

type By = 'invitation' | 'member' | 'campaign';
type Tally = { clicks: number; scans: number; signups: number; clickSignups: number; credits: number; commission: number };
const zero = (): Tally => ({ clicks: 0, scans: 0, signups: 0, clickSignups: 0, credits: 0, commission: 0 });
const add = (t: Tally, r: Tally) => (Object.keys(t) as (keyof Tally)[]).forEach((k) => (t[k] += r[k]));
/** The day's tally in `m`, begun at zero. */
function tallyOf(m: Map<string, Tally>, day: string): Tally {
  if (!m.has(day)) m.set(day, zero());
  return m.get(day)!;
}
const shown = ({ clickSignups: _, credits, commission, ...rest }: Tally) => ({ ...rest, credits: EUR(credits), commission: EUR(commission) });

function groupOf(i: (typeof INVITATIONS)[number], by: By): [string | null, string] {
  if (by === 'invitation') return [i.id, i.name ? `${i.name} (${i.code})` : i.code];
  if (by === 'member') return [i.member, (i.member && MEMBER_NAMES[i.member]) ?? 'No owner'];
  return [i.campaign, i.campaign ?? 'No campaign'];
}

/**
 * What the answer must be: each of the partner's rows in the range added one by one, invitations oldest first and
 * their days in order; groups by signups, then visits, equal ones in the order they first appeared.
 */
function recount(rows: Row[], by: By, from: string, to: string) {
  const mine = rows.filter((r) => INVITATIONS[r.invitation].partner === PARTNER && r.day >= from && r.day <= to);
  mine.sort((a, b) => a.invitation - b.invitation || a.day.localeCompare(b.day));
  const total = zero();
  const days = new Map<string, Tally>();
  const groups = new Map<string | null, { label: string; totals: Tally; days: Map<string, Tally> }>();
  for (const r of mine) {
    const [key, label] = groupOf(INVITATIONS[r.invitation], by);
    if (!groups.has(key)) groups.set(key, { label, totals: zero(), days: new Map() });
    const g = groups.get(key)!;
    for (const t of [total, g.totals, tallyOf(days, r.day), tallyOf(g.days, r.day)]) add(t, r);
  }
  const inOrder = (m: Map<string, Tally>) => [...m].sort(([a], [b]) => a.localeCompare(b)).map(([day, t]) => ({ day, ...shown(t) }));
  const ranked = [...groups].sort(([, a], [, b]) => b.totals.signups - a.totals.signups || b.totals.clicks + b.totals.scans - (a.totals.clicks + a.totals.scans));
  return {
    totals: { ...shown(total), conversionRate: conversionRate(total) },
    days: inOrder(days),
    groups: ranked.map(([key, g]) => ({ key, label: g.label, totals: { ...shown(g.totals), conversionRate: conversionRate(g.totals) }, days: inOrder(g.days) })),
  };
}

const stats = async (query: string) => {
  const res = await call(`/api/v1/partners/${PARTNER}/stats?${query}`, { headers: { Cookie: manager, Origin: BASE } });
  expect(res.status, query).toBe(200);
  return res.json<any>();
};

const row = (days: number) =>
  fc.record({
    invitation: fc.nat(INVITATIONS.length - 1),
    day: fc.integer({ min: -3, max: days + 3 }),
    clicks: fc.nat(5), scans: fc.nat(3), signups: fc.nat(3), clickSignups: fc.nat(3), credits: fc.nat(2_000), commission: fc.nat(5_000),
  });

/** Every key a group may have each way: the partner's invitations', and the other partner's, which must find no rows here. */
const keysOf = (by: By) => [...new Set(INVITATIONS.map((i) => groupOf(i, by)[0]))];
const asking = (key: string | null) => (key === null ? 'nullGroup=true' : `group=${encodeURIComponent(key)}`);

describe('partner stats against a recount', () => {
  it("sum, group, label and rank random rollup rows as adding them up one by one does, each way, and give each group asked for its own days (property)", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 30 }), fc.array(row(30), { minLength: 0, maxLength: 40 }), async (length, drawn) => {
        // Each run on days of its own, so the rows already written by earlier runs stay out of its range.
        const start = ++run * 100;
        const rows = drawn.map((r) => ({ ...r, day: dayOf(start + r.day) }));
        for (let i = 0; i < rows.length; i += 50) await env.DB.batch(rows.slice(i, i + 50).map(addToDay));
        const from = dayOf(start);
        const to = dayOf(start + length);
        for (const by of ['invitation', 'member', 'campaign'] as const) {
          const expected = recount(rows, by, from, to);
          const withoutDays = { from, to, by, ...expected, groups: expected.groups.map(({ days: _, ...g }) => g) };
          expect(await stats(`by=${by}&from=${from}&to=${to}`), by).toEqual(withoutDays);
          // Each key, in the range or not: its group with its days, the others as they are; no group has days for a key with no rows.
          for (const key of keysOf(by)) {
            const one = await stats(`by=${by}&from=${from}&to=${to}&${asking(key)}`);
            const groups = expected.groups.map(({ days, ...g }) => (g.key === key ? { ...g, days } : g));
            expect(one, `${by} ${key}`).toEqual({ ...withoutDays, groups });
          }
        }
      }),
      { numRuns: 30 },
    );
  });
});
