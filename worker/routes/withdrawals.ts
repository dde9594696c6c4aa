// A partner's money in the dashboard: balance and next payout, withdrawal requests, and paying for a client.
import { createRoute, z } from '@hono/zod-openapi';
import { nanoid } from 'nanoid';
import { ClientPaymentInputSchema, ClientPaymentSchema, IdempotencyHeaders, PartnerBalanceSchema, QuoteSchema, WithdrawalInputSchema, WithdrawalSchema } from '../../shared/money-schemas';
import { ErrorSchema } from '../../shared/schemas';
import { money } from '../../shared/money';
import { router } from '../env';
import { sameOrigin, session } from '../middleware/auth';
import { ApiError, forbidden, notFound, refused as fail } from '../middleware/errors';
import { idempotent } from '../middleware/idempotency';
import { partnerFor } from '../middleware/partner-access';
import { currentPeriod } from '../flows/periods';
import {
  clientPaymentEntry, clientPaymentProblem, clientPaymentQuote, insufficient, intervalAlreadyPaid, paidUntil, withdrawalProblem, withdrawalRequested, withdrawalReturned,
} from '../domain/withdrawals';
import { getProgram } from '../db/programs';
import { membershipOf } from '../db/partners';
import { balanceOf, fullBalanceOf } from '../db/ledger';
import { awaitingConfirmationOf } from '../db/signup-confirmations';
import { getWithdrawal, intervalPaid, payForClient, payoutFacts, requestWithdrawal, settleWithdrawal, withdrawalsOf, type WithdrawalRow } from '../db/withdrawals';
import { customerByExternalId } from '../db/customers';
import { subscriptionOf } from '../db/payments';
import { isoDate } from './shapes';
import { json, partnerErrors, partnerParams } from './partners';

export const withdrawals = router();

withdrawals.use('/partners/*', sameOrigin, session);

const moneyErrors = {
  ...partnerErrors,
  400: json(ErrorSchema, 'Invalid input'),
  403: json(ErrorSchema, 'Only the owner or a finance member may move money'),
  409: json(ErrorSchema, 'A request is already open, the interval reviewed is paid or not due, the price changed, or the Idempotency-Key was used for another request'),
  422: json(ErrorSchema, 'Below the minimum, above the available balance, no payout method, or another currency'),
};

export const withdrawalJson = (w: WithdrawalRow) => ({
  id: w.id,
  amount: w.amount,
  payoutMethod: w.payoutMethod,
  status: w.status,
  statusReason: w.statusReason,
  createdAt: isoDate(w.createdAt),
  settledAt: w.settledAt === null ? null : isoDate(w.settledAt),
});

/** The partner, its program, and whether the signed-in person may move its money (owners and finance members). */
async function moneyContext(c: Parameters<typeof partnerFor>[0], partnerId: string) {
  const partner = await partnerFor(c, partnerId);
  const [program, membership] = await Promise.all([getProgram(c.env.DB, partner.programId), membershipOf(c.env.DB, c.get('accountId'), partner.id)]);
  const mayMoveMoney = membership !== null && (membership.role === 'owner' || membership.role === 'finance');
  return { partner, program: program!, membership, mayMoveMoney };
}

withdrawals.openapi(
  createRoute({
    method: 'get',
    path: '/partners/{partnerId}/balance',
    tags: ['Partner money'],
    summary: 'Balance (pending, available, paid), next payout date, the withdrawal minimum and the withdrawal history',
    security: [{ session: [] }],
    request: { params: partnerParams },
    responses: { 200: json(PartnerBalanceSchema, 'The balance'), ...partnerErrors },
  }),
  async (c) => {
    const { partner, program, mayMoveMoney } = await moneyContext(c, c.req.valid('param').partnerId);
    const [full, awaiting, facts, history, period] = await Promise.all([
      fullBalanceOf(c.env.DB, { partnerId: partner.id }, program.currency),
      awaitingConfirmationOf(c.env.DB, partner.id, program.currency),
      payoutFacts(c.env.DB, partner.id),
      withdrawalsOf(c.env.DB, partner.id),
      currentPeriod(c.env.DB, program, Date.now()),
    ]);
    const open = history.find((w) => w.status === 'requested' || w.status === 'approved') ?? null;
    return c.json(
      {
        balance: { pending: full.pending, available: full.available, paid: full.paid },
        awaitingConfirmation: awaiting,
        reversed: full.reversed,
        nextPayoutAt: isoDate(period.endsAt),
        withdrawalMinimum: money(program.withdrawalMinimumMinor, program.currency),
        payoutMethod: facts.payoutMethod,
        openWithdrawal: open ? withdrawalJson(open) : null,
        mayWithdraw: mayMoveMoney,
        withdrawals: history.map(withdrawalJson),
      },
      200,
    );
  },
);

