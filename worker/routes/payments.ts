// POST /payments: the site owner's server reports a referred customer's payment; it earns the partner's commission.
import { PaymentInputSchema, PaymentSchema } from '../../shared/schemas/billing';
import { IdempotencyHeaders } from '../../shared/schemas/common';
import { router } from '../env';
import { programKey } from '../middleware/auth';
import { ApiError } from '../middleware/errors';
import { recordCustomerPayment } from '../flows/payments';
import type { PaymentCommission, PaymentRow } from '../db/payments';
import { conversionErrors, idempotentAmount, json, secretKeyRoute } from './kit';
import { isoDate } from './shapes';

export const payments = router();
const route = secretKeyRoute('Conversions', conversionErrors);

payments.use('/', programKey(['secret']));

function paymentJson(p: PaymentRow, commissions: PaymentCommission[], externalCustomerId: string, created: boolean) {
  return {
    invoiceId: p.invoiceId,
    customerId: externalCustomerId,
    created,
    amount: p.amount,
    refunded: p.refunded,
    commissions: commissions.map((c) => ({ ...c, availableAt: c.availableAt === null ? null : isoDate(c.availableAt) })),
  };
}

payments.openapi(
  route.post(
    '/',
    'reportPayment',
    "Report a referred customer's payment; it earns the partner's commission",
    {
      201: json(PaymentSchema, 'Recorded, with the commissions it earned'),
      200: json(PaymentSchema, 'This invoice was reported before; nothing new was earned'),
    },
    {
      headers: IdempotencyHeaders,
      body: PaymentInputSchema,
      description: 'Idempotent on the invoice id: a repeated or concurrent report earns once and answers 200 with what stands.',
    },
  ),
  async (c) => {
    const input = c.req.valid('json');
    const program = c.get('program');
    return idempotentAmount(c, program, input, async () => {
      const result = await recordCustomerPayment(c.env.DB, program, input);
      if (result.kind === 'conflict') throw new ApiError(409, 'invoice_conflict', `Invoice ${input.invoiceId} was reported before with another customer or amount.`);
      if (result.kind === 'unknown_customer') throw new ApiError(404, 'not_found', 'Customer not found: only customers who signed up through an invitation are tracked.');
      const body = paymentJson(result.payment, result.commissions, input.customerId, result.created);
      return result.created ? c.json(body, 201) : c.json(body, 200);
    });
  },
);
