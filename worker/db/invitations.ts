// Invitations: lookup by code for the redirect and attribution, and a partner's list with its stats.
import type { InvitationFact } from '../domain/attribution';
import { canRefer, type PartnerStatus } from '../domain/partners';
import { readOne, type Read, type Condition } from './reads';

export interface InvitationRow {
  id: string;
  programId: string;
  partnerId: string | null;
  customerId: string | null;
  memberId: string | null;
  code: string;
  name: string | null;
  campaign: string | null;
  destinationUrl: string | null;
  active: boolean;
  createdAt: number;
}

interface InvitationRecord {
  id: string;
  program_id: string;
  partner_id: string | null;
  customer_id: string | null;
  member_id: string | null;
  code: string;
  name: string | null;
  campaign: string | null;
  destination_url: string | null;
  active: number;
  created_at: number;
}

function toInvitation(r: InvitationRecord): InvitationRow {
  return {
    id: r.id,
    programId: r.program_id,
    partnerId: r.partner_id,
    customerId: r.customer_id,
    memberId: r.member_id,
    code: r.code,
    name: r.name,
    campaign: r.campaign,
    destinationUrl: r.destination_url,
    active: r.active === 1,
    createdAt: r.created_at,
  };
}

export interface RedirectTarget {
  invitation: InvitationRow;
  programDestination: string;
  clickRef: number; // what a signed click id carries for the invitation (migration 0015)
}

/** One indexed read: the invitation and its program's destination. */
export async function redirectTarget(db: D1Database, codeKey: string): Promise<RedirectTarget | null> {
  const r = await db
    .prepare(
      `SELECT i.*, p.destination_url AS program_destination FROM invitations i
       JOIN programs p ON p.id = i.program_id WHERE i.code_key = ?`,
    )
    .bind(codeKey)
    .first<InvitationRecord & { program_destination: string; click_ref: number }>();
  return r ? { invitation: toInvitation(r), programDestination: r.program_destination, clickRef: r.click_ref } : null;
}

/** The invitation a signed click id names, if it is one of this program's. */
export async function invitationIdByClickRef(db: D1Database, programId: string, clickRef: number): Promise<string | null> {
  const r = await db.prepare('SELECT id FROM invitations WHERE program_id = ? AND click_ref = ?').bind(programId, clickRef).first<{ id: string }>();
  return r?.id ?? null;
}

/**
 * The emails of a partner's members, one per line, as a scalar subquery on the partner's id column: who may not be
 * referred by that partner (isSelfReferral). `advocateEmails` reads it back.
 */
export const memberEmailsSql = (partnerIdColumn: string): string =>
  `(SELECT group_concat(a.email, char(10)) FROM members m JOIN accounts a ON a.id = m.account_id WHERE m.partner_id = ${partnerIdColumn})`;

/** The advocate's own emails and its members' (memberEmailsSql's lines), those that are there. */
export const advocateEmails = (own: (string | null)[], memberEmails: string | null): string[] =>
  [...own, ...(memberEmails?.split('\n') ?? [])].filter((e): e is string => !!e);

/**
 * The invitation with what attribution needs to know about its advocate, and its print: the same facts as one JSON
 * text, which a signup on kept facts compares in its write batch (flows/signups.ts), so it never decides on stale ones.
 */
export type InvitationFactRow = InvitationFact & { partnerId: string | null; customerId: string | null; partnerName: string | null; print: string };

const FACT_FROM = `FROM invitations i
       LEFT JOIN partners p ON p.id = i.partner_id
       LEFT JOIN customers c ON c.id = i.customer_id`;
/** The fact's columns, in the order of its print. */
const FACT_COLUMNS = ['id', 'code', 'active', 'partner_id', 'customer_id', 'partner_name', 'partner_status', 'partner_email', 'customer_email', 'customer_external_id', 'member_emails'] as const;
const FACT_PRINT = `json_array(i.id, i.code, i.active, i.partner_id, i.customer_id, p.name, p.status, p.email, c.email, c.external_id, ${memberEmailsSql('i.partner_id')})`;

/** The invitation with what attribution needs to know about its advocate: read as its print, the fact made from it. */
export function invitationFactRead(db: D1Database, programId: string, by: { codeKey: string } | { id: string }): Read<InvitationFactRow | null> {
  const where = 'codeKey' in by ? 'i.code_key = ?' : 'i.id = ?';
  const statement = db.prepare(`SELECT ${FACT_PRINT} AS print ${FACT_FROM} WHERE i.program_id = ? AND ${where}`).bind(programId, 'codeKey' in by ? by.codeKey : by.id);
  return {
    statement,
    from: (rows) => {
      const print = rows[0]?.print as string | undefined;
      if (print === undefined) return null;
      const values = JSON.parse(print) as unknown[];
      return toInvitationFact(Object.fromEntries(FACT_COLUMNS.map((column, i) => [column, values[i]])) as unknown as InvitationFactRecord, print);
    },
  };
}

/** A condition (SQL and its arguments) that holds while the invitation's facts still print as `print`. */
export const invitationUnchanged = (programId: string, invitationId: string, print: string): Condition => ({
  sql: `(SELECT ${FACT_PRINT} ${FACT_FROM} WHERE i.program_id = ? AND i.id = ?) = ?`,
  args: [programId, invitationId, print],
});

