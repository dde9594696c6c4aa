// A partner's full record (onboarding details, status and its reason, sales representative) and the console's changes to it.
import { partnerStatusChanged } from '../domain/events';
import type { PartnerStatus } from '../domain/partners';
import { eventsStatement } from './events';
import type { PartnerRow } from './partners';

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

/**
 * The program's partners; for a sales representative, only the partners they own. `salesRep` filters by owner: an
 * account id, or 'none' for the partners nobody owns.
 */
export async function profilesOfProgram(db: D1Database, programId: string, representative: string | null = null, salesRep: string | null = null): Promise<ProfileRow[]> {
  const { results } = await db
    .prepare(
      `${PROFILE_SELECT} WHERE p.program_id = ?1 AND (?2 IS NULL OR p.sales_rep_account_id = ?2)
         AND (?3 IS NULL OR (?3 = 'none' AND p.sales_rep_account_id IS NULL) OR p.sales_rep_account_id = ?3) ORDER BY p.created_at DESC`,
    )
    .bind(programId, representative, salesRep)
    .all<ProfileRow>();
  return results;
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
  return (update.meta.changes ?? 0) === 1;
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
