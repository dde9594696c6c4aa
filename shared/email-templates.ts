// Every email edgeref sends, as plain lists without zod, so the dashboard can offer the preferences without bundling zod.
// The texts are worker/domain/email-texts.ts; who gets which, worker/domain/mail.ts.

export const LANGUAGES = ['en', 'sv', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

export const EMAIL_TEMPLATES = [
  'application_received',
  'partner_approved',
  'partner_rejected',
  'new_signup',
  'commission_earned',
  'commission_available',
  'withdrawal_paid',
  'new_application',
  'webhook_endpoint_disabled',
] as const;
export type EmailTemplate = (typeof EMAIL_TEMPLATES)[number];

/** The emails a person may turn off (each has a one-click unsubscribe); the others must go out. */
export const OPTIONAL_EMAILS = ['new_signup', 'commission_earned', 'commission_available', 'new_application'] as const satisfies readonly EmailTemplate[];
export type OptionalEmail = (typeof OPTIONAL_EMAILS)[number];

export const isOptionalEmail = (t: string): t is OptionalEmail => (OPTIONAL_EMAILS as readonly string[]).includes(t);

/** Who receives an optional email: a partner's members, or the program's managers. */
export const OPTIONAL_EMAIL_AUDIENCE: Record<OptionalEmail, 'partner' | 'manager'> = {
  new_signup: 'partner',
  commission_earned: 'partner',
  commission_available: 'partner',
  new_application: 'manager',
};
