// The money rules of issue "The money engine", one table per rule, named after it.
import { describe, expect, it } from 'vitest';
import { allocate, AmountError, decimal, minorFromInput, money, parseAmount, percentOf, scale } from '../../shared/money';
import { paymentEntries, rateFor, ruleFor, withinRecurrence, type PaymentRewardFacts, type RewardRule } from '../../worker/domain/commissions';
import { signupEntries } from '../../worker/domain/signups';
import { refundMoves, releaseMoves, retentionMoves, type Lot } from '../../worker/domain/ledger';
import { clientPaymentProblem, clientPaymentQuote, paidUntil, withdrawalProblem } from '../../worker/domain/withdrawals';
import { openPeriodAt, periodAt } from '../../worker/domain/periods';
import { programTerms } from '../../worker/domain/terms';

const DAY = 86_400_000;
const eur = (amount: number) => money(amount, 'EUR');
const rule = (r: Partial<RewardRule>): RewardRule => ({
  id: 'r', partnerId: null, event: 'payment', kind: 'percent', amountMinor: null, percentBps: 1000, product: null, recurringMonths: null, holdDays: 0, tiers: [], split: [], ...r,
});
const T0 = Date.UTC(2026, 0, 15);
const facts = (f: Partial<PaymentRewardFacts> = {}): PaymentRewardFacts => ({
  paymentId: 'pay_1', invoiceId: 'in_1', amount: eur(10_000), product: null, paidAt: T0, customerId: 'cus_1',
  partnerId: 'prt_1', partnerDisplayId: 'P100001', recruiter: null, secondTierBps: 0, isFirstPayment: true, firstPaidAt: T0, successfulReferrals: 1,
  rules: [rule({})], now: T0, ...f,
});
const amounts = (f: Partial<PaymentRewardFacts>) => paymentEntries(facts(f)).map((e) => [('partnerId' in e.holder ? e.holder.partnerId : ''), e.amount.amount, e.status]);

describe('money module: integer minor units only', () => {
  it.each([
    ['10% of 12.34', () => percentOf(eur(1234), 1000), 123],
    ['12.5% of 1.00 rounds half away from zero', () => percentOf(eur(100), 1250), 13],
    ['a third of 1.00', () => scale(eur(100), 1, 3), 33],
    ['two thirds of 1.00', () => scale(eur(100), 2, 3), 67],
    ['negative amounts round symmetrically', () => percentOf(eur(-100), 1250), -13],
  ])('%s', (_, f, expected) => expect(f().amount).toBe(expected));

  it.each([
    [eur(100), [2500, 7500], [25, 75]],
    [eur(101), [5000, 5000], [51, 50]],
    [eur(1), [3333, 3333, 3334], [1, 0, 0]],
    [eur(-101), [5000, 5000], [-51, -50]],
  ])('allocates %o by %o into parts that add up exactly', (m, shares, parts) => {
    expect(allocate(m, shares).map((p) => p.amount)).toEqual(parts);
  });
});

describe('amounts written for files are plain decimals in their currency', () => {
  it.each([
    [123456, 'EUR', '1234.56'], [5, 'EUR', '0.05'], [0, 'EUR', '0.00'], [-1250, 'EUR', '-12.50'], [-5, 'USD', '-0.05'], [500, 'JPY', '500'], [-500, 'JPY', '-500'], [1234567, 'KWD', '1234.567'],
  ])('%i minor units of %s are %s', (minor, currency, text) => {
    expect(decimal(money(minor, currency))).toBe(text);
  });
});

describe('amounts typed by people are read without floats', () => {
  it.each([
    ['50', 'EUR', 5000],
    ['50.5', 'EUR', 5050],
    ['1 234,50', 'EUR', 123_450],
    ['€49.99', 'EUR', 4999],
    ['0.1', 'EUR', 10],
    ['500', 'JPY', 500],
    ['1.999', 'EUR', null],
    ['12.5', 'JPY', null],
    ['-5', 'EUR', null],
    ['abc', 'EUR', null],
    ['abc12', 'EUR', null],
    ['49.99 EUR', 'EUR', 4999],
    ['', 'EUR', null],
  ])('%s %s is %s minor units', (text, currency, minor) => expect(parseAmount(text, currency)?.amount ?? null).toBe(minor));
});

