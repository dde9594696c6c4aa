// A customer's subscription, reported by the site's server: stored as it stands; when the customer no longer
// subscribes to anything, commission parts that needed retention and have not matured are reversed.
import type { z } from '@hono/zod-openapi';
import { money, sum, type Money } from '../../shared/money';
import type { SubscriptionInputSchema } from '../../shared/schemas/billing';
import type { ProgramRow } from '../env';
import { retentionMoves } from '../domain/ledger';
import { customerByExternalId } from '../db/customers';
import { stillSubscribed, upsertSubscriptionStatement } from '../db/payments';
import { postEntries, retentionLotsOf } from '../db/ledger';

/** The report as the API validated it. */
export type SubscriptionReport = z.output<typeof SubscriptionInputSchema>;

export type SubscriptionResult = { kind: 'unknown_customer' } | { kind: 'reported'; expiresAt: number | null; reversed: Money };

export async function reportSubscription(db: D1Database, program: ProgramRow, input: SubscriptionReport): Promise<SubscriptionResult> {
  const customer = await customerByExternalId(db, program.id, input.customerId);
  if (!customer) return { kind: 'unknown_customer' };
  const now = Date.now();
  const ended = input.status === 'canceled' || input.status === 'expired';
  const canceledAt = ended ? (input.canceledAt ? Date.parse(input.canceledAt) : now) : null;
  const expiresAt = input.expiresAt ? Date.parse(input.expiresAt) : null;
  await upsertSubscriptionStatement(db, {
    programId: program.id, customerId: customer.id, plan: input.plan, status: input.status, amount: input.amount ?? null, interval: input.interval, expiresAt, canceledAt, now,
  }).run();
  let reversed = money(0, program.currency);
  if (ended && !(await stillSubscribed(db, customer.id))) {
    const moves = retentionMoves(await retentionLotsOf(db, customer.id), customer.id, canceledAt!, `${customer.id}:${input.plan}`);
    if (moves.length > 0) await db.batch(postEntries(db, program.id, moves, now));
    reversed = sum(program.currency, moves.filter((m) => m.status === 'reversed').map((m) => m.amount));
  }
  return { kind: 'reported', expiresAt, reversed };
}
