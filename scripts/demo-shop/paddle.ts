// The shop's stand-in for a Paddle Billing checkout in the sandbox: for "Pay with Paddle (test)" its server sends
// edgeref the notifications a real subscription checkout makes Paddle send, signed with the program's sandbox secret
// key; for a refund, those of a refund approved in Paddle's dashboard. No Paddle account and no network: the
// documented payloads, given this buyer's ids.
import { randomUUID } from 'node:crypto';
import { PADDLE_FIXTURES, paddleEvent, paddleSignature } from '../billing/paddle-events';
import { uniqueId, type Json } from '../billing/stripe-events';
import { nothingToRefund, referenceOf, sendEvents, webhookUrl, type CheckoutInput, type Payment, type Run, type TestCheckout, type TestCheckoutOptions } from './checkout';

const MONTH_MS = 30 * 86_400_000;
const transaction = PADDLE_FIXTURES['transaction.completed'].data;

export class PaddleTestCheckout implements TestCheckout {
  readonly provider = 'paddle';
  /** This checkout's last payment that edgeref recorded: what a refund refunds. */
  private last: Payment | null = null;

  constructor(private readonly o: TestCheckoutOptions) {}

  /**
   * A subscription checkout, as Paddle reports it: the new customer (Paddle names the buyer by id only, so this is where
   * edgeref learns the email), the completed transaction, then the subscription.
   */
  async pay(input: CheckoutInput): Promise<Run> {
    // A real site passes the reference to Paddle.js as customData; Paddle hands it back as the transaction's custom_data.
    const ref = referenceOf(input);
    const reference = ref ? { field: ref.kind === 'ref' ? 'customData.edgeref' : 'customData.edgeref_code', value: ref.value } : null;
    const customData = ref ? { [ref.kind === 'ref' ? 'edgeref' : 'edgeref_code']: ref.value } : null;
    const p: Payment = {
      email: input.account?.email ?? `buyer.${randomUUID().slice(0, 8)}@example.com`,
      customer: uniqueId('ctm'),
      invoice: uniqueId('txn'),
      subscription: uniqueId('sub'),
      gross: Number(transaction.details.totals.grand_total),
      refunded: false,
    };
    const now = new Date().toISOString();
    const period = { starts_at: now, ends_at: new Date(Date.now() + MONTH_MS).toISOString() };
    // The site names its plan in the price's custom data, as reward rules and "My clients" read it (else the product id).
    const price = { ...transaction.items[0].price, custom_data: { edgeref_product: 'pro' } };
    const events = [
      paddleEvent('customer.created', { id: p.customer, email: p.email, created_at: now, updated_at: now }),
      paddleEvent('transaction.completed', {
        id: p.invoice,
        customer_id: p.customer,
        custom_data: customData,
        subscription_id: p.subscription,
        invoice_id: uniqueId('inv'),
        billing_period: period,
        created_at: now,
        updated_at: now,
        billed_at: now,
        items: [{ ...transaction.items[0], price }],
        payments: [{ ...transaction.payments[0], created_at: now, captured_at: now }],
      }),
      paddleEvent('subscription.created', {
        id: p.subscription,
        customer_id: p.customer,
        created_at: now,
        updated_at: now,
        started_at: now,
        first_billed_at: now,
        next_billed_at: period.ends_at,
        current_billing_period: period,
        items: [{ ...PADDLE_FIXTURES['subscription.created'].data.items[0], previously_billed_at: now, next_billed_at: period.ends_at, price }],
      }),
    ];
    const deliveries = await this.send(events);
    const recorded = deliveries.some((d) => d.type === 'transaction.completed' && d.status === 'applied');
    if (recorded) this.last = p;
    return { provider: this.provider, kind: 'payment', reference, payment: p, recorded, deliveries };
  }

  /**
   * A full refund of the last payment, as Paddle reports one made in its dashboard: the adjustment is created pending
   * Paddle's approval (which returns nothing yet), then updated once approved.
   */
  async refund(): Promise<Run> {
    const p = this.last;
    if (!p || p.refunded) return nothingToRefund();
    const now = new Date().toISOString();
    const adjustment = { id: uniqueId('adj'), transaction_id: p.invoice, subscription_id: p.subscription, customer_id: p.customer, totals: { total: String(p.gross) }, created_at: now, updated_at: now };
    const deliveries = await this.send([paddleEvent('adjustment.created', adjustment), paddleEvent('adjustment.updated', { ...adjustment, status: 'approved' })]);
    const recorded = deliveries.some((d) => d.type === 'adjustment.updated' && d.status === 'applied');
    if (recorded) p.refunded = true;
    return { provider: this.provider, kind: 'refund', reference: null, payment: p, recorded, deliveries };
  }

  private send(events: Record<string, Json>[]) {
    return sendEvents(
      webhookUrl(this.o, this.provider),
      events.map((e) => ({ type: String(e.event_type), id: String(e.event_id), body: e })),
      async (raw) => ({ 'Paddle-Signature': await paddleSignature(raw, this.o.secret) }),
    );
  }
}
