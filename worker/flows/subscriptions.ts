// A customer's subscription, reported by the site's server: stored as it stands; when the customer no longer
// subscribes to anything, commission parts that needed retention and have not matured are reversed.
import type { z } from '@hono/zod-openapi';
import { money, sum, type Money } from '../../shared/money';
import type { SubscriptionInputSchema } from '../../shared/schemas/billing';
import type { ProgramRow } from '../env';
import { retentionMoves } from '../domain/ledger';
import { customerByExternalId } from '../db/customers';
import { stillSubscribed, upsertSubscriptionStatement } from '../db/payments';
import { lotsUnmovedGuard, postEntries, retentionLotsOf } from '../db/ledger';

/** The report as the API validated it. */
export type SubscriptionReport = z.output<typeof SubscriptionInputSchema>;

export type SubscriptionResult = { kind: 'unknown_customer' } | { kind: 'reported'; expiresAt: number | null; reversed: Money };

export async function reportSubscription(db: D1Database, program: ProgramRow, input: SubscriptionReport): Promise<SubscriptionResult> {
  const customer = await customerByExternalId(db, program.id, input.customerId);
  if (!customer) return { kind: 'unknown_customer' };
  const ended = input.status === 'canceled' || input.status === 'expired';
  return subscriptionFor(db, program, customer.id, {
    plan: input.plan,
    status: input.status,
    amount: input.amount ?? null,
    interval: input.interval,
    expiresAt: input.expiresAt ? Date.parse(input.expiresAt) : null,
    canceledAt: ended ? (input.canceledAt ? Date.parse(input.canceledAt) : Date.now()) : null,
  });
}

/** A subscription as the flows know it: canceledAt is set when it ended (canceled or expired). */
export interface CustomerSubscription {
  plan: string;
  status: SubscriptionReport['status'];
  amount: Money | null;
  interval: 'month' | 'year';
  expiresAt: number | null;
  canceledAt: number | null;
}

/** Stores the customer's subscription as it stands; one that ended reverses what needed retention, if nothing else is subscribed. */
export async function subscriptionFor(db: D1Database, program: ProgramRow, customerId: string, s: CustomerSubscription, now = Date.now()): Promise<Extract<SubscriptionResult, { kind: 'reported' }>> {
  await upsertSubscriptionStatement(db, { programId: program.id, customerId, ...s, now }).run();
  const reversed =
    s.canceledAt !== null && !(await stillSubscribed(db, customerId)) ? await reverseRetentionParts(db, program, customerId, s.canceledAt, `${customerId}:${s.plan}`, now) : money(0, program.currency);
  return { kind: 'reported', expiresAt: s.expiresAt, reversed };
}

/** How often the reversal is computed again when a refund moved the same commissions at the same moment. */
const ATTEMPTS = 50;

/**
 * Reverses the customer's unmatured retention parts, as the refund does its clawback: computed from the lots as read,
 * posted only if no entry moved them meanwhile (else read again), so a concurrent refund and cancellation never take
 * more than a lot holds. Returns what this call reversed (nothing when another call got there first).
 */
async function reverseRetentionParts(db: D1Database, program: ProgramRow, customerId: string, canceledAt: number, eventId: string, now: number): Promise<Money> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const lots = await retentionLotsOf(db, customerId);
    const moves = retentionMoves(lots, customerId, canceledAt, eventId);
    if (moves.length === 0) break;
    const [posted] = await db.batch(postEntries(db, program.id, moves, now, lotsUnmovedGuard(lots)));
    if (posted.meta.changes > 0) return sum(program.currency, moves.filter((m) => m.status === 'reversed').map((m) => m.amount));
  }
  return money(0, program.currency);
}
