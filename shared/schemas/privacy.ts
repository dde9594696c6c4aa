// Personal data exports: everything held on a customer, or on a partner member within one partner. Erasure answers 204.
import { z } from '@hono/zod-openapi';
import { dateTime, MoneySchema, orNull } from './common';
import { BalanceSchema, LedgerEntrySchema } from './ledger';
import { MEMBER_ROLES } from './partners';

const erasedAt = dateTime.nullable().openapi({ description: 'When the personal data was erased on request; null if it never was' });

export const CustomerExportSchema = z
  .object({
    exportedAt: dateTime,
    customer: z.object({
      id: z.string().openapi({ description: "edgeref's own id for the customer (cus_…), the one ledger reasons name" }),
      externalId: z.string().openapi({ description: "The site owner's own customer id" }),
      email: z.string().nullable().openapi({ description: 'Null once erased' }),
      createdAt: dateTime,
      erasedAt,
    }),
    attribution: z
      .object({
        method: z.enum(['click', 'promo_code', 'lead']).nullable().openapi({ description: "lead: credited to the partner whose confirmed lead locks the customer's company" }),
        invitationCode: z.string().nullable(),
        leadId: z.string().nullable().openapi({ description: 'The lead (ref_…) the customer is credited through, for method lead' }),
        partnerId: z.string().nullable().openapi({ description: 'The partner credited, when the advocate was a partner' }),
        referredByCustomerId: z.string().nullable().openapi({ description: "The referring customer's external id, when the advocate was a customer" }),
        click: z
          .object({
            id: z.string(),
            source: z.enum(['link', 'qr']),
            referrerDomain: z.string().nullable(),
            country: z.string().nullable(),
            device: z.string().nullable(),
            browser: z.string().nullable(),
            createdAt: dateTime,
          })
          .nullable()
          .openapi({ description: 'The visit that brought the customer, while its row is kept' }),
      })
      .nullable()
      .openapi({ description: 'Null for a customer who never came through an invitation' }),
    balance: BalanceSchema,
    ledger: z.array(LedgerEntrySchema).openapi({ description: "Every entry on the customer's own credit balance, newest first" }),
    subscriptions: z.array(
      z.object({
        plan: z.string(),
        status: z.enum(['trialing', 'active', 'past_due', 'canceled', 'expired']),
        amount: orNull(MoneySchema),
        interval: z.enum(['month', 'year']),
        expiresAt: dateTime.nullable(),
        canceledAt: dateTime.nullable(),
        updatedAt: dateTime,
      }),
    ),
    payments: z.array(
      z.object({
        invoiceId: z.string(),
        amount: MoneySchema,
        product: z.string().nullable(),
        paidAt: dateTime,
        refunds: z.array(z.object({ refundId: z.string(), amount: MoneySchema, createdAt: dateTime })),
      }),
    ),
    clientPayments: z.array(
      z.object({ id: z.string(), partnerId: z.string(), plan: z.string(), price: MoneySchema, paidUntil: dateTime, createdAt: dateTime }).openapi({ description: "A partner paid the customer's subscription" }),
    ),
    invitations: z.array(z.object({ code: z.string(), createdAt: dateTime })).openapi({ description: "The customer's own invitations, as an advocate" }),
    referredCustomers: z.number().int().openapi({ description: "How many customers joined through the customer's invitations" }),
  })
  .openapi('CustomerExport');

export const MemberExportSchema = z
  .object({
    exportedAt: dateTime,
    account: z.object({
      id: z.string(),
      email: z.string().nullable().openapi({ description: 'Null once erased' }),
      name: z.string().nullable().openapi({ description: 'Null once erased' }),
      createdAt: dateTime,
      erasedAt,
    }),
    membership: z.object({ id: z.string(), partnerId: z.string(), role: z.enum(MEMBER_ROLES), createdAt: dateTime }),
    invitations: z.array(z.object({ id: z.string(), code: z.string(), name: z.string().nullable(), campaign: z.string().nullable(), createdAt: dateTime })).openapi({ description: 'Invitations the member owns' }),
    withdrawals: z.array(z.object({ id: z.string(), amount: MoneySchema, status: z.string(), createdAt: dateTime })).openapi({ description: 'Withdrawals the member requested' }),
    clientPayments: z
      .array(z.object({ id: z.string(), customerId: z.string().openapi({ description: "The site owner's customer id" }), plan: z.string(), price: MoneySchema, createdAt: dateTime }))
      .openapi({ description: "Clients' subscriptions the member paid from the partner's balance" }),
    referralChanges: z.array(z.object({ referralId: z.string(), field: z.string(), createdAt: dateTime })).openapi({ description: "Changes the member made to the partner's referrals" }),
    sessions: z.array(z.object({ createdAt: dateTime, expiresAt: dateTime })).openapi({ description: 'Sign-ins (the tokens themselves are never stored)' }),
  })
  .openapi('MemberExport');

export type CustomerExport = z.infer<typeof CustomerExportSchema>;
export type MemberExport = z.infer<typeof MemberExportSchema>;
