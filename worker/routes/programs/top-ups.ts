// POST /programs/{programId}/top-ups: a manager records money a partner paid in.
import { ErrorSchema } from '../../../shared/schemas';
import { IdempotencyHeaders, TopUpInputSchema, TopUpSchema } from '../../../shared/money-schemas';
import { router } from '../../env';
import { notFound } from '../../middleware/errors';
import { idempotent } from '../../middleware/idempotency';
import { staffProgram } from '../../middleware/program-access';
import { recordTopUp } from '../../flows/top-ups';
import { consoleRoute, json, payoutErrors, programParams, sameCurrency } from '../kit';

export const topUps = router();
const route = consoleRoute(payoutErrors);

topUps.openapi(
  route({
    method: 'post',
    path: '/top-ups',
    operationId: 'recordProgramTopUp',
    summary: "Record money a partner paid in, topping up its balance",
    request: { params: programParams, headers: IdempotencyHeaders, body: { required: true, content: { 'application/json': { schema: TopUpInputSchema } } } },
    responses: { 201: json(TopUpSchema, 'Recorded'), 200: json(TopUpSchema, 'This reference was recorded before'), 422: json(ErrorSchema, 'Another currency') },
  }),
  async (c) => {
    const input = c.req.valid('json');
    const program = await staffProgram(c, c.req.valid('param').programId);
    return idempotent(c, program.id, input, async () => {
      sameCurrency(program, input.amount);
      const r = await recordTopUp(c.env.DB, program, input);
      if (r.kind === 'unknown_partner') throw notFound('Partner');
      const body = { partnerId: r.partnerId, reference: input.reference, created: r.created, balance: r.balance };
      return r.created ? c.json(body, 201) : c.json(body, 200);
    });
  },
);
