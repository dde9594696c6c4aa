// Refunds: each claws back its share of the commissions a payment earned, computed from the state it is posted against.
import { nanoid } from 'nanoid';
import { compare, equals, subtract, type Money } from '../../shared/money';
import { refundMoves } from '../domain/ledger';
import { lotsOfPayment } from '../db/ledger';
import { paymentByInvoice, recordRefund, refundByRef, type RefundRow } from '../db/payments';

export type RefundResult =
  | { kind: 'recorded'; refund: RefundRow; created: boolean }
  | { kind: 'unknown_invoice' }
  /** The refund id was reported before with another invoice or amount. */
  | { kind: 'conflict' }
  | { kind: 'exceeds'; refundable: Money }
  /** Other refunds of the payment kept landing first; the caller may report it again. */
  | { kind: 'contended' };

/**
 * How often a refund is computed again when the payment moved meanwhile. Each retry follows another writer's
 * success (a refund of the same payment, or a move of its commissions), so racers settle one by one.
 */
const ATTEMPTS = 50;

export async function refundPayment(db: D1Database, programId: string, input: { invoiceId: string; refundId: string; amount: Money }, now = Date.now()): Promise<RefundResult> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const payment = await paymentByInvoice(db, programId, input.invoiceId);
    if (!payment) return { kind: 'unknown_invoice' };
    const existing = await refundByRef(db, programId, input.refundId);
    if (existing) return standing(existing, payment.id, input.amount);
    const refundable = subtract(payment.amount, payment.refunded);
    if (compare(input.amount, refundable) > 0) return { kind: 'exceeds', refundable };
    const id = `ref_${nanoid()}`;
    const lots = await lotsOfPayment(db, payment.id);
    const entries = refundMoves(lots, { refundId: id, invoiceId: input.invoiceId, paymentAmount: payment.amount, refundedBefore: payment.refunded, refund: input.amount });
    const recorded = await recordRefund(db, programId, { id, paymentId: payment.id, refundRef: input.refundId, amount: input.amount, refundedBefore: payment.refunded, lots, entries, now });
    if (recorded?.created) return { kind: 'recorded', ...recorded };
    if (recorded) return standing(recorded.refund, payment.id, input.amount);
  }
  return { kind: 'contended' };
}

/** A refund already recorded under the id: the same facts answer what stands, other facts are a conflict. */
function standing(refund: RefundRow, paymentId: string, amount: Money): RefundResult {
  return refund.paymentId === paymentId && equals(refund.amount, amount) ? { kind: 'recorded', refund, created: false } : { kind: 'conflict' };
}
