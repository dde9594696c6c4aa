// Property: no random sequence of signups, payments, refunds, cancellations, period closes, withdrawals, client
// payments and credit spends, each possibly retried or raced, can break the ledger's invariants.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RewardRule } from '../../worker/domain/commissions';
import { Model } from './money-model';

const DAY = 86_400_000;
const base: RewardRule = { id: 'r', partnerId: null, event: 'payment', kind: 'percent', amountMinor: null, percentBps: 2000, product: null, recurringMonths: 12, holdDays: 30, tiers: [], split: [] };
const RULE_SETS: RewardRule[][] = [
  [base],
  [{ ...base, holdDays: 0, recurringMonths: null }],
  [{ ...base, percentBps: 4000, holdDays: 14, split: [{ shareBps: 2500, afterDays: 0 }, { shareBps: 7500, afterDays: 180, retention: true }] }],
  [{ ...base, tiers: [{ minReferrals: 1, percentBps: 3333 }] }, { ...base, id: 'flat', event: 'signup', kind: 'flat', amountMinor: 1000, percentBps: null, recurringMonths: null }],
  [{ ...base, kind: 'flat', amountMinor: 777, percentBps: null, recurringMonths: 0 }],
];
const PARTNERS = ['prt_a', 'prt_b'];
const CUSTOMERS = ['cus_1', 'cus_2', 'cus_3', 'cus_4'];

const cmd = fc.oneof(
  fc.record({ t: fc.constant('signup' as const), c: fc.nat(3), p: fc.nat(1) }),
  fc.record({ t: fc.constant('payment' as const), c: fc.nat(3), amount: fc.integer({ min: 1, max: 100_000 }), racers: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ t: fc.constant('refund' as const), i: fc.nat(20), share: fc.integer({ min: 1, max: 10_000 }) }),
  fc.record({ t: fc.constant('cancel' as const), c: fc.nat(3) }),
  fc.record({ t: fc.constant('advance' as const), days: fc.integer({ min: 1, max: 120 }) }),
  fc.record({ t: fc.constant('close' as const) }),
  fc.record({ t: fc.constant('withdraw' as const), p: fc.nat(1), amount: fc.integer({ min: 1, max: 60_000 }) }),
  fc.record({ t: fc.constant('settle' as const), i: fc.nat(10), outcome: fc.constantFrom('paid' as const, 'failed' as const, 'canceled' as const) }),
  fc.record({ t: fc.constant('topUp' as const), p: fc.nat(1), amount: fc.integer({ min: 1, max: 20_000 }) }),
  fc.record({ t: fc.constant('clientPayment' as const), p: fc.nat(1), c: fc.nat(3), price: fc.integer({ min: 1, max: 30_000 }), discount: fc.integer({ min: 0, max: 5000 }) }),
  fc.record({ t: fc.constant('creditSpend' as const), c: fc.nat(3), amount: fc.integer({ min: 1, max: 600 }) }),
);
// Each step may be retried: the same request (same invoice, refund, withdrawal, reference) applied again.
const step = fc.record({ cmd, retry: fc.boolean() });
type Cmd = typeof cmd extends fc.Arbitrary<infer T> ? T : never;
type Ids = { invoices: string[]; withdrawals: string[] };