describe('amount fields in forms read commas as thousands', () => {
  it.each([
    ['1,200.50', 120_050],
    ['1200', 120_000],
    ['12.', 1200],
    ['', undefined],
  ])('%s is %s minor units', (text, minor) => expect(minorFromInput(text, 'EUR')).toBe(minor));
  it.each(['12.345', 'abc', '-5'])('%s is refused', (text) => expect(() => minorFromInput(text, 'EUR')).toThrow(AmountError));
});

describe('rule: flat amount per signup', () => {
  it('pays the flat amount and credits the customer', () => {
    const e = signupEntries({ customerId: 'cus_1', source: { invitationCode: 'A' }, partnerId: 'prt_1', currency: 'EUR', signupCreditMinor: 500, rules: [rule({ event: 'signup', kind: 'flat', amountMinor: 1000, percentBps: null })], now: 0 });
    expect(e.map((x) => [x.type, x.amount.amount])).toEqual([['signup_credit', 500], ['commission', 1000]]);
  });
});

describe('rule: a customer who refers a friend earns credit', () => {
  const base = { customerId: 'cus_new', source: { invitationCode: 'FRIEND' }, partnerId: null, currency: 'EUR', signupCreditMinor: 500, rules: [], now: 0 };
  it.each([
    ['the referrer earns the program\'s referrer credit (a credit of its own type, not a commission)', { referrerCustomerId: 'cus_old', referrerCreditMinor: 500 },
      [['cus_new', 'signup_credit', 500], ['cus_old', 'referrer_credit', 500]]],
    ['nothing when the program gives none', { referrerCustomerId: 'cus_old', referrerCreditMinor: 0 }, [['cus_new', 'signup_credit', 500]]],
    ['never for referring oneself', { referrerCustomerId: 'cus_new', referrerCreditMinor: 500 }, [['cus_new', 'signup_credit', 500]]],
  ] as const)('%s', (_, f, expected) => {
    const e = signupEntries({ ...base, ...f });
    expect(e.map((x) => ['customerId' in x.holder ? x.holder.customerId : '', x.type, x.amount.amount])).toEqual(expected);
  });
});

describe('rule: percent of each payment', () => {
  it.each([
    [1000, 10_000, 1000],
    [2000, 4900, 980],
    [1250, 999, 125],
  ])('%i bps of %i is %i', (bps, paid, earned) => {
    expect(amounts({ amount: eur(paid), rules: [rule({ percentBps: bps })] })).toEqual([['prt_1', earned, 'available']]);
  });
});

describe('rule: recurring for N months or for life', () => {
  const month = (n: number) => Date.UTC(2026, 0 + n, 15);
  it.each([
    ['for life: a payment years later earns', null, month(40), false, true],
    ['first payment only: the first earns', 0, T0, true, true],
    ['first payment only: the second does not', 0, month(1), false, false],
    ['12 months: month 11 earns', 12, month(11), false, true],
    ['12 months: month 12 does not', 12, month(12), false, false],
  ])('%s', (_, recurringMonths, paidAt, first, earns) => {
    expect(withinRecurrence(rule({ recurringMonths }), T0, paidAt, first)).toBe(earns);
    expect(amounts({ paidAt, now: paidAt, isFirstPayment: first, rules: [rule({ recurringMonths })] }).length > 0).toBe(earns);
  });
});

