// Email to people: which event sends which email to whom, the links in it, and when a failed send is tried again.
import type { EmailTemplate } from '../../shared/email-templates';
import type { EventType } from './events';

type Roles = readonly ('owner' | 'manager' | 'finance')[];

/**
 * Who receives an email: the members of the partner the event names (in some roles), the program's managers, the
 * address an invite names (who has no account yet), the sales representative the event names as `ownerId`, or the
 * members of every partner of the program. That last one is too many rows for the relay's one fan-out statement
 * (10,000 partners and more): it is written a chunk of partners at a time, by flows/terms-mailing.ts, and only
 * terms.published has it.
 */
export type Audience = { to: 'partner'; roles: Roles } | { to: 'managers' } | { to: 'invitee' } | { to: 'owner' } | { to: 'every partner'; roles: Roles };

export interface MailRule {
  type: EventType;
  template: EmailTemplate;
  audience: Audience;
  /** Only events whose data field has this value (e.g. a referral moved by the program's staff, not by the partner). */
  when?: { field: string; equals: string };
}

const everyMember = { to: 'partner', roles: ['owner', 'manager', 'finance'] } as const;
const sellers = { to: 'partner', roles: ['owner', 'manager'] } as const;
const money = { to: 'partner', roles: ['owner', 'finance'] } as const;

/** The emails each event sends. An event not listed here goes to webhooks only. */
export const MAIL_RULES: readonly MailRule[] = [
  { type: 'partner.applied', template: 'application_received', audience: everyMember },
  { type: 'partner.applied', template: 'new_application', audience: { to: 'managers' } },
  { type: 'partner.approved', template: 'partner_approved', audience: everyMember },
  { type: 'partner.rejected', template: 'partner_rejected', audience: everyMember },
  { type: 'customer.signed_up', template: 'new_signup', audience: sellers },
  { type: 'customer.awarded_to_lead', template: 'new_signup', audience: sellers },
  { type: 'commission.earned', template: 'commission_earned', audience: sellers },
  { type: 'commission.available', template: 'commission_available', audience: { to: 'partner', roles: ['owner', 'manager', 'finance'] } },
  { type: 'withdrawal.paid', template: 'withdrawal_paid', audience: money },
  { type: 'referral.stage_changed', template: 'referral_stage_changed', audience: sellers, when: { field: 'changedBy', equals: 'program' } },
  { type: 'payout.batch_closed', template: 'withdrawal_requests', audience: { to: 'managers' } },
  { type: 'member.invited', template: 'member_invite', audience: { to: 'invitee' } },
  { type: 'staff.invited', template: 'staff_invite', audience: { to: 'invitee' } },
  { type: 'lead.registered', template: 'lead_registered', audience: { to: 'managers' } },
  { type: 'lead.confirmed', template: 'lead_confirmed', audience: sellers },
  { type: 'lead.confirmed', template: 'lead_assigned', audience: { to: 'owner' } },
  { type: 'lead.rejected', template: 'lead_rejected', audience: sellers },
  { type: 'lead.not_genuine', template: 'lead_not_genuine', audience: sellers },
  { type: 'lead.due_soon', template: 'lead_due_soon', audience: { to: 'managers' } },
  { type: 'lead.overdue', template: 'lead_overdue', audience: { to: 'managers' } },
  { type: 'lead.overdue', template: 'lead_overdue_partner', audience: sellers },
  { type: 'referral.sent', template: 'referral_sent', audience: sellers },
  { type: 'referral.won_proposed', template: 'won_proposed', audience: { to: 'managers' } },
  { type: 'referral.won_proposed', template: 'won_proposed', audience: { to: 'owner' } },
  // Engagement triggers (docs/ENGAGEMENT.md): optional, to the partner's owners and managers.
  { type: 'partner.inactive', template: 'partner_inactive', audience: sellers },
  { type: 'partner.no_success', template: 'partner_no_success', audience: sellers },
  { type: 'partner.near_tier', template: 'partner_near_tier', audience: sellers },
  { type: 'advocate.invited', template: 'advocate_invite', audience: { to: 'invitee' } },
  // Every partner that has not accepted the new version (db/terms-mailings.ts): all members see the notice, owners accept.
  { type: 'terms.published', template: 'terms_updated', audience: { to: 'every partner', roles: ['owner', 'manager', 'finance'] } },
];

