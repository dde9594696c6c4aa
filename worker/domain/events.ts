// Business events: their types and versions, and which change raises which event with what data. Events carry ids
// and amounts, never an email or a name: they are kept, while personal data can be erased.
import { sum, type Money } from '../../shared/money';
import type { EVENT_TYPES } from '../../shared/schemas/events';
import type { LedgerDraft } from './ledger';
import type { PartnerStatus } from './partners';

export type EventType = (typeof EVENT_TYPES)[number];

/** The version of every event type's data shape. A changed shape is a new version, never a silent change. */
export const EVENT_VERSIONS: Record<EventType, number> = {
  // 2 since migration 0031: a customer credited through a lead (attribution lead, referralId, no invitationCode).
  'customer.signed_up': 2,
  'customer.awarded_to_lead': 1,
  'partner.applied': 1,
  'commission.earned': 1,
  'commission.available': 1,
  'commission.clawed_back': 1,
  'commission.reversed': 1,
  'partner.approved': 1,
  'partner.rejected': 1,
  'partner.suspended': 1,
  'partner.status_changed': 1,
  'partner.inactive': 1,
  'partner.no_success': 1,
  'partner.near_tier': 1,
  'referral.stage_changed': 1,
  'referral.sent': 1,
  'referral.won_proposed': 1,
  'lead.registered': 1,
  'lead.confirmed': 1,
  'lead.rejected': 1,
  'lead.not_genuine': 1,
  'lead.lock_renewed': 1,
  'lead.due_soon': 1,
  'lead.overdue': 1,
  'advocate.invited': 1,
  'member.invited': 1,
  'staff.invited': 1,
  'withdrawal.requested': 1,
  'withdrawal.paid': 1,
  'withdrawal.failed': 1,
  'withdrawal.canceled': 1,
  'payout.batch_closed': 1,
  'terms.published': 1,
  'terms.accepted': 1,
  'webhook.test': 1,
};

/** An event about to be written, in the same batch as its change. */
export interface EventDraft {
  type: EventType;
  /** The change that raises it: writing the same change again raises nothing new. */
  dedupeKey: string;
  data: Record<string, unknown>;
}

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

/** An entry as it is posted: its draft and the id it gets. */
export interface PostedEntry {
  id: string;
  draft: LedgerDraft;
}

/**
 * What a batch of ledger entries means to a partner: a commission earned, a commission's hold ended (available), or a
 * commission taken back by a refund (clawed back) or for any other reason (reversed). Each event names the entry
 * whose posting raises it; it is written only if that entry is.
 */
export function ledgerEvents(entries: PostedEntry[]): (EventDraft & { entryId: string })[] {
  return entries.flatMap(({ id, draft: d }) => {
    if (!('partnerId' in d.holder)) return [];
    const partnerId = d.holder.partnerId;
    const cause = { type: d.eventType, id: d.eventId };
    const event = (type: EventType, data: Record<string, unknown>) => [{ type, dedupeKey: `ledger:${d.idempotencyKey}`, entryId: id, data: { partnerId, amount: d.amount, ...data, cause } }];
    if (d.type === 'commission') {
      return event('commission.earned', { commissionId: id, customerId: d.subjectCustomerId ?? null, status: d.status, availableAt: iso(d.availableAt), reason: d.reason });
    }
    if (d.status !== 'reversed' && !(d.type === 'release' && d.status === 'available')) return [];
    if (d.type === 'release') return event('commission.available', { commissionId: d.lotId });
    if (d.type === 'clawback') return event('commission.clawed_back', { commissionId: d.lotId, reason: d.reason });
    if (d.type === 'reversal') return event('commission.reversed', { commissionId: d.lotId, reason: d.reason });
    return [];
  });
}

export interface SignupFacts {
  customerId: string;
  externalId: string;
  invitationCode: string | null;
  partnerId: string | null;
  referredByCustomerId: string | null;
  /** The partner's locked lead the customer is credited through (method lead). */
  leadId: string | null;
  method: 'click' | 'promo_code' | 'lead';
  status: string;
  /** What the signup posts: its signup credit is the event's credit. */
  entries: LedgerDraft[];
}

