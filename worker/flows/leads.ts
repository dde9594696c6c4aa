// The B2B channel's use cases: a partner registers a lead (matched for duplicates at once), the program sends a partner
// a referral, the program decides on a lead (confirm and lock, reject, not genuine, renew the lock), and the weekly
// work of stages, where Won pays the deal's commission through the ledger.
import { nanoid } from 'nanoid';
import { money } from '../../shared/money';
import type { ProgramRow } from '../env';
import { ApiError } from '../middleware/errors';
import {
  blocks, describeMatch, domainOf, dueAt, dueSoonAt, isFreeMail, isLocked, leadKeys, lockUntil, stageProblem, strongestMatches, type Actor, type DuplicateMatch,
  type RegistrationStatus,
} from '../domain/leads';
import { referralChanges, type EditableFields, type Stage } from '../domain/referrals';
import { leadDecided, leadRegistered, referralSent, wonProposed } from '../domain/events';
import { dealCommission } from '../domain/commissions';
import { normalizeEmail } from '../domain/emails';
import { partnerDisplayId } from '../domain/partners';
import { deadlineNoticeStatements, decideLead, insertReferralRecord, leadsNearDeadline, matchCandidates, proposeWon } from '../db/leads';
import { updateReferral, type ReferralRow } from '../db/referrals';
import { activeRules } from '../db/rewards';
import type { EarningPartner } from '../db/partners';
import { staffRole } from '../db/console';

export interface LeadInput {
  customerName: string;
  domain?: string | null;
  contactPersons?: string | null;
  contactEmails?: string[];
  requirement?: string | null;
  product?: string | null;
  valueMinor?: number | null;
  notes?: string | null;
}

const orNull = (s: string | null | undefined) => (s ? s : null);

/** The lead's identity as matched: its domain as typed, read as a domain; its contacts' mailboxes. */
export function identityOf(input: LeadInput) {
  const domain = input.domain ? domainOf(input.domain) : null;
  if (input.domain && !domain) throw new ApiError(400, 'invalid_domain', `"${input.domain}" is not a domain or website (e.g. globex.se).`);
  const contactEmails = [...new Set((input.contactEmails ?? []).map((e) => e.trim().toLowerCase()))];
  return { customerName: input.customerName, domain, contactEmails };
}

/**
 * What a lead matches among the program's leads and customers, as of `now`: each lead or customer that stands in its
 * way (domain/leads.ts, blocks), with what it matched on. A customer stands in the way if it was known before the lead.
 */
export async function duplicatesOf(
  db: D1Database,
  lead: { id: string; programId: string; partnerId: string; customerName: string; domain: string | null; contactEmails: string[]; registeredAt: number },
  now: number,
): Promise<DuplicateMatch[]> {
  const keys = leadKeys(lead);
  const domains = [lead.domain, ...lead.contactEmails.map(domainOf)].filter((d): d is string => d !== null && !isFreeMail(d));
  const found = await matchCandidates(db, { programId: lead.programId, keys, emails: lead.contactEmails, domains: [...new Set(domains)], exceptId: lead.id });
  const matches: DuplicateMatch[] = [];
  for (const h of found.leads) {
    if (!blocks({ status: h.status, lockedUntil: h.lockedUntil, registeredAt: h.registeredAt, id: h.referralId }, { registeredAt: lead.registeredAt, id: lead.id }, now)) continue;
    const against = h.partnerId === lead.partnerId ? 'own_lead' : 'other_lead';
    matches.push({ against, ...describeMatch(h.key, { ours: lead.customerName, theirs: h.customerName }), referralId: h.referralId });
  }
  const mailboxes = new Set(lead.contactEmails.map(normalizeEmail));
  for (const c of found.customers) {
    if (c.createdAt >= lead.registeredAt) continue;
    matches.push({ against: 'customer', on: mailboxes.has(normalizeEmail(c.email)) ? 'contact' : 'domain', exact: true, referralId: null, customerId: c.customerId });
  }
  return strongestMatches(matches);
}

