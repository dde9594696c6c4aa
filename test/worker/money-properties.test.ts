// The ledger invariants against the real Worker and D1: random sequences of conversions (reported through the API or
// as Stripe's signed events), withdrawals, closes and spends, each possibly retried. After each sequence the admin check must find nothing wrong, and
// the balance the API reports must equal the sum of the entries it lists.
import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { asUser, call, DEMO, referredCustomer, seedDemo, server, signIn } from './helpers';
import { stripeEvent, stripeSignature, type Patch, type StripeFixture } from '../../scripts/billing/stripe-events';

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
  // Stripe's events, signed as Stripe signs them: a paid invoice (tax included), a refund by its id, or a charge's
  // running refunded total (both may tell of the same money: it must count once).
  fc.record({ t: fc.constant('stripeInvoice' as const), amount: fc.integer({ min: 1, max: 80_000 }), tax: fc.integer({ min: 0, max: 20_000 }) }),
  fc.record({ t: fc.constant('stripeRefund' as const), share: fc.integer({ min: 1, max: 10_000 }), byCharge: fc.boolean() }),
);

/** A Stripe event posted to the demo program's webhook, signed with its test secret; the same event each time it is sent. */
async function stripe(fixture: StripeFixture, object: Patch): Promise<() => Promise<Response>> {
  const body = JSON.stringify(stripeEvent(fixture, object));
  const path = `/api/v1/programs/${DEMO.programId}/integrations/stripe/webhook`;
  return async () => call(path, { method: 'POST', headers: { 'Stripe-Signature': await stripeSignature(body, DEMO.stripeTestSecret) }, body });
}

describe('ledger invariants through the Worker and D1 (fast-check)', () => {
  it('holds for random sequences with retries: the check finds nothing, and balances equal their entries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ s: step, retry: fc.boolean() }), { minLength: 1, maxLength: 10 }), async (steps) => {
        const customer = await referredCustomer();
        const invoices: { id: string; amount: number }[] = [];
        // The customer pays through Stripe too: its checkout names the customer the site reported, which links them.
        const stripeCustomer = `cus_prop${++n}`;
        const stripeInvoices: { id: string; intent: string; gross: number }[] = [];
        await (await stripe('checkout.session.completed', { customer: stripeCustomer, client_reference_id: customer, invoice: null }))();
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
          const sendStripe =
            s.t === 'stripeInvoice'
              ? (stripeInvoices.push({ id: `in_${id}`, intent: `pi_${id}`, gross: s.amount + s.tax }),
                await stripe('invoice.paid', { id: `in_${id}`, customer: stripeCustomer, amount_paid: s.amount + s.tax, total_taxes: [{ amount: s.tax }], payment_intent: `pi_${id}` }))
              : s.t === 'stripeRefund' && stripeInvoices[0]
                ? s.byCharge
                  ? await stripe('charge.refunded', { id: `ch_of_${stripeInvoices[0].id}`, payment_intent: stripeInvoices[0].intent, amount_refunded: Math.max(1, Math.round((stripeInvoices[0].gross * s.share) / 10_000)) })
                  : await stripe('refund.created', { id: `re_${id}`, charge: `ch_of_${stripeInvoices[0].id}`, payment_intent: stripeInvoices[0].intent, amount: Math.max(1, Math.round((stripeInvoices[0].gross * s.share) / 10_000)) })
                : null;
          const first = s.t === 'stripeInvoice' || s.t === 'stripeRefund' ? (sendStripe ? await sendStripe() : null) : await send();
          if (first) expect(first.status).toBeLessThan(500);
          if (retry && s.t !== 'close' && s.t !== 'payment') {
            const count = await env.DB.prepare('SELECT count(*) AS n FROM ledger_entries').first<{ n: number }>();
            const again = s.t === 'stripeInvoice' || s.t === 'stripeRefund' ? (sendStripe ? await sendStripe() : null) : await send();
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
    // The mix did reach Stripe's side: invoices paid and refunds clawed back through the webhook.
    const applied = async (type: string) =>
      (await env.DB.prepare("SELECT count(*) AS n FROM billing_events WHERE type = ? AND status = 'applied'").bind(type).first<{ n: number }>())!.n;
    expect(await applied('invoice.paid')).toBeGreaterThan(0);
    expect((await applied('refund.created')) + (await applied('charge.refunded'))).toBeGreaterThan(0);
  }, 180_000);
});
