// The ledger as the API shows it: balances, entries and their types, and the ledger check.
import { z } from '@hono/zod-openapi';
import { MoneySchema } from './common';
import { SignupStatusSchema } from './customers';

export const BalanceSchema = z
  .object({
    pending: MoneySchema,
    available: MoneySchema,
    paid: MoneySchema,
  })
  .openapi('Balance');

export const LedgerEntryTypeSchema = z
  .enum(['signup_credit', 'referrer_credit', 'commission', 'clawback', 'reversal', 'withdrawal', 'top_up', 'client_payment', 'credit_spend', 'release'])
  .openapi({
    example: 'signup_credit',
    description:
      "signup_credit: a customer's credit for joining through an invitation. referrer_credit: a customer's credit for a friend who joined through their invitation. commission: what a partner earns on a signup or a payment (a recruiter's second tier too). release: a hold or a confirmation wait ended, pending to available. clawback: taken back by a refund. reversal: not earned after all (a signup never confirmed or rejected, a customer who canceled before a retention part), or a withdrawal returned to the balance. withdrawal: a partner's withdrawal, reserved then paid. top_up: money a partner added. client_payment: a partner paying a client's subscription. credit_spend: a customer's credit spent.",
  });

export const LedgerEntrySchema = z
  .object({
    id: z.string(),
    type: LedgerEntryTypeSchema,
    amount: MoneySchema,
    status: z.enum(['pending', 'available', 'paid', 'reversed']),
    availableAt: z.string().nullable().openapi({ format: 'date-time', description: 'When a pending entry\'s hold ends' }),
    reason: z.string().openapi({ description: 'Why the entry was posted, in words' }),
    eventType: z.string().openapi({ description: 'What caused it: signup, payment, refund, subscription, period_close, withdrawal, top_up, client_payment, credit_spend' }),
    eventId: z.string(),
    relatesTo: z.string().nullable().openapi({ description: 'The commission entry this entry moves (release, clawback, reversal)' }),
    createdAt: z.string().openapi({ format: 'date-time' }),
    customer: z
      .object({
        id: z.string(),
        externalId: z.string().openapi({ description: "The site owner's own customer id" }),
        email: z.string().nullable().openapi({ description: 'Null when unknown or erased' }),
        erased: z.boolean().openapi({ description: "The customer's personal data was erased on request" }),
        signupStatus: SignupStatusSchema,
      })
      .nullable()
      .openapi({ description: 'The customer the entry is about (whose signup or payment earned it, or whose subscription it paid), joined when read: reasons name customers by id only, since entries are never erased' }),
  })
  .openapi('LedgerEntry');

export const CustomerBalanceSchema = z
  .object({
    customerId: z.string(),
    balance: MoneySchema,
    entries: z.array(LedgerEntrySchema),
  })
  .openapi('CustomerBalance');

export const LedgerCheckSchema = z
  .object({
    ok: z.boolean(),
    balances: z.array(z.object({ holderId: z.string(), currency: z.string(), status: z.string(), recorded: z.number(), sumOfEntries: z.number() })),
    overdrawnLots: z.array(z.string()),
  })
  .openapi('LedgerCheck');

export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;
