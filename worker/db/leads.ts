// Lead registration's SQL: a new referral record with its duplicate keys, the leads and customers that share them,
// the program's decisions on a lead (each guarded by the status it was decided on), and the deadline sweep.
import type { PartnerStatus } from '../domain/partners';
import type { ReferralType, Stage } from '../domain/referrals';
import type { DuplicateMatch, RegistrationStatus } from '../domain/leads';
import { leadDeadline, type EventDraft } from '../domain/events';
import { eventsStatement } from './events';
import { STATUS_SQL } from './referrals';
import type { Condition, Read } from './reads';
import { advocateEmails, memberEmailsSql } from './invitations';

export interface NewReferralRecord {
  id: string;
  programId: string;
  partnerId: string;
  type: ReferralType;
  customerName: string;
  contactPersons: string | null;
  requirement: string | null;
  product: string | null;
  valueMinor: number | null;
  currency: string;
  notes: string | null;
  ownerId: string | null;
  domain: string | null;
  contactEmails: string[];
  /** A registered lead awaits the program's answer by then; a referral the program sent has nothing to confirm. */
  dueAt: number | null;
  duplicates: DuplicateMatch[];
  /** The lead it first matched, if any. */
  duplicateOf: string | null;
  keys: string[];
  accountId: string;
  changeId: string;
  events: EventDraft[];
  now: number;
  /** A verbal referral staff entered: confirmed (and locked) at once when it matched nothing; its channel. */
  verbal?: { lockedUntil: number | null; channel: string };
  /** Statements before the record (the advocate's partner it belongs to) and after it (events that name it). */
  before?: D1PreparedStatement[];
  after?: D1PreparedStatement[];
}

/** The record, its keys, its first audit entry ("created") and its events, together. */
export async function insertReferralRecord(db: D1Database, r: NewReferralRecord): Promise<void> {
  await db.batch(referralRecordStatements(db, r));
}

/** The statements of insertReferralRecord, for one batch; the scale benchmark batches many. */
export function referralRecordStatements(db: D1Database, r: NewReferralRecord): D1PreparedStatement[] {
  const status = r.type === 'program_to_partner' || r.verbal?.lockedUntil ? 'confirmed' : 'pending';
  return [
    ...(r.before ?? []),
    db
      .prepare(
        `INSERT INTO referrals (id, program_id, partner_id, type, stage, registration_status, customer_name, contact_persons, requirement, product,
           value_minor, currency, notes, owner_account_id, company_domain, contact_emails, due_at, decided_at, duplicate_matches, duplicate_of_referral_id,
           registered_at, updated_at, locked_until, channel, entered_by_account_id)
         VALUES (?1, ?2, ?3, ?4, 'new', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?20, ?21, ?22, ?23)`,
      )
      .bind(
        r.id, r.programId, r.partnerId, r.type, status, r.customerName, r.contactPersons, r.requirement, r.product, r.valueMinor, r.currency, r.notes,
        r.ownerId, r.domain, JSON.stringify(r.contactEmails), r.dueAt, status === 'confirmed' ? r.now : null, JSON.stringify(r.duplicates), r.duplicateOf, r.now,
        r.verbal?.lockedUntil ?? null, r.verbal?.channel ?? null, r.verbal ? r.accountId : null,
      ),
    db
      .prepare('INSERT INTO lead_keys (program_id, key, referral_id) SELECT ?1, value, ?2 FROM json_each(?3) WHERE true ON CONFLICT DO NOTHING')
      .bind(r.programId, r.id, JSON.stringify(r.keys)),
    db
      .prepare("INSERT INTO referral_changes (id, referral_id, account_id, field, old_value, new_value, created_at) VALUES (?, ?, ?, 'created', NULL, ?, ?)")
      .bind(r.changeId, r.id, r.accountId, r.customerName, r.now),
    eventsStatement(db, r.programId, r.events, r.now, { sql: 'SELECT 1 FROM referrals WHERE id = ?', args: [r.id] }),
    ...(r.after ?? []),
  ];
}

/** A lead that shares a key with the one being matched. */
export interface KeyHit {
  key: string;
  referralId: string;
  partnerId: string;
  customerName: string;
  status: RegistrationStatus;
  lockedUntil: number | null;
  registeredAt: number;
}

