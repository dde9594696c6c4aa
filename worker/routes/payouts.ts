// The program console's money: reporting periods, closing one, payout batches (CSV for the bank), settling withdrawals, top-ups, the ledger check.
import { createRoute, z } from '@hono/zod-openapi';
import { ErrorSchema } from '../../shared/schemas';
import { ClosePeriodResultSchema, IdempotencyHeaders, LedgerCheckSchema, PayoutBatchSchema, PayoutsSchema, SettleInputSchema, TopUpInputSchema, TopUpSchema, WithdrawalSchema } from '../../shared/money-schemas';
import { format, sum } from '../../shared/money';
import { router } from '../env';
import { sameOrigin, session } from '../middleware/auth';
import { ApiError, notFound } from '../middleware/errors';
import { idempotent } from '../middleware/idempotency';
import { staffProgram } from '../middleware/program-access';
import { partnerDisplayId } from '../domain/partners';
import { withdrawalPaid, withdrawalReturned } from '../domain/withdrawals';
import { batchLines, getPeriod, periodOfBatch, openRequests, periodsOf, type BatchLine, type PeriodRow } from '../db/periods';
import { getWithdrawal, settleWithdrawal } from '../db/withdrawals';
import { ledgerViolations } from '../db/ledger';
import { closeReportingPeriod, currentPeriod } from '../flows/periods';
import { withdrawalJson } from './withdrawals';
import { isoDate } from './shapes';
import { json } from './partners';
import { programParams } from './program-partners';
import { recordTopUp } from './payments';

export const payouts = router();

payouts.use('/programs/*', sameOrigin, session);

/** A path segment naming a period, batch, withdrawal or rule (period and batch ids carry the program id and a time). */
export const pathParam = (name: string) => z.string().min(1).max(80).openapi({ param: { name, in: 'path' } });
const errors = {
  401: json(ErrorSchema, 'Not signed in'),
  403: json(ErrorSchema, 'Program staff, but not a program manager'),
  404: json(ErrorSchema, 'No such program (or not staff of it), period, batch or withdrawal'),
};

const periodJson = (p: PeriodRow) => ({
  id: p.id,
  startsAt: isoDate(p.startsAt),
  endsAt: isoDate(p.endsAt),
  closedAt: p.closedAt === null ? null : isoDate(p.closedAt),
  batchId: p.batchId,
});

function lineJson(lines: BatchLine[]) {
  return lines.map(({ partnerStatus, ...l }) => ({ ...l, displayId: partnerDisplayId(partnerStatus, l.partnerNumber) }));
}

payouts.openapi(
  createRoute({
    method: 'get',
    path: '/programs/{programId}/payouts',
    tags: ['Program console'],
    summary: 'Reporting periods with their payout batches, and the requests waiting for the next close',
    security: [{ session: [] }],
    request: { params: programParams },
    responses: { 200: json(PayoutsSchema, 'Payouts'), ...errors },
  }),
  async (c) => {
    const program = await staffProgram(c, c.req.valid('param').programId);
    const current = await currentPeriod(c.env.DB, program, Date.now());
    const [periods, open] = await Promise.all([periodsOf(c.env.DB, program.id), openRequests(c.env.DB, program.id)]);
    return c.json({ currency: program.currency, currentPeriod: periodJson(current), periods: periods.map(periodJson), openRequests: lineJson(open) }, 200);
  },
);

payouts.openapi(
  createRoute({
    method: 'post',
    path: '/programs/{programId}/periods/{periodId}/close',
    tags: ['Program console'],
    summary: 'Close a reporting period now: release commissions whose hold has ended and batch the open withdrawal requests',
    description: 'The Cron Trigger closes each period at its end; a manager may close one earlier. Closing twice changes nothing (409).',
    security: [{ session: [] }],
    request: { params: programParams.extend({ periodId: pathParam('periodId') }) },
    responses: { 200: json(ClosePeriodResultSchema, 'Closed'), 409: json(ErrorSchema, 'Closed already'), ...errors },
  }),
  async (c) => {
    const { programId, periodId } = c.req.valid('param');
    const program = await staffProgram(c, programId);
    const period = await getPeriod(c.env.DB, program.id, periodId);
    if (!period) throw notFound('Reporting period');
    if (period.closedAt !== null) throw new ApiError(409, 'period_closed', `This period was closed on ${isoDate(period.closedAt)}.`);
    const result = await closeReportingPeriod(c.env.DB, program.id, period, program.currency, Date.now());
    if (!result.closed) throw new ApiError(409, 'period_closed', 'This period was closed meanwhile.');
    const after = (await getPeriod(c.env.DB, program.id, periodId))!;
    return c.json({ period: periodJson(after), closed: true, released: result.released, batchId: result.batchId }, 200);
  },
);

const batchParams = programParams.extend({ batchId: pathParam('batchId') });

async function loadBatch(db: D1Database, programId: string, batchId: string) {
  const [period, lines] = await Promise.all([periodOfBatch(db, programId, batchId), batchLines(db, programId, batchId)]);
  if (!period) throw notFound('Payout batch');
  return { period, lines: lineJson(lines) };
}

