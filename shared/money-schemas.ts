// The money engine's API schemas: payments, refunds, subscriptions, rules, balances, withdrawals and payouts.
import { z } from '@hono/zod-openapi';
import { BalanceSchema, externalId, MoneySchema, orNull } from './schemas';

const isoDate = z.string().openapi({ format: 'date-time' });
const reference = externalId;

export const PositiveMoneySchema = z
  .object({
    amount: z.number().int().positive().max(1_000_000_000_00).openapi({ description: 'Integer minor units (cents), above zero', example: 4900 }),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code in capitals').openapi({ example: 'EUR' }),
  })
  .openapi('PositiveMoney');

export const IdempotencyHeaders = z.object({
  'idempotency-key': z.string().min(1).max(255).optional().openapi({
    param: { name: 'idempotency-key', in: 'header' },
    description: 'Replays the first answer for the same key and body; the same key with another body is a 409. Kept 24 hours.',
  }),
});

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
  availableAt: isoDate.nullable(),
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
    expiresAt: isoDate.nullable(),
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

export const WithdrawalStatus = z.enum(['requested', 'approved', 'paid', 'failed', 'canceled']);

export const WithdrawalSchema = z
  .object({
    id: z.string(),
    amount: MoneySchema,
    payoutMethod: z.enum(['card', 'bank_account']),
    status: WithdrawalStatus,
    statusReason: z.string().nullable(),
    createdAt: isoDate,
    settledAt: isoDate.nullable(),
  })
  .openapi('Withdrawal');

export const WithdrawalInputSchema = z.object({ amount: PositiveMoneySchema }).openapi('WithdrawalInput');

export const PartnerBalanceSchema = z
  .object({
    balance: BalanceSchema,
    awaitingConfirmation: MoneySchema.openapi({
      description: "The part of pending earned on signups only a browser reported (or held for review): not withdrawable until the merchant's server confirms them or the customer first pays",
    }),
    reversed: MoneySchema.openapi({ description: 'Commission taken back by refunds and cancellations, in total' }),
    nextPayoutAt: isoDate.openapi({ description: 'When the current reporting period ends and requests are paid' }),
    withdrawalMinimum: MoneySchema,
    payoutMethod: z.enum(['card', 'bank_account']).nullable(),
    openWithdrawal: orNull(WithdrawalSchema),
    mayWithdraw: z.boolean().openapi({ description: 'Whether the signed-in person may request withdrawals (owner or finance)' }),
    withdrawals: z.array(WithdrawalSchema),
  })
  .openapi('PartnerBalance');

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
    paidUntil: isoDate,
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
  .object({ id: z.string(), customerId: z.string(), plan: z.string(), price: MoneySchema, paidUntil: isoDate, balance: BalanceSchema })
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
    paidUntil: isoDate,
    createdAt: isoDate,
  })
  .openapi('ClientPaymentRecord');

const TierSchema = z
  .object({
    minReferrals: z.number().int().min(1).max(100_000),
    percentBps: z.number().int().min(0).max(10_000).optional(),
    amountMinor: z.number().int().min(0).max(100_000_000).optional(),
  })
  .refine((t) => (t.percentBps === undefined) !== (t.amountMinor === undefined), { message: 'a tier has either percentBps or amountMinor' });

const SplitPartSchema = z.object({
  shareBps: z.number().int().min(1).max(10_000),
  afterDays: z.number().int().min(0).max(3650),
  retention: z.boolean().optional(),
});

