import { describe, expect, it } from 'vitest';
import { conversionRate, groupLabel, statsReport, sumCounts, type Counts, type GroupSums } from '../../worker/domain/stats';

const counts = (over: Partial<Counts> = {}): Counts => ({ clicks: 0, scans: 0, signups: 0, clickSignups: 0, creditsMinor: 0, commissionMinor: 0, ...over });
const group = (over: Partial<GroupSums>): GroupSums => ({ key: 'a', code: 'A', name: null, firstInvitationAt: 0, ...counts(), ...over });

describe('effectiveness', () => {
  it('conversion is signups through a visit per unique visit (clicks and scans)', () => {
    expect(conversionRate({ clicks: 6, scans: 2, clickSignups: 2 })).toBe(0.25);
    expect(conversionRate({ clicks: 0, scans: 0, clickSignups: 0 })).toBe(0);
    expect(conversionRate({ clicks: 3, scans: 0, clickSignups: 1 })).toBe(0.3333);
  });

  it('a promo code typed without a visit is a signup but not a converted visit, so conversion never passes 100%', () => {
    const [g] = statsReport('invitation', { groups: [group({ clicks: 1, signups: 3, clickSignups: 1 })], days: [] }).groups;
    expect(g.totals.signups).toBe(3);
    expect(g.totals.conversionRate).toBe(1);
  });

  it.each([
    ['invitation', { key: 'inv_1', code: 'FAIR', name: 'Booth' }, 'Booth (FAIR)'],
    ['invitation', { key: 'inv_1', code: 'FAIR', name: null }, 'FAIR'],
    ['invitation', { key: 'inv_1', code: 'FAIR', name: '' }, 'FAIR'],
    ['member', { key: 'mem_1', code: null, name: 'Sam Sales' }, 'Sam Sales'],
    ['member', { key: null, code: null, name: null }, 'No owner'],
    ['member', { key: 'mem_gone', code: null, name: null }, 'No owner'],
    ['campaign', { key: 'Fair', code: null, name: null }, 'Fair'],
    ['campaign', { key: null, code: null, name: null }, 'No campaign'],
  ] as const)('by %s, %j reads as %s', (by, g, label) => {
    expect(groupLabel(g, by)).toBe(label);
  });

  it('ranks groups by signups, then unique visits, then the older first invitation', () => {
    const groups = [
      group({ key: 'c', code: 'C', clicks: 5, firstInvitationAt: 1 }),
      group({ key: 'a', code: 'A', clicks: 3, signups: 1, firstInvitationAt: 3 }),
      group({ key: 'd', code: 'D', scans: 5, firstInvitationAt: 0 }),
      group({ key: 'b', code: 'B', scans: 4, signups: 2, firstInvitationAt: 2 }),
    ];
    expect(statsReport('invitation', { groups, days: [] }).groups.map((g) => g.label)).toEqual(['B', 'A', 'D', 'C']);
  });

  it('totals are the sum of the days, with their conversion', () => {
    const days = [
      { day: '2026-11-01', ...counts({ clicks: 1, scans: 4, signups: 2, clickSignups: 2, creditsMinor: 1000 }) },
      { day: '2026-11-02', ...counts({ clicks: 7, signups: 1, clickSignups: 1, commissionMinor: 1000 }) },
    ];
    const report = statsReport('campaign', { groups: [group({ key: null })], days });
    expect(report.totals).toEqual({ clicks: 8, scans: 4, signups: 3, clickSignups: 3, creditsMinor: 1000, commissionMinor: 1000, conversionRate: 0.25 });
    expect(report.days).toEqual(days);
    expect(report.groups.map((g) => [g.key, g.label])).toEqual([[null, 'No campaign']]);
    expect(sumCounts([])).toEqual(counts());
  });

  it('gives the days read to the one group asked for, by its key or as the group without one, and days to no other', () => {
    const groups = [group({ key: 'a', code: 'A', signups: 1 }), group({ key: null, code: 'N' }), group({ key: 'b', code: 'B' })];
    const days = [
      { day: '2026-11-01', ...counts({ clicks: 1 }) },
      { day: '2026-11-02', ...counts({ signups: 1 }) },
    ];
    const withDays = (key: string | null) => statsReport('campaign', { groups, days: [], group: { key, days } }).groups.map((g) => [g.key, g.days?.map((d) => [d.day, d.clicks, d.signups])]);
    expect(withDays('a')).toEqual([['a', [['2026-11-01', 1, 0], ['2026-11-02', 0, 1]]], [null, undefined], ['b', undefined]]);
    expect(withDays(null)).toEqual([['a', undefined], [null, [['2026-11-01', 1, 0], ['2026-11-02', 0, 1]]], ['b', undefined]]);
  });

  it('gives no group days when the key asked for is none of theirs, or none was asked for', () => {
    const groups = [group({ key: 'a', code: 'A' }), group({ key: null, code: 'N' })];
    for (const sums of [{ groups, days: [], group: { key: 'gone', days: [] } }, { groups, days: [] }, { groups: [group({ key: 'a' })], days: [], group: { key: null, days: [] } }]) {
      expect(statsReport('campaign', sums).groups.filter((g) => 'days' in g), JSON.stringify(sums.group)).toEqual([]);
    }
  });
});