/** Minutes between attempts to hand an email to the email service; after the last, the email has failed. */
export const EMAIL_RETRY_MINUTES = [1, 5, 30, 120, 360] as const;

/** When to try again after `attempts` failed sends, or null to give up. */
export function nextEmailAttempt(attempts: number, now: number): number | null {
  const minutes = EMAIL_RETRY_MINUTES[attempts - 1];
  return minutes === undefined ? null : now + minutes * 60_000;
}

/** The dashboard page each email's button opens: the partner's portal or the program's console. */
export const EMAIL_PAGES: Record<Exclude<EmailTemplate, 'member_invite' | 'staff_invite' | 'advocate_invite'>, { side: 'partner' | 'program'; page: string }> = {
  application_received: { side: 'partner', page: 'invitations' },
  partner_approved: { side: 'partner', page: 'invitations' },
  partner_rejected: { side: 'partner', page: 'terms' },
  new_signup: { side: 'partner', page: 'clients' },
  commission_earned: { side: 'partner', page: 'balance' },
  commission_available: { side: 'partner', page: 'balance' },
  withdrawal_paid: { side: 'partner', page: 'balance' },
  new_application: { side: 'program', page: 'partners' },
  webhook_endpoint_disabled: { side: 'program', page: 'webhooks' },
  withdrawal_requests: { side: 'program', page: 'payouts' },
  referral_stage_changed: { side: 'partner', page: 'referrals' },
  period_summary: { side: 'partner', page: 'balance' },
  lead_registered: { side: 'program', page: 'referrals' },
  lead_confirmed: { side: 'partner', page: 'referrals' },
  lead_assigned: { side: 'program', page: 'referrals' },
  lead_rejected: { side: 'partner', page: 'referrals' },
  lead_not_genuine: { side: 'partner', page: 'referrals' },
  lead_due_soon: { side: 'program', page: 'referrals' },
  lead_overdue: { side: 'program', page: 'referrals' },
  lead_overdue_partner: { side: 'partner', page: 'referrals' },
  referral_sent: { side: 'partner', page: 'referrals' },
  won_proposed: { side: 'program', page: 'referrals' },
  terms_updated: { side: 'partner', page: 'terms' },
  partner_inactive: { side: 'partner', page: 'invitations' },
  partner_no_success: { side: 'partner', page: 'clients' },
  partner_near_tier: { side: 'partner', page: 'invitations' },
};

/** The dashboard page an email links to, under the public URL. */
export function dashboardLink(publicUrl: string, place: { partnerId: string; page: string } | { programId: string; page: string }): string {
  const base = publicUrl.replace(/\/+$/, '');
  return 'partnerId' in place ? `${base}/dashboard/partner/${place.partnerId}/${place.page}` : `${base}/dashboard/program/${place.programId}/${place.page}`;
}

/** The link an invite email carries: the dashboard's page that accepts it. */
export function inviteLink(publicUrl: string, kind: 'member' | 'staff', token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/dashboard/${kind === 'member' ? 'accept' : 'staff-invite'}/${token}`;
}

/** The unsubscribe link of an optional email, signed so only its recipient's mail carries it. */
export function unsubscribeLink(publicUrl: string, accountId: string, topic: string, signature: string): string {
  const q = new URLSearchParams({ a: accountId, t: topic, s: signature });
  return `${publicUrl.replace(/\/+$/, '')}/email/unsubscribe?${q}`;
}
