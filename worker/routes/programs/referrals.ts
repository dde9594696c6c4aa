// Program console, referrals: every referral record of the program (a sales representative sees the ones they own and
// their partners'), filtered to what needs an answer; send a partner a referral; decide on a lead (confirm and assign
// a representative, reject, not genuine, renew the lock); move a deal, Won paying its commission; enter a verbal referral;
// erase a referral's contacts on request.
import type { Context } from 'hono';
import { nanoid } from 'nanoid';
import { ErrorSchema } from '../../../shared/schemas/common';
import {
  ConsoleReferralDetailSchema, ConsoleReferralInputSchema, ConsoleReferralQuerySchema, LeadDecisionSchema, ReferralPageSchema, ReferralPatchSchema,
  VerbalReferralCreatedSchema, VerbalReferralInputSchema,
} from '../../../shared/schemas/referrals';
import { requiredSecret, router, type AppEnv, type ProgramRow } from '../../env';
import { consoleProgram, programFor } from '../../middleware/program-access';
import { forbidden, notFound } from '../../middleware/errors';
import { changesOf, getReferral, listReferrals, type ReferralRow } from '../../db/referrals';
import { earningPartner } from '../../db/partners';
import { getProfile } from '../../db/partner-profile';
import { eraseLeadContacts, matchedLeads } from '../../db/leads';
import { assertOwner, changeReferral, decide, duplicatesOf, sendReferral } from '../../flows/leads';
import { recordVerbalReferral } from '../../flows/verbal-referrals';
import { referralChangeJson, referralJson, isoDate } from '../shapes';
import { consoleRoute, idParam, json, programParams, stageChangeErrors } from '../kit';

export const referrals = router();
const route = consoleRoute();

const referralParams = programParams.extend({ referralId: idParam('referralId') });

/** The program, whether the account is a manager, and the representative whose view it is (null for a manager). */
async function staffView(c: Context<AppEnv>, programId: string) {
  const role = await programFor(c, programId, 'staff');
  const program = await consoleProgram(c, programId);
  return { program, manager: role === 'manager', representative: role === 'manager' ? null : c.get('accountId') };
}

/** A referral of the program the account may see: a representative only their own and their partners'. */
async function visibleReferral(c: Context<AppEnv>, programId: string, referralId: string) {
  const view = await staffView(c, programId);
  const referral = await getReferral(c.env.DB, { programId }, referralId);
  if (!referral || (view.representative && referral.ownerId !== view.representative && referral.partnerRepId !== view.representative)) throw notFound('Referral');
  return { ...view, referral };
}

/** The referral as the staff see it: what it matches now (it may differ from when it was registered), both sides shown. */
async function detail(db: D1Database, program: ProgramRow, r: ReferralRow) {
  const now = Date.now();
  const current = r.type === 'partner_to_program' && r.status === 'pending' ? await duplicatesOf(db, r, now) : r.duplicates;
  const ids = [...new Set(current.map((m) => m.referralId).filter((id): id is string => id !== null))];
  const [changes, matched] = await Promise.all([changesOf(db, r.id), matchedLeads(db, program.id, ids)]);
  return {
    ...referralJson({ ...r, duplicates: current }, 'staff', program.leadSlaHours, now),
    changes: changes.map(referralChangeJson),
    matchedLeads: matched.map((m) => ({ ...m, registeredAt: isoDate(m.registeredAt), lockedUntil: m.lockedUntil === null ? null : isoDate(m.lockedUntil) })),
  };
}

referrals.openapi(
  route.get(
    '/referrals',
    'listProgramReferrals',
    "The program's referrals and leads, filtered and sorted, a page at a time; a sales representative sees the ones they own and their partners'",
    { 200: json(ReferralPageSchema, 'One page'), 400: json(ErrorSchema, 'Invalid query') },
    { query: ConsoleReferralQuerySchema },
  ),
  async (c) => {
    const { programId } = c.req.valid('param');
    const query = c.req.valid('query');
    const { program, representative } = await staffView(c, programId);
    const now = Date.now();
    const { rows, total } = await listReferrals(c.env.DB, { programId, representative, now }, query);
    return c.json({ items: rows.map((r) => referralJson(r, 'staff', program.leadSlaHours, now)), total, page: query.page, pageSize: query.pageSize }, 200);
  },
);

referrals.openapi(
  route.post(
    '/referrals',
    'sendReferral',
    "Send a partner a referral to work (program to partner): the partner sees it as New and is emailed; a sales representative sends to their own partners",
    { 201: json(ConsoleReferralDetailSchema, 'Sent'), 400: json(ErrorSchema, 'Invalid input'), 422: json(ErrorSchema, 'The owner is not staff of the program') },
    { body: ConsoleReferralInputSchema },
  ),
  async (c) => {
    const { programId } = c.req.valid('param');
    const input = c.req.valid('json');
    const { program, representative } = await staffView(c, programId);
    const profile = await getProfile(c.env.DB, input.partnerId);
    if (!profile || profile.programId !== programId || (representative && profile.salesRepId !== representative)) throw notFound('Partner');
    const ownerId = input.ownerId ?? profile.salesRepId ?? representative;
    if (ownerId) await assertOwner(c.env.DB, programId, ownerId);
    const id = await sendReferral(c.env.DB, { program, partnerId: profile.id, ownerId, input, accountId: c.get('accountId'), now: Date.now() });
    return c.json(await detail(c.env.DB, program, (await getReferral(c.env.DB, { programId }, id))!), 201);
  },
);

