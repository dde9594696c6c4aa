// A program's staff: a manager invites a sales representative by a link; the link's page creates or links an account.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { nanoid } from 'nanoid';
import { ErrorSchema } from '../../shared/schemas';
import { MemberInviteAcceptSchema, StaffInviteCreatedSchema, StaffInviteInputSchema, StaffInviteLookupSchema } from '../../shared/portal-schemas';
import { router, type AppEnv } from '../env';
import { sameOrigin, session } from '../middleware/auth';
import { programFor } from '../middleware/program-access';
import { ApiError, notFound } from '../middleware/errors';
import { accountByEmail } from '../db/accounts';
import { acceptStaffInvite, insertStaffInvite, isStaffEmail, staffInviteByTokenHash } from '../db/staff-invites';
import { randomToken, sha256Hex } from '../security/hashing';
import { isoDate } from './shapes';
import { json } from './partners';
import { consoleErrors, programParams } from './program-partners';
import { accountToJoin, startSession } from './session';

export const programStaff = router();

programStaff.use('/programs/*', sameOrigin, session);
programStaff.use('/staff-invites/*', sameOrigin);

const INVITE_TTL_MS = 7 * 86_400_000;
const tokenParams = z.object({ token: z.string().min(20).max(100).openapi({ param: { name: 'token', in: 'path' } }) });

programStaff.openapi(
  createRoute({
    method: 'post',
    path: '/programs/{programId}/staff',
    tags: ['Program console'],
    summary: 'Invite a sales representative (managers only); answers the link to send, once',
    security: [{ session: [] }],
    request: { params: programParams, body: { required: true, content: { 'application/json': { schema: StaffInviteInputSchema } } } },
    responses: { 201: json(StaffInviteCreatedSchema, 'Invited'), 400: json(ErrorSchema, 'Invalid input'), 409: json(ErrorSchema, 'Already staff of this program'), ...consoleErrors },
  }),
  async (c) => {
    const { programId } = c.req.valid('param');
    await programFor(c, programId, 'manager');
    const input = c.req.valid('json');
    if (await isStaffEmail(c.env.DB, programId, input.email)) throw new ApiError(409, 'already_staff', `${input.email} is staff of this program already.`);
    const token = randomToken();
    const now = Date.now();
    const id = `sti_${nanoid()}`;
    await insertStaffInvite(c.env.DB, { id, programId, email: input.email, name: input.name, role: input.role, tokenHash: await sha256Hex(token), invitedBy: c.get('accountId'), now, expiresAt: now + INVITE_TTL_MS });
    const link = `${new URL(c.req.url).origin}/dashboard/staff-invite/${token}`;
    // No mail is sent from here: the manager sends the link. The log line lets an operator find it too.
    console.log(`staff invite for ${input.email} to program ${programId}: ${link}`);
    return c.json({ id, email: input.email, name: input.name, role: input.role, expiresAt: isoDate(now + INVITE_TTL_MS), link }, 201);
  },
);

async function openInvite(c: Context<AppEnv>, token: string) {
  const invite = await staffInviteByTokenHash(c.env.DB, await sha256Hex(token));
  if (!invite) throw notFound('Invite');
  if (invite.acceptedAt !== null) throw new ApiError(410, 'invite_accepted', 'This invite has been used already. Ask the program manager for a new one.');
  if (invite.expiresAt <= Date.now()) throw new ApiError(410, 'invite_expired', 'This invite has expired. Ask the program manager for a new one.');
  return invite;
}

programStaff.openapi(
  createRoute({
    method: 'get',
    path: '/staff-invites/{token}',
    tags: ['Program console'],
    summary: 'What a staff invite link is for: the program, email and role',
    request: { params: tokenParams },
    responses: { 200: json(StaffInviteLookupSchema, 'The invite'), 404: json(ErrorSchema, 'Unknown link'), 410: json(ErrorSchema, 'Used or expired') },
  }),
  async (c) => {
    const invite = await openInvite(c, c.req.valid('param').token);
    const account = await accountByEmail(c.env.DB, invite.email);
    return c.json({ programName: invite.programName, email: invite.email, name: invite.name, role: invite.role, accountExists: account !== null }, 200);
  },
);

programStaff.openapi(
  createRoute({
    method: 'post',
    path: '/staff-invites/{token}/accept',
    tags: ['Program console'],
    summary: "Accept a staff invite: creates the account (a new password; the name defaults to the invite's) or links the existing one (its password); signs in",
    request: { params: tokenParams, body: { required: true, content: { 'application/json': { schema: MemberInviteAcceptSchema } } } },
    responses: {
      200: json(z.object({ programId: z.string() }), 'Staff now, and signed in'),
      400: json(ErrorSchema, 'Invalid input'),
      401: json(ErrorSchema, "Not the existing account's password"),
      404: json(ErrorSchema, 'Unknown link'),
      410: json(ErrorSchema, 'Used or expired'),
    },
  }),
  async (c) => {
    const invite = await openInvite(c, c.req.valid('param').token);
    const input = c.req.valid('json');
    const joinWith = () => accountToJoin(c, invite.email, input.password, input.name ?? invite.name, `${invite.email} already has an account: enter its password.`);
    let account = await joinWith();
    let outcome = await acceptStaffInvite(c.env.DB, { invite, account, now: Date.now() });
    // Another invite or a registration created the account for this email a moment ago: join that one, by its password.
    if (outcome === 'email_taken') {
      account = await joinWith();
      outcome = await acceptStaffInvite(c.env.DB, { invite, account, now: Date.now() });
    }
    if (outcome !== 'accepted') throw new ApiError(410, 'invite_used', 'This invite has just been used.');
    await startSession(c, account.id);
    return c.json({ programId: invite.programId }, 200);
  },
);
