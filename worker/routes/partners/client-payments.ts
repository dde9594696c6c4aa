// Paying for a client: what one interval of a client's subscription costs with the partner discount, and paying it from the balance.
import { z } from '@hono/zod-openapi';
import { ClientPaymentInputSchema, ClientPaymentSchema, QuoteSchema } from '../../../shared/schemas/billing';
import { IdempotencyHeaders } from '../../../shared/schemas/common';
import { router } from '../../env';
import { forbidden, notFound, refused as fail } from '../../middleware/errors';
import { idempotent } from '../../middleware/idempotency';
import { partnerMoney } from '../../middleware/partner-access';
import { payClientSubscription, quoteClientPayment } from '../../flows/client-payments';
import { balanceOf } from '../../db/ledger';
import { json, partnerMoneyErrors, partnerRoute, refuseWhileTermsPending } from '../kit';
import { isoDate } from '../shapes';

export const clientPayments = router();
const route = partnerRoute('Partner money');

const quoteQuery = z.object({
  customerId: z.string().trim().min(1).max(200).openapi({ param: { name: 'customerId', in: 'query' }, description: "The merchant's customer id" }),
  plan: z.string().trim().min(1).max(120).openapi({ param: { name: 'plan', in: 'query' } }),
});

/** A refusal of the flow as the API answers it. */
function refusal(r: { kind: 'not_found'; what: string } | { kind: 'refused'; problem: Parameters<typeof fail>[0] }) {
  return r.kind === 'not_found' ? notFound(r.what) : fail(r.problem);
}

clientPayments.openapi(
  route.get(
    '/client-payments/quote',
    'quoteClientPayment',
    "What paying a client's subscription from the balance costs, with the partner discount",
    { 200: json(QuoteSchema, 'The price to confirm'), ...partnerMoneyErrors },
    { query: quoteQuery },
  ),
  async (c) => {
    const { customerId, plan } = c.req.valid('query');
    const { partner, program } = await partnerMoney(c, c.req.valid('param').partnerId);
    const q = await quoteClientPayment(c.env.DB, program, partner.id, customerId, plan);
    if (q.kind !== 'quoted') throw refusal(q);
    const balance = await balanceOf(c.env.DB, { partnerId: partner.id }, program.currency);
    return c.json({ customerId, plan, interval: q.sub.interval, ...q.quote, available: balance.available, paidUntil: isoDate(q.paidUntil) }, 200);
  },
);

clientPayments.openapi(
  route.post(
    '/client-payments',
    'payForClient',
    "Pay one billing interval of a client's subscription from the available balance",
    { 201: json(ClientPaymentSchema, 'Paid'), ...partnerMoneyErrors },
    {
      headers: IdempotencyHeaders,
      body: ClientPaymentInputSchema,
      description:
        'The partner discount is applied. The request names the paid-until date the quote showed: exactly one payment is made per interval, whatever the ' +
        'Idempotency-Keys. If that interval is already paid or is not the one due now (409 already_paid, interval_not_due), or the price changed since the ' +
        'partner saw it (409 price_changed), nothing is paid. The site reads these payments at GET /client-payments.',
    },
  ),
  async (c) => {
    const input = c.req.valid('json');
    const { partner, program, mayMoveMoney } = await partnerMoney(c, c.req.valid('param').partnerId);
    if (!mayMoveMoney) throw forbidden("Only the owner or a finance member may pay for a client's subscription.");
    await refuseWhileTermsPending(c, partner.id, 'client_payments');
    return idempotent(c, program.id, input, async () => {
      const r = await payClientSubscription(c.env.DB, program, partner.id, c.get('accountId'), input);
      if (r.kind !== 'paid') throw refusal(r);
      return c.json({ id: r.id, customerId: input.customerId, plan: input.plan, price: r.price, paidUntil: isoDate(r.paidUntil), balance: r.balance }, 201);
    });
  },
);
