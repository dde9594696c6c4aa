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
import type { RewardRule } from '../domain/commissions';
import { customerRead, type CustomerRow } from '../db/customers';
import { activeRulesRead } from '../db/rewards';
import { invoiceCommissionsRead, paymentByInvoiceRead, paymentContextRead, recordPayment, type Conversion, type PaymentCommission, type PaymentContext, type PaymentRow } from '../db/payments';
import { readOne, readTogether } from '../db/reads';
import { confirmSignup } from './signup-confirmation';

/** The report as the API validated it. */
export type PaymentReport = z.output<typeof PaymentInputSchema>;

export type PaymentResult =
  /** With the commissions it earned (those of the payment that stands, for a repeat). */
  | { kind: 'recorded'; payment: PaymentRow; created: boolean; commissions: PaymentCommission[] }
  /** The invoice was reported before with another customer or amount. */
  | { kind: 'conflict' }
  /** Only customers who signed up through an invitation are tracked. */
  | { kind: 'unknown_customer' };

/**
 * Records the payment once per invoice; a repeat (or a racing report) answers the payment that stands. It reads the
 * customer, the invoice's payment, the rules and the commission context in one batch, and writes one batch that reads
 * back the answer.
 */
export async function recordCustomerPayment(db: D1Database, program: ProgramRow, input: PaymentReport): Promise<PaymentResult> {
  const payment = { invoiceId: input.invoiceId, amount: input.amount, product: input.product ?? null, paidAt: input.paidAt ? Date.parse(input.paidAt) : Date.now() };
  const [customer, existing, commissions, rules, context] = await readTogether<[CustomerRow | null, PaymentRow | null, PaymentCommission[], RewardRule[], PaymentContext]>(db, [
    customerRead(db, program.id, input.customerId),
    ...paymentReads(db, program, input.invoiceId),
    paymentContextRead(db, { programId: program.id, externalId: input.customerId }, periodAt(program.reportingPeriod, payment.paidAt)),
  ]);
  return payFor(db, program, customer, payment, { existing, commissions, rules, context });
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

/** What a payment reads before it is written, in one batch: the invoice's payment and its commissions if it was reported before, and the rules. */
export interface PaymentReads {
  existing: PaymentRow | null;
  commissions: PaymentCommission[];
  rules: RewardRule[];
  /** The customer's and its partner's payment history, when read in the same batch (else read before the write). */
  context?: PaymentContext;
}

const paymentReads = (db: D1Database, program: ProgramRow, invoiceId: string) =>
  [paymentByInvoiceRead(db, program.id, invoiceId), invoiceCommissionsRead(db, program.id, invoiceId), activeRulesRead(db, program.id)] as const;

async function readPayment(db: D1Database, program: ProgramRow, invoiceId: string): Promise<PaymentReads> {
  const [existing, commissions, rules] = await readTogether<[PaymentRow | null, PaymentCommission[], RewardRule[]]>(db, [...paymentReads(db, program, invoiceId)]);
  return { existing, commissions, rules };
}

/**
 * Records a payment of `customer` (null when the report named nobody known) once per invoice. `read` is what the
 * caller read with its own lookups in one batch; without it, it is read here (one batch).
 */
export async function payFor(db: D1Database, program: ProgramRow, customer: CustomerRow | null, input: CustomerPayment, read?: PaymentReads, now = Date.now()): Promise<PaymentResult> {
  const { existing, commissions, rules } = read ?? (await readPayment(db, program, input.invoiceId));
  // A paying customer is real: the payment confirms a signup only the browser reported (and retries confirm too).
  if (customer) customer.signupStatus = await confirmSignup(db, { ...customer, programId: program.id }, 'payment', now);
  if (existing) {
    // A converted payment is the same if the same was paid (the rate used the first time stands).
    const paid = (p: { amount: Money; conversion?: Conversion | null }) => p.conversion?.original ?? p.amount;
    if (existing.customerId !== customer?.id || paid(existing).currency !== paid(input).currency || !equals(paid(existing), paid(input))) return { kind: 'conflict' };
    return { kind: 'recorded', payment: existing, created: false, commissions };
  }
  if (!customer) return { kind: 'unknown_customer' };
  const paidAt = input.paidAt;
  const period = periodAt(program.reportingPeriod, paidAt);
  const ctx = read?.context ?? (await readOne(db, paymentContextRead(db, { id: customer.id }, period)));
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