/** A customer whose email is one of the lead's contacts, or at one of its domains. */
export interface CustomerHit {
  customerId: string;
  email: string;
  partnerId: string | null;
  createdAt: number;
}

/** Every lead of the program (but `exceptId`) sharing a key, and every customer (not erased) matching a contact or domain. */
export async function matchCandidates(
  db: D1Database,
  q: { programId: string; keys: string[]; emails: string[]; domains: string[]; exceptId: string | null },
): Promise<{ leads: KeyHit[]; customers: CustomerHit[] }> {
  const [leads, customers] = await db.batch<Record<string, unknown>>([
    db
      .prepare(
        `SELECT k.key, r.id AS referralId, r.partner_id AS partnerId, r.customer_name AS customerName, ${STATUS_SQL} AS status,
           r.locked_until AS lockedUntil, r.registered_at AS registeredAt
         FROM lead_keys k JOIN referrals r ON r.id = k.referral_id
         WHERE k.program_id = ?1 AND k.key IN (SELECT value FROM json_each(?2)) AND r.id IS NOT ?3`,
      )
      .bind(q.programId, JSON.stringify(q.keys), q.exceptId),
    db
      .prepare(
        `SELECT id AS customerId, email, partner_id AS partnerId, created_at AS createdAt FROM customers
         WHERE program_id = ?1 AND erased_at IS NULL AND email IS NOT NULL
           AND (email IN (SELECT value FROM json_each(?2))
                OR lower(substr(email, instr(email, '@') + 1)) IN (SELECT value FROM json_each(?3)))
         LIMIT 20`,
      )
      .bind(q.programId, JSON.stringify(q.emails), JSON.stringify(q.domains)),
  ]);
  return { leads: leads.results as unknown as KeyHit[], customers: customers.results as unknown as CustomerHit[] };
}

const DB_STATUS: Record<RegistrationStatus, string> = { pending: 'pending', confirmed: 'confirmed', rejected: 'rejected', not_genuine: 'unlocked' };

export interface LeadDecisionWrite {
  referralId: string;
  programId: string;
  /** The status it was decided on; the decision applies only if the lead still has it (and, to renew, its lock). */
  from: RegistrationStatus;
  fromLockedUntil: number | null;
  to: RegistrationStatus;
  lockedUntil: number | null;
  reason: string | null;
  ownerId: string | null;
  /** The audit entries: the status, and the owner when it changes. */
  changes: { id: string; field: string; old: string | null; new: string | null }[];
  event: EventDraft;
  accountId: string;
  now: number;
}

/**
 * Writes a decision on a lead with its audit entries and event, if the lead still stands where it was decided on. A
 * confirmation also needs no other lead sharing a key to be locked: two duplicates confirmed at once lock one.
 */
export async function decideLead(db: D1Database, d: LeadDecisionWrite): Promise<boolean> {
  const noLockedTwin =
    d.to === 'confirmed' && d.from === 'pending'
      ? `AND NOT EXISTS (SELECT 1 FROM lead_keys k JOIN lead_keys o ON o.program_id = k.program_id AND o.key = k.key AND o.referral_id <> k.referral_id
           JOIN referrals x ON x.id = o.referral_id WHERE k.referral_id = ?1 AND x.registration_status = 'confirmed' AND x.locked_until > ?4)`
      : '';
  const [update] = await db.batch([
    db
      .prepare(
        `UPDATE referrals SET registration_status = ?2, locked_until = ?3, decided_at = coalesce(decided_at, ?4), decision_reason = ?5,
           owner_account_id = coalesce(?6, owner_account_id), updated_at = ?4
         WHERE id = ?1 AND registration_status = ?7 AND locked_until IS ?8 ${noLockedTwin}`,
      )
      .bind(d.referralId, DB_STATUS[d.to], d.lockedUntil, d.now, d.reason, d.ownerId, DB_STATUS[d.from], d.fromLockedUntil),
    db
      .prepare(
        `INSERT INTO referral_changes (id, referral_id, account_id, field, old_value, new_value, created_at)
         SELECT value ->> '$.id', ?1, ?2, value ->> '$.field', value ->> '$.old', value ->> '$.new', ?3 FROM json_each(?4) WHERE changes() = 1`,
      )
      .bind(d.referralId, d.accountId, d.now, JSON.stringify(d.changes)),
    eventsStatement(db, d.programId, [d.event], d.now, { sql: 'SELECT 1 FROM referral_changes WHERE id = ?', args: [d.changes[0].id] }),
  ]);
  return (update.meta.changes ?? 0) === 1;
}

