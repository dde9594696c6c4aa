// Each daily_stats_ trigger (migrations/0020_stats_rules.sql) against the rule it mirrors (worker/domain/daily-stats.ts):
// for every case, the rows are written to D1, and the rollup the triggers kept must equal what the rule says the same
// rows add, which must equal the counts the case states.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  clickStats, entryStats, firstPaymentStats, signupStats, statsDay, type CustomerFacts, type DayCounts, type StatsDelta,
} from '../../worker/domain/daily-stats';
import type { EntryType } from '../../worker/domain/ledger';

const PROGRAM = 'prg_rules';
const PARTNER = 'prt_rules';
const RECRUITER = 'prt_rules_recruiter';
const DAY = 86_400_000;
/** Noon UTC on a fixed day: rows carry their own times, so the counts' days do not depend on when the test runs. */
const T = Date.UTC(2026, 2, 10, 12);
const at = (day: number, ms = 0) => T + day * DAY + ms;

beforeAll(async () => {
  await env.DB.batch([
    env.DB.prepare("INSERT INTO programs (id, name, currency, destination_url, created_at) VALUES (?, 'Rules', 'EUR', 'https://shop.test/', 0)").bind(PROGRAM),
    env.DB.prepare("INSERT INTO partners (id, program_id, number, name, email, status, created_at) VALUES (?, ?, 100801, 'Rules AB', 'rules@x.test', 'partner', 0)").bind(PARTNER, PROGRAM),
    env.DB.prepare("INSERT INTO partners (id, program_id, number, name, email, status, created_at) VALUES (?, ?, 100802, 'Recruiter AB', 'recruiter@x.test', 'partner', 0)").bind(RECRUITER, PROGRAM),
  ]);
});

// The steps a case is made of. Names are local to the case. Every case has two invitations: A, the partner's, and R,
// owned by the customer `ref` (a customer acting as advocate).
type Invitation = 'A' | 'R';
type Step =
  | { click: string; source?: 'link' | 'qr'; bot?: boolean; repeat?: boolean; at?: number; via?: Invitation }
  | { signup: string; by: 'click' | 'promo_code'; clickId?: string; at?: number; via?: Invitation } // the row written attributed
  | { panel: string } // the referral panel writes the customer's row, unattributed
  | { attribute: string; by: 'click' | 'promo_code'; clickId?: string; via?: Invitation } // that row attributed, now
  | { touch: string } // an attributed row updated again (its invitation set to what it is)
  | { payment: string; of: string; at?: number } // the customer pays
  | { entry: EntryType; holder: 'partner' | 'recruiter' | 'ref' | 'customer'; event: string; of: string; amount: number; at?: number };

type Want = [Invitation, number | 'today', Partial<DayCounts>][];

interface Case {
  name: string;
  triggers: string[]; // the triggers the case exercises
  steps: Step[];
  want: Want;
}

