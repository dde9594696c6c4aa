// Program console, staff: the program managers and sales representatives, inviting a sales representative by a link
// (emailed), with the invites listed and withdrawable, and removing a representative.
import { z } from '@hono/zod-openapi';
import { nanoid } from 'nanoid';
import { ErrorSchema } from '../../../shared/schemas/common';
import { StaffInviteCreatedSchema, StaffInviteInputSchema, StaffInviteSchema, StaffSchema } from '../../../shared/schemas/console';
import { requiredSecret, router } from '../../env';
import { programFor } from '../../middleware/program-access';
import { ApiError, notFound } from '../../middleware/errors';
import { INVITE_TTL_MS, inviteStatus } from '../../domain/invites';
import { removeRepresentative, staffOf } from '../../db/console';
import { insertStaffInvite, isStaffEmail, revokeStaffInvite, staffInvitesOf } from '../../db/staff-invites';
import { sha256Hex } from '../../security/hashing';
import { inviteToken } from '../../security/email-links';
import { consoleRoute, idParam, json, programParams } from '../kit';
import { isoDate } from '../shapes';

export const staff = router();
const route = consoleRoute();

staff.openapi(
  route.get('/staff', 'listStaff', 'Program managers and sales representatives', { 200: json(z.array(StaffSchema), 'Staff') }),
  async (c) => {
    const { programId } = c.req.valid('param');
    await programFor(c, programId, 'staff');
    return c.json(await staffOf(c.env.DB, programId), 200);
  },
);

staff.openapi(
  route.post(
    '/staff',
    'inviteStaff',
    'Invite a sales representative (managers only); answers the link to send, once',
    { 201: json(StaffInviteCreatedSchema, 'Invited'), 400: json(ErrorSchema, 'Invalid input'), 409: json(ErrorSchema, 'Already staff of this program') },
    { body: StaffInviteInputSchema },
  ),
  async (c) => {
    const { programId } = c.req.valid('param');
    await programFor(c, programId, 'manager');
    const input = c.req.valid('json');
    if (await isStaffEmail(c.env.DB, programId, input.email)) throw new ApiError(409, 'already_staff', `${input.email} is staff of this program already.`);
    const now = Date.now();
    const id = `sti_${nanoid()}`;
    const token = await inviteToken(requiredSecret(c.env, 'EMAIL_LINK_SECRET'), id);
    await insertStaffInvite(c.env.DB, { id, programId, email: input.email, name: input.name, role: input.role, tokenHash: await sha256Hex(token), invitedBy: c.get('accountId'), now, expiresAt: now + INVITE_TTL_MS });
    const link = `${new URL(c.req.url).origin}/dashboard/staff-invite/${token}`;
    // The invite is emailed to the representative (staff.invited); the manager may also share the link, shown this once.
    // It is not logged: the token is a live credential.
    return c.json({ id, email: input.email, name: input.name, role: input.role, expiresAt: isoDate(now + INVITE_TTL_MS), link }, 201);
  },
);

staff.openapi(
  route.get('/staff-invites', 'listStaffInvites', "Invites sent to sales representatives, newest first, with their status (managers only)", {
    200: json(z.array(StaffInviteSchema), 'Invites'),
  }),
  async (c) => {
    const { programId } = c.req.valid('param');
    await programFor(c, programId, 'manager');
    const now = Date.now();
    const invites = await staffInvitesOf(c.env.DB, programId);
    return c.json(
      invites.map((i) => ({ id: i.id, email: i.email, name: i.name, role: i.role, status: inviteStatus(i, now), createdAt: isoDate(i.createdAt), expiresAt: isoDate(i.expiresAt) })),
      200,
    );
  },
);

staff.openapi(
  route.delete(
    '/staff-invites/{staffInviteId}',
    'withdrawStaffInvite',
    'Withdraw an invite that has not been accepted (managers only): its link stops working',
    { 204: { description: 'Withdrawn' } },
    { params: programParams.extend({ staffInviteId: idParam('staffInviteId') }) },
  ),
  async (c) => {
    const { programId, staffInviteId } = c.req.valid('param');
    await programFor(c, programId, 'manager');
    if (!(await revokeStaffInvite(c.env.DB, programId, staffInviteId, Date.now()))) throw notFound('Open invite');
    return c.body(null, 204);
  },
);

staff.openapi(
  route.delete(
    '/staff/{accountId}',
    'removeSalesRep',
    'Remove a sales representative (managers only): they lose access, and their partners and referrals wait for a manager to assign another',
    { 204: { description: 'Removed' } },
    { params: programParams.extend({ accountId: idParam('accountId') }) },
  ),
  async (c) => {
    const { programId, accountId } = c.req.valid('param');
    await programFor(c, programId, 'manager');
    if (!(await removeRepresentative(c.env.DB, programId, accountId))) throw notFound('Sales representative');
    return c.body(null, 204);
  },
);
