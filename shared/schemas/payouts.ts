// Withdrawals, the partner's balance page, reporting periods, payout batches.
import { z } from '@hono/zod-openapi';
import { dateTime, MoneySchema, orNull, PositiveMoneySchema } from './common';
import { BalanceSchema } from './ledger';

export const WithdrawalStatus = z.enum(['requested', 'approved', 'paid', 'failed', 'canceled']);

export const WithdrawalSchema = z
  .object({
    id: z.string(),
    amount: MoneySchema,
    payoutMethod: z.enum(['card', 'bank_account']),
    status: WithdrawalStatus,
    statusReason: z.string().nullable(),
    createdAt: dateTime,
    settledAt: dateTime.nullable(),
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
    nextPayoutAt: dateTime.openapi({ description: 'When the current reporting period ends and requests are paid' }),
    withdrawalMinimum: MoneySchema,
    payoutMethod: z.enum(['card', 'bank_account']).nullable(),
    openWithdrawal: orNull(WithdrawalSchema),
    mayWithdraw: z.boolean().openapi({ description: 'Whether the signed-in person may request withdrawals (owner or finance)' }),
    withdrawals: z.array(WithdrawalSchema),
  })
  .openapi('PartnerBalance');

export const PeriodSchema = z
  .object({
    id: z.string(),
    startsAt: dateTime,
    endsAt: dateTime,
    closedAt: dateTime.nullable(),
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

export type PartnerBalance = z.infer<typeof PartnerBalanceSchema>;
export type Withdrawal = z.infer<typeof WithdrawalSchema>;
export type Payouts = z.infer<typeof PayoutsSchema>;
export type PayoutBatch = z.infer<typeof PayoutBatchSchema>;