describe('rule: recurring months end on the same day, or the last day of a shorter month', () => {
  const at = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d, 12);
  it.each([
    ['Jan 31 + 1 month ends Feb 28: Feb 27 earns', at(2026, 1, 31), 1, at(2026, 2, 27), true],
    ['Jan 31 + 1 month ends Feb 28: Mar 1 does not', at(2026, 1, 31), 1, at(2026, 3, 1), false],
    ['Jan 31 + 1 month in a leap year ends Feb 29: Feb 29 morning earns', at(2028, 1, 31), 1, Date.UTC(2028, 1, 29, 6), true],
    ['Jan 31 + 1 month in a leap year ends Feb 29: Mar 1 does not', at(2028, 1, 31), 1, at(2028, 3, 1), false],
    ['Aug 31 + 1 month ends Sep 30: Oct 1 does not', at(2026, 8, 31), 1, at(2026, 10, 1), false],
    ['Mar 31 + 11 months ends Feb 28: Mar 2 does not', at(2026, 3, 31), 11, at(2027, 3, 2), false],
    ['Dec 31 + 2 months ends Feb 28 next year: Feb 28 morning earns', at(2026, 12, 31), 2, Date.UTC(2027, 1, 28, 6), true],
  ])('%s', (_, firstPaidAt, recurringMonths, paidAt, earns) => {
    expect(withinRecurrence(rule({ recurringMonths }), firstPaidAt, paidAt, false)).toBe(earns);
  });
});

describe('rule: per product, with overrides per partner', () => {
  const rules = [
    rule({ id: 'program', percentBps: 1000 }),
    rule({ id: 'program-pro', product: 'pro', percentBps: 1500 }),
    rule({ id: 'partner', partnerId: 'prt_vip', percentBps: 2000 }),
    rule({ id: 'partner-pro', partnerId: 'prt_vip', product: 'pro', percentBps: 3000 }),
  ];
  it.each([
    ['prt_1', null, 'program'],
    ['prt_1', 'pro', 'program-pro'],
    ['prt_1', 'basic', 'program'],
    ['prt_vip', null, 'partner'],
    ['prt_vip', 'pro', 'partner-pro'],
  ])('partner %s buying %s: the %s rule applies', (partnerId, product, expected) => {
    expect(ruleFor(rules, partnerId, 'payment', product)?.id).toBe(expected);
  });
});

describe('rule: escalation tiers', () => {
  const tiered = rule({ percentBps: 1000, tiers: [{ minReferrals: 5, percentBps: 1500 }, { minReferrals: 10, percentBps: 2000 }] });
  it.each([
    [1, 1000],
    [4, 1000],
    [5, 1500],
    [9, 1500],
    [10, 2000],
    [50, 2000],
  ])('with %i successful referrals in the period the rate is %i bps', (n, bps) => {
    expect(rateFor(tiered, n).percentBps).toBe(bps);
    expect(amounts({ successfulReferrals: n, rules: [tiered] })[0][1]).toBe(bps);
  });
});

describe('rule: split timing, with retention', () => {
  const split = rule({ percentBps: 4000, split: [{ shareBps: 2500, afterDays: 0 }, { shareBps: 7500, afterDays: 180, retention: true }] });
  it('25% when the customer first pays, 75% after 6 months if still subscribed', () => {
    const e = paymentEntries(facts({ rules: [split] }));
    expect(e.map((x) => [x.amount.amount, x.status, x.availableAt, x.requiresRetention])).toEqual([
      [1000, 'available', null, false],
      [3000, 'pending', T0 + 180 * DAY, true],
    ]);
  });
  it('a later payment\'s retention part matures 6 months after the first payment, not after itself', () => {
    const later = T0 + 60 * DAY;
    const e = paymentEntries(facts({ rules: [split], paidAt: later, now: later, isFirstPayment: false }));
    expect(e[1].availableAt).toBe(T0 + 180 * DAY);
  });
  const lot = (l: Partial<Lot>): Lot => ({
    id: 'led_1', partnerId: 'prt_1', amount: eur(3000), pending: eur(3000), available: eur(0), clawed: eur(0), reversed: eur(0), availableAt: T0 + 180 * DAY,
    requiresRetention: true, subjectCustomerId: 'cus_1', eventType: 'payment', eventId: 'pay_1', reason: 'Commission', ...l,
  });
  it.each([
    ['canceling before it matures reverses it', lot({}), T0 + 30 * DAY, 3000],
    ['canceling after it matured keeps it', lot({}), T0 + 181 * DAY, 0],
    ['a part without retention is never reversed by a cancellation', lot({ requiresRetention: false }), T0 + 30 * DAY, 0],
    ["another customer's cancellation changes nothing", lot({ subjectCustomerId: 'cus_2' }), T0 + 30 * DAY, 0],
  ])('%s', (_, l, at, reversed) => {
    const moves = retentionMoves([l], 'cus_1', at, 'sub');
    expect(moves.filter((m) => m.status === 'reversed').reduce((s, m) => s + m.amount.amount, 0)).toBe(reversed);
  });
});

