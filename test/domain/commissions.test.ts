import { describe, expect, it } from 'vitest';
import { nextTier, paymentEntries, ruleFor, type RewardRule } from '../../worker/domain/commissions';
import { awardMoves, signupEntries, type PendingSignupEntry } from '../../worker/domain/signups';
import { releaseMoves, type Lot } from '../../worker/domain/ledger';
import { clientPaymentEntry, clientPaymentQuote, withdrawalRequested } from '../../worker/domain/withdrawals';
import { money } from '../../shared/money';

const programFlat: RewardRule = { id: 'r1', partnerId: null, event: 'signup', kind: 'flat', amountMinor: 1000, percentBps: null, holdDays: 0, product: null, recurringMonths: null, tiers: [], split: [] };
const partnerFlat: RewardRule = { ...programFlat, id: 'r2', partnerId: 'prt_vip', amountMinor: 2500 };
const facts = { customerId: 'cus_1', source: { invitationCode: 'ACME' }, partnerId: 'prt_1', currency: 'EUR', signupCreditMinor: 500, rules: [programFlat], now: 0 };

describe('signup rewards', () => {
  it("credits the customer the program's signup credit", () => {
    const credit = signupEntries(facts).find((e) => e.type === 'signup_credit')!;
    expect(credit).toMatchObject({ holder: { customerId: 'cus_1' }, amount: { amount: 500, currency: 'EUR' }, status: 'available', idempotencyKey: 'signup:cus_1:credit' });
  });

  it('pays the partner the flat signup commission', () => {
    const commission = signupEntries(facts).find((e) => e.type === 'commission')!;
    expect(commission).toMatchObject({ holder: { partnerId: 'prt_1' }, amount: { amount: 1000, currency: 'EUR' }, status: 'available', idempotencyKey: 'signup:cus_1:prt_1:0' });
    expect(commission.reason).toBe('Signup commission: customer cus_1 joined with invitation ACME');
  });

  it("a partner's own rule overrides the program default", () => {
    expect(ruleFor([programFlat, partnerFlat], 'prt_vip', 'signup')?.amountMinor).toBe(2500);
    expect(ruleFor([programFlat, partnerFlat], 'prt_other', 'signup')?.amountMinor).toBe(1000);
  });

  it('a held commission is pending until its hold ends', () => {
    const held = signupEntries({ ...facts, rules: [{ ...programFlat, holdDays: 14 }], now: 1000 }).find((e) => e.type === 'commission')!;
    expect(held).toMatchObject({ status: 'pending', availableAt: 1000 + 14 * 86_400_000 });
  });

  it('a customer advocate earns no partner commission; a zero credit posts nothing', () => {
    expect(signupEntries({ ...facts, partnerId: null, signupCreditMinor: 0 })).toEqual([]);
  });
});

describe('a signup from a company locked by a lead', () => {
  const eur = (n: number) => money(n, 'EUR');

  it('through no invitation, names the lead in its reasons and pays the locked partner', () => {
    const entries = signupEntries({ ...facts, source: { leadCompany: 'Globex AB' } });
    expect(entries.map((e) => e.reason)).toEqual(['Signup credit for joining from Globex AB, a locked lead', 'Signup commission: customer cus_1 joined from Globex AB, a locked lead']);
  });

  it("awarded to the locked partner: the customer's credit is released, everything the invitation's side earned is reversed", () => {
    const pending: PendingSignupEntry[] = [
      { id: 'led_credit', holder: { customerId: 'cus_1' }, amount: eur(500), availableAt: null, subjectCustomerId: null },
      { id: 'led_comm', holder: { partnerId: 'prt_rival' }, amount: eur(1000), availableAt: null, subjectCustomerId: 'cus_1' },
      { id: 'led_friend', holder: { customerId: 'cus_friend' }, amount: eur(300), availableAt: null, subjectCustomerId: 'cus_1' },
    ];
    const moves = awardMoves(pending, 'cus_1', 5);
    const landed = moves.filter((m) => m.status !== 'pending').map((m) => [m.lotId, m.type, m.status, m.amount.amount]);
    expect(landed).toEqual([
      ['led_credit', 'release', 'available', 500],
      ['led_comm', 'reversal', 'reversed', 1000],
      ['led_friend', 'reversal', 'reversed', 300],
    ]);
    // Each move takes the lot out of pending first; every key is the award's own.
    expect(moves.filter((m) => m.status === 'pending').map((m) => m.amount.amount)).toEqual([-500, -1000, -300]);
    expect(new Set(moves.map((m) => m.idempotencyKey)).size).toBe(6);
    expect(moves.filter((m) => m.type === 'reversal').every((m) => m.eventType === 'signup_awarded')).toBe(true);
  });
});

