// POST /signups: one operation for the widget (publishable key) and the site owner's server (secret key); and its
// confirmation by the server. The signup itself is worker/flows/signups.ts.
import { z } from '@hono/zod-openapi';
import { ErrorSchema } from '../../shared/schemas/common';
import { SignupConfirmationSchema, SignupInputSchema, SignupSchema } from '../../shared/schemas/customers';
import { money } from '../../shared/money';
import { router, type ProgramRow } from '../env';
import { programKey, widgetCors } from '../middleware/auth';
import { ApiError, notFound } from '../middleware/errors';
import { knownVisitorHash } from '../security/visitor';
import { recordCustomerSignup } from '../flows/signups';
import { confirmSignup } from '../flows/signup-confirmation';
import { customerByExternalId, isAttributed, type SignupStanding } from '../db/customers';
import { customerIdParam, json, routes, secretKeyErrors, secretKeyRoute } from './kit';

export const signups = router();

signups.use('/', widgetCors, programKey(['publishable', 'secret']));
signups.use('/:customerId/confirmation', programKey(['secret']));

const errors = {
  400: json(ErrorSchema, 'Invalid input'),
  401: json(ErrorSchema, 'Missing or wrong key'),
  403: json(ErrorSchema, 'Publishable key used from an origin the program does not allow'),
  422: json(ErrorSchema, 'Not attributable: unknown or expired click, unknown promo code, or a self-referral'),
};

// Typed as a plain record list: two differently-keyed literals would confuse the route's type inference.
const eitherKey: Record<string, string[]>[] = [{ publishableKey: [] }, { secretKey: [] }];

const route = routes('Signups', eitherKey, errors);

signups.openapi(
  route.post(
    '/',
    'reportSignup',
    'Report a signup and attribute it to an invitation',
    {
      201: json(SignupSchema, 'Signup recorded and credited'),
      200: json(SignupSchema, 'This customer had signed up already; nothing new was credited'),
    },
    {
      body: SignupInputSchema,
      description: 'Idempotent on the customer id: a repeated or concurrent report credits once and answers 200 with the standing attribution.',
    },
  ),
  async (c) => {
    const program = c.get('program');
    const result = await recordCustomerSignup(c.env, program, c.req.valid('json'), { keyKind: c.get('keyKind'), browserHash: () => knownVisitorHash(c) });
    if (result.kind === 'refused') throw new ApiError(result.code === 'invalid_request' ? 400 : 422, result.code, result.message);
    const body = signupJson(program, result);
    return result.created ? c.json(body, 201) : c.json(body, 200);
  },
);

/** The signup as it stands in the database, so a replay answers exactly like the first report. */
function signupJson(program: ProgramRow, s: SignupStanding & { created: boolean }) {
  return {
    customerId: s.customer.externalId,
    created: s.created,
    attribution: {
      invitationCode: s.invitationCode,
      method: s.customer.attributionMethod ?? ('promo_code' as const),
      partnerName: s.partnerName,
    },
    credit: money(s.creditMinor, program.currency),
    status: s.customer.signupStatus,
  };
}

signups.openapi(
  secretKeyRoute('Signups', secretKeyErrors).post(
    '/{customerId}/confirmation',
    'confirmSignup',
    'Confirm a signup the browser reported, from your server',
    {
      200: json(SignupConfirmationSchema, 'Confirmed (now or before)'),
      404: json(ErrorSchema, 'No such signup in this program'),
      409: { description: 'Held for the program manager\'s review, or rejected or expired: your confirmation changes nothing', content: { 'application/json': { schema: ErrorSchema } } },
    },
    {
      params: z.object({ customerId: customerIdParam("The merchant's own customer id") }),
      description:
        "The publishable key is public, so a signup only the widget reported earns nothing withdrawable until your server vouches for it (or the customer's first payment arrives). Idempotent: confirming twice changes nothing.",
    },
  ),
  async (c) => {
    const program = c.get('program');
    const customer = await customerByExternalId(c.env.DB, program.id, c.req.valid('param').customerId);
    if (!customer || !isAttributed(customer)) throw notFound('Signup');
    const status = await confirmSignup(c.env.DB, { ...customer, programId: program.id }, 'server');
    if (status !== 'confirmed') {
      throw new ApiError(409, `signup_${status === 'awaiting_confirmation' ? 'not_confirmed' : status}`, status === 'held' ? 'This signup is held for the program manager to review.' : `This signup was ${status}; it cannot be confirmed.`, { status });
    }
    return c.json({ customerId: customer.externalId, status }, 200);
  },
);
