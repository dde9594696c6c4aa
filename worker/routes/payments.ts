// Conversions reported by the site owner's server (secret key): payments, refunds, subscription changes, top-ups.
import { createRoute, z } from '@hono/zod-openapi';
import { nanoid } from 'nanoid';
import { ErrorSchema } from '../../shared/schemas';
import {
  ClientPaymentRecordSchema, IdempotencyHeaders, PaymentInputSchema, PaymentSchema, RefundInputSchema, RefundSchema, SubscriptionInputSchema, SubscriptionSchema, TopUpInputSchema, TopUpSchema,
} from '../../shared/money-schemas';
import { equals, money, sum, type Money } from '../../shared/money';
import type { Context } from 'hono';
import { router, type AppEnv, type ProgramRow } from '../env';
import { programKey } from '../middleware/auth';
import { ApiError, notFound, refused } from '../middleware/errors';
import { idempotent } from '../middleware/idempotency';
import { canRefer, partnerDisplayId, type PartnerStatus } from '../domain/partners';
import { periodAt } from '../domain/periods';
import { paymentEntries } from '../domain/rewards';
import { retentionMoves } from '../domain/ledger';
import { currencyProblem, topUpEntry } from '../domain/withdrawals';
import { confirmSignup } from '../flows/signup-confirmation';
import { refundPayment } from '../flows/refunds';
import { customerByExternalId } from '../db/customers';
import { activeRules } from '../db/rewards';
import { paymentByInvoice, paymentContext, recordPayment, stillSubscribed, upsertSubscriptionStatement, type PaymentRow } from '../db/payments';
import { balanceOf, commissionsOf, postEntriesStatement, postedBy, retentionLotsOf } from '../db/ledger';
import { getPartner } from '../db/partners';
import { clientPaymentsSince } from '../db/withdrawals';
import { isoDate } from './shapes';
import { json } from './partners';

export const payments = router();

for (const path of ['/payments', '/refunds', '/subscriptions', '/top-ups', '/client-payments']) payments.use(path, programKey(['secret']));

const errors = {
  400: json(ErrorSchema, 'Invalid input'),
  401: json(ErrorSchema, 'Missing or wrong key'),
  403: json(ErrorSchema, 'Not the secret key'),
  404: json(ErrorSchema, 'No such customer, invoice or partner in this program'),
  409: json(ErrorSchema, 'The id was reported before with different facts, or the Idempotency-Key was used for another request'),
  422: json(ErrorSchema, 'Another currency than the program\'s, or a refund beyond what was paid'),
};

export function sameCurrency(program: ProgramRow, m: Money): void {
  if (m.currency !== program.currency) throw refused(currencyProblem(m.currency, program.currency));
}

async function paymentJson(db: D1Database, p: PaymentRow, externalCustomerId: string, created: boolean) {
  const commissions = await commissionsOf(db, 'payment', p.id);
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
  createRoute({
    method: 'post',
    path: '/payments',
    tags: ['Conversions'],
    summary: "Report a referred customer's payment; it earns the partner's commission",
    description: 'Idempotent on the invoice id: a repeated or concurrent report earns once and answers 200 with what stands.',
    security: [{ secretKey: [] }],
    request: { headers: IdempotencyHeaders, body: { required: true, content: { 'application/json': { schema: PaymentInputSchema } } } },
    responses: { 201: json(PaymentSchema, 'Recorded, with the commissions it earned'), 200: json(PaymentSchema, 'This invoice was reported before; nothing new was earned'), ...errors },
  }),
  async (c) => {
    const input = c.req.valid('json');
    const program = c.get('program');
    return idempotent(c, program.id, input, async () => {
      const db = c.env.DB;
      sameCurrency(program, input.amount);
      const existing = await paymentByInvoice(db, program.id, input.invoiceId);
      const customer = await customerByExternalId(db, program.id, input.customerId);
      // A paying customer is real: the payment confirms a signup only the browser reported (and retries confirm too).
      if (customer) customer.signupStatus = await confirmSignup(db, { ...customer, programId: program.id }, 'payment');
      if (existing) {
        if (existing.customerId !== customer?.id || !equals(existing.amount, input.amount)) {
          throw new ApiError(409, 'invoice_conflict', `Invoice ${input.invoiceId} was reported before with another customer or amount.`);
        }
        return c.json(await paymentJson(db, existing, input.customerId, false), 200);
      }
      if (!customer) throw new ApiError(404, 'not_found', 'Customer not found: only customers who signed up through an invitation are tracked.');
      const now = Date.now();
      const paidAt = input.paidAt ? Date.parse(input.paidAt) : now;
      const period = periodAt(program.reportingPeriod, paidAt);
      const [ctx, rules] = await Promise.all([paymentContext(db, customer.id, customer.partnerId, period), activeRules(db, program.id)]);
      const isFirstPayment = ctx.firstPaidAt === null || paidAt < ctx.firstPaidAt;
      const firstPaidAt = isFirstPayment ? paidAt : ctx.firstPaidAt!;
      const id = `pay_${nanoid()}`;
      const entries =
        ctx.partner && canRefer(ctx.partner.status)
          ? paymentEntries({
              paymentId: id,
              invoiceId: input.invoiceId,
              amount: input.amount,
              product: input.product ?? null,
              paidAt,
              customerId: customer.id,
              partnerId: ctx.partner.id,
              partnerDisplayId: ctx.partner.displayId,
              recruiter: ctx.recruiter,
              secondTierBps: program.secondTierBps,
              isFirstPayment,
              firstPaidAt,
              successfulReferrals: ctx.firstPaymentsInPeriod + (isFirstPayment && paidAt >= period.startsAt && paidAt < period.endsAt ? 1 : 0),
              rules,
              now,
            })
          : [];
      const { payment, created } = await recordPayment(db, {
        id, programId: program.id, customerId: customer.id, invoiceId: input.invoiceId, amount: input.amount, product: input.product ?? null, paidAt, entries, now,
      });
      const body = await paymentJson(db, payment, input.customerId, created);
      return created ? c.json(body, 201) : c.json(body, 200);
    });
  },
);

