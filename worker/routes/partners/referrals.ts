// A partner's referral records: a searchable, sortable, paginated list; register a lead (matched for duplicates at
// once); move a referral between the partner's stages, or propose that a deal is won. Every change is in its audit trail.
import { ErrorSchema } from '../../../shared/schemas/common';
import { ReferralDetailSchema, ReferralInputSchema, ReferralPageSchema, ReferralPatchSchema, ReferralQuerySchema, WonProposalSchema } from '../../../shared/schemas/referrals';
import { router, type AppEnv, type ProgramRow } from '../../env';
import type { Context } from 'hono';
import { membershipFor, partnerFor, partnerProgram } from '../../middleware/partner-access';
import { forbidden, notFound } from '../../middleware/errors';
import { changesOf, getReferral, listReferrals, type ReferralRow } from '../../db/referrals';
import { earningPartner } from '../../db/partners';
import { getProfile } from '../../db/partner-profile';
import { staffRole } from '../../db/console';
import { changeReferral, proposeWin, registerLead } from '../../flows/leads';
import { referralChangeJson, referralJson } from '../shapes';
import { idParam, json, partnerParams, partnerRoute, refuseWhileTermsPending, stageChangeErrors, termsPausedError } from '../kit';

export const referrals = router();
const route = partnerRoute('Referrals');

const referralParams = partnerParams.extend({ referralId: idParam('referralId') });

async function detail(db: D1Database, program: ProgramRow, r: ReferralRow) {
  const changes = await changesOf(db, r.id);
  return { ...referralJson(r, 'partner', program.leadSlaHours, Date.now()), changes: changes.map(referralChangeJson) };
}

/** The partner, its program and the referral; 404 when the referral is not this partner's. */
async function referralOf(c: Context<AppEnv>, partnerId: string, referralId: string) {
  const partner = await partnerFor(c, partnerId);
  const [program, referral] = await Promise.all([partnerProgram(c, partner), getReferral(c.env.DB, { partnerId: partner.id }, referralId)]);
  if (!referral) throw notFound('Referral');
  return { partner, program: program!, referral };
}

referrals.openapi(
  route.get(
    '/referrals',
    'listReferrals',
    "The partner's referrals: one search box over every field but the creation date, sortable, a page at a time",
    { 200: json(ReferralPageSchema, 'One page'), 400: json(ErrorSchema, 'Invalid query') },
    { query: ReferralQuerySchema },
  ),
  async (c) => {
    const partner = await partnerFor(c, c.req.valid('param').partnerId);
    const query = c.req.valid('query');
    const [program, { rows, total }] = await Promise.all([partnerProgram(c, partner), listReferrals(c.env.DB, { partnerId: partner.id }, query)]);
    const now = Date.now();
    return c.json({ items: rows.map((r) => referralJson(r, 'partner', program!.leadSlaHours, now)), total, page: query.page, pageSize: query.pageSize }, 200);
  },
);

referrals.openapi(
  route.post(
    '/referrals',
    'createReferral',
    "Register a lead (partner to program): matched at once against the program's leads and customers, awaiting the program's answer by its deadline; its owner is the partner's sales representative",
    { 201: json(ReferralDetailSchema, 'Registered; `duplicates` says what it matched, if anything'), 400: json(ErrorSchema, 'Invalid input'), 409: termsPausedError },
    { body: ReferralInputSchema },
  ),
  async (c) => {
    const partner = await partnerFor(c, c.req.valid('param').partnerId);
    await refuseWhileTermsPending(c, partner.id, 'referrals');
    const [program, profile] = await Promise.all([partnerProgram(c, partner), getProfile(c.env.DB, partner.id)]);
    const id = await registerLead(c.env.DB, { program: program!, partnerId: partner.id, ownerId: profile?.salesRepId ?? null, input: c.req.valid('json'), accountId: c.get('accountId'), now: Date.now() });
    return c.json(await detail(c.env.DB, program!, (await getReferral(c.env.DB, { partnerId: partner.id }, id))!), 201);
  },
);

referrals.openapi(
  route.get(
    '/referrals/{referralId}',
    'getReferral',
    'One referral with its registration, what it matched, and its audit trail, newest change first',
    { 200: json(ReferralDetailSchema, 'The referral') },
    { params: referralParams },
  ),
  async (c) => {
    const { partnerId, referralId } = c.req.valid('param');
    const { program, referral } = await referralOf(c, partnerId, referralId);
    return c.json(await detail(c.env.DB, program, referral), 200);
  },
);

referrals.openapi(
  route.patch(
    '/referrals/{referralId}',
    'updateReferral',
    "Change the stage, value or notes. The partner's people move it between new, in progress and lost; the program's staff also set won (with value and contract date, which pays the commission) and junk",
    {
      200: json(ReferralDetailSchema, 'The referral as it now stands'),
      ...stageChangeErrors,
      403: json(ErrorSchema, 'A stage or field only the program sets'),
    },
    { params: referralParams, body: ReferralPatchSchema },
  ),
  async (c) => {
    const { partnerId, referralId } = c.req.valid('param');
    const { partner, program, referral } = await referralOf(c, partnerId, referralId);
    const member = membershipFor(c, partner);
    const role = await staffRole(c.env.DB, partner.programId, c.get('accountId'));
    await changeReferral(c.env.DB, {
      program, referral, partner: (await earningPartner(c.env.DB, partner.id))!, actor: member ? 'partner' : 'staff', manager: !member && role === 'manager',
      patch: c.req.valid('json'), accountId: c.get('accountId'), now: Date.now(),
    });
    return c.json(await detail(c.env.DB, program, (await getReferral(c.env.DB, { partnerId: partner.id }, referralId))!), 200);
  },
);

referrals.openapi(
  route.post(
    '/referrals/{referralId}/won-proposal',
    'proposeWon',
    "Propose that the deal is won (the partner's people): the program's staff are told, and confirm it as won with its value and contract date",
    {
      200: json(ReferralDetailSchema, 'Proposed'),
      400: json(ErrorSchema, 'Invalid input'),
      403: json(ErrorSchema, "Program staff: set the stage to won instead"),
      409: json(ErrorSchema, 'Won or junk already, proposed already, or a lead not locked to the partner'),
    },
    { params: referralParams, body: WonProposalSchema },
  ),
  async (c) => {
    const { partnerId, referralId } = c.req.valid('param');
    const { partner, program, referral } = await referralOf(c, partnerId, referralId);
    if (!membershipFor(c, partner)) throw forbidden("The program's staff set the stage to won; a partner's people propose it.");
    await proposeWin(c.env.DB, { program, referral, note: c.req.valid('json').note || null, accountId: c.get('accountId'), now: Date.now() });
    return c.json(await detail(c.env.DB, program, (await getReferral(c.env.DB, { partnerId: partner.id }, referralId))!), 200);
  },
);
