// POST /top-ups: the site owner's server records money a partner paid in, to top up its balance.
import { IdempotencyHeaders, TopUpInputSchema, TopUpSchema } from '../../shared/money-schemas';
import { router } from '../env';
import { programKey } from '../middleware/auth';
import { notFound } from '../middleware/errors';
import { idempotent } from '../middleware/idempotency';
import { recordTopUp } from '../flows/top-ups';
import { conversionErrors, json, sameCurrency, secretKeyRoute } from './kit';

export const topUps = router();
const route = secretKeyRoute('Conversions', conversionErrors);

topUps.use('/', programKey(['secret']));

topUps.openapi(
  route({
    method: 'post',
    path: '/',
    operationId: 'recordTopUp',
    summary: "Record money a partner paid in, to top up its balance (e.g. to pay for a client's subscription)",
    description: 'Idempotent on the partner and reference.',
    request: { headers: IdempotencyHeaders, body: { required: true, content: { 'application/json': { schema: TopUpInputSchema } } } },
    responses: { 201: json(TopUpSchema, 'Recorded'), 200: json(TopUpSchema, 'This reference was recorded before') },
  }),
  async (c) => {
    const input = c.req.valid('json');
    const program = c.get('program');
    return idempotent(c, program.id, input, async () => {
      sameCurrency(program, input.amount);
      const r = await recordTopUp(c.env.DB, program, input);
      if (r.kind === 'unknown_partner') throw notFound('Partner');
      const body = { partnerId: r.partnerId, reference: input.reference, created: r.created, balance: r.balance };
      return r.created ? c.json(body, 201) : c.json(body, 200);
    });
  },
);
