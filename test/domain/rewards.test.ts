import { describe, expect, it } from 'vitest';
import { ruleFor, signupEntries, type RewardRule } from '../../worker/domain/rewards';

const programFlat: RewardRule = { id: 'r1', partnerId: null, event: 'signup', kind: 'flat', amountMinor: 1000, percentBps: null, holdDays: 0, product: null, recurringMonths: null, tiers: [], split: [] };
const partnerFlat: RewardRule = { ...programFlat, id: 'r2', partnerId: 'prt_vip', amountMinor: 2500 };
const facts = { customerId: 'cus_1', customerEmail: 'bob@example.com', invitationCode: 'ACME', partnerId: 'prt_1', currency: 'EUR', signupCreditMinor: 500, rules: [programFlat], now: 0 };

describe('signup rewards', () => {
  it("credits the customer the program's signup credit", () => {
    const credit = signupEntries(facts).find((e) => e.type === 'signup_credit')!;
    expect(credit).toMatchObject({ holder: { customerId: 'cus_1' }, amount: { amount: 500, currency: 'EUR' }, status: 'available', idempotencyKey: 'signup:cus_1:credit' });
  });

  it('pays the partner the flat signup commission', () => {
    const commission = signupEntries(facts).find((e) => e.type === 'commission')!;
    expect(commission).toMatchObject({ holder: { partnerId: 'prt_1' }, amount: { amount: 1000, currency: 'EUR' }, status: 'available', idempotencyKey: 'signup:cus_1:prt_1:0' });
    expect(commission.reason).toContain('bob@example.com');
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
