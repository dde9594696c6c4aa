// The engagement triggers' rules (docs/ENGAGEMENT.md), table by table: when a partner is inactive and since when, when
// referrals without success are told, what counts as close to a tier, and the keys that keep each condition told once.
import { describe, expect, it } from 'vitest';
import { closeEnough, engagementEvent, halfOver, inactiveSpell, lastActiveAt, nearTier, noSuccess } from '../../worker/domain/engagement';
import { renderEmail } from '../../worker/domain/email-texts';
import { engagementFacts } from '../../worker/domain/email-texts-engagement';

const DAY = 86_400_000;
const T = Date.UTC(2026, 10, 2, 9); // 2026-11-02 09:00 UTC
const july = { id: 'per_prg_20260701T000000000', startsAt: Date.UTC(2026, 6, 1), endsAt: Date.UTC(2026, 7, 1) };

describe('inactive: no sign-in by any member and no referral for N days', () => {
  it.each([
    ['joined 30 days ago, nothing since', { joinedAt: T - 30 * DAY, lastSignInAt: null, lastReferralDay: null }, 30, { days: 30, key: 'since:2026-10-03' }],
    ['joined 29 days ago: not yet', { joinedAt: T - 29 * DAY, lastSignInAt: null, lastReferralDay: null }, 30, null],
    ['a sign-in 10 days ago keeps it active', { joinedAt: T - 90 * DAY, lastSignInAt: T - 10 * DAY, lastReferralDay: null }, 30, null],
    ['a referral 5 days ago keeps it active, whatever the sign-ins', { joinedAt: T - 90 * DAY, lastSignInAt: T - 80 * DAY, lastReferralDay: '2026-10-28' }, 30, null],
    ['the later of sign-in and referral counts', { joinedAt: T - 90 * DAY, lastSignInAt: T - 45 * DAY, lastReferralDay: '2026-09-01' }, 30, { days: 45, key: 'since:2026-09-18' }],
    ['a referral counts from the start of its day', { joinedAt: 0, lastSignInAt: null, lastReferralDay: '2026-10-01' }, 30, { days: 32, key: 'since:2026-10-01' }],
    ['the setting decides: 60 days', { joinedAt: T - 45 * DAY, lastSignInAt: null, lastReferralDay: null }, 60, null],
  ])('%s', (_, facts, days, expected) => {
    const spell = inactiveSpell(facts, days, T);
    expect(spell && { days: spell.days, key: spell.key }).toEqual(expected);
    if (spell) expect(spell.since).toBe(lastActiveAt(facts));
  });

  it('keeps its key through the spell and gets a new one after a sign of life', () => {
    const quiet = { joinedAt: T - 40 * DAY, lastSignInAt: T - 35 * DAY, lastReferralDay: null };
    expect(inactiveSpell(quiet, 30, T)!.key).toBe(inactiveSpell(quiet, 30, T + 20 * DAY)!.key);
    const back = { ...quiet, lastSignInAt: T + 1 * DAY };
    expect(inactiveSpell(back, 30, T + 20 * DAY)).toBeNull();
    expect(inactiveSpell(back, 30, T + 31 * DAY)!.key).not.toBe(inactiveSpell(quiet, 30, T)!.key);
  });
});

describe('referrals but no success in the current period', () => {
  it.each([
    ['3 referrals, no success, July 20', { referrals: 3, successes: 0 }, Date.UTC(2026, 6, 20), { key: july.id, notify: true }],
    ['3 referrals, no success, July 10: listed, not yet told', { referrals: 3, successes: 0 }, Date.UTC(2026, 6, 10), { key: july.id, notify: false }],
    ['a success', { referrals: 3, successes: 1 }, Date.UTC(2026, 6, 20), null],
    ['no referral', { referrals: 0, successes: 0 }, Date.UTC(2026, 6, 20), null],
    ['a signup moved away (negative rollup)', { referrals: -1, successes: 0 }, Date.UTC(2026, 6, 20), null],
  ])('%s', (_, counts, now, expected) => {
    expect(noSuccess(counts, july, now)).toEqual(expected);
  });

  it('a period is half over at its midpoint', () => {
    expect(halfOver(july, Date.UTC(2026, 6, 16, 11, 59))).toBe(false);
    expect(halfOver(july, Date.UTC(2026, 6, 16, 12))).toBe(true);
  });
});

describe('close to the next escalation tier', () => {
  const tiers = [{ minReferrals: 5, percentBps: 2500 }, { minReferrals: 20, percentBps: 3000 }, { minReferrals: 50, amountMinor: 5000 }];
  it.each([
    ['3 of 5: 2 away', 3, { needed: 2, tier: 5, key: `${july.id}:5` }],
    ['2 of 5: 3 away, not close', 2, null],
    ['4 of 5: 1 away', 4, { needed: 1, tier: 5, key: `${july.id}:5` }],
    ['5: the first tier reached, 15 from 20', 5, null],
    ['16 of 20: 4 away is within a fifth of 20', 16, { needed: 4, tier: 20, key: `${july.id}:20` }],
    ['15 of 20: 5 away', 15, null],
    ['40 of 50: 10 away is a fifth', 40, { needed: 10, tier: 50, key: `${july.id}:50` }],
    ['at the top', 50, null],
    ['no success yet', 0, null],
  ])('%s', (_, successes, expected) => {
    const near = nearTier(tiers, successes, july);
    expect(near && { needed: near.needed, tier: near.tier.minReferrals, key: near.key }).toEqual(expected);
  });

  it('without tiers nobody is close; "close" is 2, or a fifth of the tier if more', () => {
    expect(nearTier([], 3, july)).toBeNull();
    expect([3, 10, 14, 15, 100].map((m) => closeEnough({ minReferrals: m }))).toEqual([2, 2, 2, 3, 20]);
  });
});

describe('events and emails', () => {
  it('the first send is keyed by the condition, a re-send by its own id', () => {
    const first = engagementEvent('inactive', { partnerId: 'prt_1', key: 'since:2026-10-03', data: { inactiveDays: 30 } });
    expect(first).toEqual({ type: 'partner.inactive', dedupeKey: 'partner.inactive:prt_1:since:2026-10-03', data: { partnerId: 'prt_1', conditionKey: 'since:2026-10-03', inactiveDays: 30 } });
    expect(engagementEvent('near_tier', { partnerId: 'prt_1', key: 'k', data: {}, resendId: 'r1' }).dedupeKey).toBe('partner.near_tier:prt_1:k:resend:r1');
  });

  it('the emails tell the figures in the partner\'s language', () => {
    const base = { recipientName: 'Åsa', programName: 'Demo Shop', partnerName: 'Acme AB', link: 'https://x.test' };
    const near = engagementFacts({ successes: 3, needed: 2, tierPercentBps: null, tierAmount: { amount: 1500, currency: 'EUR' } });
    expect(renderEmail('partner_near_tier', 'en', { ...base, engagement: near }, null).text).toContain('2 more this period reach the next commission tier: €15.00.');
    expect(renderEmail('partner_inactive', 'de', { ...base, engagement: engagementFacts({ inactiveDays: 31 }) }, null).text).toContain('Seit 31 Tagen hat sich niemand von Acme AB angemeldet');
    expect(renderEmail('partner_no_success', 'sv', { ...base, engagement: engagementFacts({ referrals: 1 }) }, null).text).toContain('Acme AB har 1 hänvisning hos Demo Shop');
  });
});
