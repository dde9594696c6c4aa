// Invites for a program's sales representatives: the link carries a token, of which only the SHA-256 is stored.
import { staffInvited } from '../domain/events';
import { eventsStatement } from './events';

export interface StaffInviteRow {
  id: string;
  programId: string;
  programName: string;
  email: string;
  name: string;
  role: 'sales_rep';
  expiresAt: number;
  acceptedAt: number | null;
  revokedAt: number | null;
}

export async function insertStaffInvite(
  db: D1Database,
  i: { id: string; programId: string; email: string; name: string; role: 'sales_rep'; tokenHash: string; invitedBy: string; now: number; expiresAt: number },
): Promise<void> {
  await db.batch([
    db
      .prepare(
        `INSERT INTO staff_invites (id, program_id, email, name, role, token_hash, invited_by_account_id, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(i.id, i.programId, i.email, i.name, i.role, i.tokenHash, i.invitedBy, i.now, i.expiresAt),
    eventsStatement(db, i.programId, [staffInvited({ inviteId: i.id, role: i.role })], i.now, { sql: 'SELECT 1 FROM staff_invites WHERE id = ?', args: [i.id] }),
  ]);
}

export async function staffInviteByTokenHash(db: D1Database, tokenHash: string): Promise<StaffInviteRow | null> {
  return db
    .prepare(
      `SELECT i.id, i.program_id AS programId, g.name AS programName, i.email, i.name, i.role, i.expires_at AS expiresAt, i.accepted_at AS acceptedAt, i.revoked_at AS revokedAt
       FROM staff_invites i JOIN programs g ON g.id = i.program_id WHERE i.token_hash = ?`,
    )
    .bind(tokenHash)
    .first<StaffInviteRow>();
}

/** The program's staff invites, newest first, as the console lists them. */
export async function staffInvitesOf(db: D1Database, programId: string): Promise<(Omit<StaffInviteRow, 'programName'> & { createdAt: number })[]> {
  const { results } = await db
    .prepare(
      `SELECT id, program_id AS programId, email, name, role, created_at AS createdAt, expires_at AS expiresAt, accepted_at AS acceptedAt, revoked_at AS revokedAt
       FROM staff_invites WHERE program_id = ? ORDER BY created_at DESC LIMIT 200`,
    )
    .bind(programId)
    .all<Omit<StaffInviteRow, 'programName'> & { createdAt: number }>();
  return results;
}

/** Withdraws an invite that is still open; false when there is none such. */
export async function revokeStaffInvite(db: D1Database, programId: string, id: string, now: number): Promise<boolean> {
  const r = await db
    .prepare('UPDATE staff_invites SET revoked_at = ? WHERE id = ? AND program_id = ? AND accepted_at IS NULL AND revoked_at IS NULL')
    .bind(now, id, programId)
    .run();
  return r.meta.changes === 1;
}

/** Whether the email already belongs to the program's staff (inviting it again would change nothing). */
export async function isStaffEmail(db: D1Database, programId: string, email: string): Promise<boolean> {
  const r = await db
    .prepare('SELECT EXISTS (SELECT 1 FROM program_staff s JOIN accounts a ON a.id = s.account_id WHERE s.program_id = ? AND a.email = ?) AS yes')
    .bind(programId, email.trim())
    .first<{ yes: number }>();
  return r?.yes === 1;
}

/**
 * Accepts an open invite in one batch: creates the account when it is new, marks the invite used, and adds the
 * account to the program's staff (an account that is staff already keeps its role). 'used' when the invite was
 * used or expired meanwhile; 'email_taken' when a new account's email got an account meanwhile (the caller joins
 * that account instead). Nothing is written unless 'accepted'.
 */
export async function acceptStaffInvite(
  db: D1Database,
  a: { invite: StaffInviteRow; account: { id: string; name: string; passwordHash: string; isNew: boolean }; now: number },
): Promise<'accepted' | 'used' | 'email_taken'> {
  const [, claim, , still] = await db.batch([
    db
      .prepare(
        `INSERT INTO accounts (id, email, name, password_hash, created_at) SELECT ?1, ?2, ?3, ?4, ?5
         WHERE ?6 = 1 AND EXISTS (SELECT 1 FROM staff_invites WHERE id = ?7 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?5)
         ON CONFLICT (email) DO NOTHING`,
      )
      .bind(a.account.id, a.invite.email, a.account.name, a.account.passwordHash, a.now, a.account.isNew ? 1 : 0, a.invite.id),
    db
      .prepare(
        `UPDATE staff_invites SET accepted_at = ?1, accepted_account_id = ?2 WHERE id = ?3 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?1
           AND EXISTS (SELECT 1 FROM accounts WHERE id = ?2)`,
      )
      .bind(a.now, a.account.id, a.invite.id),
    db
      .prepare(
        `INSERT INTO program_staff (program_id, account_id, role)
         SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM staff_invites WHERE id = ?4 AND accepted_at = ?5)
         ON CONFLICT (program_id, account_id) DO NOTHING`,
      )
      .bind(a.invite.programId, a.account.id, a.invite.role, a.invite.id, a.now),
    db.prepare('SELECT EXISTS (SELECT 1 FROM staff_invites WHERE id = ?1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?2) AS open').bind(a.invite.id, a.now),
  ]);
  if ((claim.meta.changes ?? 0) === 1) return 'accepted';
  return (still.results[0] as { open: number }).open === 1 ? 'email_taken' : 'used';
}