/** A customer attributed to an invitation or credited through a lead, with the signup credit it got (zero when the program gives none). */
export function signedUp(f: SignupFacts): EventDraft {
  const credits = f.entries.filter((e) => e.type === 'signup_credit').map((e) => e.amount);
  return {
    type: 'customer.signed_up',
    dedupeKey: `customer.signed_up:${f.customerId}`,
    data: {
      customerId: f.customerId,
      externalId: f.externalId,
      invitationCode: f.invitationCode,
      partnerId: f.partnerId,
      referredByCustomerId: f.referredByCustomerId,
      referralId: f.leadId,
      attribution: f.method,
      signupStatus: f.status,
      credit: credits.length > 0 ? sum(credits[0].currency, credits) : null,
    },
  };
}

/**
 * A customer held as a lead conflict, awarded by the manager to the partner the lead is locked to: the invitation's
 * partner's signup commission is reversed and the locked partner earns it instead.
 */
export function awardedToLead(f: { customerId: string; externalId: string; referralId: string; partnerId: string; fromPartnerId: string | null }): EventDraft {
  return { type: 'customer.awarded_to_lead', dedupeKey: `customer.awarded_to_lead:${f.customerId}`, data: { ...f } };
}

/** Someone registered a new partner: an affiliate waiting for the program's approval. */
export function partnerApplied(p: { partnerId: string; number: number; recruitedBy: string | null }): EventDraft {
  return { type: 'partner.applied', dedupeKey: `partner.applied:${p.partnerId}`, data: { partnerId: p.partnerId, number: p.number, recruitedByPartnerId: p.recruitedBy } };
}

const STATUS_EVENTS: Partial<Record<PartnerStatus, EventType>> = { partner: 'partner.approved', rejected: 'partner.rejected', suspended: 'partner.suspended' };

/** A partner's status changed: approved, rejected, suspended, or otherwise moved. */
export function partnerStatusChanged(c: { changeId: string; partnerId: string; from: PartnerStatus; to: PartnerStatus; reason: string | null }): EventDraft {
  return {
    type: STATUS_EVENTS[c.to] ?? 'partner.status_changed',
    dedupeKey: `partner_status_change:${c.changeId}`,
    data: { partnerId: c.partnerId, from: c.from, to: c.to, reason: c.reason },
  };
}

/** A referral moved to another stage, by the partner's own people or by the program's staff. */
export function referralStageChanged(r: { changeId: string; referralId: string; partnerId: string; from: string; to: string; changedBy: 'partner' | 'program' }): EventDraft {
  return {
    type: 'referral.stage_changed',
    dedupeKey: `referral_change:${r.changeId}`,
    data: { referralId: r.referralId, partnerId: r.partnerId, from: r.from, to: r.to, changedBy: r.changedBy },
  };
}

/** The program sent a partner a referral to work (program to partner). */
export function referralSent(r: { referralId: string; partnerId: string; ownerId: string | null }): EventDraft {
  return { type: 'referral.sent', dedupeKey: `referral.sent:${r.referralId}`, data: { referralId: r.referralId, partnerId: r.partnerId, ownerId: r.ownerId } };
}

/** A partner proposed that a deal is won; the program confirms it (and pays) or not. Keyed by the audit entry. */
export function wonProposed(r: { changeId: string; referralId: string; partnerId: string; ownerId: string | null; value: Money | null }): EventDraft {
  return { type: 'referral.won_proposed', dedupeKey: `referral_change:${r.changeId}`, data: { referralId: r.referralId, partnerId: r.partnerId, ownerId: r.ownerId, value: r.value } };
}

export type LeadDecision = 'confirmed' | 'rejected' | 'not_genuine' | 'lock_renewed';

/** A partner registered a lead: it awaits the program's answer by `dueAt`, flagged when it matched another. */
export function leadRegistered(l: { referralId: string; partnerId: string; duplicate: boolean; dueAt: number }): EventDraft {
  return { type: 'lead.registered', dedupeKey: `lead.registered:${l.referralId}`, data: { referralId: l.referralId, partnerId: l.partnerId, duplicate: l.duplicate, dueAt: iso(l.dueAt) } };
}

