// POST /programs/{programId}/periods/{periodId}/close: a manager closes a reporting period before the Cron Trigger does.
import { ErrorSchema } from '../../../shared/schemas/common';
import { ClosePeriodResultSchema } from '../../../shared/schemas/payouts';
import { router } from '../../env';
import { ApiError, notFound } from '../../middleware/errors';
import { staffProgram } from '../../middleware/program-access';
import { getPeriod } from '../../db/periods';
import { closeReportingPeriod } from '../../flows/periods';
import { consoleRoute, json, pathParam, payoutErrors, programParams } from '../kit';
import { isoDate, periodJson } from '../shapes';

export const periods = router();
const route = consoleRoute(payoutErrors);

periods.openapi(
  route.post(
    '/periods/{periodId}/close',
    'closePeriod',
    'Close a reporting period now: release commissions whose hold has ended and batch the open withdrawal requests',
    { 200: json(ClosePeriodResultSchema, 'Closed'), 409: json(ErrorSchema, 'Closed already') },
    {
      params: programParams.extend({ periodId: pathParam('periodId') }),
      description: 'The Cron Trigger closes each period at its end; a manager may close one earlier. Closing twice changes nothing (409).',
    },
  ),
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