/** A partner's proposal that a deal is won: its audit entry and event, once until the program answers. */
export async function proposeWon(db: D1Database, p: { referralId: string; programId: string; changeId: string; note: string | null; event: EventDraft; accountId: string; now: number }): Promise<boolean> {
  const [update] = await db.batch([
    db
      .prepare("UPDATE referrals SET won_proposed_at = ?2, updated_at = ?2 WHERE id = ?1 AND won_proposed_at IS NULL AND stage NOT IN ('won', 'junk')")
      .bind(p.referralId, p.now),
    db
      .prepare("INSERT INTO referral_changes (id, referral_id, account_id, field, old_value, new_value, created_at) SELECT ?, ?, ?, 'won_proposed', NULL, ?, ? WHERE changes() = 1")
      .bind(p.changeId, p.referralId, p.accountId, p.note, p.now),
    eventsStatement(db, p.programId, [p.event], p.now, { sql: 'SELECT 1 FROM referral_changes WHERE id = ?', args: [p.changeId] }),
  ]);
  return (update.meta.changes ?? 0) === 1;
}

/** A day before the latest warning of any SLA: the sweep looks no further ahead than this. */
const LOOKAHEAD_MS = 86_400_000;

export interface DeadlineRow {
  id: string;
  programId: string;
  partnerId: string;
  dueAt: number;
  slaHours: number;
  slaNotice: number;
}

/** Leads awaiting an answer whose "due soon" or "overdue" notice has not gone out and may be due, oldest deadline first. */
export async function leadsNearDeadline(db: D1Database, now: number, limit: number): Promise<DeadlineRow[]> {
  const { results } = await db
    .prepare(
      `SELECT r.id, r.program_id AS programId, r.partner_id AS partnerId, r.due_at AS dueAt, g.lead_sla_hours AS slaHours, r.sla_notice AS slaNotice
       FROM referrals r JOIN programs g ON g.id = r.program_id
       WHERE r.registration_status = 'pending' AND r.due_at <= ?1 AND r.sla_notice < 2 AND (r.sla_notice = 0 OR r.due_at <= ?2)
       ORDER BY r.due_at LIMIT ?3`,
    )
    .bind(now + LOOKAHEAD_MS, now, limit)
    .all<DeadlineRow>();
  return results;
}

/** Marks the notice as sent and raises its event, together; a lead decided meanwhile gets neither. */
export function deadlineNoticeStatements(db: D1Database, r: DeadlineRow, notice: 1 | 2, now: number): D1PreparedStatement[] {
  return [
    db.prepare("UPDATE referrals SET sla_notice = ?2 WHERE id = ?1 AND registration_status = 'pending' AND sla_notice < ?2").bind(r.id, notice),
    eventsStatement(db, r.programId, [leadDeadline({ referralId: r.id, partnerId: r.partnerId, dueAt: r.dueAt, overdue: notice === 2 })], now, {
      sql: "SELECT 1 FROM referrals WHERE id = ? AND sla_notice = ? AND registration_status = 'pending'",
      args: [r.id, notice],
    }),
  ];
}

export interface MatchedLeadRow {
  id: string;
  customerName: string;
  partner: { id: string; name: string };
  status: RegistrationStatus;
  stage: Stage;
  registeredAt: number;
  lockedUntil: number | null;
}

