// A partner's colleagues, invited by its owners: the invites sent and their status, sending one, withdrawing one.
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { nanoid } from 'nanoid';
import { ErrorSchema } from '../../../shared/schemas/common';
import { MemberInviteCreatedSchema, MemberInviteInputSchema, MemberInviteSchema } from '../../../shared/schemas/partners';
import { requiredSecret, router, type AppEnv } from '../../env';
import { partnerFor } from '../../middleware/partner-access';
import { forbidden, notFound } from '../../middleware/errors';
import { INVITE_TTL_MS, inviteStatus } from '../../domain/invites';
import { insertMemberInvite, memberInvitesOf, memberRole, revokeMemberInvite, type MemberInviteRow } from '../../db/member-invites';
import { sha256Hex } from '../../security/hashing';
import { inviteToken } from '../../security/email-links';
import { isoDate } from '../shapes';
import { idParam, json, partnerParams, partnerRoute } from '../kit';

export const memberInvites = router();
const route = partnerRoute('Members');

function inviteJson(i: MemberInviteRow, now = Date.now()) {
  return { id: i.id, email: i.email, role: i.role, status: inviteStatus(i, now), createdAt: isoDate(i.createdAt), expiresAt: isoDate(i.expiresAt) } as const;
}

/** Only an owner (of this partner) manages who belongs to it; other members and program staff may look. */
async function ownerOnly(c: Context<AppEnv>, partnerId: string) {
  const partner = await partnerFor(c, partnerId);
  if ((await memberRole(c.env.DB, partner.id, c.get('accountId'))) !== 'owner') throw forbidden("Only the partner's owners may invite or remove colleagues.");
  return partner;
}

const inviteParams = partnerParams.extend({ inviteId: idParam('inviteId') });

memberInvites.openapi(
  route.get('/member-invites', 'listMemberInvites', 'Invites sent to colleagues, with their status', {
    200: json(z.array(MemberInviteSchema), 'Invites, newest first'),
  }),
  async (c) => {
    const partner = await partnerFor(c, c.req.valid('param').partnerId);
    return c.json((await memberInvitesOf(c.env.DB, partner.id)).map((i) => inviteJson(i)), 200);
  },
);

memberInvites.openapi(
  route.post(
    '/member-invites',
    'inviteMember',
    'Invite a colleague as owner, manager or finance (owners only); answers the link to send, once',
    { 201: json(MemberInviteCreatedSchema, 'Invited'), 400: json(ErrorSchema, 'Invalid input'), 403: json(ErrorSchema, 'Not an owner') },
    { body: MemberInviteInputSchema },
  ),
  async (c) => {
    const partner = await ownerOnly(c, c.req.valid('param').partnerId);
    const input = c.req.valid('json');
    const now = Date.now();
    const id = `mbi_${nanoid()}`;
    const token = await inviteToken(requiredSecret(c.env, 'EMAIL_LINK_SECRET'), id);
    await insertMemberInvite(c.env.DB, { id, programId: partner.programId, partnerId: partner.id, email: input.email, role: input.role, tokenHash: await sha256Hex(token), invitedBy: c.get('accountId'), now, expiresAt: now + INVITE_TTL_MS });
    const link = `${new URL(c.req.url).origin}/dashboard/accept/${token}`;
    // The invite is emailed to the colleague (member.invited); the owner may also share the link, shown this once. It is
    // not logged: the token is a live credential.
    return c.json({ id, email: input.email, role: input.role, status: 'pending' as const, createdAt: isoDate(now), expiresAt: isoDate(now + INVITE_TTL_MS), link }, 201);
  },
);

memberInvites.openapi(
  route.delete(
    '/member-invites/{inviteId}',
    'withdrawMemberInvite',
    'Withdraw an invite that has not been accepted (owners only)',
    { 204: { description: 'Withdrawn' }, 403: json(ErrorSchema, 'Not an owner') },
    { params: inviteParams },
  ),
  async (c) => {
    const { partnerId, inviteId } = c.req.valid('param');
    const partner = await ownerOnly(c, partnerId);
    if (!(await revokeMemberInvite(c.env.DB, partner.id, inviteId, Date.now()))) throw notFound('Open invite');
    return c.body(null, 204);
  },
);
