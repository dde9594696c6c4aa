// The demo history's traffic, drawn from a fixed seed: each invitation's visits over 90 days (with a trend, a weekly rhythm, repeats and bots), the signups they bring, and the customers' monthly payments.
import type { CastInvitation } from './cast';

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
export const HISTORY_DAYS = 90;

/** mulberry32: a small deterministic generator, so the demo looks the same on every machine. */
export function randomFrom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pick = <T>(r: () => number, items: readonly T[]): T => items[Math.floor(r() * items.length)];
const weighted = <T>(r: () => number, items: readonly (readonly [T, number])[]): T => {
  let x = r() * items.reduce((n, [, w]) => n + w, 0);
  for (const [item, w] of items) if ((x -= w) < 0) return item;
  return items[items.length - 1][0];
};

export interface PlannedClick {
  invitationId: string;
  source: 'link' | 'qr';
  at: number;
  visitor: string;
  isBot: boolean;
  /** A repeat within the hour: the index of the visit's first click (the redirect's isolate saw it). */
  repeatOf: number | null;
  referrerDomain: string | null;
  country: string;
  device: string;
  browser: string;
  /** 7 bytes that make its signed id unique. */
  random: number[];
}

export interface PlannedSignup {
  externalId: string;
  email: string;
  invitationId: string;
  code: string;
  /** The click it came through (an index into the clicks), or null when the promo code was typed. */
  click: number | null;
  at: number;
  payments: { invoiceId: string; paidAt: number; amountMinor: number; plan: string }[];
  /** When the customer stopped subscribing, if they did. */
  canceledAt: number | null;
}

export interface Traffic {
  clicks: PlannedClick[];
  signups: PlannedSignup[];
}

const COUNTRIES = [['SE', 55], ['NO', 10], ['FI', 9], ['DE', 9], ['DK', 7], ['GB', 6], ['US', 4]] as const;
const DEVICES = [['desktop', 50], ['mobile', 44], ['tablet', 6]] as const;
const BROWSERS = [['Chrome', 52], ['Safari', 30], ['Edge', 9], ['Firefox', 9]] as const;
const FIRST = ['Anna', 'Erik', 'Maja', 'Lars', 'Sara', 'Johan', 'Emma', 'Nils', 'Ida', 'Oskar', 'Elsa', 'Karl', 'Linnea', 'Axel', 'Alva', 'Hugo', 'Wilma', 'Leo', 'Astrid', 'Viktor'];
const LAST = ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Gustafsson', 'Lindberg', 'Holm', 'Berg', 'Lund', 'Sandberg'];
export const PLANS = [['starter', 1900, 45], ['pro', 4900, 40], ['team', 9900, 15]] as const;

/** The trend's factor on day `d` (0 is the oldest of the 90 days). */
function trendAt(trend: CastInvitation['trend'], d: number): number {
  const t = d / (HISTORY_DAYS - 1);
  if (trend === 'grow') return 0.35 + 0.65 * t;
  // Visits stop 33 days ago, so that the last signups they bring (up to 2 days after a click) are over 30 days old:
  // the partner is on the console's inactive list (docs/ENGAGEMENT.md).
  if (trend === 'fade') return d < HISTORY_DAYS - 33 ? 1.1 - 0.6 * t : 0;
  if (trend === 'spike') return 0.5 + (d >= 48 ? 5 * Math.exp(-(d - 48) / 4) : 0);
  return 0.85 + 0.1 * Math.sin(d / 9);
}

/** Adds calendar months in UTC, as billing does (a day the month lacks becomes its last). */
function addMonths(at: number, months: number): number {
  const d = new Date(at);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes()));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), last));
  return target.getTime();
}

/**
 * The traffic of the 90 days before `today` (the start of the seeding day, UTC), for the invitations given with
 * their codes. Everything happens before `now`. The same invitations give the same traffic.
 */
