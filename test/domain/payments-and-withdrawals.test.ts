import { describe, expect, it } from 'vitest';
import { money } from '../../shared/money';
import { paymentStanding } from '../../worker/domain/payments';
import { mayMoveMoney } from '../../worker/domain/partners';
import { inviteStatus } from '../../worker/domain/invites';
import { settlement, type Settlement } from '../../worker/domain/withdrawals';

const period = { startsAt: 1_000, endsAt: 2_000 };

describe("a payment's standing", () => {
  // paid at, the customer's first payment before it, first payments in the period before it => standing
  const table: [string, number, number | null, number, ReturnType<typeof paymentStanding>][] = [
    ['the first payment, within the period, counts as a successful referral', 1_500, null, 2, { isFirstPayment: true, firstPaidAt: 1_500, successfulReferrals: 3 }],
    ['a later payment is not a first, and adds no referral', 1_500, 1_200, 2, { isFirstPayment: false, firstPaidAt: 1_200, successfulReferrals: 2 }],
    ['an older invoice reported late becomes the first payment', 1_100, 1_200, 0, { isFirstPayment: true, firstPaidAt: 1_100, successfulReferrals: 1 }],
    ['a first payment outside the period adds no referral to it', 2_500, null, 4, { isFirstPayment: true, firstPaidAt: 2_500, successfulReferrals: 4 }],
    ['the period ends before its end instant', 2_000, null, 0, { isFirstPayment: true, firstPaidAt: 2_000, successfulReferrals: 0 }],
  ];
  for (const [name, paidAt, before, inPeriod, expected] of table) {
    it(name, () => expect(paymentStanding(paidAt, before, inPeriod, period)).toEqual(expected));
  }
});

describe('who may move a partner\'s money', () => {
  const table: [Parameters<typeof mayMoveMoney>[0], boolean][] = [
    [{ role: 'owner' }, true],
    [{ role: 'finance' }, true],
    [{ role: 'manager' }, false],
    [null, false], // program staff and strangers are not members
  ];
  for (const [membership, may] of table) {
    it(`${membership?.role ?? 'a non-member'}: ${may ? 'may' : 'may not'}`, () => expect(mayMoveMoney(membership)).toBe(may));
  }
});

describe('how a withdrawal may end', () => {
  const w = { id: 'wd_1', partnerId: 'prt_1', amount: money(5_000, 'EUR') };
  const table: [Settlement, string | null, string[], string, string, string][] = [
    ['paid', null, ['approved'], 'paid', 'withdrawal', 'Withdrawal paid out'],
    ['failed', null, ['approved'], 'failed', 'reversal', 'Returned to balance: the payout failed'],
    ['reject', null, ['requested', 'approved'], 'canceled', 'reversal', 'Returned to balance: the request was rejected'],
    ['reject', 'duplicate account', ['requested', 'approved'], 'canceled', 'reversal', 'Returned to balance: duplicate account'],
    ['cancel', null, ['requested'], 'canceled', 'reversal', 'Returned to balance: withdrawal canceled'],
  ];
  for (const [action, why, from, to, type, reason] of table) {
    it(`${action}${why ? ` (${why})` : ''}: from ${from.join(' or ')} to ${to}`, () => {
      const s = settlement(action, w, why);
      expect(s.from).toEqual(from);
      expect(s.to).toBe(to);
      expect(s.entry).toMatchObject({ holder: { partnerId: 'prt_1' }, type, amount: money(5_000, 'EUR'), reason });
    });
  }
});

describe('where an invite stands', () => {
  const open = { acceptedAt: null, revokedAt: null, expiresAt: 2_000 };
  const table: [string, Parameters<typeof inviteStatus>[0], number, ReturnType<typeof inviteStatus>][] = [
    ['open before its expiry', open, 1_999, 'pending'],
    ['expired at its expiry instant', open, 2_000, 'expired'],
    ['accepted, even past its expiry', { ...open, acceptedAt: 1_500 }, 3_000, 'accepted'],
    ['withdrawn, even past its expiry', { ...open, revokedAt: 1_500 }, 3_000, 'revoked'],
  ];
  for (const [name, invite, now, status] of table) it(name, () => expect(inviteStatus(invite, now)).toBe(status));
});
