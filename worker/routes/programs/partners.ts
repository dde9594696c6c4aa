// Program console, partners: every partner with balance and activity; approve, reject, suspend or reinstate one; assign
// its sales representative; on a partner's request, export or erase one of its members' personal data.
import { z } from '@hono/zod-openapi';
import { nanoid } from 'nanoid';
import { ErrorSchema } from '../../../shared/schemas/common';
import { SalesRepInputSchema } from '../../../shared/schemas/console';
import { ConsolePartnerSchema, PartnerSummarySchema, StatusChangeInputSchema } from '../../../shared/schemas/partners';
import { MemberExportSchema } from '../../../shared/schemas/privacy';
import { money } from '../../../shared/money';
import type { Context } from 'hono';
import { router, type AppEnv } from '../../env';
import { consoleProgram, programFor } from '../../middleware/program-access';
import { ApiError, badRequest, notFound, refused } from '../../middleware/errors';
import { nextStatus, partnerDisplayId } from '../../domain/partners';
import { changeStatus, getProfile, setSalesRep } from '../../db/partner-profile';
import { staffOf } from '../../db/console';
import { partnersOfProgram } from '../../db/partners';
import { partnerBalancesOf } from '../../db/ledger';
import { eraseMemberData, exportMember } from '../../flows/personal-data';
import { consoleErrors, consoleRoute, idParam, json, programParams } from '../kit';
import { consolePartnerJson, memberExportJson } from '../shapes';

export const partners = router();
const route = consoleRoute();
// The list is for any staff and changes nothing, so it has no 403.
const listRoute = consoleRoute({ 401: consoleErrors[401], 404: consoleErrors[404] });

const partnerParams = programParams.extend({ partnerId: idParam('partnerId') });
const memberParams = partnerParams.extend({ memberId: idParam('memberId') });

/** A partner of the program, for a change only its managers make: 404 for another program's partner. */
async function managedPartner(c: Context<AppEnv>, programId: string, partnerId: string) {
  await programFor(c, programId, 'manager');
  const p = await getProfile(c.env.DB, partnerId);
  if (!p || p.programId !== programId) throw notFound('Partner');
  return p;
}

partners.openapi(
  listRoute.get('/partners', 'listProgramPartners', "The program's partners with balance and activity (program staff only; a sales representative sees the partners they own)", {
    200: json(z.array(PartnerSummarySchema), 'Partners'),
  }),
  async (c) => {
    const { programId } = c.req.valid('param');
    const role = await programFor(c, programId, 'staff');
    const program = await consoleProgram(c, programId);
    const [rows, balances] = await Promise.all([
      partnersOfProgram(c.env.DB, program.id, role === 'manager' ? null : c.get('accountId')),
      partnerBalancesOf(c.env.DB, program.id, program.currency),
    ]);
    const none = money(0, program.currency);
    const result = rows.map((p) => ({
      id: p.id,
      displayId: partnerDisplayId(p.status, p.number),
      name: p.name,
      status: p.status,
      balance: balances.get(p.id) ?? { pending: none, available: none, paid: none },
      stats: { clicks: p.clicks, scans: p.scans, signups: p.signups },
    }));
    return c.json(result, 200);
  },
);
partners.openapi(
  route.post(
    '/partners/{partnerId}/status',
    'changePartnerStatus',
    'Approve (A becomes P, same number), reject, suspend or reinstate a partner; rejecting and suspending need a reason',
    {
      200: json(ConsolePartnerSchema, 'The partner as it now stands'),
      400: json(ErrorSchema, 'A reason is required'),
      409: json(ErrorSchema, 'Not possible from the current status'),
    },
    { params: partnerParams, body: StatusChangeInputSchema },
  ),
  async (c) => {
    const { programId, partnerId } = c.req.valid('param');
    const partner = await managedPartner(c, programId, partnerId);
    const { action, reason } = c.req.valid('json');
    const decision = nextStatus(partner.status, action, reason);
    if (!decision.ok) {
      if (decision.problem === 'reason_required') throw badRequest(`reason: say why, to ${action} a partner; the partner reads it.`, [{ path: 'reason', message: 'required' }]);
      throw new ApiError(409, 'status_conflict', `A partner with status ${partner.status} cannot be ${action === 'approve' ? 'approved' : `${action}ed`}.`);
    }
    const changed = await changeStatus(c.env.DB, {
      changeId: `psc_${nanoid()}`, programId, partnerId: partner.id, from: partner.status, to: decision.to,
      reason: reason?.trim() || null, accountId: c.get('accountId'), now: Date.now(),
    });
    if (!changed) throw new ApiError(409, 'status_conflict', 'The partner was changed by someone else just now; reload and try again.');
    return c.json(consolePartnerJson((await getProfile(c.env.DB, partner.id))!), 200);
  },
);

partners.openapi(
  route.put(
    '/partners/{partnerId}/sales-rep',
    'assignSalesRep',
    'Assign a sales representative (one of the program staff) to a partner, or none',
    { 200: json(ConsolePartnerSchema, 'The partner as it now stands'), 400: json(ErrorSchema, 'Not program staff') },
    { params: partnerParams, body: SalesRepInputSchema },
  ),
  async (c) => {
    const { programId, partnerId } = c.req.valid('param');
    const partner = await managedPartner(c, programId, partnerId);
    const { accountId } = c.req.valid('json');
    if (accountId && !(await staffOf(c.env.DB, programId)).some((s) => s.id === accountId)) {
      throw badRequest('accountId: the sales representative must be one of the program staff.', [{ path: 'accountId', message: 'not program staff' }]);
    }
    await setSalesRep(c.env.DB, partner.id, accountId);
    return c.json(consolePartnerJson((await getProfile(c.env.DB, partner.id))!), 200);
  },
);

partners.openapi(
  route.get(
    '/partners/{partnerId}/members/{memberId}/export',
    'exportMember',
    "Everything edgeref holds on one of a partner's members, as JSON (program managers, on the partner's request)",
    { 200: json(MemberExportSchema, "The member's data") },
    { params: memberParams },
  ),
  async (c) => {
    const { programId, partnerId, memberId } = c.req.valid('param');
    const partner = await managedPartner(c, programId, partnerId);
    const found = await exportMember(c.env.DB, partner.id, memberId);
    if (!found) throw notFound('Member');
    return c.json(memberExportJson(found, Date.now()), 200);
  },
);

partners.openapi(
  route.delete(
    '/partners/{partnerId}/members/{memberId}/personal-data',
    'eraseMember',
    "Erase one of a partner's members' personal data (program managers, on the partner's request)",
    { 204: { description: 'Erased (or erased before)' }, 409: json(ErrorSchema, 'The account is also used elsewhere') },
    {
      params: memberParams,
      description:
        'The account loses its email, name and password and its sessions end, so it can never sign in again; the membership, invitations and money stay under their ids. Refused (409) while the account also belongs to another partner or to program staff. Idempotent: erasing again answers 204 too.',
    },
  ),
  async (c) => {
    const { programId, partnerId, memberId } = c.req.valid('param');
    const partner = await managedPartner(c, programId, partnerId);
    const outcome = await eraseMemberData(c.env.DB, partner.id, memberId, Date.now());
    if (outcome === 'unknown') throw notFound('Member');
    if (outcome) throw refused(outcome);
    return c.body(null, 204);
  },
);
