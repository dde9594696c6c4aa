// Engagement triggers: when a partner counts as inactive, as referring without success, or as close to the next
// escalation tier, and the key of each condition, so that a partner is told once per spell (docs/ENGAGEMENT.md).
import type { Tier } from './commissions';
import type { EventDraft } from './events';

export const ENGAGEMENT_KINDS = ['inactive', 'no_success', 'near_tier'] as const;
export type EngagementKind = (typeof ENGAGEMENT_KINDS)[number];

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export interface ActivityFacts {
  /** The latest sign-in of any of the partner's members, or null when none ever signed in. */
  lastSignInAt: number | null;
  /** The latest UTC day (YYYY-MM-DD) with a referral (a signup or a registered lead) in partner_daily_stats. */
  lastReferralDay: string | null;
  /** When the partner was approved (else created): a partner is not inactive before it could be active. */
  joinedAt: number;
}

/** The partner's last sign of life: the latest of its members' sign-ins, its last referral's day, and joining. */
export function lastActiveAt(f: ActivityFacts): number {
  const referral = f.lastReferralDay === null ? 0 : Date.parse(`${f.lastReferralDay}T00:00:00Z`);
  return Math.max(f.joinedAt, f.lastSignInAt ?? 0, referral);
}

/**
 * Inactive: no sign-in by any member and no referral for `days` days. The spell is keyed by the day of the last sign
 * of life, so a partner is told once; after a sign-in or a referral, a new quiet spell has a new key and is told again.
 */
export function inactiveSpell(f: ActivityFacts, days: number, now: number): { since: number; days: number; key: string } | null {
  const since = lastActiveAt(f);
  const quiet = Math.floor((now - since) / DAY_MS);
  return quiet >= days ? { since, days: quiet, key: `since:${isoDay(since)}` } : null;
}

export interface PeriodFacts {
  id: string;
  startsAt: number;
  endsAt: number;
}

/** A period is half over: before then, referrals without a success are young, not a sign of trouble. */
export const halfOver = (p: PeriodFacts, now: number): boolean => now - p.startsAt >= (p.endsAt - p.startsAt) / 2;

/**
 * Referrals but no success in the current reporting period: told once per period, once the period is half over (so
 * there is time left to turn a referral into a customer). The list in the console shows them from the start.
 */
export function noSuccess(c: { referrals: number; successes: number }, p: PeriodFacts, now: number): { key: string; notify: boolean } | null {
  if (c.referrals <= 0 || c.successes > 0) return null;
  return { key: p.id, notify: halfOver(p, now) };
}

/** The largest distance to a tier that still counts as close: 2 successes, or a fifth of the tier's threshold if more. */
export const closeEnough = (tier: Tier): number => Math.max(2, Math.floor(tier.minReferrals / 5));

/**
 * Close to the next escalation tier of the partner's payment rule: at least one successful referral (a first-time
 * paying customer) in the period, and the next tier at most `closeEnough` away. Keyed by the period and the tier, so
 * each tier is told once per period.
 */
export function nearTier(tiers: readonly Tier[], successes: number, p: PeriodFacts): { tier: Tier; needed: number; key: string } | null {
  if (successes < 1) return null;
  const next = [...tiers].sort((a, b) => a.minReferrals - b.minReferrals).find((t) => t.minReferrals > successes);
  if (!next) return null;
  const needed = next.minReferrals - successes;
  return needed <= closeEnough(next) ? { tier: next, needed, key: `${p.id}:${next.minReferrals}` } : null;
}

/** The event type each trigger raises. */
export const ENGAGEMENT_EVENTS = { inactive: 'partner.inactive', no_success: 'partner.no_success', near_tier: 'partner.near_tier' } as const;

/**
 * The event that tells a partner of a condition. The first send of a condition is keyed by it, so reruns, retries and
 * racing isolates write one event; a manager's explicit re-send is keyed by its own id.
 */
export function engagementEvent(kind: EngagementKind, n: { partnerId: string; key: string; data: Record<string, unknown>; resendId?: string }): EventDraft {
  const type = ENGAGEMENT_EVENTS[kind];
  const base = `${type}:${n.partnerId}:${n.key}`;
  return { type, dedupeKey: n.resendId ? `${base}:resend:${n.resendId}` : base, data: { partnerId: n.partnerId, conditionKey: n.key, ...n.data } };
}
