// What the shop's test checkouts (stripe.ts, paddle.ts) have in common: what the buyer brings, what was sent to
// edgeref and what it answered, and which payment "Refund last payment (test)" refunds, whichever provider took it.
import { STRIPE_FIXTURES } from '../billing/stripe-events';

export type Provider = 'stripe' | 'paddle';

/** Where a test checkout sends its events: edgeref's origin, the program, and the provider's test secret for it. */
export interface TestCheckoutOptions {
  edgeref: string;
  programId: string;
  /** Stripe's test-mode signing secret (whsec_…) or Paddle's sandbox secret key (pdl_ntfset_…). */
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

/** A payment the shop took, with the ids the provider would have given it. */
export interface Payment {
  email: string;
  /** The provider's customer: Stripe's cus_…, Paddle's ctm_…. */
  customer: string;
  /** What edgeref names the payment by: Stripe's invoice (in_…), Paddle's transaction (txn_…). */
  invoice: string;
  subscription: string;
  gross: number; // minor units, VAT included, as the provider charged it
  refunded: boolean;
}

export interface Run {
  /** Who took the payment; null when there was nothing to refund. */
  provider: Provider | null;
  kind: 'payment' | 'refund' | 'nothing_to_refund';
  /** What the checkout was given to attribute the buyer, e.g. client_reference_id or customData.edgeref, and its value. */
  reference: { field: string; value: string } | null;
  payment: Payment | null;
  /** Whether edgeref recorded the payment (or the refund): only then has a partner earned (or lost) something. */
  recorded: boolean;
  deliveries: Delivery[];
}

/** One provider's stand-in: pay sends a subscription checkout's events; refund refunds its own last recorded payment. */
export interface TestCheckout {
  readonly provider: Provider;
  pay(input: CheckoutInput): Promise<Run>;
  refund(): Promise<Run>;
}

/** The Pro plan of the fixtures (49.00 EUR a month, 25% VAT), in minor units. Stripe's and Paddle's examples agree. */
const invoice = STRIPE_FIXTURES['invoice.paid'].data.object;
export const PRO_PLAN = { currency: invoice.currency.toUpperCase(), net: invoice.subtotal, tax: invoice.total_taxes[0].amount, gross: invoice.amount_paid };

/**
 * What a real site hands the checkout to name the buyer's referral: its own account id when the buyer signed up first
 * (edgeref knows it from the signup), else the click id the widget gave the form; a visitor with only a code, the code.
 */
export function referenceOf(input: CheckoutInput): { kind: 'ref' | 'code'; value: string } | null {
  const ref = input.account?.customerId ?? input.clickId;
  if (ref) return { kind: 'ref', value: ref };
  return input.code ? { kind: 'code', value: input.code } : null;
}

export const nothingToRefund = (): Run => ({ provider: null, kind: 'nothing_to_refund', reference: null, payment: null, recorded: false, deliveries: [] });

/** The shop's checkouts, and which of them took the last payment edgeref recorded (kept in memory, like the shop's customers). */
export class TestCheckouts {
  private last: TestCheckout | null = null;

  constructor(private readonly by: Partial<Record<Provider, TestCheckout>>) {}

  has(provider: string): provider is Provider {
    return Object.hasOwn(this.by, provider) && this.by[provider as Provider] !== undefined;
  }

  async pay(provider: Provider, input: CheckoutInput): Promise<Run> {
    const checkout = this.by[provider]!;
    const run = await checkout.pay(input);
    if (run.recorded) this.last = checkout;
    return run;
  }

  /** The last recorded payment, refunded in full by the provider that took it; nothing when it is refunded already. */
  refundLast(): Promise<Run> {
    return this.last ? this.last.refund() : Promise.resolve(nothingToRefund());
  }
}

/** Posts the events one after the other, as a provider delivers them, each signed (`sign` gives its headers) as it leaves. */
export async function sendEvents(url: string, events: { type: string; id: string; body: unknown }[], sign: (raw: string) => Promise<Record<string, string>>): Promise<Delivery[]> {
  const out: Delivery[] = [];
  for (const e of events) {
    const raw = JSON.stringify(e.body);
    const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(await sign(raw)) }, body: raw });
    const answer = (await res.json().catch(() => ({}))) as { status?: string; reason?: string | null; error?: { message?: string } };
    out.push({
      type: e.type,
      eventId: e.id,
      httpStatus: res.status,
      status: res.ok ? (answer.status ?? 'unknown') : 'error',
      reason: (res.ok ? answer.reason : answer.error?.message) ?? '',
    });
  }
  return out;
}

/** The provider's webhook on edgeref for the program. */
export const webhookUrl = (o: TestCheckoutOptions, provider: Provider) => `${o.edgeref}/api/v1/programs/${o.programId}/integrations/${provider}/webhook`;
