// A partner's colleagues: the owner invites them by an emailed link; the link's page creates or links an account.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { nanoid } from 'nanoid';
import { ErrorSchema } from '../../shared/schemas';
import { MemberInviteAcceptSchema, MemberInviteCreatedSchema, MemberInviteInputSchema, MemberInviteLookupSchema, MemberInviteSchema } from '../../shared/portal-schemas';
import { router, type AppEnv } from '../env';
import { sameOrigin, session } from '../middleware/auth';
import { partnerFor } from '../middleware/partner-access';
import { ApiError, forbidden, notFound } from '../middleware/errors';
import { accountByEmail } from '../db/accounts';
import { acceptMemberInvite, insertMemberInvite, memberInviteByTokenHash, memberInvitesOf, memberRole, revokeMemberInvite, type MemberInviteRow } from '../db/member-invites';
import { randomToken, sha256Hex } from '../security/hashing';
import { isoDate } from './shapes';
import { json, partnerErrors, partnerParams } from './partners';
import { accountToJoin, startSession } from './session';

export const members = router();

members.use('/partners/*', sameOrigin, session);
members.use('/member-invites/*', sameOrigin);

const INVITE_TTL_MS = 7 * 86_400_000;

function inviteStatus(i: MemberInviteRow, now: number) {
  return i.acceptedAt ? 'accepted' : i.revokedAt ? 'revoked' : i.expiresAt <= now ? 'expired' : 'pending';
}

function inviteJson(i: MemberInviteRow, now = Date.now()) {
  return { id: i.id, email: i.email, role: i.role, status: inviteStatus(i, now), createdAt: isoDate(i.createdAt), expiresAt: isoDate(i.expiresAt) } as const;
}

/** Only an owner (of this partner) manages who belongs to it; other members and program staff may look. */
async function ownerOnly(c: Context<AppEnv>, partnerId: string) {
  const partner = await partnerFor(c, partnerId);
  if ((await memberRole(c.env.DB, partner.id, c.get('accountId'))) !== 'owner') throw forbidden("Only the partner's owners may invite or remove colleagues.");
  return partner;
}

const inviteParams = partnerParams.extend({ inviteId: z.string().min(1).max(64).openapi({ param: { name: 'inviteId', in: 'path' } }) });
const tokenParams = z.object({ token: z.string().min(20).max(100).openapi({ param: { name: 'token', in: 'path' } }) });

members.openapi(
  createRoute({
    method: 'get',
    path: '/partners/{partnerId}/member-invites',
    tags: ['Members'],
    summary: 'Invites sent to colleagues, with their status',
    security: [{ session: [] }],
    request: { params: partnerParams },
    responses: { 200: json(z.array(MemberInviteSchema), 'Invites, newest first'), ...partnerErrors },
  }),
  async (c) => {
    const partner = await partnerFor(c, c.req.valid('param').partnerId);
    return c.json((await memberInvitesOf(c.env.DB, partner.id)).map((i) => inviteJson(i)), 200);
  },
);

members.openapi(
  createRoute({
    method: 'post',
    path: '/partners/{partnerId}/member-invites',
    tags: ['Members'],
    summary: 'Invite a colleague as owner, manager or finance (owners only); answers the link to send, once',
    security: [{ session: [] }],
    request: { params: partnerParams, body: { required: true, content: { 'application/json': { schema: MemberInviteInputSchema } } } },
    responses: { 201: json(MemberInviteCreatedSchema, 'Invited'), 400: json(ErrorSchema, 'Invalid input'), 403: json(ErrorSchema, 'Not an owner'), ...partnerErrors },
  }),
  async (c) => {
    const partner = await ownerOnly(c, c.req.valid('param').partnerId);
    const input = c.req.valid('json');
    const token = randomToken();
    const now = Date.now();
    const id = `mbi_${nanoid()}`;
    await insertMemberInvite(c.env.DB, { id, partnerId: partner.id, email: input.email, role: input.role, tokenHash: await sha256Hex(token), invitedBy: c.get('accountId'), now, expiresAt: now + INVITE_TTL_MS });
    const link = `${new URL(c.req.url).origin}/dashboard/accept/${token}`;
    // No mail is sent from here: the owner sends the link. The log line lets an operator find it too.
    console.log(`member invite for ${input.email} to partner ${partner.id}: ${link}`);
    return c.json({ id, email: input.email, role: input.role, status: 'pending' as const, createdAt: isoDate(now), expiresAt: isoDate(now + INVITE_TTL_MS), link }, 201);
  },
);

