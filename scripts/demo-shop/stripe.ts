// The shop's stand-in for Stripe Checkout in test mode: for "Pay with Stripe (test)" its server sends edgeref the
// events a real subscription checkout makes Stripe send, signed with the program's test secret; for "Refund last
// payment (test)" the refund's. No Stripe account and no network: the documented payloads, given this buyer's ids.
import { randomUUID } from 'node:crypto';
import { STRIPE_FIXTURES, stripeEvent, stripeSignature, uniqueId } from '../billing/stripe-events';

export interface StripeTestOptions {
  /** edgeref's origin and the program whose Stripe webhook the events go to. */
  edgeref: string;
  programId: string;
  /** The program's Stripe test-mode signing secret (whsec_…). */
  secret: string;
}

/** What the buyer brings from the shop's form: the widget's hidden inputs, and the shop's own account if signed up. */
export interface CheckoutInput {
  clickId?: string;
  code?: string;
  /** The shop's own customer id and email, when the buyer signed up in the shop first. */
  account?: { customerId: string; email: string };
}

/** One event as sent, and edgeref's answer to it. */
export interface Delivery {
  type: string;
  eventId: string;
  httpStatus: number;
  status: string; // applied, waiting, refused, ignored; or `error` when the answer was not 200
  reason: string;
}

export interface Run {
  kind: 'payment' | 'refund' | 'nothing_to_refund';
  /** What Stripe Checkout was given to attribute the buyer: client_reference_id or metadata.edgeref_code. */
  reference: { field: 'client_reference_id' | 'metadata.edgeref_code'; value: string } | null;
  payment: Payment | null;
  /** Whether edgeref recorded the payment (or the refund): only then has a partner earned (or lost) something. */
  recorded: boolean;
  deliveries: Delivery[];
}

/** A payment the shop took, with the ids Stripe would have given it. */
export interface Payment {
  email: string;
  customer: string;
  invoice: string;
  paymentIntent: string;
  charge: string;
  subscription: string;
  gross: number; // minor units, VAT included, as Stripe charged it
  refunded: boolean;
}

/** The Pro plan of the fixtures' first invoice (49.00 EUR a month, 25% VAT), in minor units as Stripe states them. */
const invoice = STRIPE_FIXTURES['invoice.paid'].data.object;
export const PRO_PLAN = { currency: invoice.currency.toUpperCase(), net: invoice.subtotal, tax: invoice.total_taxes[0].amount, gross: invoice.amount_paid };
const MONTH_S = 30 * 86_400;

export class StripeTestCheckout {
  /**
   * The shop's last payment that edgeref recorded: what "Refund last payment (test)" refunds. Kept in memory only, like
   * the shop's customers.
   */
  private last: Payment | null = null;

  constructor(private readonly o: StripeTestOptions) {}

  get webhookUrl(): string {
    return `${this.o.edgeref}/api/v1/programs/${this.o.programId}/integrations/stripe/webhook`;
  }

  /** A subscription checkout, as Stripe reports it: the session, the subscription, its first invoice and that invoice's payment. */
  async pay(input: CheckoutInput): Promise<Run> {
    // A real site puts its own account id into client_reference_id when it has one (edgeref knows it from the
    // signup), else the click id the widget gave the form; a visitor with only a code gets it into the metadata.
    const ref = input.account?.customerId ?? input.clickId;
    const reference = ref ? ({ field: 'client_reference_id', value: ref } as const) : input.code ? ({ field: 'metadata.edgeref_code', value: input.code } as const) : null;
    const p: Payment = {
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
        client_reference_id: reference?.field === 'client_reference_id' ? reference.value : null,
        metadata: reference?.field === 'metadata.edgeref_code' ? { edgeref_code: reference.value } : {},
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
    return { kind: 'payment', reference, payment: p, recorded, deliveries };
  }

  /** A full refund of the last payment, as Stripe reports one made in its dashboard: refund.created. */
  async refund(): Promise<Run> {
    const p = this.last;
    if (!p || p.refunded) return { kind: 'nothing_to_refund', reference: null, payment: p, recorded: false, deliveries: [] };
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
    return { kind: 'refund', reference: null, payment: p, recorded, deliveries };
  }

  /** One after the other, as Stripe would deliver them, each signed at the moment it leaves. */
  private async send(events: Record<string, unknown>[]): Promise<Delivery[]> {
    const out: Delivery[] = [];
    for (const e of events) {
      const body = JSON.stringify(e);
      const signature = await stripeSignature(body, this.o.secret);
      const res = await fetch(this.webhookUrl, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signature }, body });
      const answer = (await res.json().catch(() => ({}))) as { status?: string; reason?: string | null; error?: { message?: string } };
      out.push({
        type: String(e.type),
        eventId: String(e.id),
        httpStatus: res.status,
        status: res.ok ? (answer.status ?? 'unknown') : 'error',
        reason: (res.ok ? answer.reason : answer.error?.message) ?? '',
      });
    }
    return out;
  }
}