referrals.openapi(
  route.get(
    '/referrals/{referralId}',
    'getProgramReferral',
    'One referral with its registration, the leads it matches (both sides), and its audit trail',
    { 200: json(ConsoleReferralDetailSchema, 'The referral') },
    { params: referralParams },
  ),
  async (c) => {
    const { programId, referralId } = c.req.valid('param');
    const { program, referral } = await visibleReferral(c, programId, referralId);
    return c.json(await detail(c.env.DB, program, referral), 200);
  },
);

referrals.openapi(
  route.patch(
    '/referrals/{referralId}',
    'updateProgramReferral',
    'Change the stage, value, notes, contract date or owner; won needs a value and contract date, and pays the deal rule\'s commission through the ledger',
    {
      200: json(ConsoleReferralDetailSchema, 'The referral as it now stands'),
      ...stageChangeErrors,
    },
    { params: referralParams, body: ReferralPatchSchema },
  ),
  async (c) => {
    const { programId, referralId } = c.req.valid('param');
    const { program, referral, manager } = await visibleReferral(c, programId, referralId);
    await changeReferral(c.env.DB, { program, referral, partner: (await earningPartner(c.env.DB, referral.partnerId))!, actor: 'staff', manager, patch: c.req.valid('json'), accountId: c.get('accountId'), now: Date.now() });
    return c.json(await detail(c.env.DB, program, (await getReferral(c.env.DB, { programId }, referralId))!), 200);
  },
);

referrals.openapi(
  route.delete(
    '/referrals/{referralId}/contacts',
    'eraseReferralContacts',
    "Erase a referral's contact persons and emails on request (managers only): the company, domain and deal stay, the lead no longer matches those people, and the audit trail records the erasure. Idempotent",
    { 200: json(ConsoleReferralDetailSchema, 'The referral as it now stands') },
    { params: referralParams },
  ),
  async (c) => {
    const { programId, referralId } = c.req.valid('param');
    const { program, manager } = await visibleReferral(c, programId, referralId);
    if (!manager) throw forbidden("Only a program manager erases a referral's contacts.");
    await eraseLeadContacts(c.env.DB, { programId, referralId, accountId: c.get('accountId'), changeId: `rch_${nanoid()}`, now: Date.now() });
    return c.json(await detail(c.env.DB, program, (await getReferral(c.env.DB, { programId }, referralId))!), 200);
  },
);

referrals.openapi(
  route.post(
    '/referrals/{referralId}/decision',
    'decideLead',
    'Decide on a lead (managers only): confirm it (locking it to the partner, with a sales representative), reject it, find it not genuine after the first call (lifting the lock), or renew its lock',
    {
      200: json(ConsoleReferralDetailSchema, 'Decided'),
      400: json(ErrorSchema, 'Invalid input'),
      409: json(ErrorSchema, 'Not a lead, not in a state for this decision, a duplicate (details: what it matches), or changed meanwhile'),
      422: json(ErrorSchema, 'The representative is not staff of the program'),
    },
    { params: referralParams, body: LeadDecisionSchema },
  ),
  async (c) => {
    const { programId, referralId } = c.req.valid('param');
    const { program, referral, manager } = await visibleReferral(c, programId, referralId);
    if (!manager) throw forbidden('Only a program manager confirms or rejects leads.');
    await decide(c.env.DB, { program, referral, decision: c.req.valid('json'), accountId: c.get('accountId'), now: Date.now() });
    return c.json(await detail(c.env.DB, program, (await getReferral(c.env.DB, { programId }, referralId))!), 200);
  },
);

referrals.openapi(
  route.post(
    '/verbal-referrals',
    'recordVerbalReferral',
    "Enter a referral heard in conversation on an advocate's behalf (staff): it is the advocate's lead, confirmed at once unless it matches another; an advocate not in the program is invited by email to join and claim it",
    { 201: json(VerbalReferralCreatedSchema, 'Recorded'), 400: json(ErrorSchema, 'Invalid input') },
    { body: VerbalReferralInputSchema },
  ),
  async (c) => {
    const { programId } = c.req.valid('param');
    const { program, representative } = await staffView(c, programId);
    const { referralId, invited } = await recordVerbalReferral(c.env.DB, {
      program, input: c.req.valid('json'), accountId: c.get('accountId'), representative: representative !== null,
      linkSecret: requiredSecret(c.env, 'EMAIL_LINK_SECRET'), now: Date.now(),
    });
    return c.json({ ...(await detail(c.env.DB, program, (await getReferral(c.env.DB, { programId }, referralId))!)), advocateInvited: invited }, 201);
  },
);
