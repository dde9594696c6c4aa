// Referral records (B2B leads): a paginated, searchable, sortable list, one record with its audit trail, and edits.
import { SORTS, type FieldChange, type ReferralSort, type ReferralType, type Stage } from '../domain/referrals';
import type { DuplicateMatch, RegistrationStatus } from '../domain/leads';
import { referralStageChanged } from '../domain/events';
import { eventsStatement } from './events';
import { postEntries } from './ledger';
import type { LedgerDraft } from '../domain/ledger';

export interface ReferralRow {
  id: string;
  partnerId: string;
  customerName: string;
  contactPersons: string | null;
  requirement: string | null;
  product: string | null;
  type: ReferralType;
  stage: Stage;
  valueMinor: number | null;
  currency: string | null;
  notes: string | null;
  ownerId: string | null;
  ownerName: string | null;
  registeredAt: number;
  updatedAt: number;
  programId: string;
  partnerName: string;
  domain: string | null;
  contactEmails: string[];
  /** When its contacts were erased on request (null: never). */
  contactsErasedAt: number | null;
  status: RegistrationStatus;
  dueAt: number | null;
  decidedAt: number | null;
  lockedUntil: number | null;
  decisionReason: string | null;
  wonProposedAt: number | null;
  contractDate: string | null;
  duplicates: DuplicateMatch[];
  /** The sales representative who owns the partner. */
  partnerRepId: string | null;
  /** A verbal referral's channel, and who entered it (null for others). */
  channel: string | null;
  enteredById: string | null;
  enteredByName: string | null;
}

/** registration_status 'unlocked' (migration 0001's word) is "not genuine" everywhere above the database. */
export const STATUS_SQL = "CASE r.registration_status WHEN 'unlocked' THEN 'not_genuine' ELSE r.registration_status END";

const SELECT = `SELECT r.id, r.partner_id AS partnerId, r.customer_name AS customerName, r.contact_persons AS contactPersons,
  r.requirement, r.product, r.type, r.stage, r.value_minor AS valueMinor, r.currency, r.notes,
  r.owner_account_id AS ownerId, o.name AS ownerName, r.registered_at AS registeredAt, r.updated_at AS updatedAt,
  r.program_id AS programId, p.name AS partnerName, r.company_domain AS domain, r.contact_emails AS contactEmails,
  r.contacts_erased_at AS contactsErasedAt, ${STATUS_SQL} AS status, r.due_at AS dueAt, r.decided_at AS decidedAt, r.locked_until AS lockedUntil,
  r.decision_reason AS decisionReason, r.won_proposed_at AS wonProposedAt, r.contract_date AS contractDate, r.duplicate_matches AS duplicates,
  p.sales_rep_account_id AS partnerRepId, r.channel, r.entered_by_account_id AS enteredById, eb.name AS enteredByName
  FROM referrals r LEFT JOIN accounts o ON o.id = r.owner_account_id JOIN partners p ON p.id = r.partner_id
  LEFT JOIN accounts eb ON eb.id = r.entered_by_account_id`;

const rowOf = (r: Record<string, unknown>): ReferralRow =>
  ({ ...r, contactEmails: JSON.parse(String(r.contactEmails)), duplicates: JSON.parse(String(r.duplicates)) }) as unknown as ReferralRow;

// Every field a person reads in the list, as it reads there ("in progress", "partner to program", "1200"); never the dates.
const SEARCHED = [
  'r.customer_name', 'r.contact_persons', 'r.requirement', 'r.product', 'r.notes', 'o.name', 'r.company_domain', 'p.name',
  "replace(r.stage, '_', ' ')", "replace(r.type, '_', ' ')", 'CAST(r.value_minor / 100 AS TEXT)', 'r.currency',
];

export interface ReferralListQuery {
  q?: string;
  sort: ReferralSort;
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
  /** The console's filters. */
  partnerId?: string;
  stage?: Stage;
  status?: RegistrationStatus;
  overdue?: boolean;
  duplicate?: boolean;
}

/**
 * Whose referrals: one partner's (the partner's pages), or a program's (the console). A sales representative's
 * console sees only the referrals they own and those of the partners they own.
 */
export type ReferralScope = { partnerId: string } | { programId: string; representative: string | null; now: number };

/**
 * The joins the count needs: only those its filter names. Every referral has its partner (a NOT NULL reference) and
 * the owner's join is a LEFT one, so neither changes the count; without them a program's count reads the
 * (program_id, registered_at) index alone instead of every referral's row and two lookups each.
 */
const joinsFor = (clause: string) =>
  [/\bo\./.test(clause) && 'LEFT JOIN accounts o ON o.id = r.owner_account_id', /\bp\./.test(clause) && 'JOIN partners p ON p.id = r.partner_id']
    .filter(Boolean)
    .join(' ');

