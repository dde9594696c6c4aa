// Every business event type, as a plain list without zod, so the dashboard can offer them without bundling zod.
// Their schema is shared/schemas/events.ts; their data shapes and versions, worker/domain/events.ts.

/** Every event type, dot-separated: resource.what_happened. */
export const EVENT_TYPES = [
  'customer.signed_up',
  'customer.awarded_to_lead',
  'partner.applied',
  'commission.earned',
  'commission.available',
  'commission.clawed_back',
  'commission.reversed',
  'partner.approved',
  'partner.rejected',
  'partner.suspended',
  'partner.status_changed',
  'partner.inactive',
  'partner.no_success',
  'partner.near_tier',
  'referral.stage_changed',
  'referral.sent',
  'referral.won_proposed',
  'lead.registered',
  'lead.confirmed',
  'lead.rejected',
  'lead.not_genuine',
  'lead.lock_renewed',
  'lead.due_soon',
  'lead.overdue',
  'advocate.invited',
  'member.invited',
  'staff.invited',
  'withdrawal.requested',
  'withdrawal.paid',
  'withdrawal.failed',
  'withdrawal.canceled',
  'payout.batch_closed',
  'terms.published',
  'terms.accepted',
  'webhook.test',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];
