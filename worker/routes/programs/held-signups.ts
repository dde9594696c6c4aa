// Program console, signups held for review: a signup from the advocate's own browser, or from a company locked to
// another partner by a confirmed lead, waits for a manager's decision.
import { z } from '@hono/zod-openapi';
import { ErrorSchema } from '../../../shared/schemas/common';
import { HeldSignupSchema, SignupStatusSchema } from '../../../shared/schemas/customers';
import { router } from '../../env';
import { consoleProgram, programFor } from '../../middleware/program-access';
import { ApiError, notFound } from '../../middleware/errors';
import { customerByExternalId, isAttributed } from '../../db/customers';
import { heldSignups as heldSignupsOf } from '../../db/signup-confirmations';
import { awardSignupToLockedPartner, confirmSignup, rejectSignup } from '../../flows/signup-confirmation';
import { consoleRoute, json, programParams } from '../kit';
import { isoDate } from '../shapes';

export const heldSignups = router();
const route = consoleRoute();

heldSignups.openapi(
  route.get('/held-signups', 'listHeldSignups', 'Signups held for review, newest first: possible self-referrals, and customers of a company locked to another partner (both sides shown)', {
    200: json(z.array(HeldSignupSchema), 'Held signups'),
  }),
  async (c) => {
    const { programId } = c.req.valid('param');
    await programFor(c, programId, 'staff');
    const rows = await heldSignupsOf(c.env.DB, programId);
    return c.json(
      rows.map((r) => ({
        customerId: r.external_id, email: r.email, invitationCode: r.code, partnerId: r.partner_id, partnerName: r.partner_name, reason: r.held_reason ?? 'same_visitor',
        conflict: r.lead_id
          ? { referralId: r.lead_id, company: r.lead_company ?? '', partner: { id: r.lead_partner_id ?? '', name: r.lead_partner_name ?? '' }, lockedUntil: r.lead_locked_until === null ? null : isoDate(r.lead_locked_until) }
          : null,
        createdAt: isoDate(r.created_at),
      })),
      200,
    );
  },
);

heldSignups.openapi(
  route.post(
    '/held-signups/{customerId}/decision',
    'decideHeldSignup',
    'Approve a held signup (its credit and commission count), reject it (they are reversed), or award a lead conflict to the partner the lead is locked to',
    {
      200: json(
        z.object({ customerId: z.string(), status: SignupStatusSchema, partnerId: z.string().nullable().openapi({ description: 'The partner credited now' }) }).openapi('SignupDecisionResult'),
        'Decided',
      ),
      400: json(ErrorSchema, 'Invalid input'),
      409: json(ErrorSchema, 'Not held for review (decided before, or never held); or award_to_lead for a signup that is no lead conflict, or whose lead no longer stands confirmed'),
    },
    {
      params: programParams.extend({ customerId: z.string().min(1).max(200).openapi({ param: { name: 'customerId', in: 'path' } }) }),
      body: z
        .object({
          decision: z.enum(['approve', 'reject', 'award_to_lead']).openapi({
            description:
              "approve: the invitation's partner keeps it. reject: its money is reversed. award_to_lead (lead_conflict only): the customer becomes the locked partner's, the invitation's side of its money is reversed, and the locked partner earns the signup commission.",
          }),
        })
        .openapi('SignupDecision'),
    },
  ),
  async (c) => {
    const { programId, customerId } = c.req.valid('param');
    await programFor(c, programId, 'manager');
    const customer = await customerByExternalId(c.env.DB, programId, customerId);
    if (!customer || !isAttributed(customer)) throw notFound('Signup');
    if (customer.signupStatus !== 'held') throw new ApiError(409, 'not_held', `This signup is ${customer.signupStatus.replace('_', ' ')}, not held for review.`, { status: customer.signupStatus });
    const ref = { ...customer, programId };
    const { decision } = c.req.valid('json');
    if (decision === 'award_to_lead') {
      const outcome = await awardSignupToLockedPartner(c.env.DB, await consoleProgram(c, programId), customer);
      if (outcome.kind === 'refused') throw new ApiError(409, outcome.code, outcome.message);
      const standing = await customerByExternalId(c.env.DB, programId, customerId);
      return c.json({ customerId, status: outcome.status, partnerId: standing?.partnerId ?? null }, 200);
    }
    const status = decision === 'approve' ? await confirmSignup(c.env.DB, ref, 'manager') : (await rejectSignup(c.env.DB, ref)) ? 'rejected' : customer.signupStatus;
    return c.json({ customerId, status, partnerId: customer.partnerId }, 200);
  },
);
