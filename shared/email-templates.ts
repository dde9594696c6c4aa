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
  'member_invite',
  'staff_invite',
  'withdrawal_requests',
  'referral_stage_changed',
  'period_summary',
  'lead_registered',
  'lead_confirmed',
  'lead_assigned',
  'lead_rejected',
  'lead_not_genuine',
  'lead_due_soon',
  'lead_overdue',
  'lead_overdue_partner',
  'referral_sent',
  'won_proposed',
  'advocate_invite',
  'terms_updated',
  'partner_inactive',
  'partner_no_success',
  'partner_near_tier',
] as const;
export type EmailTemplate = (typeof EMAIL_TEMPLATES)[number];

/** The emails a person may turn off (each has a one-click unsubscribe); the others must go out. */
export const OPTIONAL_EMAILS = ['new_signup', 'commission_earned', 'commission_available', 'referral_stage_changed', 'period_summary', 'new_application', 'partner_inactive', 'partner_no_success', 'partner_near_tier'] as const satisfies readonly EmailTemplate[];
export type OptionalEmail = (typeof OPTIONAL_EMAILS)[number];

/** The optional emails by name, as the dashboard lists them. */
export const OPTIONAL_EMAIL_LABELS: Record<OptionalEmail, string> = {
  new_signup: 'A new signup through one of your invitations',
  commission_earned: 'A commission earned',
  commission_available: 'A commission becomes available',
  referral_stage_changed: 'The program moves one of your referrals to another stage',
  period_summary: 'A reporting period ends: your summary, and how far the next commission tier is',
  new_application: 'A new partner application',
  partner_inactive: 'A reminder when nobody at your company has signed in or referred for a while',
  partner_no_success: 'Your referrals this period have not become customers yet',
  partner_near_tier: 'You are close to the next commission tier',
};

/** The languages by their own names. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', sv: 'Svenska', de: 'Deutsch' };

/** The browser's language when edgeref speaks it, else English: a new account's first choice. */
export function preferredLanguage(tags: readonly string[]): Language {
  for (const tag of tags) {
    const base = tag.toLowerCase().split('-')[0];
    if ((LANGUAGES as readonly string[]).includes(base)) return base as Language;
  }
  return 'en';
}

export const isOptionalEmail = (t: string): t is OptionalEmail => (OPTIONAL_EMAILS as readonly string[]).includes(t);

/** Who receives an optional email: a partner's members, or the program's managers. */
export const OPTIONAL_EMAIL_AUDIENCE: Record<OptionalEmail, 'partner' | 'manager'> = {
  new_signup: 'partner',
  commission_earned: 'partner',
  commission_available: 'partner',
  referral_stage_changed: 'partner',
  period_summary: 'partner',
  new_application: 'manager',
  partner_inactive: 'partner',
  partner_no_success: 'partner',
  partner_near_tier: 'partner',
};