/** A partner registers a lead: it is matched at once, stored with its keys and deadline, and the managers are told. */
export async function registerLead(
  db: D1Database,
  r: { program: ProgramRow; partnerId: string; ownerId: string | null; input: LeadInput; accountId: string; now: number },
): Promise<string> {
  const id = `ref_${nanoid()}`;
  const who = identityOf(r.input);
  const lead = { id, programId: r.program.id, partnerId: r.partnerId, ...who, registeredAt: r.now };
  const duplicates = await duplicatesOf(db, lead, r.now);
  const due = dueAt(r.now, r.program.leadSlaHours);
  await insertReferralRecord(db, {
    ...common(r.program, r.input, r.ownerId),
    id, partnerId: r.partnerId, type: 'partner_to_program', domain: who.domain, contactEmails: who.contactEmails, dueAt: due, duplicates,
    duplicateOf: duplicates.find((m) => m.referralId)?.referralId ?? null, keys: leadKeys(who), accountId: r.accountId, changeId: `rch_${nanoid()}`,
    events: [leadRegistered({ referralId: id, partnerId: r.partnerId, duplicate: duplicates.length > 0, dueAt: due })], now: r.now,
  });
  return id;
}

function common(program: ProgramRow, input: LeadInput, ownerId: string | null) {
  return {
    programId: program.id, customerName: input.customerName, contactPersons: orNull(input.contactPersons), requirement: orNull(input.requirement),
    product: orNull(input.product), valueMinor: input.valueMinor ?? null, currency: program.currency, notes: orNull(input.notes), ownerId,
  };
}

/** The program sends a partner a referral to work (program to partner): New, nothing to confirm, the partner is told. */
export async function sendReferral(db: D1Database, r: { program: ProgramRow; partnerId: string; ownerId: string | null; input: LeadInput; accountId: string; now: number }): Promise<string> {
  const id = `ref_${nanoid()}`;
  const who = identityOf(r.input);
  await insertReferralRecord(db, {
    ...common(r.program, r.input, r.ownerId),
    id, partnerId: r.partnerId, type: 'program_to_partner', domain: who.domain, contactEmails: who.contactEmails, dueAt: null, duplicates: [], duplicateOf: null,
    keys: [], accountId: r.accountId, changeId: `rch_${nanoid()}`, events: [referralSent({ referralId: id, partnerId: r.partnerId, ownerId: r.ownerId })], now: r.now,
  });
  return id;
}

/** The account may own leads and partners of the program: one of its staff. */
export async function assertOwner(db: D1Database, programId: string, ownerId: string): Promise<void> {
  if (!(await staffRole(db, programId, ownerId))) throw new ApiError(422, 'not_staff', 'The owner must be a sales representative or manager of this program.');
}

export type Decision = { decision: 'confirm'; ownerId: string } | { decision: 'reject'; reason: string } | { decision: 'not_genuine'; reason: string } | { decision: 'renew_lock' };

const conflict = (code: string, message: string, details?: unknown) => new ApiError(409, code, message, details);

