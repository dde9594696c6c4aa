// A partner's full record (onboarding details, status and its reason, sales representative) and the console's changes to it.
import { partnerStatusChanged } from '../domain/events';
import type { PartnerStatus } from '../domain/partners';
import { eventsStatement } from './events';
import type { PartnerRow } from './partners';
import type { PartnerSort } from '../../shared/schemas/partners';

/** The partner as getPartner reads it, and its full record. */
export interface ProfileRow extends PartnerRow {
  statusReason: string | null;
  company: string | null;
  contactName: string | null;
  contactPhone: string | null;
  payoutMethod: 'card' | 'bank_account' | null;
  payoutDetails: string | null;
  taxId: string | null;
  billingAddress: string | null;
  termsVersion: number | null;
  termsAcceptedAt: number | null;
  approvedAt: number | null;
  salesRepId: string | null;
  salesRepName: string | null;
  createdAt: number;
}

const PROFILE_SELECT = `SELECT p.id, p.program_id AS programId, p.number, p.name, p.email, p.status, p.status_reason AS statusReason,
  p.company, p.contact_name AS contactName, p.contact_phone AS contactPhone, p.payout_method AS payoutMethod,
  p.payout_details AS payoutDetails, p.tax_id AS taxId, p.billing_address AS billingAddress, p.terms_version AS termsVersion,
  p.terms_accepted_at AS termsAcceptedAt, p.approved_at AS approvedAt, p.sales_rep_account_id AS salesRepId,
  a.name AS salesRepName, p.created_at AS createdAt
  FROM partners p LEFT JOIN accounts a ON a.id = p.sales_rep_account_id`;

export async function getProfile(db: D1Database, partnerId: string): Promise<ProfileRow | null> {
  return db.prepare(`${PROFILE_SELECT} WHERE p.id = ?`).bind(partnerId).first<ProfileRow>();
}

/** Who asks for the program's partners: a sales representative sees only the partners they own (null: a manager). */
export interface PartnerListScope {
  programId: string;
  representative: string | null;
}

export interface PartnerListQuery {
  q?: string;
  sort: PartnerSort;
  order: 'asc' | 'desc';
  page: number;
  limit: number;
  /** An owner's account id, or 'none' for the partners nobody owns. */
  salesRep?: string;
  /** Statuses, comma-separated: only the partners in one of them. */
  status?: string;
}

// Each order but the representative's is an index of migration 0032, read forwards or backwards, so a page is a range
// of it. The representative's name lives on their account, so that order is a sort of the program's partners by SQLite.
const PARTNER_ORDER: Record<PartnerSort, (dir: string) => string> = {
  name: (d) => `p.name COLLATE NOCASE ${d}, p.id ${d}`,
  number: (d) => `p.number ${d}`,
  status: (d) => `p.status ${d}, p.created_at ${d}, p.id ${d}`,
  createdAt: (d) => `p.created_at ${d}, p.id ${d}`,
  salesRep: (d) => `a.name COLLATE NOCASE ${d} NULLS LAST, p.created_at DESC, p.id DESC`,
};

/**
 * One page of the program's partners, searched and sorted, and how many match in all. The search matches part of the
 * partner's name, company or email or of a member's email, or exactly its id or display id (A123456 and P123456 both
 * find number 123456, whatever its status now).
 */
export async function partnerRecordsPage(db: D1Database, scope: PartnerListScope, query: PartnerListQuery): Promise<{ rows: ProfileRow[]; total: number }> {
  const { select, count, args } = partnerRecordsSql(scope, query);
  const [rows, total] = await db.batch<Record<string, unknown>>([db.prepare(select).bind(...args), db.prepare(count).bind(...args)]);
  return { rows: rows.results as unknown as ProfileRow[], total: (total.results[0] as { n: number }).n };
}