export function planTraffic(invitations: (CastInvitation & { startDaysAgo: number })[], today: number, now: number, seed = 90): Traffic {
  const r = randomFrom(seed);
  const clicks: PlannedClick[] = [];
  const signups: PlannedSignup[] = [];
  let visitors = 0;
  for (let d = 0; d < HISTORY_DAYS; d++) {
    const dayStart = today - (HISTORY_DAYS - d) * DAY_MS;
    const weekday = new Date(dayStart).getUTCDay();
    const rhythm = weekday === 0 || weekday === 6 ? 0.6 : weekday === 2 || weekday === 3 ? 1.15 : 1;
    for (const inv of invitations) {
      if (HISTORY_DAYS - d > inv.startDaysAgo) continue;
      const expected = inv.dailyVisits * trendAt(inv.trend, d) * rhythm * (0.7 + 0.6 * r());
      const visits = Math.floor(expected + r());
      for (let v = 0; v < visits; v++) {
        // Visits fall in the day time of Europe, between 06 and 22 UTC, so a repeat never crosses midnight.
        const at = dayStart + Math.floor((6 + 15 * Math.sqrt(r())) * HOUR_MS + r() * HOUR_MS);
        const visitor = `demo-visitor-${++visitors}`;
        const source = r() < inv.qrShare ? 'qr' : 'link';
        const click = (at2: number, isBot = false, repeatOf: number | null = null): PlannedClick => ({
          invitationId: inv.id, source, at: at2, visitor, isBot, repeatOf,
          referrerDomain: source === 'qr' ? null : inv.referrer,
          country: weighted(r, COUNTRIES), device: source === 'qr' ? 'mobile' : weighted(r, DEVICES), browser: weighted(r, BROWSERS),
          random: Array.from({ length: 7 }, () => Math.floor(r() * 256)),
        });
        const first = clicks.push(click(at)) - 1;
        // Some come back within the hour (a repeat, not a new visit); a few are bots.
        if (r() < 0.12) clicks.push(click(at + Math.floor(r() * 40 * 60_000), false, first));
        if (r() < 0.04) clicks.push({ ...click(at + 1000, true), visitor: `demo-bot-${visitors}`, browser: 'Googlebot' });
        if (r() < inv.conversion) signups.push(customer(r, signups.length, inv, first, at + Math.floor(r() * 2 * DAY_MS), now));
      }
      // Now and then someone types the promo code they were told, without a click.
      if (r() < inv.dailyVisits * trendAt(inv.trend, d) * 0.012) signups.push(customer(r, signups.length, inv, null, dayStart + Math.floor((8 + 12 * r()) * HOUR_MS), now));
    }
  }
  return { clicks, signups: signups.filter((s) => s.at < today) };
}

function customer(r: () => number, n: number, inv: CastInvitation, click: number | null, at: number, now: number): PlannedSignup {
  const first = pick(r, FIRST);
  const last = pick(r, LAST);
  const externalId = `demo_cus_${String(n + 1).padStart(4, '0')}`;
  const [plan, price] = weighted(r, PLANS.map(([p, minor, w]) => [[p, minor] as const, w] as const));
  const pays = r() < 0.5;
  const payments: PlannedSignup['payments'] = [];
  let canceledAt: number | null = null;
  if (pays) {
    const firstPaid = at + Math.floor((0.1 + r() * 4) * DAY_MS);
    const churnAfter = r() < 0.2 ? 1 + Math.floor(r() * 2) : Infinity;
    for (let k = 0; k < churnAfter; k++) {
      const paidAt = addMonths(firstPaid, k);
      if (paidAt >= now - HOUR_MS) break;
      payments.push({ invoiceId: `demo_in_${externalId.slice(9)}_${k + 1}`, paidAt, amountMinor: price, plan });
    }
    if (churnAfter !== Infinity && payments.length === churnAfter) canceledAt = Math.min(addMonths(firstPaid, churnAfter) - DAY_MS, now - HOUR_MS);
  }
  return {
    externalId, email: `${first}.${last}.${n + 1}@example.com`.toLowerCase(), invitationId: inv.id, code: inv.code, click, at, payments, canceledAt,
  };
}
