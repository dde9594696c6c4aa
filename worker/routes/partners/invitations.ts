// A partner's invitations: list with totals, create (chosen or generated code), and change or deactivate.
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { nanoid } from 'nanoid';
import { ErrorSchema } from '../../../shared/schemas/common';
import { InvitationInputSchema, InvitationPatchSchema, InvitationSchema } from '../../../shared/schemas/invitations';
import { router, type AppEnv } from '../../env';
import { partnerFor, partnerProgram } from '../../middleware/partner-access';
import { ApiError, badRequest, notFound } from '../../middleware/errors';
import { checkCode, codeKey, generateCode } from '../../domain/codes';
import { destinationAllowed } from '../../domain/links';
import { membersOf, type PartnerRow } from '../../db/partners';
import { insertInvitation, listPartnerInvitations, updateInvitation } from '../../db/invitations';
import { invitationCache } from '../../edge/invitation-cache';
import { invitationJson } from '../shapes';
import { idParam, json, partnerParams, partnerRoute, refuseWhileTermsPending } from '../kit';

export const invitations = router();
const route = partnerRoute('Invitations');

/** The owner must be one of the partner's members; the destination must stay within the program's origins. */
async function checkChanges(c: Context<AppEnv>, partner: PartnerRow, input: { memberId?: string | null; destinationUrl?: string | null }) {
  if (input.memberId) {
    const members = await membersOf(c.env.DB, partner.id);
    if (!members.some((m) => m.id === input.memberId)) {
      throw badRequest('The member does not belong to this partner.', [{ path: 'memberId', message: 'unknown member' }]);
    }
  }
  if (input.destinationUrl) {
    const program = await partnerProgram(c, partner);
    if (!destinationAllowed(input.destinationUrl, program!.destinationUrl, program!.allowedOrigins)) {
      throw badRequest("The destination must be on one of the program's own sites.", [
        { path: 'destinationUrl', message: `allowed origins: ${[...new Set([new URL(program!.destinationUrl).origin, ...program!.allowedOrigins])].join(', ')}` },
      ]);
    }
  }
}

async function oneInvitation(c: Context<AppEnv>, partnerId: string, id: string) {
  const [found] = await listPartnerInvitations(c.env.DB, partnerId, id);
  if (!found) throw notFound('Invitation');
  return invitationJson(new URL(c.req.url).origin, found);
}

invitations.openapi(
  route.get('/invitations', 'listInvitations', "The partner's invitations with clicks, scans and signups", {
    200: json(z.array(InvitationSchema), 'Invitations, newest first'),
  }),
  async (c) => {
    const partner = await partnerFor(c, c.req.valid('param').partnerId);
    const origin = new URL(c.req.url).origin;
    return c.json((await listPartnerInvitations(c.env.DB, partner.id)).map((i) => invitationJson(origin, i)), 200);
  },
);

invitations.openapi(
  route.post(
    '/invitations',
    'createInvitation',
    'Create an invitation: a promo code, its link and QR code',
    {
      201: json(InvitationSchema, 'Created'),
      400: json(ErrorSchema, "Invalid or reserved code, a member of another partner, or a destination off the program's sites"),
      409: json(ErrorSchema, 'The code is taken, or the program pauses new invitations until the partner accepts its current terms (terms_not_accepted)'),
    },
    { body: InvitationInputSchema },
  ),
  async (c) => {
    const partner = await partnerFor(c, c.req.valid('param').partnerId);
    await refuseWhileTermsPending(c, partner.id, 'invitations');
    const input = c.req.valid('json');
    if (input.code && checkCode(input.code) === 'reserved') throw badRequest(`"${input.code}" is a reserved word and cannot be a code.`, [{ path: 'code', message: 'reserved' }]);
    await checkChanges(c, partner, input);
    const now = Date.now();
    const id = `inv_${nanoid()}`;
    // A chosen code is tried once; a generated one is retried on the (unlikely) collision.
    for (let attempt = 0; attempt < (input.code ? 1 : 5); attempt++) {
      const code = input.code ?? generateCode();
      const inserted = await insertInvitation(c.env.DB, {
        id, programId: partner.programId, partnerId: partner.id, memberId: input.memberId ?? null, code, codeKey: codeKey(code),
        name: input.name ?? null, campaign: input.campaign ?? null, destinationUrl: input.destinationUrl ?? null, now,
      });
      if (inserted) {
        invitationCache.invalidate(codeKey(code)); // it may have been cached as unknown
        return c.json(await oneInvitation(c, partner.id, id), 201);
      }
    }
    throw new ApiError(409, 'code_taken', `The code "${input.code}" is already taken; choose another.`);
  },
);

invitations.openapi(
  route.patch(
    '/invitations/{invitationId}',
    'updateInvitation',
    'Rename, relabel, re-own, redirect, deactivate or reactivate an invitation',
    {
      200: json(InvitationSchema, 'The invitation as it now stands'),
      400: json(ErrorSchema, "Invalid change, a member of another partner, or a destination off the program's sites"),
    },
    { params: partnerParams.extend({ invitationId: idParam('invitationId') }), body: InvitationPatchSchema },
  ),
  async (c) => {
    const { partnerId, invitationId } = c.req.valid('param');
    const partner = await partnerFor(c, partnerId);
    const changes = c.req.valid('json');
    await checkChanges(c, partner, changes);
    if (!(await updateInvitation(c.env.DB, partner.id, invitationId, changes, Date.now()))) throw notFound('Invitation');
    const updated = await oneInvitation(c, partner.id, invitationId);
    invitationCache.invalidate(codeKey(updated.code)); // the link answers with the change at once
    return c.json(updated, 200);
  },
);