/** The program decides on a registered lead. Refused (409) when the lead does not stand where the decision needs it. */
export async function decide(db: D1Database, d: { program: ProgramRow; referral: ReferralRow; decision: Decision; accountId: string; now: number }): Promise<void> {
  const r = d.referral;
  if (r.type !== 'partner_to_program') throw conflict('not_a_lead', 'Only a lead a partner registered is confirmed or rejected; the program sent this one.');
  const changeId = `rch_${nanoid()}`;
  const base = { referralId: r.id, programId: r.programId, from: r.status, fromLockedUntil: r.lockedUntil, accountId: d.accountId, now: d.now };
  const status = (to: RegistrationStatus) => ({ id: changeId, field: 'registration', old: r.status, new: to });
  const event = (decision: 'confirmed' | 'rejected' | 'not_genuine' | 'lock_renewed', lockedUntil: number | null, reason: string | null, ownerId: string | null) =>
    leadDecided({ changeId, decision, referralId: r.id, partnerId: r.partnerId, ownerId, lockedUntil, reason });
  let done: boolean;
  switch (d.decision.decision) {
    case 'confirm': {
      if (r.status !== 'pending') throw conflict('not_pending', `The lead is ${r.status.replace('_', ' ')}, not awaiting an answer.`);
      await assertOwner(db, r.programId, d.decision.ownerId);
      const duplicates = await duplicatesOf(db, r, d.now);
      if (duplicates.length > 0) throw conflict('duplicate_lead', 'The lead matches a lead or customer already known, so it cannot be confirmed for this partner. Reject it, or lift the other lead first.', duplicates);
      const until = lockUntil(d.now, d.program.leadLockDays);
      const owner = r.ownerId === d.decision.ownerId ? [] : [{ id: `rch_${nanoid()}`, field: 'owner', old: r.ownerId, new: d.decision.ownerId }];
      done = await decideLead(db, { ...base, to: 'confirmed', lockedUntil: until, reason: null, ownerId: d.decision.ownerId, changes: [status('confirmed'), ...owner], event: event('confirmed', until, null, d.decision.ownerId) });
      break;
    }
    case 'reject':
      if (r.status !== 'pending') throw conflict('not_pending', `The lead is ${r.status.replace('_', ' ')}, not awaiting an answer.`);
      done = await decideLead(db, { ...base, to: 'rejected', lockedUntil: null, reason: d.decision.reason, ownerId: null, changes: [status('rejected')], event: event('rejected', null, d.decision.reason, null) });
      break;
    case 'not_genuine':
      if (r.status !== 'confirmed') throw conflict('not_confirmed', 'Only a confirmed lead is found not genuine after the first call; reject one awaiting an answer.');
      if (r.stage === 'won') throw conflict('deal_won', 'The deal is won and its commission paid; it stays locked.');
      done = await decideLead(db, { ...base, to: 'not_genuine', lockedUntil: r.lockedUntil, reason: d.decision.reason, ownerId: null, changes: [status('not_genuine')], event: event('not_genuine', null, d.decision.reason, null) });
      break;
    case 'renew_lock': {
      if (r.status !== 'confirmed') throw conflict('not_confirmed', 'Only a confirmed lead has a lock to renew.');
      const until = lockUntil(d.now, d.program.leadLockDays, r.lockedUntil);
      const change = { id: changeId, field: 'locked_until', old: r.lockedUntil === null ? null : new Date(r.lockedUntil).toISOString(), new: new Date(until).toISOString() };
      done = await decideLead(db, { ...base, to: 'confirmed', lockedUntil: until, reason: r.decisionReason, ownerId: null, changes: [change], event: event('lock_renewed', until, null, r.ownerId) });
      break;
    }
  }
  if (!done) throw conflict('changed_meanwhile', 'The lead changed meanwhile (another decision, or a duplicate was locked first). Reload it and decide again.');
}

export interface StagePatch {
  stage?: Stage;
  notes?: string | null;
  valueMinor?: number | null;
  ownerId?: string | null;
  contractDate?: string | null;
}

/**
 * A change of stage, value, notes or owner, by the partner's own people or the program's staff (domain/leads.ts,
 * stageProblem, says who may set which stage). Won needs a value and a contract date, and posts the deal rule's
 * commission in the same batch as the stage.
 */
