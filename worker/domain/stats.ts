// Effectiveness: daily rollup rows grouped per invitation, member or campaign, with totals and conversion.

export type StatsGrouping = 'invitation' | 'member' | 'campaign';

export interface DailyRow {
  invitationId: string;
  code: string;
  name: string | null;
  campaign: string | null;
  memberId: string | null;
  memberName: string | null;
  day: string; // YYYY-MM-DD
  clicks: number;
  scans: number;
  signups: number;
  clickSignups: number;
  creditsMinor: number;
  commissionMinor: number;
}

export interface Counts {
  clicks: number;
  scans: number;
  signups: number;
  clickSignups: number; // signups that came through a click or scan (not a promo code typed without a visit)
  creditsMinor: number;
  commissionMinor: number;
}

export interface StatsGroup {
  key: string | null;
  label: string;
  totals: Counts & { conversionRate: number };
  days: (Counts & { day: string })[];
}

const zero = (): Counts => ({ clicks: 0, scans: 0, signups: 0, clickSignups: 0, creditsMinor: 0, commissionMinor: 0 });

function addTo(into: Counts, r: Counts): void {
  into.clicks += r.clicks;
  into.scans += r.scans;
  into.signups += r.signups;
  into.clickSignups += r.clickSignups;
  into.creditsMinor += r.creditsMinor;
  into.commissionMinor += r.commissionMinor;
}

/**
 * Visits that became signups: signups that came through a click or scan, per unique visit. Signups by a typed
 * promo code with no visit count as signups but not as conversions. 0 with no visits; rounded to 4 decimals.
 */
export function conversionRate(c: Pick<Counts, 'clicks' | 'scans' | 'clickSignups'>): number {
  const visits = c.clicks + c.scans;
  return visits === 0 ? 0 : Math.round((c.clickSignups / visits) * 10_000) / 10_000;
}

function keyOf(r: DailyRow, by: StatsGrouping): [string | null, string] {
  if (by === 'invitation') return [r.invitationId, r.name ? `${r.name} (${r.code})` : r.code];
  if (by === 'member') return [r.memberId, r.memberName ?? 'No owner'];
  return [r.campaign, r.campaign ?? 'No campaign'];
}

/** Groups sorted by signups, then unique visits; days in date order. */
export function groupStats(rows: DailyRow[], by: StatsGrouping): { groups: StatsGroup[]; totals: StatsGroup['totals'] } {
  const groups = new Map<string | null, { label: string; totals: Counts; days: Map<string, Counts> }>();
  const all = zero();
  for (const r of rows) {
    const [key, label] = keyOf(r, by);
    const g = groups.get(key) ?? { label, totals: zero(), days: new Map<string, Counts>() };
    addTo(g.totals, r);
    const day = g.days.get(r.day) ?? zero();
    addTo(day, r);
    g.days.set(r.day, day);
    groups.set(key, g);
    addTo(all, r);
  }
  const result: StatsGroup[] = [...groups].map(([key, g]) => ({
    key,
    label: g.label,
    totals: { ...g.totals, conversionRate: conversionRate(g.totals) },
    days: [...g.days].sort(([a], [b]) => a.localeCompare(b)).map(([day, c]) => ({ day, ...c })),
  }));
  result.sort((a, b) => b.totals.signups - a.totals.signups || b.totals.clicks + b.totals.scans - (a.totals.clicks + a.totals.scans));
  return { groups: result, totals: { ...all, conversionRate: conversionRate(all) } };
}
