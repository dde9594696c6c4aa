// Reward rules of a program, with its partners' overrides.
import { nanoid } from 'nanoid';
import type { RewardRule } from '../domain/commissions';
import { readOne, type Read } from './reads';

interface RuleRecord {
  id: string;
  partner_id: string | null;
  event: 'signup' | 'payment';
  kind: 'flat' | 'percent';
  amount_minor: number | null;
  percent_bps: number | null;
  product: string | null;
  recurring_months: number | null;
  hold_days: number;
  tiers: string;
  split: string;
}

const toRule = (r: RuleRecord): RewardRule => ({
  id: r.id,
  partnerId: r.partner_id,
  event: r.event,
  kind: r.kind,
  amountMinor: r.amount_minor,
  percentBps: r.percent_bps,
  product: r.product,
  recurringMonths: r.recurring_months,
  holdDays: r.hold_days,
  tiers: JSON.parse(r.tiers),
  split: JSON.parse(r.split),
});

export function activeRulesRead(db: D1Database, programId: string): Read<RewardRule[]> {
  const statement = db.prepare('SELECT * FROM reward_rules WHERE program_id = ? AND active = 1 ORDER BY created_at, rowid').bind(programId);
  return { statement, from: (rows) => (rows as unknown as RuleRecord[]).map(toRule) };
}

export const activeRules = (db: D1Database, programId: string): Promise<RewardRule[]> => readOne(db, activeRulesRead(db, programId));

export async function insertRule(db: D1Database, programId: string, r: Omit<RewardRule, 'id'>, now: number): Promise<RewardRule> {
  const id = `rule_${nanoid()}`;
  await db
    .prepare(
      `INSERT INTO reward_rules (id, program_id, partner_id, event, kind, amount_minor, percent_bps, product, recurring_months, hold_days, tiers, split, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(id, programId, r.partnerId, r.event, r.kind, r.amountMinor, r.percentBps, r.product, r.recurringMonths, r.holdDays, JSON.stringify(r.tiers), JSON.stringify(r.split), now)
    .run();
  return { id, ...r };
}

/** Rules are never edited, so what was paid can always be explained by the rule that stood then: a change retires the old one. */
export async function retireRule(db: D1Database, programId: string, ruleId: string): Promise<boolean> {
  const r = await db.prepare('UPDATE reward_rules SET active = 0 WHERE id = ? AND program_id = ? AND active = 1').bind(ruleId, programId).run();
  return r.meta.changes > 0;
}
