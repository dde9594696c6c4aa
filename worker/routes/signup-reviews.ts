// Program console, signups held for review: a signup from the advocate's own browser waits for a manager's decision.
import { createRoute, z } from '@hono/zod-openapi';
import { ErrorSchema, SignupStatusSchema } from '../../shared/schemas';
import { HeldSignupSchema } from '../../shared/portal-schemas';
import { router } from '../env';
import { sameOrigin, session } from '../middleware/auth';
import { programFor } from '../middleware/program-access';
import { ApiError, notFound } from '../middleware/errors';
import { customerByExternalId } from '../db/customers';
import { heldSignups } from '../db/signup-confirmations';
import { confirmSignup, rejectSignup } from '../flows/signup-confirmation';
import { consoleErrors, programParams } from './program-partners';
import { json } from './partners';
import { isoDate } from './shapes';

export const signupReviews = router();

signupReviews.use('/programs/*', sameOrigin, session);


signupReviews.openapi(
  createRoute({
    method: 'get',
    path: '/programs/{programId}/held-signups',
    tags: ['Program console'],
    summary: 'Signups held for review as possible self-referrals, newest first',
    security: [{ session: [] }],
    request: { params: programParams },
    responses: { 200: json(z.array(HeldSignupSchema), 'Held signups'), ...consoleErrors },
  }),
  async (c) => {
    const { programId } = c.req.valid('param');
    await programFor(c, programId, 'staff');
    const rows = await heldSignups(c.env.DB, programId);
    return c.json(rows.map((r) => ({ customerId: r.external_id, email: r.email, invitationCode: r.code, partnerId: r.partner_id, reason: r.held_reason ?? 'same_visitor', createdAt: isoDate(r.created_at) })), 200);
  },
);

signupReviews.openapi(
  createRoute({
    method: 'post',
    path: '/programs/{programId}/held-signups/{customerId}/decision',
    tags: ['Program console'],
    summary: 'Approve a held signup (its credit and commission count) or reject it (they are reversed)',
    security: [{ session: [] }],
    request: {
      params: programParams.extend({ customerId: z.string().min(1).max(200).openapi({ param: { name: 'customerId', in: 'path' } }) }),
      body: { required: true, content: { 'application/json': { schema: z.object({ decision: z.enum(['approve', 'reject']) }).openapi('SignupDecision') } } },
    },
    responses: {
      200: json(z.object({ customerId: z.string(), status: SignupStatusSchema }).openapi('SignupDecisionResult'), 'Decided'),
      400: json(ErrorSchema, 'Invalid input'),
      409: json(ErrorSchema, 'Not held for review (decided before, or never held)'),
      ...consoleErrors,
    },
  }),
  async (c) => {
    const { programId, customerId } = c.req.valid('param');
    await programFor(c, programId, 'manager');
    const customer = await customerByExternalId(c.env.DB, programId, customerId);
    if (!customer || customer.invitationId === null) throw notFound('Signup');
    if (customer.signupStatus !== 'held') throw new ApiError(409, 'not_held', `This signup is ${customer.signupStatus.replace('_', ' ')}, not held for review.`, { status: customer.signupStatus });
    const ref = { ...customer, programId };
    const { decision } = c.req.valid('json');
    const status = decision === 'approve' ? await confirmSignup(c.env.DB, ref, 'manager') : (await rejectSignup(c.env.DB, ref)) ? 'rejected' : customer.signupStatus;
    return c.json({ customerId, status }, 200);
  },
);
