// The advocate of a verbal referral: a partner of the program found by its own email or a member's, or, for someone
// not in the program yet, a partner made for them (no members) with an emailed invite to claim it.
import { advocateInvited } from '../domain/events';
import { eventsStatement } from './events';

/** The partner an email stands for in this program: the partner's own address, else a partner the account is a member of. */
export async function partnerByAdvocateEmail(db: D1Database, programId: string, email: string): Promise<string | null> {
  const r = await db
    .prepare(
      `SELECT id FROM (
         SELECT p.id, 0 AS rank, p.created_at FROM partners p WHERE p.program_id = ?1 AND p.email = ?2 AND p.status != 'rejected'
         UNION ALL
         SELECT p.id, 1, p.created_at FROM accounts a JOIN members m ON m.account_id = a.id JOIN partners p ON p.id = m.partner_id
         WHERE a.email = ?2 AND p.program_id = ?1 AND p.status != 'rejected')
       ORDER BY rank, created_at LIMIT 1`,
    )
    .bind(programId, email)
    .first<{ id: string }>();
  return r?.id ?? null;
}

export interface InvitedAdvocate {
  partnerId: string;
  programId: string;
  number: number;
  name: string;
  email: string;
  inviteId: string;
  tokenHash: string;
  invitedBy: string;
  /** The invite, and what the referral earns, wait this long for the advocate. */
  expiresAt: number;
  referralId: string;
  now: number;
}

/**
 * The partner made for the advocate (approved: the program vouches for the referral it heard; no members until the
 * advocate claims it) and the owner invite to claim it, in one batch; the invite's event asks for its email once the
 * referral is written (`referralId`). 'number_taken' when the partner number is taken (the caller draws another).
 */
export function invitedAdvocateStatements(db: D1Database, a: InvitedAdvocate): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO partners (id, program_id, number, name, email, status, status_changed_at, approved_at, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'partner', ?6, ?6, ?6)`,
      )
      .bind(a.partnerId, a.programId, a.number, a.name, a.email, a.now),
    db
      .prepare(
        `INSERT INTO member_invites (id, partner_id, email, role, token_hash, invited_by_account_id, created_at, expires_at)
         VALUES (?, ?, ?, 'owner', ?, ?, ?, ?)`,
      )
      .bind(a.inviteId, a.partnerId, a.email, a.tokenHash, a.invitedBy, a.now, a.expiresAt),
  ];
}

/** The invite's event, written in the referral's batch once the referral is there. */
export function advocateInvitedStatement(db: D1Database, a: InvitedAdvocate): D1PreparedStatement {
  return eventsStatement(db, a.programId, [advocateInvited({ inviteId: a.inviteId, partnerId: a.partnerId, referralId: a.referralId })], a.now, {
    sql: 'SELECT 1 FROM referrals WHERE id = ?',
    args: [a.referralId],
  });
}

/**
 * Partners made for advocates who never claimed them: no members, an owner invite that ran out unused, and none open;
 * still approved, so each lapses once.
 */
export async function unclaimedAdvocates(db: D1Database, now: number, limit: number): Promise<{ id: string; programId: string }[]> {
  const { results } = await db
    .prepare(
      `SELECT p.id, p.program_id AS programId FROM member_invites i JOIN partners p ON p.id = i.partner_id
       WHERE i.role = 'owner' AND i.accepted_at IS NULL AND i.expires_at <= ?1 AND p.status = 'partner'
         AND NOT EXISTS (SELECT 1 FROM members m WHERE m.partner_id = p.id)
         AND NOT EXISTS (SELECT 1 FROM member_invites o WHERE o.partner_id = p.id AND (o.accepted_at IS NOT NULL OR (o.revoked_at IS NULL AND o.expires_at > ?1)))
       GROUP BY p.id LIMIT ?2`,
    )
    .bind(now, limit)
    .all<{ id: string; programId: string }>();
  return results;
}