const rules: Record<string, Case[]> = {
  'a click': [
    { name: 'a visit through the link counts as a click', triggers: ['daily_stats_click'], steps: [{ click: 'k' }], want: [['A', 0, { clicks: 1 }]] },
    { name: 'a visit through the QR code counts as a scan', triggers: ['daily_stats_click'], steps: [{ click: 'k', source: 'qr' }], want: [['A', 0, { scans: 1 }]] },
    {
      name: 'a repeat is counted apart, never as a visit',
      triggers: ['daily_stats_click'],
      steps: [{ click: 'k1' }, { click: 'k2', repeat: true }, { click: 'k3', source: 'qr', repeat: true }],
      want: [['A', 0, { clicks: 1, repeats: 2 }]],
    },
    {
      name: 'a bot is counted apart, never as a visit, and only as a bot even if marked a repeat too',
      triggers: ['daily_stats_click'],
      steps: [{ click: 'k1', bot: true }, { click: 'k2', source: 'qr', bot: true }, { click: 'k3', bot: true, repeat: true }],
      want: [['A', 0, { bots: 3 }]],
    },
    {
      name: 'each click counts on its own UTC day: the last millisecond of a day and the first of the next are two days',
      triggers: ['daily_stats_click'],
      steps: [{ click: 'k1', at: at(0, 12 * 3_600_000 - 1) }, { click: 'k2', at: at(0, 12 * 3_600_000), source: 'qr' }],
      want: [['A', 0, { clicks: 1 }], ['A', 1, { scans: 1 }]],
    },
  ],
  'a click that converts was a visit': [
    {
      name: 'a bot click a signup names moves from bots to clicks on the click\'s day',
      triggers: ['daily_stats_converted_bot', 'daily_stats_signup'],
      steps: [{ click: 'k', bot: true, at: at(-2) }, { signup: 'c', by: 'click', clickId: 'k' }],
      want: [['A', -2, { clicks: 1, clickSignups: 1 }], ['A', 0, { signups: 1 }]],
    },
    {
      name: 'a bot QR scan a signup names moves from bots to scans',
      triggers: ['daily_stats_converted_bot', 'daily_stats_signup'],
      steps: [{ click: 'k', source: 'qr', bot: true }, { signup: 'c', by: 'click', clickId: 'k' }],
      want: [['A', 0, { scans: 1, signups: 1, clickSignups: 1 }]],
    },
    {
      name: 'a bot click named by a promo-code signup stays a bot',
      triggers: ['daily_stats_click', 'daily_stats_signup'],
      steps: [{ click: 'k', bot: true }, { signup: 'c', by: 'promo_code', clickId: 'k' }],
      want: [['A', 0, { bots: 1, signups: 1 }]],
    },
  ],
  'a signup': [
    {
      name: 'a promo code typed without a visit is a signup, not a converted visit',
      triggers: ['daily_stats_signup'],
      steps: [{ signup: 'c', by: 'promo_code' }],
      want: [['A', 0, { signups: 1 }]],
    },
    {
      name: 'a signup by click counts on its own day and converts the visit on the visit\'s day',
      triggers: ['daily_stats_signup'],
      steps: [{ click: 'k', at: at(-3) }, { signup: 'c', by: 'click', clickId: 'k' }],
      want: [['A', -3, { clicks: 1, clickSignups: 1 }], ['A', 0, { signups: 1 }]],
    },
    {
      name: 'a visit converts once: a second signup naming the same click is a signup, not a second conversion',
      triggers: ['daily_stats_signup'],
      steps: [{ click: 'k' }, { signup: 'c1', by: 'click', clickId: 'k' }, { signup: 'c2', by: 'click', clickId: 'k', at: at(1) }],
      want: [['A', 0, { clicks: 1, signups: 1, clickSignups: 1 }], ['A', 1, { signups: 1 }]],
    },
    {
      name: 'a repeat a signup names converts, though it is not a visit',
      triggers: ['daily_stats_signup'],
      steps: [{ click: 'k1' }, { click: 'k2', repeat: true }, { signup: 'c', by: 'click', clickId: 'k2' }],
      want: [['A', 0, { clicks: 1, repeats: 1, signups: 1, clickSignups: 1 }]],
    },
    {
      name: 'a signup through a customer\'s invitation counts toward that invitation',
      triggers: ['daily_stats_signup'],
      steps: [{ click: 'k', via: 'R' }, { signup: 'c', by: 'click', clickId: 'k', via: 'R' }],
      want: [['R', 0, { clicks: 1, signups: 1, clickSignups: 1 }]],
    },
    {
      name: 'the referral panel\'s unattributed row counts nothing until a signup attributes it; then it is a signup today',
      triggers: ['daily_stats_signup_adopted'],
      steps: [{ panel: 'c' }, { attribute: 'c', by: 'promo_code' }],
      want: [['A', 'today', { signups: 1 }]],
    },
    {
      name: 'attributed later by a bot-flagged click, it converts that click on the click\'s day',
      triggers: ['daily_stats_signup_adopted', 'daily_stats_converted_bot'],
      steps: [{ click: 'k', bot: true, at: at(-1) }, { panel: 'c' }, { attribute: 'c', by: 'click', clickId: 'k' }],
      want: [['A', -1, { clicks: 1, clickSignups: 1 }], ['A', 'today', { signups: 1 }]],
    },
    {
      name: 'a customer is attributed once: updating the row again counts nothing',
      triggers: ['daily_stats_signup', 'daily_stats_signup_adopted'],
      steps: [{ signup: 'c', by: 'promo_code' }, { touch: 'c' }],
      want: [['A', 0, { signups: 1 }]],
    },
  ],
  money: [
    {
      name: 'a signup credit counts as credits toward the invitation the customer joined through',
      triggers: ['daily_stats_signup_money'],
      steps: [{ signup: 'c', by: 'promo_code' }, { entry: 'signup_credit', holder: 'customer', event: 'signup', of: 'c', amount: 500 }],
      want: [['A', 0, { signups: 1, creditsMinor: 500 }]],
    },
    {
      name: 'a partner\'s signup commission, and its recruiter\'s second tier, count as commission',
      triggers: ['daily_stats_signup_money'],
      steps: [
        { signup: 'c', by: 'promo_code' },
        { entry: 'commission', holder: 'partner', event: 'signup', of: 'c', amount: 1000 },
        { entry: 'commission', holder: 'recruiter', event: 'signup', of: 'c', amount: 100 },
      ],
      want: [['A', 0, { signups: 1, commissionMinor: 1100 }]],
    },
    {
      name: 'a referring customer\'s referrer credit counts as commission toward their invitation; the friend\'s credit as credits',
      triggers: ['daily_stats_signup_money'],
      steps: [
        { signup: 'c', by: 'promo_code', via: 'R' },
        { entry: 'signup_credit', holder: 'customer', event: 'signup', of: 'c', amount: 500 },
        { entry: 'referrer_credit', holder: 'ref', event: 'signup', of: 'c', amount: 300 },
      ],
      want: [['R', 0, { signups: 1, creditsMinor: 500, commissionMinor: 300 }]],
    },
    {
      name: 'money counts on the day it was posted, not the day of the signup',
      triggers: ['daily_stats_signup_money'],
      steps: [{ signup: 'c', by: 'promo_code', at: at(-1) }, { entry: 'commission', holder: 'partner', event: 'signup', of: 'c', amount: 1000 }],
      want: [['A', -1, { signups: 1 }], ['A', 0, { commissionMinor: 1000 }]],
    },
    {
      name: 'a customer never attributed earns no invitation anything',
      triggers: ['daily_stats_signup_money'],
      steps: [{ panel: 'c' }, { entry: 'signup_credit', holder: 'customer', event: 'signup', of: 'c', amount: 500 }],
      want: [],
    },
    {
      name: 'a payment\'s commission counts toward the invitation that brought the paying customer',
      triggers: ['daily_stats_payment_commission'],
      steps: [{ signup: 'c', by: 'promo_code' }, { entry: 'commission', holder: 'partner', event: 'payment', of: 'c', amount: 2000, at: at(5) }],
      want: [['A', 0, { signups: 1 }], ['A', 5, { commissionMinor: 2000 }]],
    },
    {
      name: 'a recruiter\'s second tier on a payment does not count',
      triggers: ['daily_stats_payment_commission'],
      steps: [{ signup: 'c', by: 'promo_code' }, { entry: 'commission', holder: 'recruiter', event: 'payment', of: 'c', amount: 200 }],
      want: [['A', 0, { signups: 1 }]],
    },
    {
      name: 'moves of money already earned, and spending, leave the stats alone',
      triggers: ['daily_stats_signup_money', 'daily_stats_payment_commission'],
      steps: [
        { signup: 'c', by: 'promo_code' },
        { entry: 'release', holder: 'partner', event: 'signup', of: 'c', amount: 1000 },
        { entry: 'reversal', holder: 'ref', event: 'signup', of: 'c', amount: 300 },
        { entry: 'clawback', holder: 'partner', event: 'payment', of: 'c', amount: -500 },
        { entry: 'release', holder: 'partner', event: 'signup_confirmation', of: 'c', amount: 1000 },
        { entry: 'credit_spend', holder: 'customer', event: 'credit_spend', of: 'c', amount: -200 },
      ],
      want: [['A', 0, { signups: 1 }]],
    },
  ],
  'a first payment': [
    {
      name: 'a customer counts as paying toward their invitation on the day of their first payment, once',
      triggers: ['daily_stats_first_payment', 'daily_stats_signup'],
      steps: [{ signup: 'c', by: 'promo_code' }, { payment: 'p1', of: 'c', at: at(3) }, { payment: 'p2', of: 'c', at: at(33) }],
      want: [['A', 0, { signups: 1 }], ['A', 3, { paying: 1 }]],
    },
    {
      name: 'a payment recorded late but paid earlier moves the first payment to its own day',
      triggers: ['daily_stats_first_payment', 'daily_stats_signup'],
      steps: [{ signup: 'c', by: 'promo_code' }, { payment: 'p1', of: 'c', at: at(5) }, { payment: 'p0', of: 'c', at: at(2) }],
      want: [['A', 0, { signups: 1 }], ['A', 2, { paying: 1 }]],
    },
    {
      name: 'a customer who joined through a customer\'s invitation counts there; one who joined through none counts nowhere',
      triggers: ['daily_stats_first_payment', 'daily_stats_signup'],
      steps: [{ signup: 'c', by: 'promo_code', via: 'R' }, { payment: 'p1', of: 'c', at: at(1) }, { panel: 'u' }, { payment: 'p2', of: 'u', at: at(1) }],
      want: [['R', 0, { signups: 1 }], ['R', 1, { paying: 1 }]],
    },
  ],
};

