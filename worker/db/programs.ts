// Programs and the API keys that stand for them.
import type { ProgramRow } from '../env';
import type { PausableAction } from '../../shared/terms-pauses';

export interface ProgramRecord {
  id: string;
  name: string;
  currency: string;
  destination_url: string;
  allowed_origins: string;
  attribution_window_days: number;
  attribution_model: 'first_touch' | 'last_touch';
  signup_credit_minor: number;
  withdrawal_minimum_minor: number;
  reporting_period: 'weekly' | 'monthly' | 'quarterly';
  partner_discount_bps: number;
  second_tier_bps: number;
  referrer_credit_minor: number;
  browser_signups: 'await_confirmation' | 'trusted';
  unconfirmed_signup_days: number;
  lead_sla_hours: number;
  lead_lock_days: number;
  unclaimed_reward_days: number;
  inactive_days: number;
  paused_until_terms_accepted: string;
}

export function toProgram(r: ProgramRecord): ProgramRow {
  return {
    id: r.id,
    name: r.name,
    currency: r.currency,
    destinationUrl: r.destination_url,
    allowedOrigins: JSON.parse(r.allowed_origins) as string[],
    attributionWindowDays: r.attribution_window_days,
    attributionModel: r.attribution_model,
    signupCreditMinor: r.signup_credit_minor,
    withdrawalMinimumMinor: r.withdrawal_minimum_minor,
    reportingPeriod: r.reporting_period,
    partnerDiscountBps: r.partner_discount_bps,
    secondTierBps: r.second_tier_bps,
    referrerCreditMinor: r.referrer_credit_minor,
    browserSignups: r.browser_signups,
    unconfirmedSignupDays: r.unconfirmed_signup_days,
    leadSlaHours: r.lead_sla_hours,
    leadLockDays: r.lead_lock_days,
    unclaimedRewardDays: r.unclaimed_reward_days,
    inactiveDays: r.inactive_days,
    pausedUntilTermsAccepted: JSON.parse(r.paused_until_terms_accepted) as PausableAction[],
  };
}

export async function getProgram(db: D1Database, id: string): Promise<ProgramRow | null> {
  const r = await db.prepare('SELECT * FROM programs WHERE id = ?').bind(id).first<ProgramRecord>();
  return r ? toProgram(r) : null;
}

/** The program a live (unrevoked) key belongs to, and which kind of key it is. */
export async function programByKeyHash(db: D1Database, keyHash: string): Promise<{ program: ProgramRow; kind: 'publishable' | 'secret' } | null> {
  const r = await db
    .prepare(
      `SELECT p.*, k.kind AS key_kind FROM api_keys k JOIN programs p ON p.id = k.program_id
       WHERE k.key_hash = ? AND k.revoked_at IS NULL`,
    )
    .bind(keyHash)
    .first<ProgramRecord & { key_kind: 'publishable' | 'secret' }>();
  return r ? { program: toProgram(r), kind: r.key_kind } : null;
}