describe('rule: hold period before a commission is available', () => {
  const lot = (availableAt: number, pending = 2000): Lot => ({
    id: `led_${availableAt}`, partnerId: 'prt_1', amount: eur(2000), pending: eur(pending), available: eur(2000 - pending), clawed: eur(0), reversed: eur(0),
    availableAt, requiresRetention: false, subjectCustomerId: 'cus_1', eventType: 'payment', eventId: 'pay_1', reason: 'Commission',
  });
  it('a held commission is pending with the end of its hold', () => {
    const e = paymentEntries(facts({ rules: [rule({ holdDays: 30 })] }));
    expect(e[0]).toMatchObject({ status: 'pending', availableAt: T0 + 30 * DAY });
  });
  it.each([
    ['a close after the hold releases it', T0 + 30 * DAY, T0 + 31 * DAY, 2000],
    ['a close before the hold ends leaves it pending', T0 + 30 * DAY, T0 + 29 * DAY, 0],
  ])('%s', (_, availableAt, closeAt, released) => {
    const moves = releaseMoves([lot(availableAt)], closeAt, 'per');
    expect(moves.filter((m) => m.status === 'available').reduce((s, m) => s + m.amount.amount, 0)).toBe(released);
    expect(moves.reduce((s, m) => s + m.amount.amount, 0)).toBe(0); // a move never creates money
  });
});

describe('rule: a refund posts a clawback, never an edit', () => {
  const lot = (pending: number, available: number): Lot => ({
    id: 'led_1', partnerId: 'prt_1', amount: eur(2000), pending: eur(pending), available: eur(available), clawed: eur(2000 - pending - available), reversed: eur(2000 - pending - available),
    availableAt: 0, requiresRetention: false, subjectCustomerId: 'cus_1', eventType: 'payment', eventId: 'pay_1', reason: 'Commission',
  });
  const refund = (l: Lot, before: number, amount: number) =>
    Object.fromEntries(refundMoves([l], { refundId: 'ref_1', invoiceId: 'in_1', paymentAmount: eur(10_000), refundedBefore: eur(before), refund: eur(amount) }).map((m) => [m.status, m.amount.amount]));
  it.each([
    ['a quarter refund of a pending commission', lot(2000, 0), 0, 2500, { pending: -500, reversed: 500 }],
    ['a full refund of a pending commission', lot(2000, 0), 0, 10_000, { pending: -2000, reversed: 2000 }],
    ['a refund after release comes from available', lot(0, 2000), 0, 5000, { available: -1000, reversed: 1000 }],
    ['pending first, then available', lot(500, 1500), 0, 5000, { pending: -500, available: -500, reversed: 1000 }],
    ['the last refund takes back what is left, so rounding leaves nothing', lot(1333, 0), 3333, 6667, { pending: -1333, reversed: 1333 }],
  ])('%s', (_, l, before, amount, expected) => expect(refund(l, before, amount)).toEqual(expected));
});

