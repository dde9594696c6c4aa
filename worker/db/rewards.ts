// Reward rules of a program, with its partners' overrides.
import type { RewardRule } from '../domain/rewards';

export async function activeRules(db: D1Database, programId: string): Promise<RewardRule[]> {
  const { results } = await db
    .prepare(
      `SELECT id, partner_id AS partnerId, event, kind, amount_minor AS amountMinor, percent_bps AS percentBps, hold_days AS holdDays
       FROM reward_rules WHERE program_id = ? AND active = 1 ORDER BY created_at`,
    )
    .bind(programId)
    .all<RewardRule>();
  return results;
}
