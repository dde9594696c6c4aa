// The ledger invariants against the real Worker and D1: random sequences of conversions, withdrawals, closes and
// spends, each possibly retried, through the API. After each sequence the admin check must find nothing wrong, and
// the balance the API reports must equal the sum of the entries it lists.
import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { asUser, DEMO, referredCustomer, seedDemo, server, signIn } from './helpers';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
let partner: string;
let manager: string;
let n = 0;

beforeAll(async () => {
  await seedDemo();
  // A hold of zero days on half the payments' rule makes releases, refunds from available and spending all happen.
  await env.DB.prepare("UPDATE reward_rules SET hold_days = 0 WHERE id = 'rul_demo_payment'").run();
  [partner, manager] = await Promise.all([signIn(), signIn(DEMO.managerEmail)]);
});

const step = fc.oneof(
  fc.record({ t: fc.constant('payment' as const), amount: fc.integer({ min: 1, max: 80_000 }) }),
  fc.record({ t: fc.constant('refund' as const), share: fc.integer({ min: 1, max: 10_000 }) }),
  fc.record({ t: fc.constant('cancel' as const) }),
  fc.record({ t: fc.constant('withdraw' as const), amount: fc.integer({ min: 1, max: 40_000 }) }),
  fc.record({ t: fc.constant('settle' as const), outcome: fc.constantFrom('paid', 'failed', 'reject') }),
  fc.record({ t: fc.constant('close' as const) }),
  fc.record({ t: fc.constant('topUp' as const), amount: fc.integer({ min: 1, max: 20_000 }) }),
  fc.record({ t: fc.constant('creditSpend' as const), amount: fc.integer({ min: 1, max: 600 }) }),
);

describe('ledger invariants through the Worker and D1 (fast-check)', () => {
  it('holds for random sequences with retries: the check finds nothing, and balances equal their entries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ s: step, retry: fc.boolean() }), { minLength: 1, maxLength: 10 }), async (steps) => {
        const customer = await referredCustomer();
        const invoices: { id: string; amount: number }[] = [];
        let withdrawal: string | undefined;
        for (const { s, retry } of steps) {
          const id = `p${++n}`;
          const send = async () => {
            switch (s.t) {
              case 'payment': invoices.push({ id, amount: s.amount }); return server('/api/v1/payments', { customerId: customer, invoiceId: id, amount: eur(s.amount) });
              case 'refund': {
                const inv = invoices[0];
                return inv ? server('/api/v1/refunds', { invoiceId: inv.id, refundId: id, amount: eur(Math.max(1, Math.round((inv.amount * s.share) / 10_000))) }) : null;
              }
              case 'cancel': return server('/api/v1/subscriptions', { customerId: customer, plan: 'pro', status: 'canceled' });
              case 'withdraw': {
                const res = await asUser(partner, `/api/v1/partners/${DEMO.partnerId}/withdrawals`, { amount: eur(s.amount) }, { headers: { 'Idempotency-Key': id } });
                if (res.status === 201) withdrawal = (await res.clone().json<any>()).id;
                return res;
              }
              case 'settle': return withdrawal ? asUser(manager, `/api/v1/programs/${DEMO.programId}/withdrawals/${withdrawal}/${s.outcome}`, {}) : null;
              case 'close': {
                const p = await (await asUser(manager, `/api/v1/programs/${DEMO.programId}/payouts`)).json<any>();
                return asUser(manager, `/api/v1/programs/${DEMO.programId}/periods/${p.currentPeriod.id}/close`, {});
              }
              case 'topUp': return server('/api/v1/top-ups', { partnerId: DEMO.partnerId, amount: eur(s.amount), reference: id });
              case 'creditSpend': return server(`/api/v1/customers/${customer}/credit-spends`, { amount: eur(s.amount), reference: id });
            }
          };
          const first = await send();
          if (first) expect(first.status).toBeLessThan(500);
          if (retry && s.t !== 'close' && s.t !== 'payment') {
            const count = await env.DB.prepare('SELECT count(*) AS n FROM ledger_entries').first<{ n: number }>();
            const again = await send();
            if (again) expect(again.status).toBeLessThan(500);
            expect((await env.DB.prepare('SELECT count(*) AS n FROM ledger_entries').first<{ n: number }>())!.n).toBe(count!.n); // nothing doubled
          }
        }
        const check = await (await asUser(manager, `/api/v1/programs/${DEMO.programId}/ledger/check`)).json<any>();
        expect(check).toEqual({ ok: true, balances: [], overdrawnLots: [] });
        const ledger = await (await server(`/api/v1/customers/${customer}/ledger`)).json<any>();
        const available = ledger.entries.filter((e: any) => e.status === 'available').reduce((s: number, e: any) => s + e.amount.amount, 0);
        expect(ledger.balance.amount).toBe(available);
        expect(ledger.balance.amount).toBeGreaterThanOrEqual(0); // credit is only ever spent, never overdrawn
      }),
      { numRuns: 30, seed: 20261123 },
    );
  }, 180_000);
});