const COUNTS: (keyof DayCounts)[] = ['clicks', 'scans', 'repeats', 'bots', 'signups', 'clickSignups', 'creditsMinor', 'commissionMinor', 'paying'];
const zero = (): DayCounts => ({ clicks: 0, scans: 0, repeats: 0, bots: 0, signups: 0, clickSignups: 0, creditsMinor: 0, commissionMinor: 0, paying: 0 });

/** Deltas added up per invitation and day; days that add up to nothing are left out, as a rollup row of zeros says nothing. */
function addUp(deltas: StatsDelta[]): Record<string, DayCounts> {
  const sums: Record<string, DayCounts> = {};
  for (const d of deltas) {
    const s = (sums[`${d.invitationId} ${d.day}`] ??= zero());
    for (const k of COUNTS) s[k] += d.add[k] ?? 0;
  }
  return Object.fromEntries(Object.entries(sums).filter(([, s]) => COUNTS.some((k) => s[k] !== 0)).sort(([a], [b]) => a.localeCompare(b)));
}

async function rollupOf(invitationIds: string[]): Promise<Record<string, DayCounts>> {
  const { results } = await env.DB.prepare(
    `SELECT invitation_id, day, clicks, scans, repeats, bots, signups, click_signups AS clickSignups, credits_minor AS creditsMinor,
            commission_minor AS commissionMinor, paying
     FROM invitation_daily_stats WHERE invitation_id IN (SELECT value FROM json_each(?))`,
  ).bind(JSON.stringify(invitationIds)).all<DayCounts & { invitation_id: string; day: string }>();
  return addUp(results.map(({ invitation_id, day, ...counts }) => ({ invitationId: invitation_id, day, add: counts })));
}

