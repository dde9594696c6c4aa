// An invite link to join a partner: what it is for, and accepting it, which creates or links an account and signs in.
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { nanoid } from 'nanoid';
import { ErrorSchema } from '../../shared/schemas/common';
import { MemberInviteAcceptSchema, MemberInviteLookupSchema } from '../../shared/schemas/partners';
import { router, type AppEnv } from '../env';
import { sameOrigin } from '../middleware/auth';
import { ApiError, notFound } from '../middleware/errors';
import { acceptInviteAs, accountToJoin } from '../middleware/sign-in';
import { inviteStatus } from '../domain/invites';
import { accountByEmail } from '../db/accounts';
import { acceptMemberInvite, memberInviteByTokenHash } from '../db/member-invites';
import { sha256Hex } from '../security/hashing';
import { json, publicRoute } from './kit';

export const memberInvites = router();
const route = publicRoute('Members');

memberInvites.use('*', sameOrigin);

const tokenParams = z.object({ token: z.string().min(20).max(100).openapi({ param: { name: 'token', in: 'path' } }) });

async function openInvite(c: Context<AppEnv>, token: string) {
  const invite = await memberInviteByTokenHash(c.env.DB, await sha256Hex(token));
  if (!invite) throw notFound('Invite');
  const status = inviteStatus(invite, Date.now());
  if (status !== 'pending') throw new ApiError(410, `invite_${status}`, `This invite has been ${status === 'accepted' ? 'used already' : status}. Ask the partner's owner for a new one.`);
  return invite;
}

memberInvites.openapi(
  route.get(
    '/{token}',
    'getMemberInvite',
    'What an invite link is for: the partner, email and role',
    { 200: json(MemberInviteLookupSchema, 'The invite'), 404: json(ErrorSchema, 'Unknown link'), 410: json(ErrorSchema, 'Used, withdrawn or expired') },
    { params: tokenParams },
  ),
  async (c) => {
    const invite = await openInvite(c, c.req.valid('param').token);
    const account = await accountByEmail(c.env.DB, invite.email);
    return c.json({ partnerName: invite.partnerName, email: invite.email, role: invite.role, accountExists: account !== null }, 200);
  },
);

memberInvites.openapi(
  route.post(
    '/{token}/accept',
    'acceptMemberInvite',
    "Accept an invite: creates the account (name and a new password) or links the existing one (its password); signs in",
    {
      200: json(z.object({ partnerId: z.string() }), 'A member now, and signed in'),
      400: json(ErrorSchema, 'Invalid input, or a name missing for a new account'),
      401: json(ErrorSchema, "Not the existing account's password"),
      404: json(ErrorSchema, 'Unknown link'),
      410: json(ErrorSchema, 'Used, withdrawn or expired'),
    },
    { params: tokenParams, body: MemberInviteAcceptSchema },
  ),
  async (c) => {
    const invite = await openInvite(c, c.req.valid('param').token);
    const input = c.req.valid('json');
    const join = () => accountToJoin(c, invite.email, input.password, input.name, `${invite.email} already has an account: enter its password.`);
    const accepted = await acceptInviteAs(c, join, (account) => acceptMemberInvite(c.env.DB, { invite, memberId: `mem_${nanoid()}`, account, now: Date.now() }));
    if (!accepted) throw new ApiError(410, 'invite_used', 'This invite has just been used or withdrawn.');
    return c.json({ partnerId: invite.partnerId }, 200);
  },
);
