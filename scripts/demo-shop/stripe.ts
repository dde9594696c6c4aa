// The shop's stand-in for Stripe Checkout in test mode: for "Pay with Stripe (test)" its server sends edgeref the
// events a real subscription checkout makes Stripe send, signed with the program's test secret; for "Refund last
// payment (test)" the refund's. No Stripe account and no network: the documented payloads, given this buyer's ids.
import { randomUUID } from 'node:crypto';
import { STRIPE_FIXTURES, stripeEvent, stripeSignature, uniqueId, type Json } from '../billing/stripe-events';
import { nothingToRefund, PRO_PLAN, referenceOf, sendEvents, webhookUrl, type CheckoutInput, type Payment, type Run, type TestCheckout, type TestCheckoutOptions } from './checkout';

/** A Stripe payment also has the payment intent and charge that a refund names. */
interface StripePayment extends Payment {
  paymentIntent: string;
  charge: string;
}

const MONTH_S = 30 * 86_400;

export class StripeTestCheckout implements TestCheckout {
  readonly provider = 'stripe';
  /** This checkout's last payment that edgeref recorded: what a refund refunds. */
  private last: StripePayment | null = null;

  constructor(private readonly o: TestCheckoutOptions) {}

  /** A subscription checkout, as Stripe reports it: the session, the subscription, its first invoice and that invoice's payment. */
  async pay(input: CheckoutInput): Promise<Run> {
    // A reference goes into client_reference_id; a visitor with only a code gets it into the metadata.
    const ref = referenceOf(input);
    const reference = ref ? { field: ref.kind === 'ref' ? 'client_reference_id' : 'metadata.edgeref_code', value: ref.value } : null;
    const p: StripePayment = {
      email: input.account?.email ?? `buyer.${randomUUID().slice(0, 8)}@example.com`,
      customer: uniqueId('cus_test'),
      invoice: uniqueId('in_test'),
      paymentIntent: uniqueId('pi_test'),
      charge: uniqueId('ch_test'),
      subscription: uniqueId('sub_test'),
      gross: PRO_PLAN.gross,
      refunded: false,
    };
    const now = Math.floor(Date.now() / 1000);
    const item = STRIPE_FIXTURES['customer.subscription.created'].data.object.items.data[0];
    const events = [
      stripeEvent('checkout.session.completed', {
        id: uniqueId('cs_test'),
        created: now,
        customer: p.customer,
        customer_details: { email: p.email },
        client_reference_id: ref?.kind === 'ref' ? ref.value : null,
        metadata: ref?.kind === 'code' ? { edgeref_code: ref.value } : {},
        invoice: p.invoice,
        subscription: p.subscription,
      }),
      stripeEvent('customer.subscription.created', {
        id: p.subscription,
        created: now,
        start_date: now,
        billing_cycle_anchor: now,
        customer: p.customer,
        items: { data: [{ ...item, current_period_start: now, current_period_end: now + MONTH_S, subscription: p.subscription }] },
      }),
      stripeEvent('invoice.paid', {
        id: p.invoice,
        created: now,
        customer: p.customer,
        customer_email: p.email,
        parent: { subscription_details: { subscription: p.subscription } },
        status_transitions: { finalized_at: now, paid_at: now },
      }),
      stripeEvent('invoice_payment.paid', {
        id: uniqueId('inpay_test'),
        created: now,
        invoice: p.invoice,
        payment: { type: 'payment_intent', payment_intent: p.paymentIntent },
        status_transitions: { paid_at: now },
      }),
    ];
    const deliveries = await this.send(events);
    // Only a payment edgeref recorded is one whose refund claws something back.
    const recorded = deliveries.some((d) => d.type === 'invoice.paid' && d.status === 'applied');
    if (recorded) this.last = p;
    return { provider: this.provider, kind: 'payment', reference, payment: p, recorded, deliveries };
  }

  /** A full refund of the last payment, as Stripe reports one made in its dashboard: refund.created. */
  async refund(): Promise<Run> {
    const p = this.last;
    if (!p || p.refunded) return nothingToRefund();
    const event = stripeEvent('refund.created', {
      id: uniqueId('re_test'),
      created: Math.floor(Date.now() / 1000),
      amount: p.gross,
      charge: p.charge,
      payment_intent: p.paymentIntent,
    });
    const deliveries = await this.send([event]);
    const recorded = deliveries[0].status === 'applied';
    if (recorded) p.refunded = true;
    return { provider: this.provider, kind: 'refund', reference: null, payment: p, recorded, deliveries };
  }

  private send(events: Record<string, Json>[]) {
    return sendEvents(
      webhookUrl(this.o, this.provider),
      events.map((e) => ({ type: String(e.type), id: String(e.id), body: e })),
      async (raw) => ({ 'Stripe-Signature': await stripeSignature(raw, this.o.secret) }),
    );
  }
}
