// GET /partners/{partnerId}/ledger: every entry on the partner's balance, and why.
import { z } from '@hono/zod-openapi';
import { LedgerEntrySchema } from '../../../shared/schemas/ledger';
import { router } from '../../env';
import { partnerFor } from '../../middleware/partner-access';
import { entriesOf } from '../../db/ledger';
import { json, partnerRoute } from '../kit';
import { ledgerEntryJson } from '../shapes';

export const ledger = router();
const route = partnerRoute('Partners');

ledger.openapi(
  route.get('/ledger', 'getPartnerLedger', "The partner's ledger entries with their reasons, newest first", {
    200: json(z.array(LedgerEntrySchema), 'Entries'),
  }),
  async (c) => {
    const partner = await partnerFor(c, c.req.valid('param').partnerId);
    return c.json((await entriesOf(c.env.DB, { partnerId: partner.id })).map(ledgerEntryJson), 200);
  },
);
