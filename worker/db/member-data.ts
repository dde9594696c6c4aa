// A partner member's personal data: what we hold on them within one partner, read for an export, and erased on request.
import { money, type Money } from '../../shared/money';
import type { AccountUse } from '../domain/erasure';

export interface MemberAccount {
  memberId: string;
  partnerId: string;
  role: 'owner' | 'manager' | 'finance';
  memberSince: number;
  accountId: string;
  email: string;
  name: string;
  accountCreatedAt: number;
  erasedAt: number | null;
}

export interface MemberHoldings {
  invitations: { id: string; code: string; name: string | null; campaign: string | null; createdAt: number }[];
  withdrawals: { id: string; amount: Money; status: string; createdAt: number }[];
  clientPayments: { id: string; customerId: string; plan: string; price: Money; createdAt: number }[];
  referralChanges: { referralId: string; field: string; createdAt: number }[];
  sessions: { createdAt: number; expiresAt: number }[];
}

export async function memberAccount(db: D1Database, partnerId: string, memberId: string): Promise<MemberAccount | null> {
  return db
    .prepare(
      `SELECT m.id AS memberId, m.partner_id AS partnerId, m.role, m.created_at AS memberSince, a.id AS accountId, a.email, a.name,
              a.created_at AS accountCreatedAt, a.erased_at AS erasedAt
       FROM members m JOIN accounts a ON a.id = m.account_id WHERE m.partner_id = ? AND m.id = ?`,
    )
    .bind(partnerId, memberId)
    .first<MemberAccount>();
}

/** Where else the account is used: other partners' memberships, and program staff roles anywhere. */
export async function accountUse(db: D1Database, accountId: string, partnerId: string): Promise<AccountUse> {
  const r = await db
    .prepare(
      `SELECT (SELECT count(*) FROM members WHERE account_id = ?1 AND partner_id <> ?2) AS otherMemberships,
              (SELECT count(*) FROM program_staff WHERE account_id = ?1) AS staffRoles`,
    )
    .bind(accountId, partnerId)
    .first<AccountUse>();
  return r!;
}

/** What the member did for this partner, in one round trip; their sessions, which are theirs alone. */
export async function memberHoldings(db: D1Database, m: MemberAccount): Promise<MemberHoldings> {
  const [invs, wds, cps, changes, sessions] = await db.batch<Record<string, unknown>>([
    db.prepare('SELECT id, code, name, campaign, created_at FROM invitations WHERE member_id = ? ORDER BY created_at').bind(m.memberId),
    db.prepare('SELECT id, amount_minor, currency, status, created_at FROM withdrawals WHERE requested_by_member_id = ? ORDER BY created_at').bind(m.memberId),
    db
      .prepare(
        `SELECT cp.id, c.external_id, cp.plan, cp.price_minor, cp.currency, cp.created_at FROM client_payments cp JOIN customers c ON c.id = cp.customer_id
         WHERE cp.requested_by_account_id = ? AND cp.partner_id = ? ORDER BY cp.created_at`,
      )
      .bind(m.accountId, m.partnerId),
    db
      .prepare(
        `SELECT ch.referral_id, ch.field, ch.created_at FROM referral_changes ch JOIN referrals r ON r.id = ch.referral_id
         WHERE ch.account_id = ? AND r.partner_id = ? ORDER BY ch.created_at`,
      )
      .bind(m.accountId, m.partnerId),
    db.prepare('SELECT created_at, expires_at FROM sessions WHERE account_id = ? ORDER BY created_at').bind(m.accountId),
  ]);
  return {
    invitations: invs.results.map((i) => ({ id: i.id as string, code: i.code as string, name: i.name as string | null, campaign: i.campaign as string | null, createdAt: i.created_at as number })),
    withdrawals: wds.results.map((w) => ({ id: w.id as string, amount: money(w.amount_minor as number, w.currency as string), status: w.status as string, createdAt: w.created_at as number })),
    clientPayments: cps.results.map((p) => ({
      id: p.id as string,
      customerId: p.external_id as string,
      plan: p.plan as string,
      price: money(p.price_minor as number, p.currency as string),
      createdAt: p.created_at as number,
    })),
    referralChanges: changes.results.map((c) => ({ referralId: c.referral_id as string, field: c.field as string, createdAt: c.created_at as number })),
    sessions: sessions.results.map((s) => ({ createdAt: s.created_at as number, expiresAt: s.expires_at as number })),
  };
}

/**
 * Erases the member's personal data in one batch. The account keeps its id (memberships, invitations and
 * withdrawals point at it) but loses its email, name and password, so it can never sign in again; its sessions
 * and failed sign-ins (keyed by email) go. Invites to this email for this partner lose the email (open ones are
 * withdrawn), and the partner's contact details lose what was this person's.
 */
export async function eraseMember(db: D1Database, m: MemberAccount, e: { erasedEmail: string; throttleKey: string; now: number }): Promise<void> {
  const { erasedEmail, throttleKey, now } = e;
  await db.batch([
    db.prepare("UPDATE accounts SET email = ?, name = '', password_hash = '', erased_at = ? WHERE id = ? AND erased_at IS NULL").bind(erasedEmail, now, m.accountId),
    db.prepare('DELETE FROM sessions WHERE account_id = ?').bind(m.accountId),
    db.prepare('DELETE FROM failed_sign_ins WHERE key = ?').bind(throttleKey),
    db
      .prepare(
        `UPDATE member_invites SET email = '', revoked_at = CASE WHEN accepted_at IS NULL THEN coalesce(revoked_at, ?1) ELSE revoked_at END
         WHERE accepted_account_id = ?2 OR (partner_id = ?3 AND email = ?4)`,
      )
      .bind(now, m.accountId, m.partnerId, m.email),
    db.prepare("UPDATE partners SET email = '' WHERE id = ? AND email = ?").bind(m.partnerId, m.email),
    db.prepare('UPDATE partners SET contact_name = NULL, contact_phone = NULL WHERE id = ? AND contact_name = ?').bind(m.partnerId, m.name),
  ]);
}
