// The greeting the widget shows an invited visitor: who invited them and the credit waiting for them.
import { createRoute, z } from '@hono/zod-openapi';
import { ErrorSchema, GreetingSchema } from '../../shared/schemas';
import { money } from '../../shared/money';
import { router } from '../env';
import { programKey, widgetCors } from '../middleware/auth';
import { notFound } from '../middleware/errors';
import { codeKey } from '../domain/codes';
import { findClick } from '../flows/clicks';
import { invitationFact } from '../db/invitations';

export const greetings = router();

greetings.use('/greeting', widgetCors, programKey(['publishable']));

greetings.openapi(
  createRoute({
    method: 'get',
    path: '/greeting',
    tags: ['Widget'],
    summary: 'The greeting for a visitor who came through an invitation',
    security: [{ publishableKey: [] }],
    request: {
      query: z
        .object({
          code: z.string().trim().min(1).max(64).optional(),
          clickId: z.string().trim().min(1).max(64).optional(),
        })
        .refine((q) => q.code || q.clickId, { message: 'code or clickId is required', path: ['code'] }),
    },
    responses: {
      200: { description: 'The greeting', content: { 'application/json': { schema: GreetingSchema } } },
      400: { description: 'Neither code nor clickId', content: { 'application/json': { schema: ErrorSchema } } },
      401: { description: 'Missing key, or a secret key (the greeting is for the widget only)', content: { 'application/json': { schema: ErrorSchema } } },
      403: { description: 'Publishable key used from an origin the program does not allow', content: { 'application/json': { schema: ErrorSchema } } },
      404: { description: 'Unknown or inactive invitation', content: { 'application/json': { schema: ErrorSchema } } },
    },
  }),
  async (c) => {
    const { code, clickId } = c.req.valid('query');
    const program = c.get('program');
    // The click id names the invitation; the code is the fallback when the click is not (yet) known here.
    const click = clickId ? (await findClick(c.env, program.id, clickId)).click : null;
    const invitation = click
      ? await invitationFact(c.env.DB, program.id, { id: click.invitationId })
      : code
        ? await invitationFact(c.env.DB, program.id, { codeKey: codeKey(code) })
        : null;
    if (!invitation || !invitation.active || !invitation.advocateCanRefer) throw notFound('Invitation');
    return c.json(
      {
        code: invitation.code,
        partnerName: invitation.partnerName ?? 'a friend',
        advocate: invitation.customerId ? ('customer' as const) : ('partner' as const),
        credit: money(program.signupCreditMinor, program.currency),
        attributionWindowDays: program.attributionWindowDays,
        attributionModel: program.attributionModel,
      },
      200,
    );
  },
);
