// GET /partners/{partnerId}: the partner's summary, its status, balance and totals.
import { PartnerSummarySchema } from '../../../shared/schemas/partners';
import { router } from '../../env';
import { partnerFor, partnerProgram } from '../../middleware/partner-access';
import { partnerDisplayId } from '../../domain/partners';
import { partnerInvitationTotalsRead } from '../../db/invitations';
import { balanceRead } from '../../db/ledger';
import { readTogether } from '../../db/reads';
import { json, partnerRoute } from '../kit';

export const summary = router();
const route = partnerRoute('Partners');

summary.openapi(
  route.get('/', 'getPartner', "The partner's summary: status, balance and totals", { 200: json(PartnerSummarySchema, 'The partner') }),
  async (c) => {
    const partner = await partnerFor(c, c.req.valid('param').partnerId);
    const program = await partnerProgram(c, partner);
    // One round trip after the session guard's: the balance and the invitations' totals together.
    const [balance, stats] = await readTogether(c.env.DB, [
      balanceRead(c.env.DB, { partnerId: partner.id }, program.currency),
      partnerInvitationTotalsRead(c.env.DB, partner.id),
    ]);
    return c.json(
      {
        id: partner.id,
        displayId: partnerDisplayId(partner.status, partner.number),
        name: partner.name,
        status: partner.status,
        balance,
        stats,
      },
      200,
    );
  },
);
