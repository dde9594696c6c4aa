// A referred customer's payment, reported by the site's server: it confirms the signup and earns the partner's commission.
import { nanoid } from 'nanoid';
import type { z } from '@hono/zod-openapi';
import type { PaymentInputSchema } from '../../shared/schemas/billing';
import { equals, type Money } from '../../shared/money';
import type { ProgramRow } from '../env';
import { canRefer } from '../domain/partners';
import { periodAt } from '../domain/periods';
import { paymentStanding } from '../domain/payments';
import { paymentEntries } from '../domain/commissions';
import { customerByExternalId, type CustomerRow } from '../db/customers';
import { activeRules } from '../db/rewards';
import { paymentByInvoice, paymentContext, recordPayment, type Conversion, type PaymentRow } from '../db/payments';
import { confirmSignup } from './signup-confirmation';

/** The report as the API validated it. */
export type PaymentReport = z.output<typeof PaymentInputSchema>;

export type PaymentResult =
  | { kind: 'recorded'; payment: PaymentRow; created: boolean }
  /** The invoice was reported before with another customer or amount. */
  | { kind: 'conflict' }
  /** Only customers who signed up through an invitation are tracked. */
  | { kind: 'unknown_customer' };

/** Records the payment once per invoice; a repeat (or a racing report) answers the payment that stands. */
export async function recordCustomerPayment(db: D1Database, program: ProgramRow, input: PaymentReport): Promise<PaymentResult> {
  const customer = await customerByExternalId(db, program.id, input.customerId);
  return payFor(db, program, customer, { invoiceId: input.invoiceId, amount: input.amount, product: input.product ?? null, paidAt: input.paidAt ? Date.parse(input.paidAt) : Date.now() });
}

/** A payment as the flows know it: the invoice, what was paid (in the program's currency) and when. */
export interface CustomerPayment {
  invoiceId: string;
  amount: Money;
  product: string | null;
  paidAt: number;
  /** Paid in another currency: `amount` is its conversion. */
  conversion?: Conversion | null;
}

/** Records a payment of `customer` (null when the report named nobody known) once per invoice. */
export async function payFor(db: D1Database, program: ProgramRow, customer: CustomerRow | null, input: CustomerPayment): Promise<PaymentResult> {
  const existing = await paymentByInvoice(db, program.id, input.invoiceId);
  // A paying customer is real: the payment confirms a signup only the browser reported (and retries confirm too).
  if (customer) customer.signupStatus = await confirmSignup(db, { ...customer, programId: program.id }, 'payment');
  if (existing) {
    // A converted payment is the same if the same was paid (the rate used the first time stands).
    const paid = (p: { amount: Money; conversion?: Conversion | null }) => p.conversion?.original ?? p.amount;
    if (existing.customerId !== customer?.id || paid(existing).currency !== paid(input).currency || !equals(paid(existing), paid(input))) return { kind: 'conflict' };
    return { kind: 'recorded', payment: existing, created: false };
  }
  if (!customer) return { kind: 'unknown_customer' };
  const now = Date.now();
  const paidAt = input.paidAt;
  const period = periodAt(program.reportingPeriod, paidAt);
  const [ctx, rules] = await Promise.all([paymentContext(db, customer.id, customer.partnerId, period), activeRules(db, program.id)]);
  const standing = paymentStanding(paidAt, ctx.firstPaidAt, ctx.firstPaymentsInPeriod, period);
  const id = `pay_${nanoid()}`;
  const entries =
    ctx.partner && canRefer(ctx.partner.status)
      ? paymentEntries({
          paymentId: id,
          invoiceId: input.invoiceId,
          amount: input.amount,
          product: input.product,
          paidAt,
          customerId: customer.id,
          partnerId: ctx.partner.id,
          partnerDisplayId: ctx.partner.displayId,
          recruiter: ctx.recruiter,
          secondTierBps: program.secondTierBps,
          ...standing,
          rules,
          now,
          paidIn: input.conversion ?? null,
        })
      : [];
  return {
    kind: 'recorded',
    ...(await recordPayment(db, { id, programId: program.id, customerId: customer.id, invoiceId: input.invoiceId, amount: input.amount, product: input.product, paidAt, conversion: input.conversion ?? null, entries, now })),
  };
}