members.openapi(
  createRoute({
    method: 'delete',
    path: '/partners/{partnerId}/member-invites/{inviteId}',
    tags: ['Members'],
    summary: 'Withdraw an invite that has not been accepted (owners only)',
    security: [{ session: [] }],
    request: { params: inviteParams },
    responses: { 204: { description: 'Withdrawn' }, 403: json(ErrorSchema, 'Not an owner'), ...partnerErrors },
  }),
  async (c) => {
    const { partnerId, inviteId } = c.req.valid('param');
    const partner = await ownerOnly(c, partnerId);
    if (!(await revokeMemberInvite(c.env.DB, partner.id, inviteId, Date.now()))) throw notFound('Open invite');
    return c.body(null, 204);
  },
);

async function openInvite(c: Context<AppEnv>, token: string) {
  const invite = await memberInviteByTokenHash(c.env.DB, await sha256Hex(token));
  if (!invite) throw notFound('Invite');
  const status = inviteStatus(invite, Date.now());
  if (status !== 'pending') throw new ApiError(410, `invite_${status}`, `This invite has been ${status === 'accepted' ? 'used already' : status}. Ask the partner's owner for a new one.`);
  return invite;
}

members.openapi(
  createRoute({
    method: 'get',
    path: '/member-invites/{token}',
    tags: ['Members'],
    summary: 'What an invite link is for: the partner, email and role',
    request: { params: tokenParams },
    responses: { 200: json(MemberInviteLookupSchema, 'The invite'), 404: json(ErrorSchema, 'Unknown link'), 410: json(ErrorSchema, 'Used, withdrawn or expired') },
  }),
  async (c) => {
    const invite = await openInvite(c, c.req.valid('param').token);
    const account = await accountByEmail(c.env.DB, invite.email);
    return c.json({ partnerName: invite.partnerName, email: invite.email, role: invite.role, accountExists: account !== null }, 200);
  },
);

members.openapi(
  createRoute({
    method: 'post',
    path: '/member-invites/{token}/accept',
    tags: ['Members'],
    summary: "Accept an invite: creates the account (name and a new password) or links the existing one (its password); signs in",
    request: { params: tokenParams, body: { required: true, content: { 'application/json': { schema: MemberInviteAcceptSchema } } } },
    responses: {
      200: json(z.object({ partnerId: z.string() }), 'A member now, and signed in'),
      400: json(ErrorSchema, 'Invalid input, or a name missing for a new account'),
      401: json(ErrorSchema, "Not the existing account's password"),
      404: json(ErrorSchema, 'Unknown link'),
      410: json(ErrorSchema, 'Used, withdrawn or expired'),
    },
  }),
  async (c) => {
    const invite = await openInvite(c, c.req.valid('param').token);
    const input = c.req.valid('json');
    const joinWith = () => accountToJoin(c, invite.email, input.password, input.name, `${invite.email} already has an account: enter its password.`);
    let account = await joinWith();
    let outcome = await acceptMemberInvite(c.env.DB, { invite, memberId: `mem_${nanoid()}`, account, now: Date.now() });
    // Another invite or a registration created the account for this email a moment ago: join that one, by its password.
    if (outcome === 'email_taken') {
      account = await joinWith();
      outcome = await acceptMemberInvite(c.env.DB, { invite, memberId: `mem_${nanoid()}`, account, now: Date.now() });
    }
    if (outcome !== 'accepted') throw new ApiError(410, 'invite_used', 'This invite has just been used or withdrawn.');
    await startSession(c, account.id);
    return c.json({ partnerId: invite.partnerId }, 200);
  },
);