payments.openapi(
  createRoute({
    method: 'post',
    path: '/refunds',
    tags: ['Conversions'],
    summary: 'Report a full or partial refund; the same share of the commission is clawed back',
    description: 'Idempotent on the refund id. Pending commission is taken back first, then available; the balance may go below zero when the money was withdrawn.',
    security: [{ secretKey: [] }],
    request: { headers: IdempotencyHeaders, body: { required: true, content: { 'application/json': { schema: RefundInputSchema } } } },
    responses: { 201: json(RefundSchema, 'Recorded, with what was clawed back'), 200: json(RefundSchema, 'This refund was reported before'), ...errors },
  }),
  async (c) => {
    const input = c.req.valid('json');
    const program = c.get('program');
    return idempotent(c, program.id, input, async () => {
      const db = c.env.DB;
      sameCurrency(program, input.amount);
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

payments.openapi(
  createRoute({
    method: 'post',
    path: '/subscriptions',
    tags: ['Conversions'],
    summary: "Report a customer's subscription: plan, status, price and expiry",
    description:
      'Shown to the partner under "My clients". When the customer no longer subscribes to anything, commission parts that required retention and have not matured are reversed.',
    security: [{ secretKey: [] }],
    request: { headers: IdempotencyHeaders, body: { required: true, content: { 'application/json': { schema: SubscriptionInputSchema } } } },
    responses: { 200: json(SubscriptionSchema, 'The subscription as it stands'), ...errors },
  }),
  async (c) => {
    const input = c.req.valid('json');
    const program = c.get('program');
    return idempotent(c, program.id, input, async () => {
      const db = c.env.DB;
      if (input.amount) sameCurrency(program, input.amount);
      const customer = await customerByExternalId(db, program.id, input.customerId);
      if (!customer) throw new ApiError(404, 'not_found', 'Customer not found: only customers who signed up through an invitation are tracked.');
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
        if (moves.length > 0) await postEntriesStatement(db, program.id, moves, now).run();
        reversed = sum(program.currency, moves.filter((m) => m.status === 'reversed').map((m) => m.amount));
      }
      return c.json(
        {
          customerId: input.customerId, plan: input.plan, status: input.status, amount: input.amount ?? null, interval: input.interval,
          expiresAt: expiresAt === null ? null : isoDate(expiresAt), reversed,
        },
        200,
      );
    });
  },
);

payments.openapi(
  createRoute({
    method: 'post',
    path: '/top-ups',
    tags: ['Conversions'],
    summary: "Record money a partner paid in, to top up its balance (e.g. to pay for a client's subscription)",
    description: 'Idempotent on the partner and reference.',
    security: [{ secretKey: [] }],
    request: { headers: IdempotencyHeaders, body: { required: true, content: { 'application/json': { schema: TopUpInputSchema } } } },
    responses: { 201: json(TopUpSchema, 'Recorded'), 200: json(TopUpSchema, 'This reference was recorded before'), ...errors },
  }),
  async (c) => {
    const input = c.req.valid('json');
    const program = c.get('program');
    return idempotent(c, program.id, input, () => recordTopUp(c, program, input));
  },
);

payments.openapi(
  createRoute({
    method: 'get',
    path: '/client-payments',
    tags: ['Conversions'],
    summary: "Subscriptions that partners paid for their clients from their balance, oldest first, for your billing to apply",
    security: [{ secretKey: [] }],
    request: {
      query: z.object({ since: z.iso.datetime().optional().openapi({ param: { name: 'since', in: 'query' }, description: 'Only those recorded after this instant (use the last createdAt you saw)' }) }),
    },
    responses: { 200: json(z.array(ClientPaymentRecordSchema), 'Client payments'), ...errors },
  }),
  async (c) => {
    const { since } = c.req.valid('query');
    const rows = await clientPaymentsSince(c.env.DB, c.get('program').id, since ? Date.parse(since) : 0);
    return c.json(
      rows.map((r) => ({
        id: r.id, customerId: r.external_id, plan: r.plan, partnerId: partnerDisplayId(r.status as PartnerStatus, r.number),
        listPrice: money(r.list_price_minor, r.currency), discountBps: r.discount_bps, price: money(r.price_minor, r.currency),
        paidUntil: isoDate(r.paid_until), createdAt: isoDate(r.created_at),
      })),
      200,
    );
  },
);

/** A top-up, from the site's server or a program manager: idempotent on the partner and reference. */
export async function recordTopUp(c: Context<AppEnv>, program: ProgramRow, input: z.infer<typeof TopUpInputSchema>) {
  sameCurrency(program, input.amount);
  const partner = await getPartner(c.env.DB, input.partnerId);
  if (!partner || partner.programId !== program.id) throw notFound('Partner');
  const r = await postEntriesStatement(c.env.DB, program.id, [topUpEntry(partner.id, input.amount, input.reference)], Date.now()).run();
  const created = r.meta.changes > 0;
  const body = { partnerId: partner.id, reference: input.reference, created, balance: await balanceOf(c.env.DB, { partnerId: partner.id }, program.currency) };
  return created ? c.json(body, 201) : c.json(body, 200);
}
