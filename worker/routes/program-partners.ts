// Program console, partners: every partner with status and reason; approve, reject, suspend or reinstate; assign sales reps;
// on a partner's request, export or erase one of its members' personal data.
import { createRoute, z } from '@hono/zod-openapi';
import { nanoid } from 'nanoid';
import { ErrorSchema } from '../../shared/schemas';
import { ConsolePartnerSchema, SalesRepInputSchema, StaffSchema, StatusChangeInputSchema } from '../../shared/portal-schemas';
import { router } from '../env';
import { sameOrigin, session } from '../middleware/auth';
import { programFor } from '../middleware/program-access';
import { ApiError, badRequest, notFound, refused } from '../middleware/errors';
import { actionsFor, nextStatus, partnerDisplayId } from '../domain/partners';
import { changeStatus, getProfile, profilesOfProgram, setSalesRep, type ProfileRow } from '../db/partner-profile';
import { staffOf } from '../db/console';
import { isoDate, memberExportJson } from './shapes';
import { MemberExportSchema } from '../../shared/privacy-schemas';
import { eraseMemberData, exportMember } from '../flows/personal-data';
import { json } from './partners';

export const programPartners = router();

programPartners.use('/programs/*', sameOrigin, session);

export const programParams = z.object({ programId: z.string().min(1).max(64).openapi({ param: { name: 'programId', in: 'path' } }) });
const partnerParams = programParams.extend({ partnerId: z.string().min(1).max(64).openapi({ param: { name: 'partnerId', in: 'path' } }) });
const memberParams = partnerParams.extend({ memberId: z.string().min(1).max(64).openapi({ param: { name: 'memberId', in: 'path' } }) });
export const consoleErrors = {
  401: json(ErrorSchema, 'Not signed in'),
  403: json(ErrorSchema, 'Staff, but not a program manager'),
  404: json(ErrorSchema, 'No such program, or not staff of it'),
};

function consolePartnerJson(p: ProfileRow) {
  return {
    id: p.id,
    displayId: partnerDisplayId(p.status, p.number),
    name: p.name,
    email: p.email,
    company: p.company,
    status: p.status,
    statusReason: p.statusReason,
    salesRep: p.salesRepId ? { id: p.salesRepId, name: p.salesRepName ?? '' } : null,
    termsVersion: p.termsVersion,
    createdAt: isoDate(p.createdAt),
    actions: actionsFor(p.status),
  };
}

async function partnerOfProgram(db: D1Database, programId: string, partnerId: string) {
  const p = await getProfile(db, partnerId);
  if (!p || p.programId !== programId) throw notFound('Partner');
  return p;
}

programPartners.openapi(
  createRoute({
    method: 'get',
    path: '/programs/{programId}/partner-records',
    tags: ['Program console'],
    summary: "The program's partners with status, its reason, sales representative and accepted terms, newest first",
    security: [{ session: [] }],
    request: { params: programParams },
    responses: { 200: json(z.array(ConsolePartnerSchema), 'Partners'), ...consoleErrors },
  }),
  async (c) => {
    const { programId } = c.req.valid('param');
    await programFor(c, programId, 'staff');
    return c.json((await profilesOfProgram(c.env.DB, programId)).map(consolePartnerJson), 200);
  },
);

programPartners.openapi(
  createRoute({
    method: 'post',
    path: '/programs/{programId}/partners/{partnerId}/status',
    tags: ['Program console'],
    summary: 'Approve (A becomes P, same number), reject, suspend or reinstate a partner; rejecting and suspending need a reason',
    security: [{ session: [] }],
    request: { params: partnerParams, body: { required: true, content: { 'application/json': { schema: StatusChangeInputSchema } } } },
    responses: {
      200: json(ConsolePartnerSchema, 'The partner as it now stands'),
      400: json(ErrorSchema, 'A reason is required'),
      409: json(ErrorSchema, 'Not possible from the current status'),
      ...consoleErrors,
    },
  }),
  async (c) => {
    const { programId, partnerId } = c.req.valid('param');
    await programFor(c, programId, 'manager');
    const partner = await partnerOfProgram(c.env.DB, programId, partnerId);
    const { action, reason } = c.req.valid('json');
    const decision = nextStatus(partner.status, action, reason);
    if (!decision.ok) {
      if (decision.problem === 'reason_required') throw badRequest(`reason: say why, to ${action} a partner; the partner reads it.`, [{ path: 'reason', message: 'required' }]);
      throw new ApiError(409, 'status_conflict', `A partner with status ${partner.status} cannot be ${action === 'approve' ? 'approved' : `${action}ed`}.`);
    }
    const changed = await changeStatus(c.env.DB, {
      changeId: `psc_${nanoid()}`, partnerId: partner.id, from: partner.status, to: decision.to,
      reason: reason?.trim() || null, accountId: c.get('accountId'), now: Date.now(),
    });
    if (!changed) throw new ApiError(409, 'status_conflict', 'The partner was changed by someone else just now; reload and try again.');
    return c.json(consolePartnerJson((await getProfile(c.env.DB, partner.id))!), 200);
  },
);