describe('rule: second tier, one level, bounded, off by default', () => {
  const recruiter = { partnerId: 'prt_recruiter', displayId: 'P100002', approved: true };
  it.each([
    ['off by default', { recruiter }, [['prt_1', 1000, 'available']]],
    ['10% of what the recruit earns', { recruiter, secondTierBps: 1000 }, [['prt_1', 1000, 'available'], ['prt_recruiter', 100, 'available']]],
    ['not for a recruiter who is not approved', { recruiter: { ...recruiter, approved: false }, secondTierBps: 1000 }, [['prt_1', 1000, 'available']]],
    ['nothing without a recruiter', { secondTierBps: 1000 }, [['prt_1', 1000, 'available']]],
  ] as const)('%s', (_, f, expected) => expect(amounts(f as Partial<PaymentRewardFacts>)).toEqual(expected));

  it("the recruiter's share follows the recruit's timing and retention", () => {
    const split = rule({ percentBps: 4000, split: [{ shareBps: 2500, afterDays: 0 }, { shareBps: 7500, afterDays: 180, retention: true }] });
    const e = paymentEntries(facts({ rules: [split], recruiter, secondTierBps: 1000 }));
    expect(e.map((x) => [('partnerId' in x.holder && x.holder.partnerId), x.amount.amount, x.requiresRetention])).toEqual([
      ['prt_1', 1000, false], ['prt_recruiter', 100, false], ['prt_1', 3000, true], ['prt_recruiter', 300, true],
    ]);
  });
});

describe('rule: withdrawals', () => {
  const base = { amount: eur(6000), programCurrency: 'EUR', available: eur(10_000), minimum: eur(5000), payoutMethod: 'bank_account' as const, hasOpenRequest: false };
  it.each([
    ['within the minimum and the balance', {}, null],
    ['exactly the minimum', { amount: eur(5000) }, null],
    ['exactly the balance', { amount: eur(10_000) }, null],
    ['below the minimum', { amount: eur(4999) }, 'below_minimum'],
    ['above the available balance', { amount: eur(10_001) }, 'insufficient_balance'],
    ['a second open request', { hasOpenRequest: true }, 'withdrawal_open'],
    ['no payout method on file', { payoutMethod: null }, 'payout_method_missing'],
    ['another currency', { amount: money(6000, 'USD') }, 'currency_mismatch'],
  ])('%s', (_, change, code) => expect(withdrawalProblem({ ...base, ...change })?.code ?? null).toBe(code));

  it('states the minimum in words', () => {
    expect(withdrawalProblem({ ...base, amount: eur(100) })?.message).toBe('The minimum withdrawal is €50.00.');
  });
});

describe('rule: paying for a client with the partner discount', () => {
  it.each([
    [4900, 0, 4900],
    [4900, 1000, 4410],
    [999, 1500, 849],
  ])('list price %i with %i bps discount costs %i', (list, bps, price) => expect(clientPaymentQuote(eur(list), bps).price.amount).toBe(price));

  it.each([
    ['extends a running subscription from its expiry', Date.UTC(2026, 1, 10), Date.UTC(2026, 0, 20), 'month', Date.UTC(2026, 2, 10)],
    ['restarts a lapsed one from today', Date.UTC(2025, 11, 1), Date.UTC(2026, 0, 20), 'month', Date.UTC(2026, 1, 20)],
    ['restarts a lapsed one from the start of today, not from this moment', Date.UTC(2025, 11, 1), Date.UTC(2026, 0, 20, 15, 30, 12, 345), 'month', Date.UTC(2026, 1, 20)],
    ['so the date due for a lapsed one is the same until midnight', Date.UTC(2025, 11, 1), Date.UTC(2026, 0, 20, 23, 59, 59, 999), 'month', Date.UTC(2026, 1, 20)],
    ['starts one never paid (no expiry) from the start of today', null, Date.UTC(2026, 0, 20, 8), 'month', Date.UTC(2026, 1, 20)],
    ['continues one that lapsed earlier today from its expiry', Date.UTC(2026, 0, 20, 9), Date.UTC(2026, 0, 20, 15), 'month', Date.UTC(2026, 1, 20, 9)],
    ['a yearly plan by a year', Date.UTC(2026, 1, 10), Date.UTC(2026, 0, 20), 'year', Date.UTC(2027, 1, 10)],
    ['from Jan 31 to the last day of February, not into March', Date.UTC(2026, 0, 31), Date.UTC(2026, 0, 20), 'month', Date.UTC(2026, 1, 28)],
    ['a yearly plan from Feb 29 to Feb 28', Date.UTC(2028, 1, 29), Date.UTC(2028, 1, 1), 'year', Date.UTC(2029, 1, 28)],
  ] as const)('%s', (_, expires, now, interval, until) => expect(paidUntil(expires, now, interval)).toBe(until));

  const reviewed = { reviewed: Date.UTC(2026, 2, 10), due: Date.UTC(2026, 2, 10), expiresAt: Date.UTC(2026, 1, 10), expectedPrice: eur(4410), price: eur(4410) };
  it.each([
    ['pays the interval the partner reviewed when it is the one due', {}, null],
    ['refuses an interval already paid (the expiry has reached it)', { due: Date.UTC(2026, 3, 10), expiresAt: Date.UTC(2026, 2, 10) }, 'already_paid'],
    ['refuses an interval that is not the one due now', { reviewed: Date.UTC(2026, 3, 10) }, 'interval_not_due'],
    ['refuses a price that changed since it was shown', { price: eur(4900) }, 'price_changed'],
    ['refuses another currency than the one shown', { expectedPrice: { amount: 4410, currency: 'USD' } }, 'price_changed'],
  ] as const)('%s', (_, change, code) => expect(clientPaymentProblem({ ...reviewed, ...change })?.code ?? null).toBe(code));

  it('says which interval is due, in the details, when the reviewed one is not', () => {
    expect(clientPaymentProblem({ ...reviewed, reviewed: Date.UTC(2026, 3, 10) })).toEqual({
      status: 409, code: 'interval_not_due',
      message: 'The interval due now runs until 2026-03-10, not 2026-04-10; nothing was paid. Review the subscription again.',
      details: { paidUntil: '2026-03-10T00:00:00.000Z' },
    });
  });
});

