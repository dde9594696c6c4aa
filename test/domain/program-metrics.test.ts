import { describe, expect, it } from 'vitest';
import {
  activity, activitySums, change, dailySeries, daysIn, daysOf, funnel, manyReferralsNoPurchase, previousPeriod, referralsOf, successesOf,
} from '../../worker/domain/program-metrics';

describe('periods', () => {
  it.each([
    [{ from: '2026-11-01', to: '2026-11-30' }, 30, { from: '2026-10-02', to: '2026-10-31' }],
    [{ from: '2026-12-01', to: '2026-12-01' }, 1, { from: '2026-11-30', to: '2026-11-30' }],
    [{ from: '2024-03-01', to: '2024-03-07' }, 7, { from: '2024-02-23', to: '2024-02-29' }], // a leap day
    [{ from: '2026-01-01', to: '2026-12-31' }, 365, { from: '2025-01-01', to: '2025-12-31' }],
  ])('%o spans %i days and is compared with %o', (p, days, before) => {
    expect(daysIn(p)).toBe(days);
    expect(previousPeriod(p)).toEqual(before);
    expect(daysIn(previousPeriod(p))).toBe(days);
  });

  it('lists every day of the period, across a month end', () => {
    expect(daysOf({ from: '2026-10-30', to: '2026-11-02' })).toEqual(['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02']);
  });

  it('fills quiet days with zeros in the series, keeping the days that had counts', () => {
    const series = dailySeries({ from: '2026-11-01', to: '2026-11-03' }, [{ day: '2026-11-02', n: 4 }], { n: 0 });
    expect(series).toEqual([{ day: '2026-11-01', n: 0 }, { day: '2026-11-02', n: 4 }, { day: '2026-11-03', n: 0 }]);
  });
});

describe('referrals and successes', () => {
  it('a referral is a signup or a registered deal; a success is a first payment or a won deal', () => {
    const c = { signups: 5, leads: 2, paying: 3, won: 1 };
    expect(referralsOf(c)).toBe(7);
    expect(successesOf(c)).toBe(4);
  });

  it.each([
    [10, 5, -0.5],
    [5, 10, 1],
    [0, 0, 0],
    [0, 3, null], // nothing to compare with
    [4, 0, -1],
    [-100, -50, 0.5], // revenue can be negative (refunds); less negative is up
  ])('from %i to %i is a change of %o', (previous, current, expected) => {
    expect(change(current, previous)).toBe(expected);
  });
});

describe('partner activity', () => {
  // Four approved partners; three had counts in the period: A referred 3 and 1 paid, B referred once, C only had a
  // deal won that was registered before the period (a success without a referral).
  const partners = [
    { referrals: 3, successes: 1 },
    { referrals: 1, successes: 0 },
    { referrals: 0, successes: 1 },
  ];

  it('sums partner by partner: referring, more than once, successful, and the totals', () => {
    expect(activitySums(partners)).toEqual({ referring: 2, referringMoreThanOnce: 1, successful: 2, referrals: 4, successes: 2 });
  });

  it('shares and averages are of all approved partners, not only the active ones', () => {
    expect(activity(4, activitySums(partners))).toEqual({
      partners: 4,
      referring: 2,
      referringMoreThanOnce: 1,
      successful: 2,
      referringShare: 0.5,
      referringMoreThanOnceShare: 0.25,
      successfulShare: 0.5,
      referralsPerPartner: 1,
      successesPerPartner: 0.5,
    });
  });

  it('a program without approved partners has zero shares, not NaN', () => {
    expect(activity(0, activitySums([]))).toMatchObject({ referringShare: 0, referralsPerPartner: 0 });
  });

  it.each([
    [{ referrals: 3, successes: 0 }, true],
    [{ referrals: 12, successes: 0 }, true],
    [{ referrals: 2, successes: 0 }, false], // too few to call out
    [{ referrals: 9, successes: 1 }, false], // one purchase is enough
  ])('"many referrals, no purchase" for %o: %s', (p, expected) => {
    expect(manyReferralsNoPurchase(p)).toBe(expected);
  });
});

describe('the funnel', () => {
  it('gives each step its share of the step before', () => {
    expect(funnel({ visits: 200, signups: 10, paying: 4, won: 1 })).toEqual({ visits: 200, signups: 10, paying: 4, won: 1, signupRate: 0.05, payingRate: 0.4 });
  });

  it('has no rate after an empty step, and lets promo-code signups without visits pass 100%', () => {
    expect(funnel({ visits: 0, signups: 0, paying: 0, won: 0 })).toMatchObject({ signupRate: null, payingRate: null });
    expect(funnel({ visits: 2, signups: 3, paying: 0, won: 0 })).toMatchObject({ signupRate: 1.5, payingRate: 0 });
  });
});
