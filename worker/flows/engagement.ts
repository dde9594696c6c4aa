// Engagement triggers as use cases: the partners behind each trigger (the console's lists), the daily run that tells
// each condition once, and a program manager's nudge from the console (docs/ENGAGEMENT.md).
import { money } from '../../shared/money';
import { ruleFor } from '../domain/commissions';
import { engagementEvent, inactiveSpell, nearTier, noSuccess, type EngagementKind, type PeriodFacts } from '../domain/engagement';
import { noticesOf, periodCounts, quietPartners, writeNotices, engagementPrograms, type NoticeDraft, type NoticeRow, type Page, type PartnerHead } from '../db/engagement';
import { activeRules } from '../db/rewards';
import { currentPeriod } from './periods';

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const iso = (ms: number) => new Date(ms).toISOString();

export interface EngagementProgramFacts {
  id: string;
  currency: string;
  reportingPeriod: 'weekly' | 'monthly' | 'quarterly';
  inactiveDays: number;
}

/** One partner in one trigger's condition: what the console shows, the event it raises, and whether the daily run tells it. */
export interface EngagementItem {
  partner: PartnerHead;
  key: string;
  /** The daily run tells it now (a period's no-success waits until the period is half over). */
  due: boolean;
  /** The event's data besides partnerId and conditionKey. */
  data: Record<string, unknown>;
  lastSignInAt: number | null;
  lastReferralDay: string | null;
  inactiveSince: number | null;
  inactiveDays: number | null;
  referrals: number | null;
  successes: number | null;
  needed: number | null;
  tierMinReferrals: number | null;
}

const blank = { lastSignInAt: null, lastReferralDay: null, inactiveSince: null, inactiveDays: null, referrals: null, successes: null, needed: null, tierMinReferrals: null };

/** At most this many partners with a success in a period are weighed for tiers at once (each against its own rule). */
const NEAR_TIER_SCAN = 5_000;

/**
 * The partners in one trigger's condition at `now`, a page at a time, or only `partnerId`: inactive ones the longest
 * quiet first; the others in the program's current reporting period.
 */
export async function engagementConditions(
  db: D1Database,
  program: EngagementProgramFacts,
  kind: EngagementKind,
  page: Page,
  now: number,
  partnerId: string | null = null,
): Promise<{ items: EngagementItem[]; period: PeriodFacts | null }> {
  if (kind === 'inactive') {
    const rows = await quietPartners(db, program.id, now - program.inactiveDays * DAY_MS, page, partnerId);
    const items = rows.flatMap((r) => {
      const spell = inactiveSpell(r, program.inactiveDays, now);
      if (!spell) return [];
      const data = { inactiveSince: iso(spell.since), inactiveDays: spell.days, thresholdDays: program.inactiveDays };
      return [{ ...blank, partner: r, key: spell.key, due: true, data, lastSignInAt: r.lastSignInAt, lastReferralDay: r.lastReferralDay, inactiveSince: spell.since, inactiveDays: spell.days }];
    });
    return { items, period: null };
  }
  const p = await currentPeriod(db, program, now);
  const period = { id: p.id, startsAt: p.startsAt, endsAt: p.endsAt };
  const days = { fromDay: isoDay(p.startsAt), toDay: isoDay(p.endsAt + DAY_MS - 1) };
  if (kind === 'no_success') {
    const rows = await periodCounts(db, program.id, days, { having: 'referrals_no_success' }, page, partnerId);
    const items = rows.flatMap((r) => {
      const c = noSuccess(r, period, now);
      if (!c) return [];
      const data = { periodId: p.id, periodStartsAt: iso(p.startsAt), periodEndsAt: iso(p.endsAt), referrals: r.referrals };
      return [{ ...blank, partner: r, key: c.key, due: c.notify, data, referrals: r.referrals, successes: r.successes }];
    });
    return { items, period };
  }
  // Tiers are per partner (its own rule may differ), so the page is cut after weighing each partner with a success.
  const [rows, rules] = await Promise.all([periodCounts(db, program.id, days, { having: 'paying' }, { limit: NEAR_TIER_SCAN, offset: 0 }, partnerId), activeRules(db, program.id)]);
  const items = rows.flatMap((r) => {
    const near = nearTier(ruleFor(rules, r.id, 'payment')?.tiers ?? [], r.paying, period);
    if (!near) return [];
    const data = {
      periodId: p.id,
      successes: r.paying,
      needed: near.needed,
      tierMinReferrals: near.tier.minReferrals,
      tierPercentBps: near.tier.percentBps ?? null,
      tierAmount: near.tier.amountMinor === undefined ? null : money(near.tier.amountMinor, program.currency),
    };
    return [{ ...blank, partner: r, key: near.key, due: true, data, referrals: r.referrals, successes: r.paying, needed: near.needed, tierMinReferrals: near.tier.minReferrals }];
  });
  return { items: items.sort((a, b) => a.needed! - b.needed! || a.partner.id.localeCompare(b.partner.id)).slice(page.offset, page.offset + page.limit), period };
}