/** The page's statement and the count's, with their arguments (exported so a test can read their query plans). */
export function partnerRecordsSql(scope: PartnerListScope, query: PartnerListQuery): { select: string; count: string; args: unknown[] } {
  const args: unknown[] = [];
  const arg = (v: unknown) => `?${args.push(v)}`;
  const program = arg(scope.programId);
  const where = [`p.program_id = ${program}`];
  if (scope.representative) where.push(`p.sales_rep_account_id = ${arg(scope.representative)}`);
  if (query.salesRep === 'none') where.push('p.sales_rep_account_id IS NULL');
  else if (query.salesRep) where.push(`p.sales_rep_account_id = ${arg(query.salesRep)}`);
  if (query.status) where.push(`p.status IN (SELECT value FROM json_each(${arg(JSON.stringify(query.status.split(',')))}))`);
  const term = query.q?.trim();
  if (term) {
    // instr, not LIKE: D1 refuses a LIKE pattern over 50 bytes (a 500), and a search may be 100 characters. instr has
    // no wildcards, so % and _ are plain characters; lower() folds ASCII letters only, as LIKE does.
    const text = arg(term);
    // The text search reads the (program_id, search_text) index alone (migration 0037); the ids are found by their own
    // indexes. The partners then read are only those found.
    const found = [
      `SELECT rowid FROM partners WHERE program_id = ${program} AND instr(lower(search_text), lower(${text})) > 0`,
      `SELECT rowid FROM partners WHERE id = ${text}`,
    ];
    const number = /^[AP]?(\d{6})$/i.exec(term);
    if (number) found.push(`SELECT rowid FROM partners WHERE number = ${arg(Number(number[1]))}`);
    where.push(`p.rowid IN (${found.join(' UNION ALL ')})`);
    // The unary + keeps SQLite from walking the program's partners in the page's order and testing each against what
    // was found: it reads the found partners by rowid and sorts those few instead.
    where[0] = `+${where[0]}`;
  }
  const clause = `WHERE ${where.join(' AND ')}`;
  const order = PARTNER_ORDER[query.sort](query.order === 'asc' ? 'ASC' : 'DESC');
  return {
    select: `${PROFILE_SELECT} ${clause} ORDER BY ${order} LIMIT ${query.limit} OFFSET ${(query.page - 1) * query.limit}`,
    count: `SELECT count(*) AS n FROM partners p ${clause}`,
    args,
  };
}

const COLUMNS = {
  name: 'name',
  email: 'email',
  company: 'company',
  contactName: 'contact_name',
  contactPhone: 'contact_phone',
  payoutMethod: 'payout_method',
  payoutDetails: 'payout_details',
  taxId: 'tax_id',
  billingAddress: 'billing_address',
} as const;
export type ProfileChanges = Partial<Record<keyof typeof COLUMNS, string | null>>;

export async function updateProfile(db: D1Database, partnerId: string, changes: ProfileChanges): Promise<void> {
  const keys = (Object.keys(changes) as (keyof typeof COLUMNS)[]).filter((k) => k in COLUMNS);
  if (keys.length === 0) return;
  await db
    .prepare(`UPDATE partners SET ${keys.map((k) => `${COLUMNS[k]} = ?`).join(', ')} WHERE id = ?`)
    .bind(...keys.map((k) => changes[k] ?? null), partnerId)
    .run();
}

/**
 * Moves the partner to its new status only if it still has the status the decision was made on, and records who
 * did it and why, and the event (partner.approved, …). Returns false when someone else changed it first.
 */
export async function changeStatus(db: D1Database, c: StatusChange): Promise<boolean> {
  const [update] = await db.batch(statusChangeStatements(db, c));
  // More than 1 when approving or no longer approving: D1 counts the metric windows' rows its trigger changed too.
  return (update.meta.changes ?? 0) > 0;
}

export interface StatusChange {
  changeId: string;
  programId: string;
  partnerId: string;
  from: PartnerStatus;
  to: PartnerStatus;
  reason: string | null;
  /** Who changed it; null for the program's own rules (an advocate's unclaimed period ending). */
  accountId: string | null;
  now: number;
}

/** The status change, its record and its event, for a batch; the first statement's changes say whether it applied. */
export function statusChangeStatements(db: D1Database, c: StatusChange): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `UPDATE partners SET status = ?1, status_reason = ?2, status_changed_at = ?3,
           approved_at = CASE WHEN ?1 = 'partner' AND approved_at IS NULL THEN ?3 ELSE approved_at END
         WHERE id = ?4 AND status = ?5`,
      )
      .bind(c.to, c.reason, c.now, c.partnerId, c.from),
    db
      .prepare(
        `INSERT INTO partner_status_changes (id, partner_id, account_id, from_status, to_status, reason, created_at)
         SELECT ?, ?, ?, ?, ?, ?, ? WHERE changes() = 1`,
      )
      .bind(c.changeId, c.partnerId, c.accountId, c.from, c.to, c.reason, c.now),
    eventsStatement(db, c.programId, [partnerStatusChanged(c)], c.now, { sql: 'SELECT 1 FROM partner_status_changes WHERE id = ?', args: [c.changeId] }),
  ];
}

export async function setSalesRep(db: D1Database, partnerId: string, accountId: string | null): Promise<void> {
  await db.prepare('UPDATE partners SET sales_rep_account_id = ? WHERE id = ?').bind(accountId, partnerId).run();
}
