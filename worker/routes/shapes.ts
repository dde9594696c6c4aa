// Turning stored rows into the API's JSON shapes (dates as ISO strings, links absolute), for every router that answers them.
import type { LedgerEntryRow } from '../db/ledger';
import type { InvitationWithStats } from '../db/invitations';
import type { WithdrawalRow } from '../db/withdrawals';
import type { BatchLine, PeriodRow } from '../db/periods';
import type { ProfileRow } from '../db/partner-profile';
import { actionsFor, partnerDisplayId } from '../domain/partners';
import { invitationLink } from '../domain/links';
import type { CustomerExport, MemberExport } from '../flows/personal-data';
import type { ReferralChangeRow, ReferralRow } from '../db/referrals';
import { isLocked, matchForPartner, slaState } from '../domain/leads';
import { money } from '../../shared/money';

export const isoDate = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : isoDate(ms));

export function ledgerEntryJson(e: LedgerEntryRow) {
  const { lotId, availableAt, ...rest } = e;
  return { ...rest, availableAt: availableAt === null ? null : isoDate(availableAt), relatesTo: lotId, createdAt: isoDate(e.createdAt) };
}

export function invitationJson(origin: string, i: InvitationWithStats) {
  const link = invitationLink(origin, i.code);
  return {
    id: i.id,
    code: i.code,
    name: i.name,
    campaign: i.campaign,
    memberId: i.memberId,
    memberName: i.memberName,
    destinationUrl: i.destinationUrl,
    active: i.active,
    link,
    qrSvg: `${link}/qr.svg`,
    qrPng: `${link}/qr.png`,
    card: `${link}/card`,
    stats: { clicks: i.clicks, scans: i.scans, signups: i.signups },
    createdAt: isoDate(i.createdAt),
  };
}

export function customerExportJson({ profile: p, holdings: h, balance, ledger }: CustomerExport, now: number) {
  return {
    exportedAt: isoDate(now),
    customer: { id: p.id, externalId: p.externalId, email: p.email, createdAt: isoDate(p.createdAt), erasedAt: isoOrNull(p.erasedAt) },
    attribution: p.attribution && {
      method: p.attribution.method,
      invitationCode: p.attribution.invitationCode,
      partnerId: p.attribution.partnerId,
      referredByCustomerId: p.attribution.referredByCustomerId,
      click: p.click && { ...p.click, createdAt: isoDate(p.click.createdAt) },
    },
    balance,
    ledger: ledger.map(ledgerEntryJson),
    subscriptions: h.subscriptions.map((s) => ({
      ...s,
      status: s.status as 'trialing' | 'active' | 'past_due' | 'canceled' | 'expired',
      expiresAt: isoOrNull(s.expiresAt),
      canceledAt: isoOrNull(s.canceledAt),
      updatedAt: isoDate(s.updatedAt),
    })),
    payments: h.payments.map((x) => ({
      invoiceId: x.invoiceId,
      amount: x.amount,
      product: x.product,
      paidAt: isoDate(x.paidAt),
      refunds: x.refunds.map((r) => ({ ...r, createdAt: isoDate(r.createdAt) })),
    })),
    clientPayments: h.clientPayments.map((x) => ({ ...x, paidUntil: isoDate(x.paidUntil), createdAt: isoDate(x.createdAt) })),
    invitations: h.invitations.map((i) => ({ code: i.code, createdAt: isoDate(i.createdAt) })),
    referredCustomers: h.referredCustomers,
  };
}

