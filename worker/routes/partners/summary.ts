// GET /partners/{partnerId}: the partner's summary, its status, balance and totals.
import { PartnerSummarySchema } from '../../../shared/schemas/partners';
import { router } from '../../env';
import { partnerFor, partnerProgram } from '../../middleware/partner-access';
import { partnerDisplayId } from '../../domain/partners';
import { listPartnerInvitations } from '../../db/invitations';
import { balanceOf } from '../../db/ledger';
import { json, partnerRoute } from '../kit';

export const summary = router();
const route = partnerRoute('Partners');

summary.openapi(
  route.get('/', 'getPartner', "The partner's summary: status, balance and totals", { 200: json(PartnerSummarySchema, 'The partner') }),
  async (c) => {
    const partner = await partnerFor(c, c.req.valid('param').partnerId);
    const program = await partnerProgram(c, partner);
    const [balance, invitations] = await Promise.all([
      balanceOf(c.env.DB, { partnerId: partner.id }, program!.currency),
      listPartnerInvitations(c.env.DB, partner.id),
    ]);
    const total = (k: 'clicks' | 'scans' | 'signups') => invitations.reduce((n, i) => n + i[k], 0);
    return c.json(
      {
        id: partner.id,
        displayId: partnerDisplayId(partner.status, partner.number),
        name: partner.name,
        status: partner.status,
        balance,
        stats: { clicks: total('clicks'), scans: total('scans'), signups: total('signups') },
      },
      200,
    );
  },
);
