// POST /subscriptions: the site owner's server reports a customer's subscription: plan, status, price and expiry.
import { SubscriptionInputSchema, SubscriptionSchema } from '../../shared/schemas/billing';
import { IdempotencyHeaders } from '../../shared/schemas/common';
import { router } from '../env';
import { programKey } from '../middleware/auth';
import { ApiError } from '../middleware/errors';
import { reportSubscription } from '../flows/subscriptions';
import { conversionErrors, idempotentAmount, json, secretKeyRoute } from './kit';
import { isoDate } from './shapes';

export const subscriptions = router();
const route = secretKeyRoute('Conversions', conversionErrors);

subscriptions.use('/', programKey(['secret']));

subscriptions.openapi(
  route.post(
    '/',
    'reportSubscription',
    "Report a customer's subscription: plan, status, price and expiry",
    { 200: json(SubscriptionSchema, 'The subscription as it stands') },
    {
      headers: IdempotencyHeaders,
      body: SubscriptionInputSchema,
      description:
        'Shown to the partner under "My clients". When the customer no longer subscribes to anything, commission parts that required retention and have not matured are reversed.',
    },
  ),
  async (c) => {
    const input = c.req.valid('json');
    const program = c.get('program');
    return idempotentAmount(c, program, input, async () => {
      const result = await reportSubscription(c.env.DB, program, input);
      if (result.kind === 'unknown_customer') throw new ApiError(404, 'not_found', 'Customer not found: only customers who signed up through an invitation are tracked.');
      return c.json(
        {
          customerId: input.customerId, plan: input.plan, status: input.status, amount: input.amount ?? null, interval: input.interval,
          expiresAt: result.expiresAt === null ? null : isoDate(result.expiresAt), reversed: result.reversed,
        },
        200,
      );
    });
  },
);