payouts.openapi(
  createRoute({
    method: 'get',
    path: '/programs/{programId}/payout-batches/{batchId}',
    tags: ['Program console'],
    summary: 'A payout batch: the withdrawals a period close approved, for review',
    security: [{ session: [] }],
    request: { params: batchParams },
    responses: { 200: json(PayoutBatchSchema, 'The batch'), ...errors },
  }),
  async (c) => {
    const { programId, batchId } = c.req.valid('param');
    const program = await staffProgram(c, programId);
    const { period, lines } = await loadBatch(c.env.DB, program.id, batchId);
    const total = sum(program.currency, lines.filter((l) => l.status !== 'failed').map((l) => l.amount));
    return c.json({ id: batchId, period: periodJson(period), total, lines }, 200);
  },
);

/** RFC 4180 quoting, and a leading quote for cells a spreadsheet would run as a formula. */
function csvCell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

payouts.openapi(
  createRoute({
    method: 'get',
    path: '/programs/{programId}/payout-batches/{batchId}/export.csv',
    tags: ['Program console'],
    summary: 'The payout batch as CSV for the bank',
    security: [{ session: [] }],
    request: { params: batchParams },
    responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } }, ...errors },
  }),
  async (c) => {
    const { programId, batchId } = c.req.valid('param');
    const program = await staffProgram(c, programId);
    const { lines } = await loadBatch(c.env.DB, program.id, batchId);
    const header = ['withdrawal_id', 'partner_id', 'partner_name', 'payout_method', 'payout_details', 'amount_minor', 'currency', 'amount', 'status'];
    const rows = lines.map((l) => [l.withdrawalId, l.displayId, l.partnerName, l.payoutMethod, l.payoutDetails ?? '', String(l.amount.amount), l.amount.currency, format(l.amount), l.status]);
    const body = [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
    return c.body(body, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${batchId}.csv"` });
  },
);

const settleRoute = (action: 'paid' | 'failed' | 'reject', summary: string) =>
  createRoute({
    method: 'post',
    path: `/programs/{programId}/withdrawals/{withdrawalId}/${action}`,
    tags: ['Program console'],
    summary,
    security: [{ session: [] }],
    request: { params: programParams.extend({ withdrawalId: pathParam('withdrawalId') }), body: { required: false, content: { 'application/json': { schema: SettleInputSchema } } } },
    responses: { 200: json(WithdrawalSchema, 'Settled'), 409: json(ErrorSchema, 'Not in a state that allows this'), ...errors },
  });

const SETTLE = {
  paid: { from: ['approved'], to: 'paid', entry: 'paid' },
  failed: { from: ['approved'], to: 'failed', entry: 'returned' },
  reject: { from: ['requested', 'approved'], to: 'canceled', entry: 'returned' },
} as const;

for (const [action, summary] of [
  ['paid', 'Mark a batched withdrawal paid'],
  ['failed', 'Mark a batched withdrawal failed; the money returns to the partner\'s balance'],
  ['reject', 'Reject a withdrawal request with a reason; the money returns to the partner\'s balance'],
] as const) {
  payouts.openapi(settleRoute(action, summary), async (c) => {
    const { programId, withdrawalId } = c.req.valid('param');
    const program = await staffProgram(c, programId);
    const reason = (await c.req.json().catch(() => ({}))) as { reason?: unknown };
    const parsed = SettleInputSchema.safeParse(reason);
    const why = parsed.success ? parsed.data.reason ?? null : null;
    const w = await getWithdrawal(c.env.DB, program.id, withdrawalId);
    if (!w) throw notFound('Withdrawal');
    const rule = SETTLE[action];
    const entry = rule.entry === 'paid' ? withdrawalPaid(w.partnerId, w.id, w.amount) : withdrawalReturned(w.partnerId, w.id, w.amount, why ?? (action === 'failed' ? 'the payout failed' : 'the request was rejected'));
    const moved = await settleWithdrawal(c.env.DB, program.id, { id: w.id, from: [...rule.from], to: rule.to, reason: why, entry, now: Date.now() });
    if (!moved && w.status !== rule.to) throw new ApiError(409, 'not_settleable', `This withdrawal is ${w.status}; it cannot be marked ${rule.to}.`);
    return c.json(withdrawalJson((await getWithdrawal(c.env.DB, program.id, withdrawalId))!), 200);
  });
}

payouts.openapi(
  createRoute({
    method: 'post',
    path: '/programs/{programId}/top-ups',
    tags: ['Program console'],
    summary: "Record money a partner paid in, topping up its balance",
    security: [{ session: [] }],
    request: { params: programParams, headers: IdempotencyHeaders, body: { required: true, content: { 'application/json': { schema: TopUpInputSchema } } } },
    responses: { 201: json(TopUpSchema, 'Recorded'), 200: json(TopUpSchema, 'This reference was recorded before'), 422: json(ErrorSchema, 'Another currency'), ...errors },
  }),
  async (c) => {
    const input = c.req.valid('json');
    const program = await staffProgram(c, c.req.valid('param').programId);
    return idempotent(c, program.id, input, () => recordTopUp(c, program, input));
  },
);

payouts.openapi(
  createRoute({
    method: 'get',
    path: '/programs/{programId}/ledger/check',
    tags: ['Program console'],
    summary: 'The ledger invariant: every balance equals the sum of its entries, and no commission is overdrawn',
    security: [{ session: [] }],
    request: { params: programParams },
    responses: { 200: json(LedgerCheckSchema, 'The result; ok is false with the violations listed'), ...errors },
  }),
  async (c) => {
    const program = await staffProgram(c, c.req.valid('param').programId);
    const v = await ledgerViolations(c.env.DB, program.id);
    return c.json({ ok: v.balances.length === 0 && v.overdrawnLots.length === 0, ...v }, 200);
  },
);
