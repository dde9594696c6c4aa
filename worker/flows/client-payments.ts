// Paying for a client: the price of one interval of a client's subscription with the partner discount, and paying it
// from the partner's available balance, exactly once per interval.
import { nanoid } from 'nanoid';
import type { z } from '@hono/zod-openapi';
import type { ClientPaymentInputSchema } from '../../shared/schemas/billing';
import type { Money } from '../../shared/money';
import type { ProgramRow } from '../env';
import { clientPaymentEntry, clientPaymentProblem, clientPaymentQuote, insufficient, intervalAlreadyPaid, paidUntil, type Problem } from '../domain/withdrawals';
import { customerByExternalId } from '../db/customers';
import { subscriptionOf } from '../db/payments';
import { balanceOf } from '../db/ledger';
import { intervalPaid, payForClient } from '../db/withdrawals';

type Refusal = { kind: 'not_found'; what: 'Client' | 'Subscription' } | { kind: 'refused'; problem: Problem };

/** The client (a customer attributed to this partner) and its subscription's price with the partner discount. */
export async function quoteClientPayment(db: D1Database, program: ProgramRow, partnerId: string, customerId: string, plan: string) {
  const customer = await customerByExternalId(db, program.id, customerId);
  if (!customer || customer.partnerId !== partnerId) return { kind: 'not_found', what: 'Client' } as const;
  const sub = await subscriptionOf(db, customer.id, plan);
  if (!sub) return { kind: 'not_found', what: 'Subscription' } as const;
  if (!sub.amount) return refused({ status: 422, code: 'no_price', message: 'The site has not reported a price for this subscription yet.' });
  if (sub.amount.currency !== program.currency) {
    return refused({ status: 422, code: 'currency_mismatch', message: `This subscription is priced in ${sub.amount.currency}, the program in ${program.currency}.` });
  }
  const now = Date.now();
  return { kind: 'quoted', customer, sub, quote: clientPaymentQuote(sub.amount, program.partnerDiscountBps), paidUntil: paidUntil(sub.expiresAt, now, sub.interval), now } as const;
}

const refused = (problem: Problem) => ({ kind: 'refused', problem }) as const;

export type ClientPaymentResult = Refusal | { kind: 'paid'; id: string; price: Money; paidUntil: number; balance: Awaited<ReturnType<typeof balanceOf>> };

/** Pays the interval the partner reviewed, at the price it confirmed; another payment of that interval wins nothing twice. */
export async function payClientSubscription(
  db: D1Database, program: ProgramRow, partnerId: string, accountId: string, input: z.output<typeof ClientPaymentInputSchema>,
): Promise<ClientPaymentResult> {
  const q = await quoteClientPayment(db, program, partnerId, input.customerId, input.plan);
  if (q.kind !== 'quoted') return q;
  const reviewed = Date.parse(input.paidUntil);
  const problem = clientPaymentProblem({ reviewed, due: q.paidUntil, expiresAt: q.sub.expiresAt, expectedPrice: input.expectedPrice, price: q.quote.price });
  if (problem) return refused(problem);
  const id = `cpay_${nanoid()}`;
  const label = q.customer.email ?? input.customerId;
  const paid = await payForClient(db, {
    id, programId: program.id, partnerId, customerId: q.customer.id, plan: input.plan, listPrice: q.quote.listPrice, discountBps: q.quote.discountBps,
    price: q.quote.price, paidUntil: q.paidUntil, expiresAtBefore: q.sub.expiresAt, accountId, entry: clientPaymentEntry(partnerId, id, q.customer.id, input.plan, q.quote), now: q.now,
  });
  const balance = await balanceOf(db, { partnerId }, program.currency);
  if (!paid) {
    // Another payment for this interval won the race (its expiry moved, or its paid-until is taken), or the balance fell short.
    const [now, taken] = await Promise.all([subscriptionOf(db, q.customer.id, input.plan), intervalPaid(db, q.customer.id, input.plan, q.paidUntil)]);
    if (taken || now?.expiresAt !== q.sub.expiresAt) return refused(intervalAlreadyPaid(reviewed, paidUntil(now?.expiresAt ?? null, Date.now(), q.sub.interval)));
    return refused(insufficient(balance.available, `paying ${label}'s subscription`));
  }
  return { kind: 'paid', id, price: q.quote.price, paidUntil: q.paidUntil, balance };
}
