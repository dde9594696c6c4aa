// Referral records (B2B leads): a paginated, searchable, sortable list, one record with its audit trail, and edits.
import { SORTS, type FieldChange, type ReferralSort, type ReferralType, type Stage } from '../domain/referrals';
import { referralStageChanged } from '../domain/events';
import { eventsStatement } from './events';

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
}

const SELECT = `SELECT r.id, r.partner_id AS partnerId, r.customer_name AS customerName, r.contact_persons AS contactPersons,
  r.requirement, r.product, r.type, r.stage, r.value_minor AS valueMinor, r.currency, r.notes,
  r.owner_account_id AS ownerId, o.name AS ownerName, r.registered_at AS registeredAt, r.updated_at AS updatedAt
  FROM referrals r LEFT JOIN accounts o ON o.id = r.owner_account_id`;

// Every field a person reads in the list, as it reads there ("in progress", "partner to program", "1200"); never the dates.
const SEARCHED = [
  'r.customer_name', 'r.contact_persons', 'r.requirement', 'r.product', 'r.notes', 'o.name',
  "replace(r.stage, '_', ' ')", "replace(r.type, '_', ' ')", 'CAST(r.value_minor / 100 AS TEXT)', 'r.currency',
];

export interface ReferralListQuery {
  q?: string;
  sort: ReferralSort;
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export async function listReferrals(db: D1Database, partnerId: string, query: ReferralListQuery): Promise<{ rows: ReferralRow[]; total: number }> {
  const term = query.q?.trim();
  // LIKE's own wildcards in the search text are matched literally.
  const pattern = term ? `%${term.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` : null;
  const where = `WHERE r.partner_id = ?1${pattern ? ` AND (${SEARCHED.map((f) => `${f} LIKE ?2 ESCAPE '\\'`).join(' OR ')})` : ''}`;
  const args = pattern ? [partnerId, pattern] : [partnerId];
  const order = `${SORTS[query.sort]} ${query.dir === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, r.registered_at DESC, r.id`;
  const [rows, total] = await db.batch<Record<string, unknown>>([
    db
      .prepare(`${SELECT} ${where} ORDER BY ${order} LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`)
      .bind(...args),
    db.prepare(`SELECT count(*) AS n FROM referrals r LEFT JOIN accounts o ON o.id = r.owner_account_id ${where}`).bind(...args),
  ]);
  return { rows: rows.results as unknown as ReferralRow[], total: (total.results[0] as { n: number }).n };
}

export async function getReferral(db: D1Database, partnerId: string, id: string): Promise<ReferralRow | null> {
  return db.prepare(`${SELECT} WHERE r.partner_id = ? AND r.id = ?`).bind(partnerId, id).first<ReferralRow>();
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

export interface NewReferral {
  id: string;
  programId: string;
  partnerId: string;
  customerName: string;
  contactPersons: string | null;
  requirement: string | null;
  product: string | null;
  valueMinor: number | null;
  currency: string;
  notes: string | null;
  ownerId: string | null;
  accountId: string;
  changeId: string;
  now: number;
}

/** A partner's new referral, with its first audit entry ("created"), together. */
export async function insertReferral(db: D1Database, r: NewReferral): Promise<void> {
  await db.batch([
    db
      .prepare(
        `INSERT INTO referrals (id, program_id, partner_id, type, stage, customer_name, contact_persons, requirement, product,
           value_minor, currency, notes, owner_account_id, registered_at, updated_at)
         VALUES (?, ?, ?, 'partner_to_program', 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(r.id, r.programId, r.partnerId, r.customerName, r.contactPersons, r.requirement, r.product, r.valueMinor, r.currency, r.notes, r.ownerId, r.now, r.now),
    db
      .prepare("INSERT INTO referral_changes (id, referral_id, account_id, field, old_value, new_value, created_at) VALUES (?, ?, ?, 'created', NULL, ?, ?)")
      .bind(r.changeId, r.id, r.accountId, r.customerName, r.now),
  ]);
}

const COLUMN = { stage: 'stage', notes: 'notes', value: 'value_minor' } as const;

/** Applies the changes and writes one audit entry for each, in one batch. */
export async function updateReferral(
  db: D1Database,
  u: { referralId: string; programId: string; partnerId: string; currency: string; changes: (FieldChange & { id: string; column: unknown })[]; accountId: string; changedBy: 'partner' | 'program'; now: number },
): Promise<void> {
  const stage = u.changes.find((c) => c.field === 'stage');
  const sets = u.changes.map((c) => `${COLUMN[c.field]} = ?`);
  const values = u.changes.map((c) => c.column);
  await db.batch([
    db
      .prepare(`UPDATE referrals SET ${sets.join(', ')}, currency = coalesce(currency, ?), updated_at = ? WHERE id = ?`)
      .bind(...values, u.currency, u.now, u.referralId),
    ...u.changes.map((c) =>
      db
        .prepare('INSERT INTO referral_changes (id, referral_id, account_id, field, old_value, new_value, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .bind(c.id, u.referralId, u.accountId, c.field, c.oldValue, c.newValue, u.now),
    ),
    ...(stage
      ? [
          eventsStatement(
            db,
            u.programId,
            [referralStageChanged({ changeId: stage.id, referralId: u.referralId, partnerId: u.partnerId, from: String(stage.oldValue), to: String(stage.newValue), changedBy: u.changedBy })],
            u.now,
            { sql: 'SELECT 1 FROM referral_changes WHERE id = ?', args: [stage.id] },
          ),
        ]
      : []),
  ]);
}
