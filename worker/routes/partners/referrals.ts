// A partner's referral records: a searchable, sortable, paginated list; register one; edit its stage, value and notes,
// with every change kept in its audit trail.
import { nanoid } from 'nanoid';
import { ErrorSchema } from '../../../shared/schemas/common';
import { ReferralDetailSchema, ReferralInputSchema, ReferralPageSchema, ReferralPatchSchema, ReferralQuerySchema } from '../../../shared/schemas/referrals';
import { money } from '../../../shared/money';
import { router } from '../../env';
import { partnerFor } from '../../middleware/partner-access';
import { notFound } from '../../middleware/errors';
import { referralChanges } from '../../domain/referrals';
import { changesOf, getReferral, insertReferral, listReferrals, updateReferral, type ReferralRow } from '../../db/referrals';
import { getProgram } from '../../db/programs';
import { membershipOf } from '../../db/partners';
import { getProfile } from '../../db/partner-profile';
import { isoDate } from '../shapes';
import { idParam, json, partnerParams, partnerRoute, refuseWhileTermsPending, termsPausedError } from '../kit';

export const referrals = router();
const route = partnerRoute('Referrals');

const referralParams = partnerParams.extend({ referralId: idParam('referralId') });

function referralJson(r: ReferralRow) {
  return {
    id: r.id,
    customerName: r.customerName,
    contactPersons: r.contactPersons,
    requirement: r.requirement,
    product: r.product,
    type: r.type,
    stage: r.stage,
    value: r.valueMinor === null || !r.currency ? null : money(r.valueMinor, r.currency),
    notes: r.notes,
    owner: r.ownerId ? { id: r.ownerId, name: r.ownerName ?? '' } : null,
    registeredAt: isoDate(r.registeredAt),
    updatedAt: isoDate(r.updatedAt),
  };
}

async function detail(db: D1Database, r: ReferralRow) {
  const changes = await changesOf(db, r.id);
  return { ...referralJson(r), changes: changes.map((ch) => ({ ...ch, at: isoDate(ch.at) })) };
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
    const { rows, total } = await listReferrals(c.env.DB, partner.id, query);
    return c.json({ items: rows.map(referralJson), total, page: query.page, pageSize: query.pageSize }, 200);
  },
);

referrals.openapi(
  route.post(
    '/referrals',
    'createReferral',
    'Register a referral (stage New); its owner is the sales representative assigned to the partner',
    { 201: json(ReferralDetailSchema, 'Registered'), 400: json(ErrorSchema, 'Invalid input'), 409: termsPausedError },
    { body: ReferralInputSchema },
  ),
  async (c) => {
    const partner = await partnerFor(c, c.req.valid('param').partnerId);
    await refuseWhileTermsPending(c, partner.id, 'referrals');
    const input = c.req.valid('json');
    const [program, profile] = await Promise.all([getProgram(c.env.DB, partner.programId), getProfile(c.env.DB, partner.id)]);
    const id = `ref_${nanoid()}`;
    await insertReferral(c.env.DB, {
      id, programId: partner.programId, partnerId: partner.id, customerName: input.customerName,
      contactPersons: input.contactPersons || null, requirement: input.requirement || null, product: input.product || null,
      valueMinor: input.valueMinor ?? null, currency: program!.currency, notes: input.notes || null,
      ownerId: profile?.salesRepId ?? null, accountId: c.get('accountId'), changeId: `rch_${nanoid()}`, now: Date.now(),
    });
    return c.json(await detail(c.env.DB, (await getReferral(c.env.DB, partner.id, id))!), 201);
  },
);

referrals.openapi(
  route.get(
    '/referrals/{referralId}',
    'getReferral',
    'One referral with its audit trail, newest change first',
    { 200: json(ReferralDetailSchema, 'The referral') },
    { params: referralParams },
  ),
  async (c) => {
    const { partnerId, referralId } = c.req.valid('param');
    const partner = await partnerFor(c, partnerId);
    const r = await getReferral(c.env.DB, partner.id, referralId);
    if (!r) throw notFound('Referral');
    return c.json(await detail(c.env.DB, r), 200);
  },
);

referrals.openapi(
  route.patch(
    '/referrals/{referralId}',
    'updateReferral',
    'Change the stage, value or notes; each changed field is added to the audit trail',
    { 200: json(ReferralDetailSchema, 'The referral as it now stands'), 400: json(ErrorSchema, 'Invalid change') },
    { params: referralParams, body: ReferralPatchSchema },
  ),
  async (c) => {
    const { partnerId, referralId } = c.req.valid('param');
    const partner = await partnerFor(c, partnerId);
    const before = await getReferral(c.env.DB, partner.id, referralId);
    if (!before) throw notFound('Referral');
    const patch = c.req.valid('json');
    const changes = referralChanges(
      { stage: before.stage, notes: before.notes, valueMinor: before.valueMinor },
      { ...patch, notes: patch.notes === undefined ? undefined : patch.notes || null },
    );
    if (changes.length > 0) {
      const program = await getProgram(c.env.DB, partner.programId);
      await updateReferral(c.env.DB, {
        referralId: before.id,
        programId: partner.programId,
        partnerId: partner.id,
        // Staff moving a partner's referral is news to the partner (it is emailed); the partner's own move is not.
        changedBy: (await membershipOf(c.env.DB, c.get('accountId'), partner.id)) ? 'partner' : 'program',
        currency: program!.currency,
        changes: changes.map((ch) => ({ ...ch, id: `rch_${nanoid()}`, column: ch.field === 'value' ? (ch.newValue === null ? null : Number(ch.newValue)) : ch.newValue })),
        accountId: c.get('accountId'),
        now: Date.now(),
      });
    }
    return c.json(await detail(c.env.DB, (await getReferral(c.env.DB, partner.id, referralId))!), 200);
  },
);
