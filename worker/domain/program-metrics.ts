// The program's metrics over a period (docs/METRICS.md): what counts as a referral and a success, how partner activity,
// comparisons with the previous period, rankings and the funnel are worked out from the partners' daily rollups
// (partner_daily_stats, kept by the triggers of migrations/0033_program_metrics.sql).

const DAY_MS = 86_400_000;

/** One partner's (or the program's) counts over some days, as the rollups sum them. */
export interface PartnerCounts {
  visits: number; // link clicks and QR scans through the partner's invitations
  signups: number; // customers credited to the partner
  leads: number; // deals the partner registered
  paying: number; // the partner's customers who paid for the first time
  won: number; // registered deals won
  revenueMinor: number; // the customers' payments less refunds, in the program's currency
  commissionMinor: number; // commission earned, before clawbacks
}

/** A referral is a customer who signed up through the partner, or a deal the partner registered. */
export const referralsOf = (c: Pick<PartnerCounts, 'signups' | 'leads'>): number => c.signups + c.leads;
/** A successful referral is a customer who paid for the first time, or a registered deal won. */
export const successesOf = (c: Pick<PartnerCounts, 'paying' | 'won'>): number => c.paying + c.won;

/** A period of whole UTC days, both ends included, as YYYY-MM-DD. */
export interface Period {
  from: string;
  to: string;
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const msOf = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** How many days the period spans. */
export const daysIn = (p: Period): number => Math.round((msOf(p.to) - msOf(p.from)) / DAY_MS) + 1;

/** The period of the same length that ends the day before this one starts: what the period is compared with. */
export function previousPeriod(p: Period): Period {
  const n = daysIn(p);
  return { from: dayOf(msOf(p.from) - n * DAY_MS), to: dayOf(msOf(p.from) - DAY_MS) };
}

/** Every day of the period, in order. */
export function daysOf(p: Period): string[] {
  const days: string[] = [];
  for (let t = msOf(p.from); t <= msOf(p.to); t += DAY_MS) days.push(dayOf(t));
  return days;
}

/** The change from the previous period as a ratio (0.25 is 25% more); null when there was nothing to compare with. */
export function change(current: number, previous: number): number | null {
  if (previous === 0) return current === 0 ? 0 : null;
  return (current - previous) / Math.abs(previous);
}

/** Each partner's referrals and successes in a period, as the activity figures need them. */
export interface PartnerPeriod {
  referrals: number;
  successes: number;
}

/** Partner activity summed over the partners of a period (the database sums it the same way, in one query). */
export interface ActivitySums {
  referring: number; // partners with at least one referral in the period
  referringMoreThanOnce: number;
  successful: number; // partners with at least one successful referral
  referrals: number;
  successes: number;
}

/** The rule of activity, partner by partner: what `ActivitySums` counts. */
export function activitySums(partners: PartnerPeriod[]): ActivitySums {
  return {
    referring: partners.filter((p) => p.referrals > 0).length,
    referringMoreThanOnce: partners.filter((p) => p.referrals > 1).length,
    successful: partners.filter((p) => p.successes > 0).length,
    referrals: partners.reduce((n, p) => n + p.referrals, 0),
    successes: partners.reduce((n, p) => n + p.successes, 0),
  };
}

export interface Activity extends Omit<ActivitySums, 'referrals' | 'successes'> {
  partners: number; // approved partners: the base of every share
  referringShare: number; // each share of `partners`, 0..1 (0 when there are no partners)
  referringMoreThanOnceShare: number;
  successfulShare: number;
  referralsPerPartner: number; // averages over `partners`
  successesPerPartner: number;
}

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

/**
 * Partner activity in a period: of the program's approved partners, the share who referred, who referred more than
 * once and who had a successful referral, and the average referrals and successes per partner.
 */
export function activity(partners: number, s: ActivitySums): Activity {
  return {
    partners,
    referring: s.referring,
    referringMoreThanOnce: s.referringMoreThanOnce,
    successful: s.successful,
    referringShare: ratio(s.referring, partners),
    referringMoreThanOnceShare: ratio(s.referringMoreThanOnce, partners),
    successfulShare: ratio(s.successful, partners),
    referralsPerPartner: ratio(s.referrals, partners),
    successesPerPartner: ratio(s.successes, partners),
  };
}

/** "Many referrals, no purchase": at least this many referrals in the period, and not one success. */
export const NO_PURCHASE_MIN_REFERRALS = 3;
export const manyReferralsNoPurchase = (p: PartnerPeriod): boolean => p.referrals >= NO_PURCHASE_MIN_REFERRALS && p.successes === 0;

/** The steps of the funnel, each with its share of the step before (null when the step before is zero). */
export interface FunnelSteps {
  visits: number;
  signups: number;
  paying: number;
  won: number;
  signupRate: number | null; // signups / visits
  payingRate: number | null; // paying / signups
}

/**
 * Visits → signups → paying (→ won, for the registered deals that do not pass through a visit). A promo code typed
 * without a visit is a signup too, so the signup rate may pass 100% on a small invitation.
 */
export function funnel(c: Pick<PartnerCounts, 'visits' | 'signups' | 'paying' | 'won'>): FunnelSteps {
  return {
    visits: c.visits,
    signups: c.signups,
    paying: c.paying,
    won: c.won,
    signupRate: c.visits === 0 ? null : c.signups / c.visits,
    payingRate: c.signups === 0 ? null : c.paying / c.signups,
  };
}

/** Counts for every day of the period, a quiet day being zeros: the chart's series. */
export function dailySeries<T extends { day: string }>(p: Period, rows: T[], empty: Omit<T, 'day'>): T[] {
  const byDay = new Map(rows.map((r) => [r.day, r]));
  return daysOf(p).map((day) => byDay.get(day) ?? ({ ...empty, day } as T));
}