/** The program decided on a lead: confirmed (locked, with its representative), rejected, found not genuine, or its lock renewed. Keyed by the audit entry. */
export function leadDecided(d: { changeId: string; decision: LeadDecision; referralId: string; partnerId: string; ownerId: string | null; lockedUntil: number | null; reason: string | null }): EventDraft {
  const data: Record<string, unknown> = { referralId: d.referralId, partnerId: d.partnerId };
  if (d.decision === 'confirmed' || d.decision === 'lock_renewed') Object.assign(data, { ownerId: d.ownerId, lockedUntil: iso(d.lockedUntil) });
  else data.reason = d.reason;
  return { type: `lead.${d.decision}`, dedupeKey: `referral_change:${d.changeId}`, data };
}

/** A lead still awaiting the program's answer is due within a day, or past its deadline: each told once. */
export function leadDeadline(l: { referralId: string; partnerId: string; dueAt: number; overdue: boolean }): EventDraft {
  const type = l.overdue ? 'lead.overdue' : 'lead.due_soon';
  return { type, dedupeKey: `${type}:${l.referralId}`, data: { referralId: l.referralId, partnerId: l.partnerId, dueAt: iso(l.dueAt) } };
}

/** Staff entered a verbal referral for an advocate not yet in the program: its invite to claim it goes to the address. */
export function advocateInvited(i: { inviteId: string; partnerId: string; referralId: string }): EventDraft {
  return { type: 'advocate.invited', dedupeKey: `advocate.invited:${i.inviteId}`, data: { inviteId: i.inviteId, partnerId: i.partnerId, referralId: i.referralId } };
}

/** A partner's owner invited a colleague; the invite's email goes to the address, which the event does not carry. */
export function memberInvited(i: { inviteId: string; partnerId: string; role: string }): EventDraft {
  return { type: 'member.invited', dedupeKey: `member.invited:${i.inviteId}`, data: { inviteId: i.inviteId, partnerId: i.partnerId, role: i.role } };
}

/** A program manager invited a sales representative. */
export function staffInvited(i: { inviteId: string; role: string }): EventDraft {
  return { type: 'staff.invited', dedupeKey: `staff.invited:${i.inviteId}`, data: { inviteId: i.inviteId, role: i.role } };
}

export type WithdrawalEventStatus = 'requested' | 'paid' | 'failed' | 'canceled';

/** A withdrawal was requested, paid, failed or canceled (its approval into a payout batch raises nothing yet). */
export function withdrawalMoved(w: { id: string; partnerId: string; amount: Money; status: WithdrawalEventStatus; reason: string | null }): EventDraft {
  return {
    type: `withdrawal.${w.status}`,
    dedupeKey: `withdrawal:${w.id}:${w.status}`,
    data: { withdrawalId: w.id, partnerId: w.partnerId, amount: w.amount, status: w.status, reason: w.reason },
  };
}

/** A reporting period closed: its payout batch holds the withdrawal requests to pay (read them at the batch). */
export function payoutBatchClosed(b: { batchId: string; periodId: string }): EventDraft {
  return { type: 'payout.batch_closed', dedupeKey: `payout.batch_closed:${b.batchId}`, data: { batchId: b.batchId, periodId: b.periodId } };
}

/** A manager published a new version of the written terms: every partner is asked to accept it. */
export function termsPublished(t: { programId: string; version: number }): EventDraft {
  return { type: 'terms.published', dedupeKey: `terms.published:${t.programId}:${t.version}`, data: { version: t.version } };
}

/** A partner's owner accepted a version of the written terms (recorded once per partner and version). */
export function termsAccepted(a: { partnerId: string; version: number }): EventDraft {
  return { type: 'terms.accepted', dedupeKey: `terms.accepted:${a.partnerId}:${a.version}`, data: { partnerId: a.partnerId, version: a.version } };
}

/** A test event a manager sends to one endpoint (its id names it: each test is an event of its own). */
export function webhookTest(eventId: string, endpointId: string): EventDraft {
  return { type: 'webhook.test', dedupeKey: `webhook.test:${eventId}`, data: { endpointId, message: 'A test event from the edgeref console' } };
}
