// Paying for a client: what one interval of a client's subscription costs with the partner discount, and paying it from the balance.
import { z } from '@hono/zod-openapi';
import { nanoid } from 'nanoid';
import { ClientPaymentInputSchema, ClientPaymentSchema, IdempotencyHeaders, QuoteSchema } from '../../../shared/money-schemas';
import { router } from '../../env';
import { ApiError, forbidden, notFound, refused as fail } from '../../middleware/errors';
import { idempotent } from '../../middleware/idempotency';
import { partnerMoney } from '../../middleware/partner-access';
import { clientPaymentEntry, clientPaymentProblem, clientPaymentQuote, insufficient, intervalAlreadyPaid, paidUntil } from '../../domain/withdrawals';
import { balanceOf } from '../../db/ledger';
import { intervalPaid, payForClient } from '../../db/withdrawals';
import { customerByExternalId } from '../../db/customers';
import { subscriptionOf } from '../../db/payments';
import { json, partnerMoneyErrors, partnerParams, partnerRoute } from '../kit';
import { isoDate } from '../shapes';

export const clientPayments = router();
const route = partnerRoute('Partner money');

const quoteQuery = z.object({
  customerId: z.string().trim().min(1).max(200).openapi({ param: { name: 'customerId', in: 'query' }, description: "The merchant's customer id" }),
  plan: z.string().trim().min(1).max(120).openapi({ param: { name: 'plan', in: 'query' } }),
});

/** The client (a customer attributed to this partner) and its subscription's price with the partner discount. */
async function quoteFor(db: D1Database, program: { id: string; currency: string; partnerDiscountBps: number }, partnerId: string, customerId: string, plan: string) {
  const customer = await customerByExternalId(db, program.id, customerId);
  if (!customer || customer.partnerId !== partnerId) throw notFound('Client');
  const sub = await subscriptionOf(db, customer.id, plan);
  if (!sub) throw notFound('Subscription');
  if (!sub.amount) throw new ApiError(422, 'no_price', 'The site has not reported a price for this subscription yet.');
  if (sub.amount.currency !== program.currency) throw new ApiError(422, 'currency_mismatch', `This subscription is priced in ${sub.amount.currency}, the program in ${program.currency}.`);
  const now = Date.now();
  return { customer, sub, quote: clientPaymentQuote(sub.amount, program.partnerDiscountBps), paidUntil: paidUntil(sub.expiresAt, now, sub.interval), now };
}

clientPayments.openapi(
  route({
    method: 'get',
    path: '/client-payments/quote',
    summary: "What paying a client's subscription from the balance costs, with the partner discount",
    request: { params: partnerParams, query: quoteQuery },
    responses: { 200: json(QuoteSchema, 'The price to confirm'), ...partnerMoneyErrors },
  }),
  async (c) => {
    const { customerId, plan } = c.req.valid('query');
    const { partner, program } = await partnerMoney(c, c.req.valid('param').partnerId);
    const q = await quoteFor(c.env.DB, program, partner.id, customerId, plan);
    const balance = await balanceOf(c.env.DB, { partnerId: partner.id }, program.currency);
    return c.json({ customerId, plan, interval: q.sub.interval, ...q.quote, available: balance.available, paidUntil: isoDate(q.paidUntil) }, 200);
  },
);

clientPayments.openapi(
  route({
    method: 'post',
    path: '/client-payments',
    summary: "Pay one billing interval of a client's subscription from the available balance",
    description:
      'The partner discount is applied. The request names the paid-until date the quote showed: exactly one payment is made per interval, whatever the ' +
      'Idempotency-Keys. If that interval is already paid or is not the one due now (409 already_paid, interval_not_due), or the price changed since the ' +
      'partner saw it (409 price_changed), nothing is paid. The site reads these payments at GET /client-payments.',
    request: { params: partnerParams, headers: IdempotencyHeaders, body: { required: true, content: { 'application/json': { schema: ClientPaymentInputSchema } } } },
    responses: { 201: json(ClientPaymentSchema, 'Paid'), ...partnerMoneyErrors },
  }),
  async (c) => {
    const input = c.req.valid('json');
    const { partner, program, mayMoveMoney } = await partnerMoney(c, c.req.valid('param').partnerId);
    if (!mayMoveMoney) throw forbidden("Only the owner or a finance member may pay for a client's subscription.");
    return idempotent(c, program.id, input, async () => {
      const db = c.env.DB;
      const q = await quoteFor(db, program, partner.id, input.customerId, input.plan);
      const reviewed = Date.parse(input.paidUntil);
      const problem = clientPaymentProblem({ reviewed, due: q.paidUntil, expiresAt: q.sub.expiresAt, expectedPrice: input.expectedPrice, price: q.quote.price });
      if (problem) throw fail(problem);
      const id = `cpay_${nanoid()}`;
      const label = q.customer.email ?? input.customerId;
      const paid = await payForClient(db, {
        id, programId: program.id, partnerId: partner.id, customerId: q.customer.id, plan: input.plan, listPrice: q.quote.listPrice, discountBps: q.quote.discountBps,
        price: q.quote.price, paidUntil: q.paidUntil, expiresAtBefore: q.sub.expiresAt, accountId: c.get('accountId'), entry: clientPaymentEntry(partner.id, id, q.customer.id, input.plan, q.quote), now: q.now,
      });
      const balance = await balanceOf(db, { partnerId: partner.id }, program.currency);
      if (!paid) {
        // Another payment for this interval won the race (its expiry moved, or its paid-until is taken), or the balance fell short.
        const [now, taken] = await Promise.all([subscriptionOf(db, q.customer.id, input.plan), intervalPaid(db, q.customer.id, input.plan, q.paidUntil)]);
        if (taken || now?.expiresAt !== q.sub.expiresAt) throw fail(intervalAlreadyPaid(reviewed, paidUntil(now?.expiresAt ?? null, Date.now(), q.sub.interval)));
        throw fail(insufficient(balance.available, `paying ${label}'s subscription`));
      }
      return c.json({ id, customerId: input.customerId, plan: input.plan, price: q.quote.price, paidUntil: isoDate(q.paidUntil), balance }, 201);
    });
  },
);
