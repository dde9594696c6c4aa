// GET /programs/{programId}/ledger/check: the ledger invariant, checked on demand.
import { LedgerCheckSchema } from '../../../shared/schemas/ledger';
import { router } from '../../env';
import { staffProgram } from '../../middleware/program-access';
import { ledgerViolations } from '../../db/ledger';
import { consoleRoute, json, payoutErrors } from '../kit';

export const ledger = router();
const route = consoleRoute(payoutErrors);

ledger.openapi(
  route.get('/ledger/check', 'checkLedger', 'The ledger invariant: every balance equals the sum of its entries, and no commission is overdrawn', {
    200: json(LedgerCheckSchema, 'The result; ok is false with the violations listed'),
  }),
  async (c) => {
    const program = await staffProgram(c, c.req.valid('param').programId);
    const v = await ledgerViolations(c.env.DB, program.id);
    return c.json({ ok: v.balances.length === 0 && v.overdrawnLots.length === 0, ...v }, 200);
  },
);