function apply(m: Model, s: { cmd: Cmd }, n: number, ids: Ids): number {
  const c = s.cmd;
  switch (c.t) {
    case 'signup': return m.signup(CUSTOMERS[c.c], PARTNERS[c.p]);
    case 'payment': { const inv = `in_${n}`; ids.invoices.push(inv); return m.payment(CUSTOMERS[c.c], inv, c.amount, c.racers); }
    case 'refund': {
      const inv = ids.invoices[c.i % Math.max(ids.invoices.length, 1)];
      const p = inv ? m.payments.get(inv) : undefined;
      if (!p) return 0;
      return m.refund(inv, `re_${n}`, Math.max(1, Math.min(p.amount - p.refunded, Math.round((p.amount * c.share) / 10_000))));
    }
    case 'cancel': return m.cancel(CUSTOMERS[c.c]);
    case 'advance': m.now += c.days * DAY; return 0;
    case 'close': return m.close(`per_${n}`);
    case 'withdraw': { const id = `wd_${n}`; ids.withdrawals.push(id); return m.withdraw(PARTNERS[c.p], id, c.amount); }
    case 'settle': { const id = ids.withdrawals[c.i % Math.max(ids.withdrawals.length, 1)]; return id ? m.settle(id, c.outcome) : 0; }
    case 'topUp': return m.topUp(PARTNERS[c.p], `bank_${n}`, c.amount);
    case 'clientPayment': return m.clientPayment(PARTNERS[c.p], CUSTOMERS[c.c], `cpay_${n}`, c.price, c.discount);
    case 'creditSpend': return m.creditSpend(CUSTOMERS[c.c], `order_${n}`, c.amount);
  }
  return 0;
}

describe('ledger invariants under random sequences (fast-check)', () => {
  it('holds for 10,000 sequences: balances equal their entries, spending never overdraws, retries neither lose nor double', () => {
    let sequences = 0;
    fc.assert(
      fc.property(fc.nat(RULE_SETS.length - 1), fc.integer({ min: 0, max: 2000 }), fc.array(step, { minLength: 1, maxLength: 30 }), (ruleSet, secondTierBps, steps) => {
        sequences++;
        const m = new Model(RULE_SETS[ruleSet], { prt_a: 'prt_b' }, secondTierBps);
        const ids = { invoices: [] as string[], withdrawals: [] as string[] };
        steps.forEach((s, n) => {
          const before = m.entries.length;
          const posted = apply(m, s, n, ids);
          expect(m.entries.length - before).toBe(posted); // nothing lost: what was posted is there
          if (s.retry) {
            const again = s.cmd.t === 'advance' || s.cmd.t === 'close' ? 0 : retry(m, s, n, ids);
            expect(again).toBe(0); // nothing doubled
          }
          const c = s.cmd;
          if ((c.t === 'withdraw' || c.t === 'clientPayment' || c.t === 'creditSpend') && posted > 0) {
            const holder = c.t === 'creditSpend' ? CUSTOMERS[c.c] : PARTNERS[c.p];
            expect(m.balance(holder).available.amount).toBeGreaterThanOrEqual(0); // spending never overdraws
          }
          expect(m.violations()).toEqual([]);
        });
      }),
      { numRuns: 10_000, seed: Number(process.env.FC_SEED ?? 20261123) },
    );
    expect(sequences).toBe(10_000);
  }, 120_000);
});

/** The same request once more: the same ids, so the model (like D1) must recognise it. */
function retry(m: Model, s: { cmd: Cmd }, n: number, ids: Ids): number {
  const c = s.cmd;
  switch (c.t) {
    case 'signup': return m.signup(CUSTOMERS[c.c], PARTNERS[c.p]);
    case 'payment': return m.payment(CUSTOMERS[c.c], `in_${n}`, c.amount, c.racers);
    case 'refund': { const inv = ids.invoices[c.i % Math.max(ids.invoices.length, 1)]; return inv ? m.refund(inv, `re_${n}`, 1) : 0; }
    case 'cancel': return m.cancel(CUSTOMERS[c.c]);
    case 'withdraw': return m.withdraw(PARTNERS[c.p], `wd_${n}`, c.amount);
    case 'settle': { const id = ids.withdrawals[c.i % Math.max(ids.withdrawals.length, 1)]; return id ? m.settle(id, c.outcome) : 0; }
    case 'topUp': return m.topUp(PARTNERS[c.p], `bank_${n}`, c.amount);
    case 'clientPayment': return m.clientPayment(PARTNERS[c.p], CUSTOMERS[c.c], `cpay_${n}`, c.price, c.discount);
    case 'creditSpend': return m.creditSpend(CUSTOMERS[c.c], `order_${n}`, c.amount);
  }
  return 0;
}