/** The notice of each item's current condition, if it was told. */
export async function currentNotices(db: D1Database, kind: EngagementKind, items: EngagementItem[]): Promise<Map<string, NoticeRow>> {
  const notices = await noticesOf(db, kind, items.map((i) => i.partner.id));
  const keys = new Map(items.map((i) => [i.partner.id, i.key]));
  return new Map(notices.filter((n) => keys.get(n.partnerId) === n.conditionKey).map((n) => [n.partnerId, n]));
}

const draft = (programId: string, kind: EngagementKind, i: EngagementItem, sentBy: string | null, resendId?: string): NoticeDraft => ({
  programId,
  partnerId: i.partner.id,
  kind,
  key: i.key,
  sentBy,
  event: engagementEvent(kind, { partnerId: i.partner.id, key: i.key, data: i.data, resendId }),
});

const CHUNK = 200;
const MAX_CHUNKS = 50; // 10,000 partners per program and trigger a day; the rest the next day

/** The daily run: every condition due and not yet told is told once. Returns how many events were written. */
export async function sweepEngagement(db: D1Database, now: number): Promise<number> {
  let told = 0;
  for (const program of await engagementPrograms(db)) {
    for (const kind of ['inactive', 'no_success', 'near_tier'] as const) {
      for (let chunk = 0; chunk < MAX_CHUNKS; chunk++) {
        const { items } = await engagementConditions(db, program, kind, { limit: CHUNK, offset: chunk * CHUNK }, now);
        const notices = await currentNotices(db, kind, items);
        told += await writeNotices(db, items.filter((i) => i.due && !notices.has(i.partner.id)).map((i) => draft(program.id, kind, i, null)), now);
        if (items.length < CHUNK) break;
      }
    }
  }
  return told;
}

export type NudgeResult = { outcome: 'sent' | 'resent'; item: EngagementItem; notice: NoticeRow } | { outcome: 'not_in_condition' } | { outcome: 'already_notified'; notice: NoticeRow };

/**
 * A program manager tells a partner of its condition now: once per condition, like the daily run (whichever comes
 * first sends it); with `resend`, again on purpose, as an event of its own.
 */
export async function nudgePartner(db: D1Database, program: EngagementProgramFacts, partnerId: string, kind: EngagementKind, o: { resend: boolean; accountId: string }, now: number): Promise<NudgeResult> {
  const { items } = await engagementConditions(db, program, kind, { limit: 1, offset: 0 }, now, partnerId);
  const item = items[0];
  if (!item) return { outcome: 'not_in_condition' };
  const before = (await currentNotices(db, kind, [item])).get(partnerId);
  if (before && !o.resend) return { outcome: 'already_notified', notice: before };
  await writeNotices(db, [draft(program.id, kind, item, o.accountId, before ? crypto.randomUUID() : undefined)], now, before !== undefined);
  const notice = (await currentNotices(db, kind, [item])).get(partnerId)!;
  return { outcome: before ? 'resent' : 'sent', item, notice };
}