export async function changeReferral(
  db: D1Database,
  c: { program: ProgramRow; referral: ReferralRow; partner: EarningPartner; actor: Actor; manager: boolean; patch: StagePatch; accountId: string; now: number },
): Promise<void> {
  const r = c.referral;
  const p = c.patch;
  if (c.actor === 'partner' && (p.ownerId !== undefined || p.contractDate !== undefined)) throw new ApiError(403, 'staff_only', 'Only the program assigns the owner or records the contract date.');
  if (p.stage !== undefined) {
    const problem = stageProblem(c.actor, r, p.stage, c.now);
    if (problem) throw new ApiError(problem.code === 'staff_only' ? 403 : 409, problem.code, problem.message);
  }
  if (p.ownerId !== undefined && p.ownerId !== r.ownerId && !c.manager) throw new ApiError(403, 'forbidden', 'Only a program manager assigns a referral to another representative.');
  if (p.ownerId) await assertOwner(db, r.programId, p.ownerId);
  const before: EditableFields = { stage: r.stage, notes: r.notes, valueMinor: r.valueMinor, ownerId: r.ownerId, contractDate: r.contractDate };
  const changes = referralChanges(before, { ...p, notes: p.notes === undefined ? undefined : p.notes || null });
  if (changes.length === 0) return;
  const winning = p.stage === 'won' && r.stage !== 'won';
  const value = p.valueMinor !== undefined ? p.valueMinor : r.valueMinor;
  const contractDate = p.contractDate !== undefined ? p.contractDate : r.contractDate;
  if (winning && (value === null || value <= 0 || !contractDate)) {
    throw new ApiError(422, 'won_needs_value', 'A deal is won with its value and the date its contract was signed: give both.');
  }
  const entries = winning
    ? dealCommission({
        referralId: r.id, value: money(value!, c.program.currency), product: r.product, contractDate: contractDate!, partnerId: c.partner.id,
        partnerDisplayId: partnerDisplayId(c.partner.status, c.partner.number),
        recruiter: c.partner.recruiter ? { partnerId: c.partner.recruiter.id, displayId: partnerDisplayId(c.partner.recruiter.status, c.partner.recruiter.number), approved: c.partner.recruiter.status === 'partner' } : null,
        secondTierBps: c.program.secondTierBps, rules: await activeRules(db, c.program.id), now: c.now,
      })
    : [];
  const done = await updateReferral(db, {
    referralId: r.id, programId: r.programId, partnerId: r.partnerId, currency: c.program.currency, fromStage: r.stage,
    changes: changes.map((ch) => ({ ...ch, id: `rch_${nanoid()}`, column: ch.field === 'value' ? (ch.newValue === null ? null : Number(ch.newValue)) : ch.newValue })),
    accountId: c.accountId, changedBy: c.actor === 'partner' ? 'partner' : 'program', entries, now: c.now,
  });
  if (!done) throw conflict('changed_meanwhile', 'The referral moved to another stage meanwhile. Reload it and try again.');
}

/** A partner proposes that a deal is won: the program's staff are told, and confirm it (with value and date) or not. */
export async function proposeWin(db: D1Database, p: { program: ProgramRow; referral: ReferralRow; note: string | null; accountId: string; now: number }): Promise<void> {
  const r = p.referral;
  if (r.stage === 'won' || r.stage === 'junk') throw conflict('not_open', `The referral is ${r.stage}: there is nothing to propose.`);
  if (r.type === 'partner_to_program' && !isLocked(r, p.now)) throw conflict('lead_not_locked', 'Only a confirmed lead, locked to you, can be won for a commission.');
  const changeId = `rch_${nanoid()}`;
  const value = r.valueMinor === null ? null : money(r.valueMinor, p.program.currency);
  const event = wonProposed({ changeId, referralId: r.id, partnerId: r.partnerId, ownerId: r.ownerId ?? r.partnerRepId, value });
  if (!(await proposeWon(db, { referralId: r.id, programId: r.programId, changeId, note: p.note, event, accountId: p.accountId, now: p.now }))) {
    throw conflict('already_proposed', 'Won was proposed already; the program has been told.');
  }
}

/**
 * The hourly sweep of lead deadlines: a lead still awaiting an answer is announced as due soon (to the managers) and,
 * at its deadline, as overdue (to the managers and the partner), each once. Hourly, so a notice goes out within the
 * hour after its time.
 */
export async function sweepLeadDeadlines(db: D1Database, now: number): Promise<number> {
  let sent = 0;
  for (let round = 0; round < 20; round++) {
    const rows = await leadsNearDeadline(db, now, 100);
    const due = rows.flatMap((r) => {
      const notice: 1 | 2 | null = now >= r.dueAt ? 2 : now >= dueSoonAt(r.dueAt, r.slaHours) && r.slaNotice < 1 ? 1 : null;
      return notice ? [{ r, notice }] : [];
    });
    if (due.length > 0) await db.batch(due.flatMap(({ r, notice }) => deadlineNoticeStatements(db, r, notice, now)));
    sent += due.length;
    // Rows not yet due soon are read again each round; stop once a round sends nothing new.
    if (rows.length < 100 || due.length === 0) break;
  }
  return sent;
}
