// The scale benchmark's data, drawn from a fixed seed: how much of each there is at a scale, and each row's facts as a pure function of its index.
import { randomFrom } from '../demo-history/traffic';

export const DAY_MS = 86_400_000;
export const YEAR_DAYS = 365;

/** The full data set (scale 1); a run takes a share of each. */
export const FULL = { clicks: 1_000_000, customers: 100_000, partners: 10_000, invitations: 30_000, ledgerEntries: 300_000, leads: 20_000 } as const;
export type Sizes = { [K in keyof typeof FULL]: number };

export const sizesAt = (scale: number): Sizes =>
  Object.fromEntries(Object.entries(FULL).map(([k, n]) => [k, Math.max(1, Math.round(n * scale))])) as Sizes;

/** The big partner (the demo partner, signed in as the demo's partner member) takes this share of clicks, customers and leads. */
export const BIG_SHARE = 0.05;
export const BIG_INVITATIONS = 40;
export const BIG_PARTNER = 'prt_demo';

/** A row's own generator: the same index gives the same row, whatever order rows are written in. */
export const rowRandom = (kind: number, i: number) => randomFrom((Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(kind + 1, 0x85ebca6b)) >>> 0);

export const partnerId = (n: number) => `prt_bs_${n}`;
export const accountId = (n: number) => `acc_bs_${n}`;
export const partnerEmail = (n: number) => `partner${n}@bench-scale.test`;
/** The typical partner whose dashboard is timed: in the middle of the partners, by number. */
export const typicalPartner = (s: Sizes) => Math.floor(s.partners / 2);

/** The invitations: the big partner's first, then three per other partner (the rest of the invitations, round robin). */
export function invitationOwner(i: number, s: Sizes): { partner: number | null; id: string; code: string } {
  const big = Math.min(BIG_INVITATIONS, s.invitations);
  if (i < big) return { partner: null, id: `inv_bs_big_${i}`, code: `BSBIG${i}` };
  return { partner: (i - big) % s.partners, id: `inv_bs_${i}`, code: `BS${i}` };
}

/** Picks an invitation for a click: the big partner's share, else skewed toward the first invitations (popular partners). */
export function pickInvitation(r: () => number, s: Sizes): number {
  const big = Math.min(BIG_INVITATIONS, s.invitations);
  if (r() < BIG_SHARE || s.invitations === big) return Math.floor(r() * big);
  const rest = s.invitations - big;
  return big + Math.min(rest - 1, Math.floor(rest * r() ** 2));
}

const COUNTRIES = ['SE', 'SE', 'SE', 'NO', 'FI', 'DE', 'DK', 'GB', 'US'];
const DEVICES = ['desktop', 'mobile', 'mobile', 'tablet'];
const BROWSERS = ['Chrome', 'Chrome', 'Safari', 'Edge', 'Firefox'];

export interface PlannedClick {
  id: string;
  invitation: number;
  at: number;
  source: 'link' | 'qr';
  country: string;
  device: string;
  browser: string;
  visitor: string;
  isBot: boolean;
}

/** Click `i`: any time in the year before `now`. */
export function clickAt(i: number, s: Sizes, now: number): PlannedClick {
  const r = rowRandom(1, i);
  const invitation = pickInvitation(r, s);
  return {
    id: `clk_bs_${i.toString(36)}_${Math.floor(r() * 2 ** 40).toString(36)}`,
    invitation,
    at: now - 60_000 - Math.floor(r() * YEAR_DAYS * DAY_MS),
    source: r() < 0.15 ? 'qr' : 'link',
    country: COUNTRIES[Math.floor(r() * COUNTRIES.length)],
    device: DEVICES[Math.floor(r() * DEVICES.length)],
    browser: BROWSERS[Math.floor(r() * BROWSERS.length)],
    visitor: `v${Math.floor(r() * s.clicks * 0.8)}`,
    isBot: r() < 0.03,
  };
}

/** Customer `k` signed up through a click (its invitation, an hour or so later), or typed the code (one in five). */
export function customerAt(k: number, s: Sizes, now: number): { externalId: string; email: string; click: PlannedClick; viaClick: boolean; at: number } {
  const r = rowRandom(2, k);
  const click = clickAt(Math.floor(r() * s.clicks), s, now);
  return {
    externalId: `bs_cus_${k}`,
    email: `customer${k}@bench-scale.test`,
    click,
    viaClick: r() >= 0.2 && !click.isBot,
    at: Math.min(now - 30_000, click.at + Math.floor(r() * 3_600_000)),
  };
}

/** The monthly plan a paying customer pays for (in minor units). */
export const PLAN_PRICES = [['starter', 1900], ['pro', 4900], ['team', 9900]] as const;

/** Lead `l`: a company with its own domain, registered some day of the year by a partner (the big one's share first). */
export function leadAt(l: number, s: Sizes, now: number): { partner: number | null; at: number; customerName: string; domain: string; email: string; valueMinor: number } {
  const r = rowRandom(3, l);
  const partner = r() < BIG_SHARE ? null : Math.floor(s.partners * r() ** 2);
  return {
    partner,
    at: now - 60_000 - Math.floor(r() * YEAR_DAYS * DAY_MS),
    customerName: `Company ${l} AB`,
    domain: `company${l}.bench-scale.test`,
    email: `buyer@company${l}.bench-scale.test`,
    valueMinor: 100_000 + Math.floor(r() * 50) * 10_000,
  };
}
