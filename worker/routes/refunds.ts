// POST /refunds: the site owner's server reports a full or partial refund; the same share of the commission is clawed back.
import { RefundInputSchema, RefundSchema } from '../../shared/schemas/billing';
import { IdempotencyHeaders } from '../../shared/schemas/common';
import { router } from '../env';
import { programKey } from '../middleware/auth';
import { ApiError, notFound } from '../middleware/errors';
import { refundPayment } from '../flows/refunds';
import { paymentByInvoice } from '../db/payments';
import { postedBy } from '../db/ledger';
import { conversionErrors, idempotentAmount, json, secretKeyRoute } from './kit';

export const refunds = router();
const route = secretKeyRoute('Conversions', conversionErrors);

refunds.use('/', programKey(['secret']));

refunds.openapi(
  route.post(
    '/',
    'reportRefund',
    'Report a full or partial refund; the same share of the commission is clawed back',
    { 201: json(RefundSchema, 'Recorded, with what was clawed back'), 200: json(RefundSchema, 'This refund was reported before') },
    {
      headers: IdempotencyHeaders,
      body: RefundInputSchema,
      description: 'Idempotent on the refund id. Pending commission is taken back first, then available; the balance may go below zero when the money was withdrawn.',
    },
  ),
  async (c) => {
    const input = c.req.valid('json');
    const program = c.get('program');
    return idempotentAmount(c, program, input, async () => {
      const db = c.env.DB;
      const result = await refundPayment(db, program.id, input);
      switch (result.kind) {
        case 'unknown_invoice':
          throw notFound('Invoice');
        case 'conflict':
          throw new ApiError(409, 'refund_conflict', `Refund ${input.refundId} was reported before with another invoice or amount.`);
        case 'exceeds':
          throw new ApiError(422, 'refund_exceeds_payment', `Only ${result.refundable.amount} minor units of invoice ${input.invoiceId} are left to refund.`, { refundable: result.refundable });
        case 'contended':
          throw new ApiError(409, 'refund_contended', `Other refunds of invoice ${input.invoiceId} were being recorded at the same moment; report this refund again.`);
      }
      const after = (await paymentByInvoice(db, program.id, input.invoiceId))!;
      const body = {
        refundId: input.refundId,
        invoiceId: input.invoiceId,
        created: result.created,
        amount: input.amount,
        refundedTotal: after.refunded,
        clawedBack: await postedBy(db, 'refund', result.refund.id, 'reversed', program.currency),
      };
      return result.created ? c.json(body, 201) : c.json(body, 200);
    });
  },
);