withdrawals.openapi(
  createRoute({
    method: 'post',
    path: '/partners/{partnerId}/withdrawals',
    tags: ['Partner money'],
    summary: 'Request a withdrawal of available balance, paid when the reporting period closes',
    description: 'At least the program minimum, at most the available balance, one open request at a time, to the payout method on file.',
    security: [{ session: [] }],
    request: { params: partnerParams, headers: IdempotencyHeaders, body: { required: true, content: { 'application/json': { schema: WithdrawalInputSchema } } } },
    responses: { 201: json(WithdrawalSchema, 'Requested; the amount left the available balance'), ...moneyErrors },
  }),
  async (c) => {
    const input = c.req.valid('json');
    const { partner, program, membership, mayMoveMoney } = await moneyContext(c, c.req.valid('param').partnerId);
    if (!mayMoveMoney) throw forbidden('Only the owner or a finance member may request withdrawals.');
    if (partner.status !== 'partner') throw new ApiError(422, 'not_approved', 'Withdrawals open once the program has approved the partnership.');
    return idempotent(c, program.id, input, async () => {
      const db = c.env.DB;
      const minimum = money(program.withdrawalMinimumMinor, program.currency);
      const [balance, facts] = await Promise.all([balanceOf(db, { partnerId: partner.id }, program.currency), payoutFacts(db, partner.id)]);
      const problem = withdrawalProblem({ amount: input.amount, programCurrency: program.currency, available: balance.available, minimum, ...facts });
      if (problem) throw fail(problem);
      const id = `wd_${nanoid()}`;
      const now = Date.now();
      const stood = await requestWithdrawal(db, {
        id, programId: program.id, partnerId: partner.id, amount: input.amount, minimum, method: facts.payoutMethod!, memberId: membership!.id,
        entry: withdrawalRequested(partner.id, id, input.amount, facts.payoutMethod!), now,
      });
      if (!stood) {
        // Another request won the race: say why this one cannot stand now.
        const [after, factsAfter] = await Promise.all([balanceOf(db, { partnerId: partner.id }, program.currency), payoutFacts(db, partner.id)]);
        throw fail(withdrawalProblem({ amount: input.amount, programCurrency: program.currency, available: after.available, minimum, ...factsAfter }) ?? insufficient(after.available, 'this withdrawal'));
      }
      const w = (await getWithdrawal(db, program.id, id))!;
      return c.json(withdrawalJson(w), 201);
    });
  },
);

withdrawals.openapi(
  createRoute({
    method: 'post',
    path: '/partners/{partnerId}/withdrawals/{withdrawalId}/cancel',
    tags: ['Partner money'],
    summary: 'Cancel an open request before the period closes; the amount returns to the available balance',
    security: [{ session: [] }],
    request: { params: partnerParams.extend({ withdrawalId: z.string().min(1).max(64).openapi({ param: { name: 'withdrawalId', in: 'path' } }) }) },
    responses: { 200: json(WithdrawalSchema, 'Canceled'), ...moneyErrors },
  }),
  async (c) => {
    const { withdrawalId } = c.req.valid('param');
    const { partner, program, mayMoveMoney } = await moneyContext(c, c.req.valid('param').partnerId);
    if (!mayMoveMoney) throw forbidden('Only the owner or a finance member may cancel withdrawals.');
    const w = await getWithdrawal(c.env.DB, program.id, withdrawalId);
    if (!w || w.partnerId !== partner.id) throw notFound('Withdrawal');
    const moved = await settleWithdrawal(c.env.DB, program.id, {
      id: w.id, from: ['requested'], to: 'canceled', reason: 'Canceled by the partner', partnerId: partner.id,
      entry: withdrawalReturned(partner.id, w.id, w.amount, 'withdrawal canceled'), now: Date.now(),
    });
    if (!moved && w.status !== 'canceled') throw new ApiError(409, 'not_cancelable', `This withdrawal is ${w.status} and can no longer be canceled.`);
    const after = (await getWithdrawal(c.env.DB, program.id, withdrawalId))!;
    return c.json(withdrawalJson(after), 200);
  },
);

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

withdrawals.openapi(
  createRoute({
    method: 'get',
    path: '/partners/{partnerId}/client-payments/quote',
    tags: ['Partner money'],
    summary: "What paying a client's subscription from the balance costs, with the partner discount",
    security: [{ session: [] }],
    request: { params: partnerParams, query: quoteQuery },
    responses: { 200: json(QuoteSchema, 'The price to confirm'), ...moneyErrors },
  }),
  async (c) => {
    const { customerId, plan } = c.req.valid('query');
    const { partner, program } = await moneyContext(c, c.req.valid('param').partnerId);
    const q = await quoteFor(c.env.DB, program, partner.id, customerId, plan);
    const balance = await balanceOf(c.env.DB, { partnerId: partner.id }, program.currency);
    return c.json({ customerId, plan, interval: q.sub.interval, ...q.quote, available: balance.available, paidUntil: isoDate(q.paidUntil) }, 200);
  },
);

withdrawals.openapi(
  createRoute({
    method: 'post',
    path: '/partners/{partnerId}/client-payments',
    tags: ['Partner money'],
    summary: "Pay one billing interval of a client's subscription from the available balance",
    description:
      'The partner discount is applied. The request names the paid-until date the quote showed: exactly one payment is made per interval, whatever the ' +
      'Idempotency-Keys. If that interval is already paid or is not the one due now (409 already_paid, interval_not_due), or the price changed since the ' +
      'partner saw it (409 price_changed), nothing is paid. The site reads these payments at GET /client-payments.',
    security: [{ session: [] }],
    request: { params: partnerParams, headers: IdempotencyHeaders, body: { required: true, content: { 'application/json': { schema: ClientPaymentInputSchema } } } },
    responses: { 201: json(ClientPaymentSchema, 'Paid'), ...moneyErrors },
  }),
  async (c) => {
    const input = c.req.valid('json');
    const { partner, program, mayMoveMoney } = await moneyContext(c, c.req.valid('param').partnerId);
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