describe('rule: reporting periods, monthly by default', () => {
  it.each([
    ['monthly', Date.UTC(2026, 10, 23, 15), Date.UTC(2026, 10, 1), Date.UTC(2026, 11, 1)],
    ['monthly across the year', Date.UTC(2026, 11, 31, 23), Date.UTC(2026, 11, 1), Date.UTC(2027, 0, 1)],
    ['weekly from Monday', Date.UTC(2026, 10, 25), Date.UTC(2026, 10, 23), Date.UTC(2026, 10, 30)],
    ['quarterly', Date.UTC(2026, 10, 23), Date.UTC(2026, 9, 1), Date.UTC(2027, 0, 1)],
  ] as const)('%s', (kind, t, start, end) => {
    expect(periodAt(kind.split(' ')[0] as 'monthly', t)).toEqual({ startsAt: start, endsAt: end });
  });
  it('after an early close, the rest of the month is a period of its own', () => {
    const closedAt = Date.UTC(2026, 10, 20);
    expect(openPeriodAt('monthly', Date.UTC(2026, 10, 23), closedAt)).toEqual({ startsAt: closedAt, endsAt: Date.UTC(2026, 11, 1) });
  });
});

describe('program terms come from the rules that are paid', () => {
  it('describes each applicable rule and the money settings in words', () => {
    const terms = programTerms({
      currency: 'EUR', signupCreditMinor: 500, withdrawalMinimumMinor: 5000, reportingPeriod: 'monthly', partnerDiscountBps: 1000, secondTierBps: 0,
      attributionWindowDays: 30, attributionModel: 'first_touch', partnerId: 'prt_1',
      rules: [
        rule({ event: 'signup', kind: 'flat', amountMinor: 1000, percentBps: null }),
        rule({ percentBps: 2000, recurringMonths: 12, holdDays: 30, tiers: [{ minReferrals: 5, percentBps: 2500 }] }),
        rule({ partnerId: 'prt_other', percentBps: 9000 }),
      ],
    });
    expect(terms[0]).toContain('€10.00 for each customer who signs up');
    expect(terms[1]).toBe(
      "You earn 20% of each payment by a customer you referred, on payments in the customer's first 12 months. Once you reach 5 successful referrals in a reporting period, it rises to 25%. Each commission is held for 30 days (the refund window) before it becomes available.",
    );
    expect(terms.join(' ')).not.toContain('90%');
    expect(terms).toContain('You can withdraw your available balance from €50.00; requests are paid when the monthly reporting period closes.');
  });
});
