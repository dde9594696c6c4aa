// POST /programs/{programId}/top-ups: a manager records money a partner paid in.
import { TopUpInputSchema, TopUpSchema } from '../../../shared/schemas/billing';
import { ErrorSchema, IdempotencyHeaders } from '../../../shared/schemas/common';
import { router } from '../../env';
import { staffProgram } from '../../middleware/program-access';
import { answerTopUp, consoleRoute, json, payoutErrors } from '../kit';

export const topUps = router();
const route = consoleRoute(payoutErrors);

topUps.openapi(
  route.post(
    '/top-ups',
    'recordProgramTopUp',
    "Record money a partner paid in, topping up its balance",
    { 201: json(TopUpSchema, 'Recorded'), 200: json(TopUpSchema, 'This reference was recorded before'), 422: json(ErrorSchema, 'Another currency') },
    { headers: IdempotencyHeaders, body: TopUpInputSchema },
  ),
  async (c) => {
    const input = c.req.valid('json');
    const program = await staffProgram(c, c.req.valid('param').programId);
    return answerTopUp(c, program, input);
  },
);