let cases = 0;

/**
 * Writes a case's rows and returns what the rule says they add, for each day "today" may have been while they were
 * written (one day, or two if the case ran across midnight UTC), and the invitations' ids.
 */
async function run(c: Case): Promise<{ invitations: Record<Invitation, string>; expected: { today: string; deltas: StatsDelta[] }[] }> {
  const p = `r${++cases}`;
  const id = (name: string) => `${p}_${name}`;
  const inv: Record<Invitation, string> = { A: `inv_${p}_a`, R: `inv_${p}_r` };
  const ref = id('ref');
  await env.DB.batch([
    env.DB.prepare("INSERT INTO invitations (id, program_id, partner_id, code, code_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, 0)")
      .bind(inv.A, PROGRAM, PARTNER, `${p}-A`, `${p}-A`.toUpperCase()),
    env.DB.prepare('INSERT INTO customers (id, program_id, external_id, created_at) VALUES (?, ?, ?, 0)').bind(ref, PROGRAM, ref),
    env.DB.prepare("INSERT INTO invitations (id, program_id, customer_id, code, code_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, 0)")
      .bind(inv.R, PROGRAM, ref, `${p}-R`, `${p}-R`.toUpperCase()),
  ]);
  const attribution = (via: Invitation = 'A') => (via === 'A' ? { partnerId: PARTNER, referredBy: null } : { partnerId: null, referredBy: ref });
  const deltas: StatsDelta[] = []; // decided when the row is written
  const today: StatsDelta[] = []; // signups attributed "now": their day is known only around the write
  let days = new Set<string>();
  let entries = 0;

  /** The click a signup names, as its row stands before the signup, and whether a signup by click named it already. */
  async function namedClick(clickId: string) {
    const k = await env.DB.prepare('SELECT invitation_id, source, is_bot, is_repeat, created_at FROM clicks WHERE id = ?')
      .bind(clickId).first<{ invitation_id: string; source: 'link' | 'qr'; is_bot: number; is_repeat: number; created_at: number }>();
    const named = await env.DB.prepare("SELECT count(*) AS n FROM customers WHERE click_id = ? AND attribution_method = 'click'").bind(clickId).first<number>('n');
    return k && { invitationId: k.invitation_id, source: k.source, isBot: k.is_bot === 1, isRepeat: k.is_repeat === 1, createdAt: k.created_at, convertedBefore: named! > 0 };
  }

  for (const s of c.steps) {
    if ('click' in s) {
      const row = { invitationId: inv[s.via ?? 'A'], source: s.source ?? 'link', isBot: s.bot ?? false, isRepeat: s.repeat ?? false, createdAt: s.at ?? at(0) };
      await env.DB.prepare('INSERT INTO clicks (id, program_id, invitation_id, source, is_bot, is_repeat, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .bind(id(s.click), PROGRAM, row.invitationId, row.source, row.isBot ? 1 : 0, row.isRepeat ? 1 : 0, row.createdAt).run();
      deltas.push(...clickStats(row));
    } else if ('signup' in s) {
      const clickId = s.clickId ? id(s.clickId) : null;
      const click = clickId ? await namedClick(clickId) : null;
      const a = attribution(s.via);
      const createdAt = s.at ?? at(0);
      await env.DB.prepare(
        `INSERT INTO customers (id, program_id, external_id, invitation_id, partner_id, referred_by_customer_id, click_id, attribution_method, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).bind(id(s.signup), PROGRAM, id(s.signup), inv[s.via ?? 'A'], a.partnerId, a.referredBy, clickId, s.by, createdAt).run();
      deltas.push(...signupStats({ invitationId: inv[s.via ?? 'A'], attributedAt: createdAt, method: s.by, click }));
    } else if ('panel' in s) {
      await env.DB.prepare('INSERT INTO customers (id, program_id, external_id, created_at) VALUES (?, ?, ?, ?)').bind(id(s.panel), PROGRAM, id(s.panel), at(-30)).run();
    } else if ('attribute' in s) {
      const clickId = s.clickId ? id(s.clickId) : null;
      const click = clickId ? await namedClick(clickId) : null;
      const a = attribution(s.via);
      const before = Date.now();
      await env.DB.prepare('UPDATE customers SET invitation_id = ?, partner_id = ?, referred_by_customer_id = ?, click_id = ?, attribution_method = ? WHERE id = ?')
        .bind(inv[s.via ?? 'A'], a.partnerId, a.referredBy, clickId, s.by, id(s.attribute)).run();
      days = new Set([statsDay(before), statsDay(Date.now())]);
      const [attributed, ...rest] = signupStats({ invitationId: inv[s.via ?? 'A'], attributedAt: before, method: s.by, click });
      today.push(attributed);
      deltas.push(...rest);
    } else if ('touch' in s) {
      await env.DB.prepare("UPDATE customers SET invitation_id = invitation_id, email = 'again@x.test' WHERE id = ?").bind(id(s.touch)).run();
    } else if ('payment' in s) {
      const paidAt = s.at ?? at(0);
      const before = await env.DB.prepare('SELECT c.invitation_id, (SELECT min(paid_at) FROM payments WHERE customer_id = c.id) AS first FROM customers c WHERE c.id = ?')
        .bind(id(s.of)).first<{ invitation_id: string | null; first: number | null }>();
      await env.DB.prepare("INSERT INTO payments (id, program_id, customer_id, invoice_id, amount_minor, currency, paid_at, created_at) VALUES (?, ?, ?, ?, 1000, 'EUR', ?, ?)")
        .bind(id(s.payment), PROGRAM, id(s.of), id(s.payment), paidAt, Date.now()).run();
      deltas.push(...firstPaymentStats({ invitationId: before!.invitation_id, paidAt, firstPaidBefore: before!.first }));
    } else {
      const holder: { partnerId: string } | { customerId: string } =
        { partner: { partnerId: PARTNER }, recruiter: { partnerId: RECRUITER }, ref: { customerId: ref }, customer: { customerId: id(s.of) } }[s.holder];
      const customer = id(s.of);
      const eventId = s.event === 'signup' ? customer : `${s.event}_${customer}`;
      const entry = {
        type: s.entry, amountMinor: s.amount, partnerId: 'partnerId' in holder ? holder.partnerId : null, eventType: s.event, eventId,
        subjectCustomerId: customer, createdAt: s.at ?? at(0),
      };
      await env.DB.prepare(
        `INSERT INTO ledger_entries (id, program_id, partner_id, customer_id, type, amount_minor, currency, status, reason, event_type, event_id,
                                     idempotency_key, subject_customer_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 'EUR', 'available', 'rule case', ?, ?, ?, ?, ?)`,
      ).bind(`led_${p}_${++entries}`, PROGRAM, entry.partnerId, 'customerId' in holder ? holder.customerId : null, s.entry, s.amount,
        s.event, eventId, `${p}:${entries}`, customer, entry.createdAt).run();
      const { results } = await env.DB.prepare('SELECT id, invitation_id, partner_id FROM customers').all<{ id: string; invitation_id: string | null; partner_id: string | null }>();
      const customers = new Map<string, CustomerFacts>(results.map((r) => [r.id, { invitationId: r.invitation_id, partnerId: r.partner_id }]));
      deltas.push(...entryStats(entry, (cid) => customers.get(cid) ?? null));
    }
  }
  if (days.size === 0) days.add(statsDay(Date.now()));
  return {
    invitations: inv,
    expected: [...days].map((day) => ({ today: day, deltas: [...deltas, ...today.map((d) => ({ ...d, day }))] })),
  };
}

describe('every daily_stats trigger counts what its rule in worker/domain/daily-stats.ts says', () => {
  for (const [rule, list] of Object.entries(rules)) {
    describe(`rule "${rule}"`, () => {
      it.each(list.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
        const { invitations, expected } = await run(c);
        const actual = await rollupOf(Object.values(invitations));
        const byRule = expected.map((e) => addUp(e.deltas));
        // The triggers agree with the rule (for the day it was when a row was attributed "now")…
        expect(byRule).toContainEqual(actual);
        // …and the rule says what the case states.
        for (const e of expected) {
          const want = addUp(c.want.map(([i, day, add]) => ({ invitationId: invitations[i], day: day === 'today' ? e.today : statsDay(at(day)), add })));
          expect(addUp(e.deltas)).toEqual(want);
        }
      });
    });
  }

  it('the cases above exercise every trigger that writes the daily stats, and those are all the daily_stats_ triggers', async () => {
    const { results } = await env.DB.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'trigger' AND (sql LIKE '%INTO invitation_daily_stats%' OR name LIKE 'daily\\_stats\\_%' ESCAPE '\\') ORDER BY name",
    ).all<{ name: string }>();
    const exercised = [...new Set(Object.values(rules).flat().flatMap((c) => c.triggers))].sort();
    expect(results.map((r) => r.name)).toEqual(exercised);
    expect(exercised).toEqual([
      'daily_stats_click', 'daily_stats_converted_bot', 'daily_stats_first_payment', 'daily_stats_payment_commission', 'daily_stats_signup', 'daily_stats_signup_adopted',
      'daily_stats_signup_money',
    ]);
  });
});
