// Partners: profile, members and the activity summary that the dashboard and console show.
import type { PartnerStatus } from '../domain/partners';

export interface PartnerRow {
  id: string;
  programId: string;
  number: number;
  name: string;
  email: string;
  status: PartnerStatus;
}

export async function getPartner(db: D1Database, id: string): Promise<PartnerRow | null> {
  return db
    .prepare('SELECT id, program_id AS programId, number, name, email, status FROM partners WHERE id = ?')
    .bind(id)
    .first<PartnerRow>();
}

export interface MemberRow {
  id: string;
  name: string;
  email: string;
  role: 'owner' | 'manager' | 'finance';
  erased: boolean;
}

/** The partner's members; one whose personal data was erased keeps its row (ids and history), with no name or email. */
export async function membersOf(db: D1Database, partnerId: string): Promise<MemberRow[]> {
  const { results } = await db
    .prepare(
      `SELECT m.id, a.name, CASE WHEN a.erased_at IS NULL THEN a.email ELSE '' END AS email, m.role, a.erased_at IS NOT NULL AS erased
       FROM members m JOIN accounts a ON a.id = m.account_id
       WHERE m.partner_id = ? ORDER BY a.erased_at IS NOT NULL, a.name`,
    )
    .bind(partnerId)
    .all<Omit<MemberRow, 'erased'> & { erased: number }>();
  return results.map((r) => ({ ...r, erased: r.erased === 1 }));
}

export interface PartnerActivityRow extends PartnerRow {
  clicks: number;
  scans: number;
  signups: number;
}

/** The program's partners with their activity; for a sales representative, only the partners they own. */
export async function partnersOfProgram(db: D1Database, programId: string, representative: string | null = null): Promise<PartnerActivityRow[]> {
  const { results } = await db
    .prepare(
      `SELECT p.id, p.program_id AS programId, p.number, p.name, p.email, p.status,
              coalesce(sum(s.clicks), 0) AS clicks, coalesce(sum(s.scans), 0) AS scans, coalesce(sum(s.signups), 0) AS signups
       FROM partners p
       LEFT JOIN invitations i ON i.partner_id = p.id
       LEFT JOIN invitation_daily_stats s ON s.invitation_id = i.id
       WHERE p.program_id = ?1 AND (?2 IS NULL OR p.sales_rep_account_id = ?2) GROUP BY p.id ORDER BY p.created_at`,
    )
    .bind(programId, representative)
    .all<PartnerActivityRow>();
  return results;
}

/** The signed-in account's membership of a partner, with its role (null for staff and strangers). */
/** A partner as a commission needs it: its number and status (its display id), and its recruiter's. */
export interface EarningPartner {
  id: string;
  number: number;
  status: PartnerStatus;
  recruiter: { id: string; number: number; status: PartnerStatus } | null;
}

export async function earningPartner(db: D1Database, partnerId: string): Promise<EarningPartner | null> {
  const r = await db
    .prepare(
      `SELECT p.id, p.number, p.status, r.id AS rId, r.number AS rNumber, r.status AS rStatus
       FROM partners p LEFT JOIN partners r ON r.id = p.recruited_by_partner_id WHERE p.id = ?`,
    )
    .bind(partnerId)
    .first<{ id: string; number: number; status: PartnerStatus; rId: string | null; rNumber: number | null; rStatus: PartnerStatus | null }>();
  if (!r) return null;
  return { id: r.id, number: r.number, status: r.status, recruiter: r.rId ? { id: r.rId, number: r.rNumber!, status: r.rStatus! } : null };
}
