// The API's zod schemas: one source for validation, TypeScript types and the OpenAPI document.
import { z } from '@hono/zod-openapi';

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'invalid_request' }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');

/**
 * `schema`, or null. On a named component (`.openapi('Name')`), `.nullable()` can make the component itself nullable
 * in the OpenAPI document, so every use of it reads as "may be null"; a union leaves the component as it is.
 */
export const orNull = <T extends z.ZodType>(schema: T) => z.union([schema, z.null()]);

export const MoneySchema = z
  .object({
    amount: z.number().int().openapi({ description: 'Integer minor units (cents)', example: 500 }),
    currency: z.string().length(3).openapi({ example: 'EUR' }),
  })
  .openapi('Money');

export const BalanceSchema = z
  .object({
    pending: MoneySchema,
    available: MoneySchema,
    paid: MoneySchema,
  })
  .openapi('Balance');

export const SignupStatusSchema = z.enum(['confirmed', 'awaiting_confirmation', 'held', 'rejected', 'expired']).openapi({
  description:
    "confirmed: its credit and commission count. awaiting_confirmation: only the browser reported it; nothing is withdrawable until your server confirms it (secret key) or the customer's first payment arrives. held: from the advocate's own browser, for the program manager to review. rejected or expired: its entries were reversed.",
});

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

// Control characters (NUL among them) and lone surrogates cannot be stored, compared or shown faithfully.
const UNSAFE_TEXT = /[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** An id the merchant chose (a customer id, an invoice id, an order reference): 1 to 200 characters of plain text. */
export const externalId = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((s) => !UNSAFE_TEXT.test(s), { message: 'must not contain control characters or lone surrogates' });

export const SignupInputSchema = z
  .object({
    customerId: externalId.openapi({ description: "The merchant's own id for the customer", example: 'cus_123' }),
    email: z.email().max(320),
    clickId: z.string().trim().min(1).max(64).optional().openapi({ description: 'The ref_click handed to the site' }),
    promoCode: z.string().trim().min(1).max(64).optional().openapi({ description: 'A promo code typed at signup' }),
  })
  .refine((s) => s.clickId !== undefined || s.promoCode !== undefined, {
    message: 'either clickId or promoCode is required',
    path: ['clickId'],
  })
  .openapi('SignupInput');
export type SignupInput = z.infer<typeof SignupInputSchema>;

export const SignupSchema = z
  .object({
    customerId: z.string(),
    created: z.boolean().openapi({ description: 'false when this signup had been reported before' }),
    attribution: z.object({
      invitationCode: z.string(),
      method: z.enum(['click', 'promo_code']),
      partnerName: z.string().nullable(),
    }),
    credit: MoneySchema.openapi({ description: "The customer's signup credit" }),
    status: SignupStatusSchema,
  })
  .openapi('Signup');

export const SignupConfirmationSchema = z.object({ customerId: z.string(), status: SignupStatusSchema }).openapi('SignupConfirmation');

export const CustomerBalanceSchema = z
  .object({
    customerId: z.string(),
    balance: MoneySchema,
    entries: z.array(LedgerEntrySchema),
  })
  .openapi('CustomerBalance');

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

export const LoginInputSchema = z
  .object({ email: z.email().max(320), password: z.string().min(1).max(200) })
  .openapi('LoginInput');

export const SessionSchema = z
  .object({
    account: z.object({ id: z.string(), email: z.string(), name: z.string() }),
    partners: z.array(z.object({ id: z.string(), displayId: z.string(), name: z.string(), role: z.string() })),
    programs: z.array(z.object({ id: z.string(), name: z.string(), role: z.string() })),
  })
  .openapi('Session');

export const InvitationStatsSchema = z.object({ clicks: z.number().int(), scans: z.number().int(), signups: z.number().int() });

export const InvitationSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string().nullable(),
    campaign: z.string().nullable(),
    memberId: z.string().nullable(),
    memberName: z.string().nullable(),
    destinationUrl: z.string().nullable().openapi({ description: "Overrides the program's destination" }),
    active: z.boolean(),
    link: z.string().openapi({ example: 'https://ref.example.com/r/DEMO' }),
    qrSvg: z.string(),
    qrPng: z.string(),
    card: z.string().openapi({ description: 'The printable referral card' }),
    stats: InvitationStatsSchema,
    createdAt: z.string(),
  })
  .openapi('Invitation');

export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{2,31}$/;

export const InvitationInputSchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(CODE_PATTERN, '3 to 32 letters, digits, - or _, starting with a letter or digit')
      .optional()
      .openapi({ description: 'Leave out to have one generated', example: 'ACME-SPRING' }),
    name: z.string().trim().min(1).max(100).optional(),
    campaign: z.string().trim().min(1).max(100).optional(),
    memberId: z.string().min(1).max(64).optional().openapi({ description: 'The member who owns the invitation' }),
    destinationUrl: z.url().max(2000).optional().openapi({ description: "Within the program's allowed origins" }),
  })
  .openapi('InvitationInput');
export type InvitationInput = z.infer<typeof InvitationInputSchema>;

export const InvitationPatchSchema = z
  .object({
    name: z.string().trim().min(1).max(100).nullable().optional(),
    campaign: z.string().trim().min(1).max(100).nullable().optional(),
    memberId: z.string().min(1).max(64).nullable().optional(),
    destinationUrl: z.url().max(2000).nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' })
  .openapi('InvitationPatch', { description: 'The code never changes (it is printed on cards); null clears a field.' });
export type InvitationPatch = z.infer<typeof InvitationPatchSchema>;

const CountsSchema = z.object({
  clicks: z.number().int().openapi({ description: 'Unique link clicks: no bots, no repeats' }),
  scans: z.number().int().openapi({ description: 'Unique QR scans' }),
  signups: z.number().int(),
  credits: MoneySchema.openapi({ description: 'Signup credits given to the customers who joined' }),
  commission: MoneySchema,
});

export const StatsSchema = z
  .object({
    from: z.string().openapi({ format: 'date' }),
    to: z.string().openapi({ format: 'date' }),
    by: z.enum(['invitation', 'member', 'campaign']),
    totals: CountsSchema.extend({ conversionRate: z.number().openapi({ description: 'signups that came through a click or scan, per unique visit (clicks + scans)' }) }),
    groups: z.array(
      z.object({
        key: z.string().nullable(),
        label: z.string(),
        totals: CountsSchema.extend({ conversionRate: z.number() }),
        days: z.array(CountsSchema.extend({ day: z.string().openapi({ format: 'date' }) })),
      }),
    ),
  })
  .openapi('Stats');
export type Stats = z.infer<typeof StatsSchema>;

export const PartnerSummarySchema = z
  .object({
    id: z.string(),
    displayId: z.string().openapi({ example: 'P123456' }),
    name: z.string(),
    status: z.enum(['affiliate', 'partner', 'rejected', 'suspended']),
    balance: BalanceSchema,
    stats: InvitationStatsSchema,
  })
  .openapi('PartnerSummary');

export const MemberSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    role: z.enum(['owner', 'manager', 'finance']),
    erased: z.boolean().openapi({ description: "The member's personal data was erased on request: name and email are empty and the account cannot sign in" }),
  })
  .openapi('Member');

export type Invitation = z.infer<typeof InvitationSchema>;
export type PartnerSummary = z.infer<typeof PartnerSummarySchema>;
export type Session = z.infer<typeof SessionSchema>;
export type Member = z.infer<typeof MemberSchema>;
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;
export type Greeting = z.infer<typeof GreetingSchema>;
export type Signup = z.infer<typeof SignupSchema>;
