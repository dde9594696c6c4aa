// The program console's reads and writes: staff, settings, keys, and each sales representative's numbers.
import type { ProgramRow } from '../env';
import { getProgram } from './programs';

export type StaffRole = 'manager' | 'sales_rep';

export async function staffRole(db: D1Database, programId: string, accountId: string): Promise<StaffRole | null> {
  const r = await db.prepare('SELECT role FROM program_staff WHERE program_id = ? AND account_id = ?').bind(programId, accountId).first<{ role: StaffRole }>();
  return r?.role ?? null;
}

export async function staffOf(db: D1Database, programId: string): Promise<{ id: string; name: string; email: string; role: StaffRole }[]> {
  const { results } = await db
    .prepare('SELECT a.id, a.name, a.email, s.role FROM program_staff s JOIN accounts a ON a.id = s.account_id WHERE s.program_id = ? ORDER BY a.name')
    .bind(programId)
    .all<{ id: string; name: string; email: string; role: StaffRole }>();
  return results;
}

/** A program's settings are the program row itself. */
export type SettingsRow = ProgramRow;
export const programSettings = getProgram;

const SETTING_COLUMNS = {
  destinationUrl: 'destination_url',
  allowedOrigins: 'allowed_origins',
  attributionWindowDays: 'attribution_window_days',
  attributionModel: 'attribution_model',
  signupCreditMinor: 'signup_credit_minor',
  withdrawalMinimumMinor: 'withdrawal_minimum_minor',
  reportingPeriod: 'reporting_period',
  partnerDiscountBps: 'partner_discount_bps',
  secondTierBps: 'second_tier_bps',
  referrerCreditMinor: 'referrer_credit_minor',
  browserSignups: 'browser_signups',
  unconfirmedSignupDays: 'unconfirmed_signup_days',
  leadSlaHours: 'lead_sla_hours',
  leadLockDays: 'lead_lock_days',
  unclaimedRewardDays: 'unclaimed_reward_days',
  inactiveDays: 'inactive_days',
  pausedUntilTermsAccepted: 'paused_until_terms_accepted',
} as const;
export type SettingsChanges = Partial<Pick<SettingsRow, keyof typeof SETTING_COLUMNS>>;

export async function updateSettings(db: D1Database, programId: string, changes: SettingsChanges): Promise<void> {
  const keys = (Object.keys(changes) as (keyof typeof SETTING_COLUMNS)[]).filter((k) => k in SETTING_COLUMNS && changes[k] !== undefined);
  if (keys.length === 0) return;
  const value = (k: keyof typeof SETTING_COLUMNS) => (k === 'allowedOrigins' || k === 'pausedUntilTermsAccepted' ? JSON.stringify(changes[k]) : changes[k]);
  await db
    .prepare(`UPDATE programs SET ${keys.map((k) => `${SETTING_COLUMNS[k]} = ?`).join(', ')} WHERE id = ?`)
    .bind(...keys.map(value), programId)
    .run();
}

export interface ApiKeyRow {
  id: string;
  kind: 'publishable' | 'secret';
  hint: string;
  createdAt: number;
  revokedAt: number | null;
}

export async function keysOf(db: D1Database, programId: string): Promise<ApiKeyRow[]> {
  const { results } = await db
    .prepare('SELECT id, kind, key_hint AS hint, created_at AS createdAt, revoked_at AS revokedAt FROM api_keys WHERE program_id = ? ORDER BY revoked_at IS NOT NULL, created_at DESC')
    .bind(programId)
    .all<ApiKeyRow>();
  return results;
}

export async function insertKey(db: D1Database, k: ApiKeyRow & { programId: string; keyHash: string }): Promise<void> {
  await db
    .prepare('INSERT INTO api_keys (id, program_id, kind, key_hash, key_hint, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .bind(k.id, k.programId, k.kind, k.keyHash, k.hint, k.createdAt)
    .run();
}

export async function revokeKey(db: D1Database, programId: string, keyId: string, now: number): Promise<ApiKeyRow | null> {
  return db
    .prepare(
      `UPDATE api_keys SET revoked_at = coalesce(revoked_at, ?) WHERE id = ? AND program_id = ?
       RETURNING id, kind, key_hint AS hint, created_at AS createdAt, revoked_at AS revokedAt`,
    )
    .bind(now, keyId, programId)
    .first<ApiKeyRow>();
}

/**
 * Removes a sales representative from the program's staff; their partners and referrals are left without an owner
 * for a manager to assign. False when the account is no representative of the program (managers are not removed here).
 */
export async function removeRepresentative(db: D1Database, programId: string, accountId: string): Promise<boolean> {
  const gone = 'NOT EXISTS (SELECT 1 FROM program_staff WHERE program_id = ?1 AND account_id = ?2)';
  const [removed] = await db.batch([
    db.prepare("DELETE FROM program_staff WHERE program_id = ?1 AND account_id = ?2 AND role = 'sales_rep'").bind(programId, accountId),
    db.prepare(`UPDATE partners SET sales_rep_account_id = NULL WHERE program_id = ?1 AND sales_rep_account_id = ?2 AND ${gone}`).bind(programId, accountId),
    db.prepare(`UPDATE referrals SET owner_account_id = NULL WHERE program_id = ?1 AND owner_account_id = ?2 AND ${gone}`).bind(programId, accountId),
  ]);
  return (removed.meta.changes ?? 0) === 1;
}

export interface RepresentativeRow {
  id: string;
  name: string;
  partners: number;
  referrals: number;
  won: number;
}

/** Each sales representative: the partners they own now, and the referrals they own registered and won in [?2, ?3). */
export const REPRESENTATIVES_SQL = `SELECT a.id, a.name,
    (SELECT count(*) FROM partners p WHERE p.program_id = ?1 AND p.sales_rep_account_id = a.id) AS partners,
    (SELECT count(*) FROM referrals r WHERE r.program_id = ?1 AND r.owner_account_id = a.id AND r.registered_at >= ?2 AND r.registered_at < ?3) AS referrals,
    (SELECT count(DISTINCT c.referral_id) FROM referral_changes c JOIN referrals r ON r.id = c.referral_id
       WHERE r.program_id = ?1 AND r.owner_account_id = a.id AND c.field = 'stage' AND c.new_value = 'won' AND r.stage = 'won'
         AND c.created_at >= ?2 AND c.created_at < ?3) AS won
  FROM program_staff s JOIN accounts a ON a.id = s.account_id WHERE s.program_id = ?1 AND s.role = 'sales_rep' ORDER BY a.name`;

