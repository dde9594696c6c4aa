// GET /programs/{programId}/payouts: reporting periods with their payout batches, and the requests waiting for the next close.
import { PayoutsSchema } from '../../../shared/schemas/payouts';
import { router } from '../../env';
import { staffProgram } from '../../middleware/program-access';
import { payoutsNow } from '../../flows/periods';
import { consoleRoute, json, payoutErrors } from '../kit';
import { batchLinesJson, periodJson } from '../shapes';

export const payouts = router();
const route = consoleRoute(payoutErrors);

payouts.openapi(
  route.get('/payouts', 'listPayouts', 'Reporting periods with their payout batches, and the requests waiting for the next close', {
    200: json(PayoutsSchema, 'Payouts'),
  }),
  async (c) => {
    const program = await staffProgram(c, c.req.valid('param').programId);
    const { current, periods, open } = await payoutsNow(c.env.DB, program, Date.now());
    return c.json({ currency: program.currency, currentPeriod: periodJson(current), periods: periods.map(periodJson), openRequests: batchLinesJson(open) }, 200);
  },
);