// Ledger entries are never erased, so a reason names people by our own ids; the email lives in the customer row.
describe('ledger reasons name the customer by id, never by email', () => {
  const percent: RewardRule = { ...programFlat, id: 'r3', event: 'payment', kind: 'percent', amountMinor: null, percentBps: 2000 };
  const signup = signupEntries({ ...facts, referrerCustomerId: 'cus_old', referrerCreditMinor: 500 });
  const payment = paymentEntries({
    paymentId: 'pay_1', invoiceId: 'in_1', amount: money(4900, 'EUR'), product: 'pro', paidAt: 0, customerId: 'cus_1', partnerId: 'prt_1', partnerDisplayId: 'P100001',
    recruiter: { partnerId: 'prt_boss', displayId: 'P100009', approved: true }, secondTierBps: 1000, isFirstPayment: true, firstPaidAt: 0, successfulReferrals: 1, rules: [percent], now: 0,
  });
  const lot: Lot = {
    id: 'led_1', partnerId: 'prt_1', amount: money(980, 'EUR'), pending: money(980, 'EUR'), available: money(0, 'EUR'), clawed: money(0, 'EUR'), reversed: money(0, 'EUR'),
    availableAt: 0, requiresRetention: false, subjectCustomerId: 'cus_1', eventType: 'payment', eventId: 'pay_1', reason: payment[0].reason,
  };
  it.each([
    ['signup credit', signup[0].reason, 'Signup credit for joining with invitation ACME'],
    ['referral credit', signup[1].reason, 'Referral credit: customer cus_1 joined with your invitation ACME'],
    ['signup commission', signup[2].reason, 'Signup commission: customer cus_1 joined with invitation ACME'],
    ['payment commission', payment[0].reason, 'Commission: 20% of invoice in_1 (pro) paid by customer cus_1'],
    ['second tier', payment[1].reason, "Second tier: 10% of P100001's commission: 20% of invoice in_1 (pro) paid by customer cus_1"],
    ['release', releaseMoves([lot], 1, 'per')[0].reason, 'Hold ended: Commission: 20% of invoice in_1 (pro) paid by customer cus_1'],
    ['client payment', clientPaymentEntry('prt_1', 'cpay_1', 'cus_1', 'pro', clientPaymentQuote(money(4900, 'EUR'), 1000)).reason, "Paid customer cus_1's pro subscription (€49.00 less the 10% partner discount)"],
    ['withdrawal', withdrawalRequested('prt_1', 'wd_1', money(5000, 'EUR'), 'bank_account').reason, 'Withdrawal requested to bank account'],
  ])('%s', (_, reason, expected) => {
    expect(reason).toBe(expected);
    expect(reason).not.toContain('@');
  });
});

describe('the next escalation tier', () => {
  const tiered: RewardRule = { ...programFlat, event: 'payment', kind: 'percent', amountMinor: null, percentBps: 2000, tiers: [{ minReferrals: 10, percentBps: 3000 }, { minReferrals: 5, percentBps: 2500 }] };
  it.each([
    [0, { needed: 5, percentBps: 2500 }],
    [4, { needed: 1, percentBps: 2500 }],
    [5, { needed: 5, percentBps: 3000 }],
    [9, { needed: 1, percentBps: 3000 }],
  ])('with %i successful referrals in the period: %o more to the next', (n, want) => {
    const next = nextTier(tiered, n);
    expect(next !== null && next !== 'top' && { needed: next.needed, percentBps: next.tier.percentBps }).toEqual(want);
  });
  it("is 'top' at the highest tier and null for a rule without tiers", () => {
    expect(nextTier(tiered, 10)).toBe('top');
    expect(nextTier(tiered, 40)).toBe('top');
    expect(nextTier(programFlat, 3)).toBeNull();
  });
});

describe('a backdated payment is held like a new one', () => {
  const DAY = 86_400_000;
  const NOW = Date.UTC(2026, 11, 1);
  const held: RewardRule = { ...programFlat, id: 'r_hold', event: 'payment', kind: 'percent', amountMinor: null, percentBps: 2000, holdDays: 30 };
  const pay = (paidAt: number) =>
    paymentEntries({
      paymentId: 'pay_b', invoiceId: 'in_b', amount: money(4900, 'EUR'), product: null, paidAt, customerId: 'cus_b', partnerId: 'prt_1', partnerDisplayId: 'P100001',
      recruiter: null, secondTierBps: 0, isFirstPayment: true, firstPaidAt: paidAt, successfulReferrals: 1, rules: [held], now: NOW,
    })[0];
  it.each([
    ['paid now: held 30 days', NOW, NOW + 30 * DAY],
    ['paid 10 days ago: held from now, not 20 days', NOW - 10 * DAY, NOW + 30 * DAY],
    ['reported as paid in May: still held 30 days from now', Date.UTC(2026, 4, 1), NOW + 30 * DAY],
  ])('%s', (_, paidAt, availableAt) => {
    expect(pay(paidAt)).toMatchObject({ status: 'pending', availableAt });
  });
});
