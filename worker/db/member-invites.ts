// Invites for a partner's colleagues: the emailed link carries a token, of which only the SHA-256 is stored.
import type { MemberRole } from '../../shared/schemas/partners';
import { memberInvited } from '../domain/events';
import { eventsStatement } from './events';

export interface MemberInviteRow {
  id: string;
  partnerId: string;
  partnerName: string;
  email: string;
  role: MemberRole;
  createdAt: number;
  expiresAt: number;
  acceptedAt: number | null;
  revokedAt: number | null;
}

const SELECT = `SELECT i.id, i.partner_id AS partnerId, p.name AS partnerName, i.email, i.role, i.created_at AS createdAt,
  i.expires_at AS expiresAt, i.accepted_at AS acceptedAt, i.revoked_at AS revokedAt
  FROM member_invites i JOIN partners p ON p.id = i.partner_id`;

export async function insertMemberInvite(
  db: D1Database,
  i: { id: string; programId: string; partnerId: string; email: string; role: MemberRole; tokenHash: string; invitedBy: string; now: number; expiresAt: number },
): Promise<void> {
  await db.batch([
    db
      .prepare(
        `INSERT INTO member_invites (id, partner_id, email, role, token_hash, invited_by_account_id, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(i.id, i.partnerId, i.email, i.role, i.tokenHash, i.invitedBy, i.now, i.expiresAt),
    eventsStatement(db, i.programId, [memberInvited({ inviteId: i.id, partnerId: i.partnerId, role: i.role })], i.now, { sql: 'SELECT 1 FROM member_invites WHERE id = ?', args: [i.id] }),
  ]);
}

export async function memberInvitesOf(db: D1Database, partnerId: string): Promise<MemberInviteRow[]> {
  const { results } = await db.prepare(`${SELECT} WHERE i.partner_id = ? ORDER BY i.created_at DESC`).bind(partnerId).all<MemberInviteRow>();
  return results;
}

export async function memberInviteByTokenHash(db: D1Database, tokenHash: string): Promise<MemberInviteRow | null> {
  return db.prepare(`${SELECT} WHERE i.token_hash = ?`).bind(tokenHash).first<MemberInviteRow>();
}

export async function revokeMemberInvite(db: D1Database, partnerId: string, id: string, now: number): Promise<boolean> {
  const r = await db
    .prepare('UPDATE member_invites SET revoked_at = ? WHERE id = ? AND partner_id = ? AND accepted_at IS NULL AND revoked_at IS NULL')
    .bind(now, id, partnerId)
    .run();
  return (r.meta.changes ?? 0) === 1;
}

/**
 * Accepts an open invite: creates the account when it is new, adds the membership (or keeps an existing one),
 * and marks the invite used, all in one batch. 'used' when the invite was used or revoked meanwhile;
 * 'email_taken' when a new account's email got an account meanwhile (another invite or a registration created
 * it: the caller joins that account instead). Nothing is written unless 'accepted'.
 */
export async function acceptMemberInvite(
  db: D1Database,
  a: { invite: MemberInviteRow; memberId: string; account: { id: string; name: string; passwordHash: string; isNew: boolean }; now: number },
): Promise<'accepted' | 'used' | 'email_taken'> {
  const open = 'SELECT 1 FROM member_invites WHERE id = ?1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?2';
  // The account first (the invite points at it), created only while the invite is still open.
  const [, claim, , still] = await db.batch([
    db
      .prepare(
        `INSERT INTO accounts (id, email, name, password_hash, created_at) SELECT ?1, ?2, ?3, ?4, ?5
         WHERE ?6 = 1 AND EXISTS (SELECT 1 FROM member_invites WHERE id = ?7 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?5)
         ON CONFLICT (email) DO NOTHING`,
      )
      .bind(a.account.id, a.invite.email, a.account.name, a.account.passwordHash, a.now, a.account.isNew ? 1 : 0, a.invite.id),
    db
      .prepare(
        `UPDATE member_invites SET accepted_at = ?1, accepted_account_id = ?2 WHERE id = ?3 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?1
           AND EXISTS (SELECT 1 FROM accounts WHERE id = ?2)`,
      )
      .bind(a.now, a.account.id, a.invite.id),
    db
      .prepare(
        `INSERT INTO members (id, partner_id, account_id, role, created_at)
         SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM member_invites WHERE id = ?6 AND accepted_at = ?5)
         ON CONFLICT (partner_id, account_id) DO NOTHING`,
      )
      .bind(a.memberId, a.invite.partnerId, a.account.id, a.invite.role, a.now, a.invite.id),
    db.prepare(`SELECT EXISTS (${open}) AS open`).bind(a.invite.id, a.now),
  ]);
  if ((claim.meta.changes ?? 0) === 1) return 'accepted';
  return (still.results[0] as { open: number }).open === 1 ? 'email_taken' : 'used';
}

/** Is the account an owner of the partner? Only owners invite colleagues. */
export async function memberRole(db: D1Database, partnerId: string, accountId: string): Promise<MemberRole | null> {
  const r = await db.prepare('SELECT role FROM members WHERE partner_id = ? AND account_id = ?').bind(partnerId, accountId).first<{ role: MemberRole }>();
  return r?.role ?? null;
}
