// A staff invite link: what it is for, and accepting it, which creates or links an account and signs in.
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ErrorSchema } from '../../shared/schemas/common';
import { StaffInviteLookupSchema } from '../../shared/schemas/console';
import { MemberInviteAcceptSchema } from '../../shared/schemas/partners';
import { router, type AppEnv } from '../env';
import { sameOrigin } from '../middleware/auth';
import { ApiError, notFound } from '../middleware/errors';
import { acceptInviteAs, accountToJoin } from '../middleware/sign-in';
import { accountByEmail } from '../db/accounts';
import { acceptStaffInvite, staffInviteByTokenHash } from '../db/staff-invites';
import { sha256Hex } from '../security/hashing';
import { json, publicRoute } from './kit';

export const staffInvites = router();
const route = publicRoute('Program console');

staffInvites.use('*', sameOrigin);

const tokenParams = z.object({ token: z.string().min(20).max(100).openapi({ param: { name: 'token', in: 'path' } }) });

async function openInvite(c: Context<AppEnv>, token: string) {
  const invite = await staffInviteByTokenHash(c.env.DB, await sha256Hex(token));
  if (!invite) throw notFound('Invite');
  if (invite.acceptedAt !== null) throw new ApiError(410, 'invite_accepted', 'This invite has been used already. Ask the program manager for a new one.');
  if (invite.revokedAt !== null) throw new ApiError(410, 'invite_revoked', 'This invite was withdrawn. Ask the program manager for a new one.');
  if (invite.expiresAt <= Date.now()) throw new ApiError(410, 'invite_expired', 'This invite has expired. Ask the program manager for a new one.');
  return invite;
}

staffInvites.openapi(
  route.get(
    '/{token}',
    'getStaffInvite',
    'What a staff invite link is for: the program, email and role',
    { 200: json(StaffInviteLookupSchema, 'The invite'), 404: json(ErrorSchema, 'Unknown link'), 410: json(ErrorSchema, 'Used, withdrawn or expired') },
    { params: tokenParams },
  ),
  async (c) => {
    const invite = await openInvite(c, c.req.valid('param').token);
    const account = await accountByEmail(c.env.DB, invite.email);
    return c.json({ programName: invite.programName, email: invite.email, name: invite.name, role: invite.role, accountExists: account !== null }, 200);
  },
);

staffInvites.openapi(
  route.post(
    '/{token}/accept',
    'acceptStaffInvite',
    "Accept a staff invite: creates the account (a new password; the name defaults to the invite's) or links the existing one (its password); signs in",
    {
      200: json(z.object({ programId: z.string() }), 'Staff now, and signed in'),
      400: json(ErrorSchema, 'Invalid input'),
      401: json(ErrorSchema, "Not the existing account's password"),
      404: json(ErrorSchema, 'Unknown link'),
      410: json(ErrorSchema, 'Used, withdrawn or expired'),
    },
    { params: tokenParams, body: MemberInviteAcceptSchema },
  ),
  async (c) => {
    const invite = await openInvite(c, c.req.valid('param').token);
    const input = c.req.valid('json');
    const join = () => accountToJoin(c, invite.email, input.password, input.name ?? invite.name, `${invite.email} already has an account: enter its password.`);
    const accepted = await acceptInviteAs(c, join, (account) => acceptStaffInvite(c.env.DB, { invite, account, now: Date.now() }));
    if (!accepted) throw new ApiError(410, 'invite_used', 'This invite has just been used.');
    return c.json({ programId: invite.programId }, 200);
  },
);
