import { describe, expect, it } from 'vitest';
import { conversionRate, groupStats, type DailyRow } from '../../worker/domain/stats';

const row = (over: Partial<DailyRow>): DailyRow => ({
  invitationId: 'a', code: 'A', name: null, campaign: null, memberId: null, memberName: null, day: '2026-11-01',
  clicks: 0, scans: 0, signups: 0, clickSignups: 0, creditsMinor: 0, commissionMinor: 0, ...over,
});

describe('effectiveness', () => {
  it('conversion is signups through a visit per unique visit (clicks and scans)', () => {
    expect(conversionRate({ clicks: 6, scans: 2, clickSignups: 2 })).toBe(0.25);
    expect(conversionRate({ clicks: 0, scans: 0, clickSignups: 0 })).toBe(0);
    expect(conversionRate({ clicks: 3, scans: 0, clickSignups: 1 })).toBe(0.3333);
  });

  it('a promo code typed without a visit is a signup but not a converted visit, so conversion never passes 100%', () => {
    const [g] = groupStats([row({ clicks: 1, signups: 3, clickSignups: 1 })], 'invitation').groups;
    expect(g.totals.signups).toBe(3);
    expect(g.totals.conversionRate).toBe(1);
  });

  it('sums days per group and sorts groups by signups', () => {
    const rows = [
      row({ invitationId: 'a', code: 'A', campaign: 'Fair', day: '2026-11-02', clicks: 2, signups: 1, clickSignups: 1, commissionMinor: 1000 }),
      row({ invitationId: 'a', code: 'A', campaign: 'Fair', day: '2026-11-01', clicks: 1 }),
      row({ invitationId: 'b', code: 'B', campaign: 'Fair', day: '2026-11-01', scans: 4, signups: 2, clickSignups: 2, creditsMinor: 1000 }),
      row({ invitationId: 'c', code: 'C', name: 'Booth', day: '2026-11-01', clicks: 5 }),
    ];
    const byInvitation = groupStats(rows, 'invitation');
    expect(byInvitation.groups.map((g) => g.label)).toEqual(['B', 'A', 'Booth (C)']);
    expect(byInvitation.groups[1].days.map((d) => d.day)).toEqual(['2026-11-01', '2026-11-02']);
    expect(byInvitation.totals).toEqual({ clicks: 8, scans: 4, signups: 3, clickSignups: 3, creditsMinor: 1000, commissionMinor: 1000, conversionRate: 0.25 });
    const byCampaign = groupStats(rows, 'campaign');
    expect(byCampaign.groups.map((g) => [g.key, g.label, g.totals.signups])).toEqual([['Fair', 'Fair', 3], [null, 'No campaign', 0]]);
  });
});