/** The leads a duplicate matched, for the program's staff: both sides of the conflict shown. */
export async function matchedLeads(db: D1Database, programId: string, ids: string[]): Promise<MatchedLeadRow[]> {
  if (ids.length === 0) return [];
  const { results } = await db
    .prepare(
      `SELECT r.id, r.customer_name AS customerName, p.id AS partnerId, p.name AS partnerName, ${STATUS_SQL} AS status, r.stage,
         r.registered_at AS registeredAt, r.locked_until AS lockedUntil
       FROM referrals r JOIN partners p ON p.id = r.partner_id WHERE r.program_id = ?1 AND r.id IN (SELECT value FROM json_each(?2)) ORDER BY r.registered_at`,
    )
    .bind(programId, JSON.stringify(ids))
    .all<Omit<MatchedLeadRow, 'partner'> & { partnerId: string; partnerName: string }>();
  return results.map(({ partnerId, partnerName, ...r }) => ({ ...r, partner: { id: partnerId, name: partnerName } }));
}

/** The confirmed leads that lock any of the keys now (lead_keys k joined to referrals r): its arguments are the program, the keys and the time. */
const LOCKING = `lead_keys k JOIN referrals r ON r.id = k.referral_id
       WHERE k.program_id = ? AND k.key IN (SELECT value FROM json_each(?)) AND r.registration_status = 'confirmed' AND r.locked_until > ?`;

/** A condition (SQL and its arguments) that holds while no confirmed lead locks any of these keys now (lockedLeadRead's none). */
export const noLockedLead = (programId: string, keys: string[], now: number): Condition => ({
  sql: `NOT EXISTS (SELECT 1 FROM ${LOCKING})`,
  args: [programId, JSON.stringify(keys), now],
});

/** The lead a customer's email meets that is locked now (the earliest confirmed), with its partner; null when none. */
export function lockedLeadRead(db: D1Database, programId: string, keys: string[], now: number): Read<LockedLead | null> {
  const statement = db
    .prepare(
      `SELECT r.id AS referralId, r.partner_id AS partnerId, r.customer_name AS company, p.status AS partnerStatus, p.email AS partnerEmail,
              ${memberEmailsSql('r.partner_id')} AS memberEmails
       FROM (SELECT r.* FROM ${LOCKING}) r JOIN partners p ON p.id = r.partner_id
       ORDER BY r.decided_at, r.id LIMIT 1`,
    )
    .bind(programId, JSON.stringify(keys), now);
  return {
    statement,
    from: (rows) => {
      const r = rows[0] as (Omit<LockedLead, 'advocateEmails'> & { partnerEmail: string | null; memberEmails: string | null }) | undefined;
      if (!r) return null;
      const { partnerEmail, memberEmails, ...lead } = r;
      return { ...lead, advocateEmails: advocateEmails([partnerEmail], memberEmails) };
    },
  };
}

export interface LockedLead {
  referralId: string;
  partnerId: string;
  company: string;
  partnerStatus: PartnerStatus;
  /** The partner's own email and its members': a signup from one of them is no referral (isSelfReferral's rule). */
  advocateEmails: string[];
}

/**
 * Erases a lead's contacts (persons and emails) on request, in one batch: the referral keeps its company, domain and
 * deal; its contact-mailbox keys go, so it no longer matches those people (its company and domain keys stay); the audit
 * trail records who erased them, not what. False when the referral is not the program's.
 */
export async function eraseLeadContacts(db: D1Database, p: { programId: string; referralId: string; accountId: string; changeId: string; now: number }): Promise<boolean> {
  const [, update] = await db.batch([
    // The trail first, once: only while the contacts were not erased before.
    db
      .prepare(
        `INSERT INTO referral_changes (id, referral_id, account_id, field, old_value, new_value, created_at)
         SELECT ?1, ?2, ?3, 'contacts', NULL, 'erased', ?4 WHERE EXISTS (SELECT 1 FROM referrals WHERE id = ?2 AND program_id = ?5 AND contacts_erased_at IS NULL)`,
      )
      .bind(p.changeId, p.referralId, p.accountId, p.now, p.programId),
    db
      .prepare("UPDATE referrals SET contact_persons = NULL, contact_emails = '[]', contacts_erased_at = coalesce(contacts_erased_at, ?1) WHERE id = ?2 AND program_id = ?3")
      .bind(p.now, p.referralId, p.programId),
    db.prepare("DELETE FROM lead_keys WHERE referral_id = ? AND key LIKE 'email:%'").bind(p.referralId),
  ]);
  return update.meta.changes > 0;
}
