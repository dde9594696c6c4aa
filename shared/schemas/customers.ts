// End customers: the signup the site reports, its confirmation, the greeting, the customer's credit, held signups and a partner's clients.
import { z } from '@hono/zod-openapi';
import { dateTime, externalId, MoneySchema, orNull } from './common';

export const SignupStatusSchema = z.enum(['confirmed', 'awaiting_confirmation', 'held', 'rejected', 'expired']).openapi({
  description:
    "confirmed: its credit and commission count. awaiting_confirmation: only the browser reported it; nothing is withdrawable until your server confirms it (secret key) or the customer's first payment arrives. held: from the advocate's own browser, for the program manager to review. rejected or expired: its entries were reversed.",
});

export const SignupInputSchema = z
  .object({
    customerId: externalId.openapi({ description: "The merchant's own id for the customer", example: 'cus_123' }),
    email: z.email().max(320),
    clickId: z.string().trim().min(1).max(64).optional().openapi({ description: 'The ref_click handed to the site' }),
    promoCode: z.string().trim().min(1).max(64).optional().openapi({ description: 'A promo code typed at signup' }),
  })
  .openapi('SignupInput', {
    description:
      "With a clickId or a promoCode, the signup is attributed to that invitation. With neither, it is credited only when the customer's company is locked to a partner by a confirmed lead (its email is a lead contact's, or at the lead's company domain); otherwise it is refused with 400.",
  });

export const SignupSchema = z
  .object({
    customerId: z.string(),
    created: z.boolean().openapi({ description: 'false when this signup had been reported before' }),
    attribution: z.object({
      invitationCode: z.string().nullable().openapi({ description: 'null when the customer is credited through a lead' }),
      method: z.enum(['click', 'promo_code', 'lead']).openapi({ description: "lead: credited to the partner whose confirmed lead locks the customer's company" }),
      partnerName: z.string().nullable(),
    }),
    credit: MoneySchema.openapi({ description: "The customer's signup credit" }),
    status: SignupStatusSchema,
  })
  .openapi('Signup');

export const SignupConfirmationSchema = z.object({ customerId: z.string(), status: SignupStatusSchema }).openapi('SignupConfirmation');

export const GreetingSchema = z
  .object({
    code: z.string(),
    partnerName: z.string(),
    advocate: z.enum(['partner', 'customer']).openapi({ description: 'Who owns the invitation: a partner, or a customer referring a friend (partnerName is then "a friend")' }),
    credit: MoneySchema,
    attributionWindowDays: z.number().int(),
    attributionModel: z.enum(['first_touch', 'last_touch']),
  })
  .openapi('Greeting');

export const ClientSchema = z
  .object({
    id: z.string(),
    externalId: z.string(),
    email: z.string().nullable(),
    erased: z.boolean().openapi({ description: "The customer's personal data was erased on request (email is then null)" }),
    since: dateTime.openapi({ description: 'When the customer signed up through the partner' }),
    invitationCode: z.string().nullable(),
    leadCompany: z.string().nullable().openapi({ description: "The company of the partner's locked lead the customer is credited through (then invitationCode is null)" }),
    subscriptions: z.array(
      z.object({ plan: z.string(), status: z.enum(['trialing', 'active', 'past_due', 'canceled', 'expired']), amount: orNull(MoneySchema), expiresAt: dateTime.nullable() }),
    ),
  })
  .openapi('Client');

export const ClientQuerySchema = z.object({
  q: z.string().trim().max(200).optional().openapi({
    description: "Part of the customer's email (never an erased customer's former one), of its id at the site, or of the invitation code it came through; case-insensitive",
  }),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});

export const ClientPageSchema = z
  .object({
    items: z.array(ClientSchema),
    total: z.number().int().openapi({ description: 'How many customers match, on every page' }),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi('ClientPage');

/** A signup held as a possible self-referral, for a program manager to approve or reject. */
export const HeldSignupSchema = z
  .object({
    customerId: z.string().openapi({ description: "The merchant's customer id" }),
    email: z.string().nullable(),
    invitationCode: z.string().nullable(),
    partnerId: z.string().nullable(),
    partnerName: z.string().nullable().openapi({ description: 'The partner whose invitation it came through' }),
    reason: z.string().openapi({ description: 'same_visitor: reported from a browser a member of the partner signed in from, or clicked from; lead_conflict: the customer\'s company is locked to another partner' }),
    conflict: z
      .object({
        referralId: z.string(),
        company: z.string(),
        partner: z.object({ id: z.string(), name: z.string() }),
        lockedUntil: z.string().nullable().openapi({ format: 'date-time' }),
      })
      .nullable()
      .openapi({ description: 'For lead_conflict: the locked lead and the partner it is locked to' }),
    createdAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('HeldSignup');

export type SignupInput = z.infer<typeof SignupInputSchema>;
export type Greeting = z.infer<typeof GreetingSchema>;
export type Signup = z.infer<typeof SignupSchema>;
export type Client = z.infer<typeof ClientSchema>;
export type ClientQuery = z.input<typeof ClientQuerySchema>;
export type HeldSignup = z.infer<typeof HeldSignupSchema>;
