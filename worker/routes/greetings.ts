// The greeting the widget shows an invited visitor: who invited them and the credit waiting for them.
import { z } from '@hono/zod-openapi';
import { ErrorSchema } from '../../shared/schemas/common';
import { GreetingSchema } from '../../shared/schemas/customers';
import { money } from '../../shared/money';
import { router } from '../env';
import { programKey, widgetCors } from '../middleware/auth';
import { notFound } from '../middleware/errors';
import { codeKey } from '../domain/codes';
import { findClick } from '../flows/clicks';
import { invitationFact } from '../db/invitations';
import { json, widgetRoute } from './kit';

export const greetings = router();

greetings.use('/', widgetCors, programKey(['publishable']));

greetings.openapi(
  widgetRoute('Widget').get(
    '/',
    'getGreeting',
    'The greeting for a visitor who came through an invitation',
    {
      200: json(GreetingSchema, 'The greeting'),
      400: json(ErrorSchema, 'Neither code nor clickId'),
      401: json(ErrorSchema, 'Missing key, or a secret key (the greeting is for the widget only)'),
      403: json(ErrorSchema, 'Publishable key used from an origin the program does not allow'),
      404: json(ErrorSchema, 'Unknown or inactive invitation'),
    },
    {
      query: z
        .object({
          code: z.string().trim().min(1).max(64).optional(),
          clickId: z.string().trim().min(1).max(64).optional(),
        })
        .refine((q) => q.code || q.clickId, { message: 'code or clickId is required', path: ['code'] }),
    },
  ),
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
