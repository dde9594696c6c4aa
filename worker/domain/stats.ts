// Effectiveness: the sums per invitation, member or campaign and per day, labelled, ranked, with totals and conversion.

export type StatsGrouping = 'invitation' | 'member' | 'campaign';

export interface Counts {
  clicks: number;
  scans: number;
  signups: number;
  clickSignups: number; // signups that came through a click or scan (not a promo code typed without a visit)
  creditsMinor: number;
  commissionMinor: number;
}

/** The counts of one UTC day (YYYY-MM-DD). */
export type DayCounts = Counts & { day: string };

/** One group's sums over the range, as the database adds them up, with what its label is made of. */
export interface GroupSums extends Counts {
  key: string | null; // the invitation id, the member id, or the campaign
  code: string | null; // the invitation's code (by invitation)
  name: string | null; // the invitation's name (by invitation) or its member's (by member)
  firstInvitationAt: number; // when the group's oldest invitation was made: equal groups rank the older first
}

/** What the database sums: per group, per day, and (when asked for) one group's per day. */
export interface StatsSums {
  groups: GroupSums[];
  days: DayCounts[];
  /** The group asked for by its key (null for the group without one), and its days in date order. */
  group?: { key: string | null; days: DayCounts[] };
}

export interface StatsGroup {
  key: string | null;
  label: string;
  totals: Counts & { conversionRate: number };
  /** Only on the one group asked for: every group's days of a big partner's year are thousands of rows nobody looks at. */
  days?: DayCounts[];
}

export interface StatsReport {
  totals: Counts & { conversionRate: number };
  days: DayCounts[];
  groups: StatsGroup[];
}

/**
 * Visits that became signups: signups that came through a click or scan, per unique visit. Signups by a typed
 * promo code with no visit count as signups but not as conversions. 0 with no visits; rounded to 4 decimals.
 */
export function conversionRate(c: Pick<Counts, 'clicks' | 'scans' | 'clickSignups'>): number {
  const visits = c.clicks + c.scans;
  return visits === 0 ? 0 : Math.round((c.clickSignups / visits) * 10_000) / 10_000;
}

/** The sum of counts (days into a total); zero for none. */
export function sumCounts(rows: Counts[]): Counts {
  const sum: Counts = { clicks: 0, scans: 0, signups: 0, clickSignups: 0, creditsMinor: 0, commissionMinor: 0 };
  for (const r of rows) {
    sum.clicks += r.clicks;
    sum.scans += r.scans;
    sum.signups += r.signups;
    sum.clickSignups += r.clickSignups;
    sum.creditsMinor += r.creditsMinor;
    sum.commissionMinor += r.commissionMinor;
  }
  return sum;
}

/** What a partner reads a group as: an invitation's name and code, a member's name, a campaign; or that it has none. */
export function groupLabel(g: Pick<GroupSums, 'key' | 'code' | 'name'>, by: StatsGrouping): string {
  if (by === 'invitation') return g.name ? `${g.name} (${g.code})` : (g.code ?? '');
  if (by === 'member') return g.name ?? 'No owner';
  return g.key ?? 'No campaign';
}

/** Most signups first, then most unique visits; equal groups in the order their first invitations were made. */
export function byEffectiveness(a: GroupSums, b: GroupSums): number {
  return b.signups - a.signups || b.clicks + b.scans - (a.clicks + a.scans) || a.firstInvitationAt - b.firstInvitationAt;
}

/**
 * The report from the database's sums: groups ranked and labelled, each with its conversion (and the one asked for
 * with its days, when it is among them), and the totals, which are the days' sum.
 */
export function statsReport(by: StatsGrouping, sums: StatsSums): StatsReport {
  const asked = sums.group;
  const groups = [...sums.groups].sort(byEffectiveness).map((g): StatsGroup => ({
    key: g.key,
    label: groupLabel(g, by),
    totals: withConversion(g),
    ...(asked && asked.key === g.key ? { days: asked.days } : {}),
  }));
  return { totals: withConversion(sumCounts(sums.days)), days: sums.days, groups };
}

function withConversion(c: Counts): Counts & { conversionRate: number } {
  const { clicks, scans, signups, clickSignups, creditsMinor, commissionMinor } = c;
  return { clicks, scans, signups, clickSignups, creditsMinor, commissionMinor, conversionRate: conversionRate(c) };
}