export function memberExportJson({ member: m, holdings: h }: MemberExport, now: number) {
  const erased = m.erasedAt !== null;
  const dated = <T extends { createdAt: number }>(x: T) => ({ ...x, createdAt: isoDate(x.createdAt) });
  return {
    exportedAt: isoDate(now),
    account: { id: m.accountId, email: erased ? null : m.email, name: erased ? null : m.name, createdAt: isoDate(m.accountCreatedAt), erasedAt: isoOrNull(m.erasedAt) },
    membership: { id: m.memberId, partnerId: m.partnerId, role: m.role, createdAt: isoDate(m.memberSince) },
    invitations: h.invitations.map(dated),
    withdrawals: h.withdrawals.map(dated),
    clientPayments: h.clientPayments.map(dated),
    referralChanges: h.referralChanges.map(dated),
    sessions: h.sessions.map((x) => ({ createdAt: isoDate(x.createdAt), expiresAt: isoDate(x.expiresAt) })),
  };
}

export const withdrawalJson = (w: WithdrawalRow) => ({
  id: w.id,
  amount: w.amount,
  payoutMethod: w.payoutMethod,
  status: w.status,
  statusReason: w.statusReason,
  createdAt: isoDate(w.createdAt),
  settledAt: w.settledAt === null ? null : isoDate(w.settledAt),
});

export const periodJson = (p: PeriodRow) => ({
  id: p.id,
  startsAt: isoDate(p.startsAt),
  endsAt: isoDate(p.endsAt),
  closedAt: p.closedAt === null ? null : isoDate(p.closedAt),
  batchId: p.batchId,
});

export function batchLinesJson(lines: BatchLine[]) {
  return lines.map(({ partnerStatus, ...l }) => ({ ...l, displayId: partnerDisplayId(partnerStatus, l.partnerNumber) }));
}

/** A partner as the program console lists it, with the status changes open to it. */
export function consolePartnerJson(p: ProfileRow) {
  return {
    id: p.id,
    displayId: partnerDisplayId(p.status, p.number),
    name: p.name,
    email: p.email,
    company: p.company,
    status: p.status,
    statusReason: p.statusReason,
    salesRep: p.salesRepId ? { id: p.salesRepId, name: p.salesRepName ?? '' } : null,
    termsVersion: p.termsVersion,
    createdAt: isoDate(p.createdAt),
    actions: actionsFor(p.status),
  };
}

/**
 * A referral record as its reader sees it: a partner never learns which lead of another partner (or which customer)
 * its lead matched; the program's staff do.
 */
export function referralJson(r: ReferralRow, view: 'partner' | 'staff', slaHours: number, now: number) {
  return {
    id: r.id,
    partner: { id: r.partnerId, name: r.partnerName },
    customerName: r.customerName,
    domain: r.domain,
    contactEmails: r.contactEmails,
    contactsErasedAt: r.contactsErasedAt === null ? null : isoDate(r.contactsErasedAt),
    contactPersons: r.contactPersons,
    requirement: r.requirement,
    product: r.product,
    type: r.type,
    stage: r.stage,
    value: r.valueMinor === null || !r.currency ? null : money(r.valueMinor, r.currency),
    notes: r.notes,
    owner: r.ownerId ? { id: r.ownerId, name: r.ownerName ?? '' } : null,
    registration:
      r.type === 'partner_to_program' && r.dueAt !== null
        ? {
            status: r.status,
            dueAt: isoDate(r.dueAt),
            sla: slaState(r, slaHours, now)!,
            decidedAt: isoOrNull(r.decidedAt),
            lockedUntil: r.status === 'confirmed' ? isoOrNull(r.lockedUntil) : null,
            locked: isLocked(r, now),
            reason: r.decisionReason,
          }
        : null,
    duplicates: view === 'partner' ? r.duplicates.map(matchForPartner) : r.duplicates.map(({ customerId: _, ...m }) => m),
    verbal: r.channel ? { channel: r.channel, enteredBy: { id: r.enteredById ?? '', name: r.enteredByName ?? '' } } : null,
    wonProposedAt: isoOrNull(r.wonProposedAt),
    contractDate: r.contractDate,
    registeredAt: isoDate(r.registeredAt),
    updatedAt: isoDate(r.updatedAt),
  };
}

export const referralChangeJson = (ch: ReferralChangeRow) => ({ ...ch, at: isoDate(ch.at) });