export const RewardRuleInputSchema = z
  .object({
    partnerId: z.string().min(1).max(64).nullable().default(null).openapi({ description: 'null: the program default; else an override for one partner' }),
    event: z.enum(['signup', 'payment']),
    kind: z.enum(['flat', 'percent']),
    amountMinor: z.number().int().min(0).max(100_000_000).nullable().default(null),
    percentBps: z.number().int().min(0).max(10_000).nullable().default(null).openapi({ description: 'Basis points: 1000 = 10%' }),
    product: z.string().trim().min(1).max(120).nullable().default(null),
    recurringMonths: z.number().int().min(0).max(1200).nullable().default(null).openapi({ description: 'null: for life; 0: first payment only; N: payments in the first N months' }),
    holdDays: z.number().int().min(0).max(365).default(30).openapi({ description: 'The refund window before a commission becomes available' }),
    tiers: z.array(TierSchema).max(10).default([]),
    split: z.array(SplitPartSchema).max(6).default([]),
  })
  .refine((r) => (r.kind === 'flat') === (r.amountMinor !== null) && (r.kind === 'percent') === (r.percentBps !== null), {
    message: 'a flat rule needs amountMinor, a percent rule needs percentBps (and not the other)',
    path: ['kind'],
  })
  .refine((r) => r.split.length === 0 || r.split.reduce((s, p) => s + p.shareBps, 0) === 10_000, { message: 'split shares must add up to 10000 (100%)', path: ['split'] })
  .refine((r) => r.event === 'payment' || (r.kind === 'flat' && r.product === null && r.recurringMonths === null), {
    message: 'a signup rule is a flat amount, without product or recurrence',
    path: ['event'],
  })
  .openapi('RewardRuleInput');

export const RewardRuleSchema = z
  .object({
    id: z.string(),
    partnerId: z.string().nullable(),
    event: z.enum(['signup', 'payment']),
    kind: z.enum(['flat', 'percent']),
    amountMinor: z.number().int().nullable(),
    percentBps: z.number().int().nullable(),
    product: z.string().nullable(),
    recurringMonths: z.number().int().nullable(),
    holdDays: z.number().int(),
    tiers: z.array(z.object({ minReferrals: z.number(), percentBps: z.number().optional(), amountMinor: z.number().optional() })),
    split: z.array(SplitPartSchema),
    description: z.string().openapi({ description: 'The rule in plain words, as partners read it in the program terms' }),
  })
  .openapi('RewardRule');
export type RewardRuleView = z.infer<typeof RewardRuleSchema>;

export const ProgramTermsSchema = z
  .object({
    currency: z.string(),
    secondTierBps: z.number().int(),
    terms: z.array(z.string()).openapi({ description: 'The rules in plain words, generated from the reward rules that are paid' }),
    recruitingLink: z.string().nullable().openapi({ description: 'With a second tier, the registration link that makes new partners this one\'s recruits' }),
  })
  .openapi('ProgramTerms');

export const PeriodSchema = z
  .object({
    id: z.string(),
    startsAt: isoDate,
    endsAt: isoDate,
    closedAt: isoDate.nullable(),
    batchId: z.string().nullable(),
  })
  .openapi('ReportingPeriod');

export const PayoutLineSchema = z.object({
  withdrawalId: z.string(),
  partnerId: z.string(),
  displayId: z.string(),
  partnerName: z.string(),
  payoutMethod: z.string(),
  payoutDetails: z.string().nullable(),
  amount: MoneySchema,
  status: z.string(),
  statusReason: z.string().nullable(),
});

export const PayoutsSchema = z
  .object({
    currency: z.string(),
    currentPeriod: PeriodSchema,
    periods: z.array(PeriodSchema),
    openRequests: z.array(PayoutLineSchema),
  })
  .openapi('Payouts');

export const PayoutBatchSchema = z
  .object({ id: z.string(), period: PeriodSchema, total: MoneySchema, lines: z.array(PayoutLineSchema) })
  .openapi('PayoutBatch');

export const ClosePeriodResultSchema = z
  .object({ period: PeriodSchema, closed: z.boolean(), released: MoneySchema, batchId: z.string() })
  .openapi('ClosePeriodResult');

export const SettleInputSchema = z.object({ reason: z.string().trim().min(1).max(500).optional() }).openapi('SettleInput');

export const LedgerCheckSchema = z
  .object({
    ok: z.boolean(),
    balances: z.array(z.object({ holderId: z.string(), currency: z.string(), status: z.string(), recorded: z.number(), sumOfEntries: z.number() })),
    overdrawnLots: z.array(z.string()),
  })
  .openapi('LedgerCheck');

export type PartnerBalance = z.infer<typeof PartnerBalanceSchema>;
export type Withdrawal = z.infer<typeof WithdrawalSchema>;
export type Quote = z.infer<typeof QuoteSchema>;
export type Payouts = z.infer<typeof PayoutsSchema>;
export type PayoutBatch = z.infer<typeof PayoutBatchSchema>;
export type RewardRuleInput = z.infer<typeof RewardRuleInputSchema>;