export const invitationFact = (db: D1Database, programId: string, by: { codeKey: string } | { id: string }) => readOne(db, invitationFactRead(db, programId, by));

interface InvitationFactRecord {
  id: string; code: string; active: number; partner_id: string | null; customer_id: string | null;
  partner_name: string | null; partner_status: PartnerStatus | null; partner_email: string | null;
  customer_email: string | null; customer_external_id: string | null; member_emails: string | null;
}

function toInvitationFact(r: InvitationFactRecord, print: string): InvitationFactRow {
  const emails = advocateEmails([r.partner_email, r.customer_email], r.member_emails);
  return {
    id: r.id,
    code: r.code,
    active: r.active === 1,
    advocateEmails: emails,
    advocateExternalId: r.customer_external_id,
    advocateCanRefer: r.partner_status ? canRefer(r.partner_status) : true,
    partnerId: r.partner_id,
    customerId: r.customer_id,
    partnerName: r.partner_name,
    print,
  };
}

export interface InvitationWithStats extends InvitationRow {
  memberName: string | null;
  clicks: number;
  scans: number;
  signups: number;
}

/** A partner's invitations with their totals, summed from the daily rollups. */
export async function listPartnerInvitations(db: D1Database, partnerId: string, onlyId?: string): Promise<InvitationWithStats[]> {
  const { results } = await db
    .prepare(
      `SELECT i.*, a.name AS member_name, coalesce(sum(s.clicks), 0) AS clicks, coalesce(sum(s.scans), 0) AS scans,
              coalesce(sum(s.signups), 0) AS signups
       FROM invitations i
       LEFT JOIN invitation_daily_stats s ON s.invitation_id = i.id
       LEFT JOIN members m ON m.id = i.member_id
       LEFT JOIN accounts a ON a.id = m.account_id
       WHERE i.partner_id = ?1 AND (?2 IS NULL OR i.id = ?2)
       GROUP BY i.id ORDER BY i.created_at DESC, i.id`,
    )
    .bind(partnerId, onlyId ?? null)
    .all<InvitationRecord & { member_name: string | null; clicks: number; scans: number; signups: number }>();
  return results.map((r) => ({ ...toInvitation(r), memberName: r.member_name, clicks: r.clicks, scans: r.scans, signups: r.signups }));
}

/** Clicks, scans and signups over all of a partner's invitations (its summary), as one read a caller may batch. */
export function partnerInvitationTotalsRead(db: D1Database, partnerId: string): Read<{ clicks: number; scans: number; signups: number }> {
  return {
    statement: db
      .prepare(
        `SELECT coalesce(sum(s.clicks), 0) AS clicks, coalesce(sum(s.scans), 0) AS scans, coalesce(sum(s.signups), 0) AS signups
         FROM invitations i JOIN invitation_daily_stats s ON s.invitation_id = i.id WHERE i.partner_id = ?`,
      )
      .bind(partnerId),
    from: (rows) => ({ clicks: Number(rows[0]?.clicks ?? 0), scans: Number(rows[0]?.scans ?? 0), signups: Number(rows[0]?.signups ?? 0) }),
  };
}

export interface NewInvitation {
  id: string;
  programId: string;
  partnerId: string;
  memberId: string | null;
  code: string;
  codeKey: string;
  name: string | null;
  campaign: string | null;
  destinationUrl: string | null;
  now: number;
}

/** Inserts unless the code is taken; returns false when it is. */
export async function insertInvitation(db: D1Database, n: NewInvitation): Promise<boolean> {
  const r = await db
    .prepare(
      `INSERT INTO invitations (id, program_id, partner_id, member_id, code, code_key, name, campaign, destination_url, active, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT(code_key) DO NOTHING`,
    )
    .bind(n.id, n.programId, n.partnerId, n.memberId, n.code, n.codeKey, n.name, n.campaign, n.destinationUrl, n.now, n.now)
    .run();
  return r.meta.changes > 0; // 2 when inserted: D1 counts the click_ref trigger's update too
}

export interface InvitationChanges {
  name?: string | null;
  campaign?: string | null;
  memberId?: string | null;
  destinationUrl?: string | null;
  active?: boolean;
}

const COLUMNS: Record<keyof InvitationChanges, string> = {
  name: 'name',
  campaign: 'campaign',
  memberId: 'member_id',
  destinationUrl: 'destination_url',
  active: 'active',
};

/** Renames, relabels, re-owns, redirects, deactivates or reactivates; the code itself never changes. */
export async function updateInvitation(db: D1Database, partnerId: string, id: string, changes: InvitationChanges, now: number): Promise<boolean> {
  const fields = (Object.keys(COLUMNS) as (keyof InvitationChanges)[]).filter((k) => changes[k] !== undefined);
  const sets = fields.map((k) => `${COLUMNS[k]} = ?`).concat('updated_at = ?');
  const values = fields.map((k) => (k === 'active' ? (changes.active ? 1 : 0) : changes[k]));
  const r = await db
    .prepare(`UPDATE invitations SET ${sets.join(', ')} WHERE id = ? AND partner_id = ?`)
    .bind(...values, now, id, partnerId)
    .run();
  return r.meta.changes > 0; // 2 when inserted: D1 counts the click_ref trigger's update too
}
