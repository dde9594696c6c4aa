// /programs/{programId}/payout-batches/{batchId}: the withdrawals a period close approved, for review and as CSV for the bank.
import { z } from '@hono/zod-openapi';
import { PayoutBatchSchema } from '../../../shared/schemas/payouts';
import { format, sum } from '../../../shared/money';
import { router } from '../../env';
import { notFound } from '../../middleware/errors';
import { staffProgram } from '../../middleware/program-access';
import { batchLines, periodOfBatch } from '../../db/periods';
import { consoleRoute, json, pathParam, payoutErrors, programParams } from '../kit';
import { batchLinesJson, periodJson } from '../shapes';
import { csvHeaders, csvLines } from '../csv';

export const payoutBatches = router();
const route = consoleRoute(payoutErrors);

const batchParams = programParams.extend({ batchId: pathParam('batchId') });

async function loadBatch(db: D1Database, programId: string, batchId: string) {
  const [period, lines] = await Promise.all([periodOfBatch(db, programId, batchId), batchLines(db, programId, batchId)]);
  if (!period) throw notFound('Payout batch');
  return { period, lines: batchLinesJson(lines) };
}

payoutBatches.openapi(
  route.get(
    '/payout-batches/{batchId}',
    'getPayoutBatch',
    'A payout batch: the withdrawals a period close approved, for review',
    { 200: json(PayoutBatchSchema, 'The batch') },
    { params: batchParams },
  ),
  async (c) => {
    const { programId, batchId } = c.req.valid('param');
    const program = await staffProgram(c, programId);
    const { period, lines } = await loadBatch(c.env.DB, program.id, batchId);
    const total = sum(program.currency, lines.filter((l) => l.status !== 'failed').map((l) => l.amount));
    return c.json({ id: batchId, period: periodJson(period), total, lines }, 200);
  },
);

payoutBatches.openapi(
  route.get(
    '/payout-batches/{batchId}/export.csv',
    'exportPayoutBatch',
    'The payout batch as CSV for the bank',
    { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } } },
    { params: batchParams },
  ),
  async (c) => {
    const { programId, batchId } = c.req.valid('param');
    const program = await staffProgram(c, programId);
    const { lines } = await loadBatch(c.env.DB, program.id, batchId);
    const header = ['withdrawal_id', 'partner_id', 'partner_name', 'payout_method', 'payout_details', 'amount_minor', 'currency', 'amount', 'status'];
    const rows = lines.map((l) => [l.withdrawalId, l.displayId, l.partnerName, l.payoutMethod, l.payoutDetails ?? '', String(l.amount.amount), l.amount.currency, format(l.amount), l.status]);
    return c.body(csvLines([header, ...rows]), 200, csvHeaders(`${batchId}.csv`));
  },
);
