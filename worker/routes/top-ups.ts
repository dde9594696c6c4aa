// POST /top-ups: the site owner's server records money a partner paid in, to top up its balance.
import { TopUpInputSchema, TopUpSchema } from '../../shared/schemas/billing';
import { IdempotencyHeaders } from '../../shared/schemas/common';
import { router } from '../env';
import { programKey } from '../middleware/auth';
import { answerTopUp, conversionErrors, json, secretKeyRoute } from './kit';

export const topUps = router();
const route = secretKeyRoute('Conversions', conversionErrors);

topUps.use('/', programKey(['secret']));

topUps.openapi(
  route.post(
    '/',
    'recordTopUp',
    "Record money a partner paid in, to top up its balance (e.g. to pay for a client's subscription)",
    { 201: json(TopUpSchema, 'Recorded'), 200: json(TopUpSchema, 'This reference was recorded before') },
    { headers: IdempotencyHeaders, body: TopUpInputSchema, description: 'Idempotent on the partner and reference.' },
  ),
  async (c) => {
    const input = c.req.valid('json');
    const program = c.get('program');
    return answerTopUp(c, program, input);
  },
);