export async function listReferrals(db: D1Database, scope: ReferralScope, query: ReferralListQuery): Promise<{ rows: ReferralRow[]; total: number }> {
  const term = query.q?.trim();
  const args: unknown[] = [];
  const arg = (v: unknown) => `?${args.push(v)}`;
  const where: string[] = [];
  if ('partnerId' in scope) where.push(`r.partner_id = ${arg(scope.partnerId)}`);
  else {
    where.push(`r.program_id = ${arg(scope.programId)}`);
    if (scope.representative) where.push(`(r.owner_account_id = ${arg(scope.representative)} OR p.sales_rep_account_id = ?${args.length})`);
    if (query.partnerId) where.push(`r.partner_id = ${arg(query.partnerId)}`);
    if (query.stage) where.push(`r.stage = ${arg(query.stage)}`);
    if (query.status) where.push(`${STATUS_SQL} = ${arg(query.status)}`);
    if (query.overdue) where.push(`r.registration_status = 'pending' AND r.due_at <= ${arg(scope.now)}`);
    if (query.duplicate) where.push("r.duplicate_matches <> '[]'");
  }
  // instr, not LIKE: D1 refuses a LIKE pattern over 50 bytes (a 500), and a search may be 100 characters. instr has no
  // wildcards, so % and _ are plain characters; lower() folds ASCII letters only, as LIKE does.
  if (term) {
    const text = arg(term);
    where.push(`(${SEARCHED.map((f) => `instr(lower(${f}), lower(${text})) > 0`).join(' OR ')})`);
  }
  const clause = `WHERE ${where.join(' AND ')}`;
  const order = `${SORTS[query.sort]} ${query.dir === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, r.registered_at DESC, r.id`;
  const [rows, total] = await db.batch<Record<string, unknown>>([
    db.prepare(`${SELECT} ${clause} ORDER BY ${order} LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`).bind(...args),
    db.prepare(`SELECT count(*) AS n FROM referrals r ${joinsFor(clause)} ${clause}`).bind(...args),
  ]);
  return { rows: rows.results.map(rowOf), total: (total.results[0] as { n: number }).n };
}

/** One referral of a partner, or of a program (then also its partner's sales representative). */
export async function getReferral(db: D1Database, scope: { partnerId: string } | { programId: string }, id: string): Promise<ReferralRow | null> {
  const [column, value] = 'partnerId' in scope ? ['r.partner_id', scope.partnerId] : ['r.program_id', scope.programId];
  const r = await db.prepare(`${SELECT} WHERE ${column} = ? AND r.id = ?`).bind(value, id).first<Record<string, unknown>>();
  return r ? rowOf(r) : null;
}

export interface ReferralChangeRow {
  id: string;
  field: string;
  oldValue: string | null;
  newValue: string | null;
  by: string | null;
  at: number;
}

export async function changesOf(db: D1Database, referralId: string): Promise<ReferralChangeRow[]> {
  const { results } = await db
    .prepare(
      `SELECT c.id, c.field, c.old_value AS oldValue, c.new_value AS newValue, a.name AS by, c.created_at AS at
       FROM referral_changes c LEFT JOIN accounts a ON a.id = c.account_id WHERE c.referral_id = ? ORDER BY c.created_at DESC, c.rowid DESC`,
    )
    .bind(referralId)
    .all<ReferralChangeRow>();
  return results;
}

const COLUMN = { stage: 'stage', notes: 'notes', value: 'value_minor', owner: 'owner_account_id', contract_date: 'contract_date' } as const;

export interface ReferralUpdate {
  referralId: string;
  programId: string;
  partnerId: string;
  currency: string;
  /** The stage the change was decided on: the update applies only if it still is (two people moving one deal). */
  fromStage: Stage;
  changes: (FieldChange & { id: string; column: unknown })[];
  accountId: string;
  changedBy: 'partner' | 'program';
  /** What the change posts to the ledger (a won deal's commission), only with the stage change. */
  entries?: LedgerDraft[];
  now: number;
}

/**
 * Applies the changes and writes one audit entry for each, its event and its ledger entries, in one batch, if the
 * referral is still at the stage they were decided on. False when another change came first.
 */
export async function updateReferral(db: D1Database, u: ReferralUpdate): Promise<boolean> {
  const stage = u.changes.find((c) => c.field === 'stage');
  const sets = u.changes.map((c) => `${COLUMN[c.field]} = ?`);
  const values = u.changes.map((c) => c.column);
  const rows = u.changes.map((c) => ({ id: c.id, field: c.field, old: c.oldValue, new: c.newValue }));
  const stageGuard = stage ? { sql: 'SELECT 1 FROM referral_changes WHERE id = ?', args: [stage.id] } : null;
  const [update] = await db.batch([
    db
      .prepare(`UPDATE referrals SET ${sets.join(', ')}, currency = coalesce(currency, ?), updated_at = ? WHERE id = ? AND stage = ?`)
      .bind(...values, u.currency, u.now, u.referralId, u.fromStage),
    db
      .prepare(
        `INSERT INTO referral_changes (id, referral_id, account_id, field, old_value, new_value, created_at)
         SELECT value ->> '$.id', ?1, ?2, value ->> '$.field', value ->> '$.old', value ->> '$.new', ?3 FROM json_each(?4) WHERE changes() = 1`,
      )
      .bind(u.referralId, u.accountId, u.now, JSON.stringify(rows)),
    ...(stage && stageGuard
      ? [
          eventsStatement(
            db,
            u.programId,
            [referralStageChanged({ changeId: stage.id, referralId: u.referralId, partnerId: u.partnerId, from: String(stage.oldValue), to: String(stage.newValue), changedBy: u.changedBy })],
            u.now,
            stageGuard,
          ),
          ...(u.entries?.length ? postEntries(db, u.programId, u.entries, u.now, stageGuard) : []),
        ]
      : []),
  ]);
  // D1 counts the rows the rollup triggers wrote too (a deal won adds to partner_daily_stats), so any change means the
  // referral's row was updated: the WHERE names one row.
  return (update.meta.changes ?? 0) > 0;
}
