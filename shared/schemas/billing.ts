// What the site's server reports about money: payments with their commissions, refunds, subscriptions, credit spends, top-ups and client payments.
import { z } from '@hono/zod-openapi';
import { dateTime, externalId, MoneySchema, orNull, PositiveMoneySchema } from './common';
import { BalanceSchema } from './ledger';

const reference = externalId;

export const PaymentInputSchema = z
  .object({
    customerId: externalId.openapi({ description: "The merchant's own customer id (as reported at signup)" }),
    invoiceId: reference.openapi({ description: 'The invoice id; a repeated report of it changes nothing', example: 'in_1001' }),
    amount: PositiveMoneySchema,
    product: z.string().trim().min(1).max(120).optional().openapi({ description: 'Product or plan, for per-product rules', example: 'pro' }),
    paidAt: z.iso.datetime().optional().openapi({ description: 'When it was paid (default: now)' }),
  })
  .openapi('PaymentInput');

export const CommissionSchema = z.object({
  partnerId: z.string(),
  amount: MoneySchema,
  status: z.enum(['pending', 'available']),
  availableAt: dateTime.nullable(),
  reason: z.string(),
});

export const PaymentSchema = z
  .object({
    invoiceId: z.string(),
    customerId: z.string(),
    created: z.boolean().openapi({ description: 'false when this invoice had been reported before' }),
    amount: MoneySchema,
    refunded: MoneySchema,
    commissions: z.array(CommissionSchema),
  })
  .openapi('Payment');

export const RefundInputSchema = z
  .object({
    invoiceId: reference,
    refundId: reference.openapi({ description: "The merchant's refund id; a repeated report of it changes nothing", example: 're_1001' }),
    amount: PositiveMoneySchema.openapi({ description: 'Part or all of the payment' }),
  })
  .openapi('RefundInput');

export const RefundSchema = z
  .object({
    refundId: z.string(),
    invoiceId: z.string(),
    created: z.boolean(),
    amount: MoneySchema,
    refundedTotal: MoneySchema,
    clawedBack: MoneySchema.openapi({ description: 'Commission taken back because of this refund' }),
  })
  .openapi('Refund');

export const SubscriptionStatus = z.enum(['trialing', 'active', 'past_due', 'canceled', 'expired']);

export const SubscriptionInputSchema = z
  .object({
    customerId: externalId,
    plan: z.string().trim().min(1).max(120),
    status: SubscriptionStatus,
    amount: PositiveMoneySchema.optional().openapi({ description: 'The price per billing interval' }),
    interval: z.enum(['month', 'year']).default('month'),
    expiresAt: z.iso.datetime().optional(),
    canceledAt: z.iso.datetime().optional().openapi({ description: 'When it was canceled (default: now, for canceled or expired)' }),
  })
  .openapi('SubscriptionInput');

export const SubscriptionSchema = z
  .object({
    customerId: z.string(),
    plan: z.string(),
    status: SubscriptionStatus,
    amount: orNull(MoneySchema),
    interval: z.enum(['month', 'year']),
    expiresAt: dateTime.nullable(),
    reversed: MoneySchema.openapi({ description: 'Retention-bound commission that this cancellation took back' }),
  })
  .openapi('Subscription');

export const CreditSpendInputSchema = z
  .object({
    amount: PositiveMoneySchema,
    reference: reference.openapi({ description: 'Your id for this spend (an order id); a repeat with it spends nothing more', example: 'order_77' }),
    description: z.string().trim().min(1).max(200).optional(),
  })
  .openapi('CreditSpendInput');

export const CreditSpendSchema = z
  .object({ customerId: z.string(), reference: z.string(), created: z.boolean(), spent: MoneySchema, balance: MoneySchema })
  .openapi('CreditSpend');

export const TopUpInputSchema = z
  .object({
    partnerId: z.string().min(1).max(64),
    amount: PositiveMoneySchema,
    reference: reference.openapi({ description: 'Your id for the money received (bank transfer, invoice)', example: 'bank_2026_11_001' }),
  })
  .openapi('TopUpInput');

export const TopUpSchema = z.object({ partnerId: z.string(), reference: z.string(), created: z.boolean(), balance: BalanceSchema }).openapi('TopUp');

export const QuoteSchema = z
  .object({
    customerId: z.string(),
    plan: z.string(),
    interval: z.enum(['month', 'year']),
    listPrice: MoneySchema,
    discountBps: z.number().int(),
    discount: MoneySchema,
    price: MoneySchema,
    available: MoneySchema,
    paidUntil: dateTime,
  })
  .openapi('ClientPaymentQuote');

export const ClientPaymentInputSchema = z
  .object({
    customerId: externalId,
    plan: z.string().trim().min(1).max(120),
    expectedPrice: PositiveMoneySchema.or(z.object({ amount: z.literal(0), currency: z.string().length(3) })).openapi({ description: 'The price the partner confirmed; if it changed since, nothing is paid (409)' }),
    paidUntil: z.iso.datetime().openapi({
      description: "The quote's paidUntil: the interval this payment buys. If it is already paid or not the one due now, nothing is paid (409)",
      example: '2026-12-14T00:00:00.000Z',
    }),
  })
  .openapi('ClientPaymentInput');

export const ClientPaymentSchema = z
  .object({ id: z.string(), customerId: z.string(), plan: z.string(), price: MoneySchema, paidUntil: dateTime, balance: BalanceSchema })
  .openapi('ClientPayment');

export const ClientPaymentRecordSchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    plan: z.string(),
    partnerId: z.string().openapi({ description: 'The paying partner, e.g. P100001' }),
    listPrice: MoneySchema,
    discountBps: z.number().int(),
    price: MoneySchema,
    paidUntil: dateTime,
    createdAt: dateTime,
  })
  .openapi('ClientPaymentRecord');

export type Quote = z.infer<typeof QuoteSchema>;
