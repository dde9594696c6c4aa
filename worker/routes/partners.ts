// A partner's own data for the dashboard: summary and balance, invitations, members, ledger.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { nanoid } from 'nanoid';
import { ErrorSchema, InvitationInputSchema, InvitationSchema, LedgerEntrySchema, MemberSchema, PartnerSummarySchema } from '../../shared/schemas';
import { router, type AppEnv } from '../env';
import { sameOrigin, session } from '../middleware/auth';
import { ApiError, badRequest, notFound } from '../middleware/errors';
import { checkCode, codeKey, generateCode } from '../domain/codes';
import { partnerDisplayId } from '../domain/partners';
import { getPartner, mayActForPartner, membersOf } from '../db/partners';
import { insertInvitation, listPartnerInvitations } from '../db/invitations';
import { balanceOf, entriesOf } from '../db/ledger';
import { getProgram } from '../db/programs';
import { invitationJson, ledgerEntryJson } from './shapes';
import { invitationCache } from '../edge/invitation-cache';

export const partners = router();

partners.use('/partners/*', sameOrigin, session);

const params = z.object({ partnerId: z.string().min(1).max(64).openapi({ param: { name: 'partnerId', in: 'path' } }) });
const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const errors = {
  401: json(ErrorSchema, 'Not signed in'),
  404: json(ErrorSchema, 'No such partner, or not yours'),
};

/** Members of the partner and staff of its program may see it; to anyone else it does not exist. */
async function partnerFor(c: Context<AppEnv>, partnerId: string) {
  const [partner, may] = await Promise.all([getPartner(c.env.DB, partnerId), mayActForPartner(c.env.DB, c.get('accountId'), partnerId)]);
  if (!partner || !(may.asMember || may.asStaff)) throw notFound('Partner');
  return partner;
}

partners.openapi(
  createRoute({
    method: 'get',
    path: '/partners/{partnerId}',
    tags: ['Partners'],
    summary: "The partner's summary: status, balance and totals",
    security: [{ session: [] }],
    request: { params },
    responses: { 200: json(PartnerSummarySchema, 'The partner'), ...errors },
  }),
  async (c) => {
    const partner = await partnerFor(c, c.req.valid('param').partnerId);
    const program = await getProgram(c.env.DB, partner.programId);
    const [balance, invitations] = await Promise.all([
      balanceOf(c.env.DB, { partnerId: partner.id }, program!.currency),
      listPartnerInvitations(c.env.DB, partner.id),
    ]);
    const total = (k: 'clicks' | 'scans' | 'signups') => invitations.reduce((n, i) => n + i[k], 0);
    return c.json(
      {
        id: partner.id,
        displayId: partnerDisplayId(partner.status, partner.number),
        name: partner.name,
        status: partner.status,
        balance,
        stats: { clicks: total('clicks'), scans: total('scans'), signups: total('signups') },
      },
      200,
    );
  },
);

partners.openapi(
  createRoute({
    method: 'get',
    path: '/partners/{partnerId}/invitations',
    tags: ['Invitations'],
    summary: "The partner's invitations with clicks, scans and signups",
    security: [{ session: [] }],
    request: { params },
    responses: { 200: json(z.array(InvitationSchema), 'Invitations, newest first'), ...errors },
  }),
  async (c) => {
    const partner = await partnerFor(c, c.req.valid('param').partnerId);
    const origin = new URL(c.req.url).origin;
    return c.json((await listPartnerInvitations(c.env.DB, partner.id)).map((i) => invitationJson(origin, i)), 200);
  },
);

partners.openapi(
  createRoute({
    method: 'post',
    path: '/partners/{partnerId}/invitations',
    tags: ['Invitations'],
    summary: 'Create an invitation: a promo code, its link and QR code',
    security: [{ session: [] }],
    request: { params, body: { required: true, content: { 'application/json': { schema: InvitationInputSchema } } } },
    responses: {
      201: json(InvitationSchema, 'Created'),
      400: json(ErrorSchema, 'Invalid or reserved code, or a member of another partner'),
      409: json(ErrorSchema, 'The code is taken'),
      ...errors,
    },
  }),
  async (c) => {
    const partner = await partnerFor(c, c.req.valid('param').partnerId);
    const input = c.req.valid('json');
    if (input.code && checkCode(input.code) === 'reserved') throw badRequest(`"${input.code}" is a reserved word and cannot be a code.`, [{ path: 'code', message: 'reserved' }]);
    const members = await membersOf(c.env.DB, partner.id);
    if (input.memberId && !members.some((m) => m.id === input.memberId)) {
      throw badRequest('The member does not belong to this partner.', [{ path: 'memberId', message: 'unknown member' }]);
    }
    const now = Date.now();
    const id = `inv_${nanoid()}`;
    // A chosen code is tried once; a generated one is retried on the (unlikely) collision.
    for (let attempt = 0; attempt < (input.code ? 1 : 5); attempt++) {
      const code = input.code ?? generateCode();
      const inserted = await insertInvitation(c.env.DB, {
        id, programId: partner.programId, partnerId: partner.id, memberId: input.memberId ?? null,
        code, codeKey: codeKey(code), campaign: input.campaign ?? null, now,
      });
      if (inserted) {
        invitationCache.invalidate(codeKey(code)); // it may have been cached as unknown
        const created = (await listPartnerInvitations(c.env.DB, partner.id)).find((i) => i.id === id)!;
        return c.json(invitationJson(new URL(c.req.url).origin, created), 201);
      }
    }
    throw new ApiError(409, 'code_taken', `The code "${input.code}" is already taken; choose another.`);
  },
);

partners.openapi(
  createRoute({
    method: 'get',
    path: '/partners/{partnerId}/members',
    tags: ['Partners'],
    summary: "The partner's members",
    security: [{ session: [] }],
    request: { params },
    responses: { 200: json(z.array(MemberSchema), 'Members'), ...errors },
  }),
  async (c) => {
    const partner = await partnerFor(c, c.req.valid('param').partnerId);
    return c.json(await membersOf(c.env.DB, partner.id), 200);
  },
);

partners.openapi(
  createRoute({
    method: 'get',
    path: '/partners/{partnerId}/ledger',
    tags: ['Partners'],
    summary: "The partner's ledger entries with their reasons, newest first",
    security: [{ session: [] }],
    request: { params },
    responses: { 200: json(z.array(LedgerEntrySchema), 'Entries'), ...errors },
  }),
  async (c) => {
    const partner = await partnerFor(c, c.req.valid('param').partnerId);
    return c.json((await entriesOf(c.env.DB, { partnerId: partner.id })).map(ledgerEntryJson), 200);
  },
);
