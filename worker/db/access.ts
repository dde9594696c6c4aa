// The session and what a dashboard path names, read in one round trip (one D1 batch): the account the session cookie
// stands for, and either the partner with whether that account may act for it and its program, or the account's role
// in the program with the program. Every statement finds the account through the session itself, so none waits for
// another's answer. A member of the partner, or the program's manager, or the sales representative who owns the
// partner, may act for it; test/hardening's authorization matrix holds every route to these rules.
import { toProgram, type ProgramRecord } from './programs';
import type { MemberRow, PartnerRow } from './partners';
import type { StaffRole } from './console';
import type { ProgramRow } from '../env';

/** The account of a live session: ?1 the session id's hash, ?2 now. */
const ACCOUNT = '(SELECT account_id FROM sessions WHERE id_hash = ?1 AND expires_at > ?2)';

export interface PartnerAccess {
  accountId: string | null;
  partner: PartnerRow | null;
  asMember: boolean;
  /** The account's membership of the partner (its role decides who moves money), or null. */
  membership: { id: string; role: MemberRow['role'] } | null;
  asStaff: boolean;
  program: ProgramRow | null;
}

export async function sessionAndPartner(db: D1Database, idHash: string, partnerId: string, now: number): Promise<PartnerAccess> {
  const [session, partner, may, program] = await db.batch([
    db.prepare(`SELECT ${ACCOUNT} AS account_id`).bind(idHash, now),
    db.prepare('SELECT id, program_id AS programId, number, name, email, status FROM partners WHERE id = ?3').bind(idHash, now, partnerId),
    db
      .prepare(
        `SELECT
           (SELECT id FROM members WHERE partner_id = ?3 AND account_id = ${ACCOUNT}) AS member_id,
           (SELECT role FROM members WHERE partner_id = ?3 AND account_id = ${ACCOUNT}) AS member_role,
           EXISTS (SELECT 1 FROM partners p JOIN program_staff s ON s.program_id = p.program_id
                   WHERE p.id = ?3 AND s.account_id = ${ACCOUNT} AND (s.role = 'manager' OR p.sales_rep_account_id = s.account_id)) AS as_staff`,
      )
      .bind(idHash, now, partnerId),
    db.prepare('SELECT * FROM programs WHERE id = (SELECT program_id FROM partners WHERE id = ?3)').bind(idHash, now, partnerId),
  ]);
  const m = (may.results[0] ?? {}) as { member_id?: string | null; member_role?: MemberRow['role'] | null; as_staff?: number };
  return {
    accountId: (session.results[0] as { account_id: string | null } | undefined)?.account_id ?? null,
    partner: (partner.results[0] as PartnerRow | undefined) ?? null,
    asMember: typeof m.member_id === 'string',
    membership: typeof m.member_id === 'string' && m.member_role ? { id: m.member_id, role: m.member_role } : null,
    asStaff: m.as_staff === 1,
    program: program.results[0] ? toProgram(program.results[0] as ProgramRecord) : null,
  };
}

export interface ProgramAccess {
  accountId: string | null;
  role: StaffRole | null;
  program: ProgramRow | null;
}

export async function sessionAndProgram(db: D1Database, idHash: string, programId: string, now: number): Promise<ProgramAccess> {
  const [session, role, program] = await db.batch([
    db.prepare(`SELECT ${ACCOUNT} AS account_id`).bind(idHash, now),
    db.prepare(`SELECT role FROM program_staff WHERE program_id = ?3 AND account_id = ${ACCOUNT}`).bind(idHash, now, programId),
    db.prepare('SELECT * FROM programs WHERE id = ?3').bind(idHash, now, programId),
  ]);
  return {
    accountId: (session.results[0] as { account_id: string | null } | undefined)?.account_id ?? null,
    role: (role.results[0] as { role: StaffRole } | undefined)?.role ?? null,
    program: program.results[0] ? toProgram(program.results[0] as ProgramRecord) : null,
  };
}
