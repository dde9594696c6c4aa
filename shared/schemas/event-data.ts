// The data of each event type (version 1), as webhooks deliver it and GET /events shows it: the OpenAPI document's
// `webhooks` section is generated from these, and a test holds worker/domain/events.ts to them.
import { z } from '@hono/zod-openapi';
import type { EventType } from '../event-types';
import { dateTime, MoneySchema, orNull } from './common';

const cause = z.object({ type: z.string().openapi({ description: 'What caused it: signup, payment, refund, subscription, period_close, signup_confirmation…' }), id: z.string() });
const partnerId = z.string().openapi({ description: "The partner's id (prt_…)" });
const commission = { partnerId, amount: MoneySchema, cause };
const conditionKey = z.string().openapi({ description: 'The condition told of (docs/ENGAGEMENT.md): each is told once, unless a manager sends it again' });

const partnerStatus = z.enum(['affiliate', 'partner', 'rejected', 'suspended']);
const PartnerStatusData = z.object({ partnerId, from: partnerStatus, to: partnerStatus, reason: z.string().nullable() });
const WithdrawalData = z.object({
  withdrawalId: z.string(),
  partnerId,
  amount: MoneySchema,
  status: z.enum(['requested', 'paid', 'failed', 'canceled']),
  reason: z.string().nullable(),
});
const CommissionMovedData = z.object({ ...commission, commissionId: z.string().openapi({ description: 'The commission it moves (its ledger entry)' }), reason: z.string() });

const referralId = z.string().openapi({ description: 'The referral record (ref_…)' });
const LeadLockData = z.object({
  referralId,
  partnerId,
  ownerId: z.string().nullable().openapi({ description: 'The sales representative assigned (an account id)' }),
  lockedUntil: dateTime.openapi({ description: 'The lead is locked to the partner until then' }),
});
const LeadReasonData = z.object({ referralId, partnerId, reason: z.string().nullable() });
const LeadDueData = z.object({ referralId, partnerId, dueAt: dateTime.openapi({ description: 'The deadline of the SLA' }) });