programPartners.openapi(
  createRoute({
    method: 'put',
    path: '/programs/{programId}/partners/{partnerId}/sales-rep',
    tags: ['Program console'],
    summary: 'Assign a sales representative (one of the program staff) to a partner, or none',
    security: [{ session: [] }],
    request: { params: partnerParams, body: { required: true, content: { 'application/json': { schema: SalesRepInputSchema } } } },
    responses: { 200: json(ConsolePartnerSchema, 'The partner as it now stands'), 400: json(ErrorSchema, 'Not program staff'), ...consoleErrors },
  }),
  async (c) => {
    const { programId, partnerId } = c.req.valid('param');
    await programFor(c, programId, 'manager');
    const partner = await partnerOfProgram(c.env.DB, programId, partnerId);
    const { accountId } = c.req.valid('json');
    if (accountId && !(await staffOf(c.env.DB, programId)).some((s) => s.id === accountId)) {
      throw badRequest('accountId: the sales representative must be one of the program staff.', [{ path: 'accountId', message: 'not program staff' }]);
    }
    await setSalesRep(c.env.DB, partner.id, accountId);
    return c.json(consolePartnerJson((await getProfile(c.env.DB, partner.id))!), 200);
  },
);

programPartners.openapi(
  createRoute({
    method: 'get',
    path: '/programs/{programId}/staff',
    tags: ['Program console'],
    summary: 'Program managers and sales representatives',
    security: [{ session: [] }],
    request: { params: programParams },
    responses: { 200: json(z.array(StaffSchema), 'Staff'), ...consoleErrors },
  }),
  async (c) => {
    const { programId } = c.req.valid('param');
    await programFor(c, programId, 'staff');
    return c.json(await staffOf(c.env.DB, programId), 200);
  },
);

programPartners.openapi(
  createRoute({
    method: 'get',
    path: '/programs/{programId}/partners/{partnerId}/members/{memberId}/export',
    tags: ['Program console'],
    summary: "Everything edgeref holds on one of a partner's members, as JSON (program managers, on the partner's request)",
    security: [{ session: [] }],
    request: { params: memberParams },
    responses: { 200: json(MemberExportSchema, "The member's data"), ...consoleErrors },
  }),
  async (c) => {
    const { programId, partnerId, memberId } = c.req.valid('param');
    await programFor(c, programId, 'manager');
    const partner = await partnerOfProgram(c.env.DB, programId, partnerId);
    const found = await exportMember(c.env.DB, partner.id, memberId);
    if (!found) throw notFound('Member');
    return c.json(memberExportJson(found, Date.now()), 200);
  },
);

programPartners.openapi(
  createRoute({
    method: 'delete',
    path: '/programs/{programId}/partners/{partnerId}/members/{memberId}/personal-data',
    tags: ['Program console'],
    summary: "Erase one of a partner's members' personal data (program managers, on the partner's request)",
    description:
      'The account loses its email, name and password and its sessions end, so it can never sign in again; the membership, invitations and money stay under their ids. Refused (409) while the account also belongs to another partner or to program staff. Idempotent: erasing again answers 204 too.',
    security: [{ session: [] }],
    request: { params: memberParams },
    responses: { 204: { description: 'Erased (or erased before)' }, 409: json(ErrorSchema, 'The account is also used elsewhere'), ...consoleErrors },
  }),
  async (c) => {
    const { programId, partnerId, memberId } = c.req.valid('param');
    await programFor(c, programId, 'manager');
    const partner = await partnerOfProgram(c.env.DB, programId, partnerId);
    const outcome = await eraseMemberData(c.env.DB, partner.id, memberId, Date.now());
    if (outcome === 'unknown') throw notFound('Member');
    if (outcome) throw refused(outcome);
    return c.body(null, 204);
  },
);
