// A partner's own record: status (and why, when rejected or suspended), accepted terms and onboarding details.
import { ErrorSchema } from '../../../shared/schemas/common';
import { PartnerProfilePatchSchema, PartnerProfileSchema } from '../../../shared/schemas/partners';
import { router } from '../../env';
import { membershipFor, partnerFor } from '../../middleware/partner-access';
import { forbidden, notFound } from '../../middleware/errors';
import { mayMoveMoney, partnerDisplayId } from '../../domain/partners';
import { getProfile, updateProfile, type ProfileRow } from '../../db/partner-profile';
import { isoDate } from '../shapes';
import { json, partnerRoute } from '../kit';

export const profile = router();
const route = partnerRoute('Partners');

function profileJson(p: ProfileRow) {
  return {
    id: p.id,
    displayId: partnerDisplayId(p.status, p.number),
    name: p.name,
    email: p.email,
    status: p.status,
    statusReason: p.status === 'rejected' || p.status === 'suspended' ? p.statusReason : null,
    company: p.company,
    contactName: p.contactName,
    contactPhone: p.contactPhone,
    payoutMethod: p.payoutMethod,
    payoutDetails: p.payoutDetails,
    taxId: p.taxId,
    billingAddress: p.billingAddress,
    termsVersion: p.termsVersion,
    termsAcceptedAt: p.termsAcceptedAt === null ? null : isoDate(p.termsAcceptedAt),
    approvedAt: p.approvedAt === null ? null : isoDate(p.approvedAt),
    salesRep: p.salesRepId ? { id: p.salesRepId, name: p.salesRepName ?? '' } : null,
    createdAt: isoDate(p.createdAt),
  };
}

profile.openapi(
  route.get('/profile', 'getPartnerProfile', "The partner's status, accepted terms and onboarding details", { 200: json(PartnerProfileSchema, 'The profile') }),
  async (c) => {
    const partner = await partnerFor(c, c.req.valid('param').partnerId);
    const profile = await getProfile(c.env.DB, partner.id);
    if (!profile) throw notFound('Partner');
    return c.json(profileJson(profile), 200);
  },
);

profile.openapi(
  route.patch(
    '/profile',
    'updatePartnerProfile',
    'Change onboarding details: contact, company, payout method and details, tax id, billing address',
    {
      200: json(PartnerProfileSchema, 'The profile as it now stands'),
      400: json(ErrorSchema, 'Invalid input'),
      403: json(ErrorSchema, 'Payout, tax and contact email changes need the owner or a finance member'),
    },
    { body: PartnerProfilePatchSchema },
  ),
  async (c) => {
    const partner = await partnerFor(c, c.req.valid('param').partnerId);
    const patch = c.req.valid('json');
    // Where the money goes, and its tax facts, are changed only by the partner's owner or finance members.
    const moneyFields = (['email', 'payoutMethod', 'payoutDetails', 'taxId', 'billingAddress'] as const).filter((k) => patch[k] !== undefined);
    if (moneyFields.length > 0) {
      const membership = membershipFor(c, partner);
      if (!mayMoveMoney(membership)) {
        throw forbidden(`Only the partner's owner or a finance member may change ${moneyFields.join(', ')}.`);
      }
    }
    // An emptied field is stored as "not given", never as an empty string.
    const changes = Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, v === '' ? null : v]));
    await updateProfile(c.env.DB, partner.id, changes);
    return c.json(profileJson((await getProfile(c.env.DB, partner.id))!), 200);
  },
);