/** Every event type's data. */
export const EVENT_DATA: Record<EventType, z.ZodObject> = {
  'customer.signed_up': z
    .object({
      customerId: z.string().openapi({ description: "edgeref's id for the customer (cus_…)" }),
      externalId: z.string().openapi({ description: 'Your own id for the customer' }),
      invitationCode: z.string().nullable().openapi({ description: 'null when the customer is credited through a lead' }),
      partnerId: partnerId.nullable().openapi({ description: "The partner credited; null for a customer's invitation" }),
      referredByCustomerId: z.string().nullable().openapi({ description: 'The referring customer (cus_…), for a customer\'s invitation' }),
      referralId: z.string().nullable().openapi({ description: "The partner's locked lead (ref_…) the customer is credited through, for attribution lead" }),
      attribution: z.enum(['click', 'promo_code', 'lead']),
      signupStatus: z.enum(['confirmed', 'awaiting_confirmation', 'held']),
      credit: orNull(MoneySchema).openapi({ description: 'The signup credit; null when the program gives none' }),
    })
    .openapi('CustomerSignedUpData'),
  'customer.awarded_to_lead': z
    .object({
      customerId: z.string().openapi({ description: "edgeref's id for the customer (cus_…)" }),
      externalId: z.string().openapi({ description: 'Your own id for the customer' }),
      referralId: referralId.openapi({ description: 'The locked lead (ref_…) the customer now belongs to' }),
      partnerId: partnerId.openapi({ description: 'The partner the lead is locked to, now credited' }),
      fromPartnerId: partnerId.nullable().openapi({ description: "The partner whose link or code the customer signed up through (its signup commission was reversed); null for a customer's invitation" }),
    })
    .openapi('CustomerAwardedToLeadData'),
  'partner.applied': z
    .object({
      partnerId,
      number: z.number().int().openapi({ description: 'The partner number, shown as A123456 while an affiliate' }),
      recruitedByPartnerId: partnerId.nullable().openapi({ description: 'The partner whose recruiting link it registered through' }),
    })
    .openapi('PartnerAppliedData'),
  'referral.stage_changed': z
    .object({
      referralId,
      partnerId,
      from: z.enum(['new', 'in_progress', 'won', 'lost', 'junk']),
      to: z.enum(['new', 'in_progress', 'won', 'lost', 'junk']),
      changedBy: z.enum(['partner', 'program']).openapi({ description: "Who moved it: the partner's own people, or the program's staff" }),
    })
    .openapi('ReferralStageChangedData'),
  'referral.sent': z
    .object({ referralId, partnerId, ownerId: z.string().nullable().openapi({ description: 'The sales representative who owns it (an account id)' }) })
    .openapi('ReferralSentData'),
  'referral.won_proposed': z
    .object({ referralId, partnerId, ownerId: z.string().nullable(), value: orNull(MoneySchema).openapi({ description: 'The deal value the partner states' }) })
    .openapi('ReferralWonProposedData'),
  'lead.registered': z
    .object({
      referralId,
      partnerId,
      duplicate: z.boolean().openapi({ description: 'It matched a lead or customer already known: it cannot be confirmed while that one stands' }),
      dueAt: dateTime.openapi({ description: 'The program confirms or rejects it by then (the SLA)' }),
    })
    .openapi('LeadRegisteredData'),
  'lead.confirmed': LeadLockData.openapi('LeadConfirmedData'),
  'lead.lock_renewed': LeadLockData.openapi('LeadLockRenewedData'),
  'lead.rejected': LeadReasonData.openapi('LeadRejectedData'),
  'lead.not_genuine': LeadReasonData.openapi('LeadNotGenuineData'),
  'lead.due_soon': LeadDueData.openapi('LeadDueSoonData'),
  'lead.overdue': LeadDueData.openapi('LeadOverdueData'),
  'advocate.invited': z
    .object({
      inviteId: z.string().openapi({ description: 'The invite (mbi_…) to claim the partner made for the advocate; the address is not in the event' }),
      partnerId,
      referralId,
    })
    .openapi('AdvocateInvitedData'),
  'member.invited': z
    .object({
      inviteId: z.string().openapi({ description: 'The invite (mbi_…); its email goes to the invited address, which events do not carry' }),
      partnerId,
      role: z.enum(['owner', 'manager', 'finance']),
    })
    .openapi('MemberInvitedData'),
  'staff.invited': z.object({ inviteId: z.string().openapi({ description: 'The invite (sti_…)' }), role: z.enum(['sales_rep']) }).openapi('StaffInvitedData'),
  'payout.batch_closed': z
    .object({
      batchId: z.string().openapi({ description: 'The payout batch (pob_…): GET /programs/{programId}/payout-batches/{batchId} lists its withdrawals' }),
      periodId: z.string().openapi({ description: 'The reporting period that closed' }),
    })
    .openapi('PayoutBatchClosedData'),
  'terms.published': z
    .object({ version: z.number().int().openapi({ description: 'The new version of the written terms: GET /programs/{programId}/terms shows it and how many partners accepted it' }) })
    .openapi('TermsPublishedData'),
  'terms.accepted': z
    .object({ partnerId, version: z.number().int().openapi({ description: 'The version of the written terms it accepted' }) })
    .openapi('TermsAcceptedData'),
  'commission.earned': z
    .object({
      ...commission,
      commissionId: z.string(),
      customerId: z.string().nullable().openapi({ description: 'Whose signup or payment earned it (cus_…)' }),
      status: z.enum(['pending', 'available']),
      availableAt: dateTime.nullable().openapi({ description: 'When a pending commission becomes available' }),
      reason: z.string(),
    })
    .openapi('CommissionEarnedData'),
  'commission.available': z.object({ ...commission, commissionId: z.string() }).openapi('CommissionAvailableData'),
  'commission.clawed_back': CommissionMovedData.openapi('CommissionClawedBackData'),
  'commission.reversed': CommissionMovedData.openapi('CommissionReversedData'),
  'partner.approved': PartnerStatusData.openapi('PartnerApprovedData'),
  'partner.rejected': PartnerStatusData.openapi('PartnerRejectedData'),
  'partner.suspended': PartnerStatusData.openapi('PartnerSuspendedData'),
  'partner.status_changed': PartnerStatusData.openapi('PartnerStatusChangedData'),
  'withdrawal.requested': WithdrawalData.openapi('WithdrawalRequestedData'),
  'withdrawal.paid': WithdrawalData.openapi('WithdrawalPaidData'),
  'withdrawal.failed': WithdrawalData.openapi('WithdrawalFailedData'),
  'withdrawal.canceled': WithdrawalData.openapi('WithdrawalCanceledData'),
  'partner.inactive': z
    .object({
      partnerId,
      conditionKey,
      inactiveSince: dateTime.openapi({ description: "The partner's last sign of life: a member's sign-in, a referral's day, or its approval" }),
      inactiveDays: z.number().int().openapi({ description: 'Whole days since then' }),
      thresholdDays: z.number().int().openapi({ description: "The program's setting: days without a sign-in or a referral that count as inactive" }),
    })
    .openapi('PartnerInactiveData'),
  'partner.no_success': z
    .object({
      partnerId,
      conditionKey,
      periodId: z.string().openapi({ description: 'The current reporting period' }),
      periodStartsAt: dateTime,
      periodEndsAt: dateTime,
      referrals: z.number().int().openapi({ description: 'Signups and registered leads in the period so far' }),
    })
    .openapi('PartnerNoSuccessData'),
  'partner.near_tier': z
    .object({
      partnerId,
      conditionKey,
      periodId: z.string().openapi({ description: 'The current reporting period: tiers count successful referrals per period' }),
      successes: z.number().int().openapi({ description: 'Successful referrals (first-time paying customers) in the period so far' }),
      needed: z.number().int().openapi({ description: 'How many more reach the next tier' }),
      tierMinReferrals: z.number().int(),
      tierPercentBps: z.number().int().nullable().openapi({ description: "The tier's rate in basis points, or null for a flat amount" }),
      tierAmount: orNull(MoneySchema).openapi({ description: "The tier's flat amount, or null for a percent" }),
    })
    .openapi('PartnerNearTierData'),
  'webhook.test': z.object({ endpointId: z.string(), message: z.string() }).openapi('WebhookTestData'),
};

/** What an endpoint receives for `type`: the Standard Webhooks payload with edgeref's id and version. */
export const webhookPayload = (type: EventType) =>
  z.object({
    id: z.string().openapi({ description: 'The event id, also the webhook-id header: the same on every retry', example: 'evt_V1StGXR8Z5jdHi6B' }),
    type: z.literal(type),
    version: z.literal(1),
    timestamp: dateTime.openapi({ description: 'When the event happened' }),
    data: EVENT_DATA[type],
  });
