// Reward rules of a program, with its partners' overrides.
import { nanoid } from 'nanoid';
import type { RewardRule } from '../domain/commissions';
import { partnerDisplayId, type PartnerStatus } from '../domain/partners';
import { readOne, type Read, type Condition } from './reads';

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

/** A rule's columns, in the order of its part of the rules' print. */
const RULE_COLUMNS = ['id', 'partner_id', 'event', 'kind', 'amount_minor', 'percent_bps', 'product', 'recurring_months', 'hold_days', 'tiers', 'split'] as const;
/** The program's active rules as one JSON text, in their order: what a signup on kept rules compares (flows/signups.ts). */
const RULES_PRINT = `(SELECT json_group_array(json_array(${RULE_COLUMNS.join(', ')}) ORDER BY created_at, rowid)
   FROM reward_rules WHERE program_id = ? AND active = 1)`;

/** The program's active rules and their print, read as the print. */
export const rulesRead = (db: D1Database, programId: string): Read<{ rules: RewardRule[]; print: string }> => ({
  statement: db.prepare(`SELECT ${RULES_PRINT} AS print`).bind(programId),
  from: (rows) => {
    const print = rows[0].print as string;
    const rules = (JSON.parse(print) as unknown[][]).map((values) => toRule(Object.fromEntries(RULE_COLUMNS.map((column, i) => [column, values[i]])) as unknown as RuleRecord));
    return { rules, print };
  },
});

/** A condition (SQL and its arguments) that holds while the program's active rules still print as `print`. */
export const rulesUnchanged = (programId: string, print: string): Condition => ({ sql: `${RULES_PRINT} = ?`, args: [programId, print] });

export function activeRulesRead(db: D1Database, programId: string): Read<RewardRule[]> {
  const read = rulesRead(db, programId);
  return { statement: read.statement, from: (rows) => read.from(rows).rules };
}

export const activeRules = (db: D1Database, programId: string): Promise<RewardRule[]> => readOne(db, activeRulesRead(db, programId));

/** Who a rule is for, as the console names it: null for a rule of the whole program. */
export interface RulePartner {
  id: string;
  displayId: string;
  name: string;
}

/**
 * The active rules as the console lists them, each with the partner it is for, read in the rules' own statement: a
 * program with thousands of partners has few partner rules, and the console need not load every partner to name them.
 */
export async function listedRules(db: D1Database, programId: string): Promise<(RewardRule & { partner: RulePartner | null })[]> {
  const { results } = await db
    .prepare(
      `SELECT r.*, p.number AS partner_number, p.status AS partner_status, p.name AS partner_name
       FROM reward_rules r LEFT JOIN partners p ON p.id = r.partner_id
       WHERE r.program_id = ? AND r.active = 1 ORDER BY r.created_at, r.rowid`,
    )
    .bind(programId)
    .all<RuleRecord & { partner_number: number; partner_status: PartnerStatus; partner_name: string }>();
  return results.map((r) => ({
    ...toRule(r),
    partner: r.partner_id ? { id: r.partner_id, displayId: partnerDisplayId(r.partner_status, r.partner_number), name: r.partner_name } : null,
  }));
}

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
