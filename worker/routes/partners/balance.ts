// GET /partners/{partnerId}/balance: pending, available and paid, the next payout date, the minimum and the withdrawal history.
import { PartnerBalanceSchema } from '../../../shared/schemas/payouts';
import { money } from '../../../shared/money';
import { router } from '../../env';
import { partnerMoney } from '../../middleware/partner-access';
import { currentPeriod } from '../../flows/periods';
import { fullBalanceOf } from '../../db/ledger';
import { awaitingConfirmationOf } from '../../db/signup-confirmations';
import { payoutFacts, withdrawalsOf } from '../../db/withdrawals';
import { json, partnerRoute } from '../kit';
import { isoDate, withdrawalJson } from '../shapes';

export const balance = router();
const route = partnerRoute('Partner money');

balance.openapi(
  route.get('/balance', 'getPartnerBalance', 'Balance (pending, available, paid), next payout date, the withdrawal minimum and the withdrawal history', {
    200: json(PartnerBalanceSchema, 'The balance'),
  }),
  async (c) => {
    const { partner, program, mayMoveMoney } = await partnerMoney(c, c.req.valid('param').partnerId);
    const [full, awaiting, facts, history, period] = await Promise.all([
      fullBalanceOf(c.env.DB, { partnerId: partner.id }, program.currency),
      awaitingConfirmationOf(c.env.DB, partner.id, program.currency),
      payoutFacts(c.env.DB, partner.id),
      withdrawalsOf(c.env.DB, partner.id),
      currentPeriod(c.env.DB, program, Date.now()),
    ]);
    const open = history.find((w) => w.status === 'requested' || w.status === 'approved') ?? null;
    return c.json(
      {
        balance: { pending: full.pending, available: full.available, paid: full.paid },
        awaitingConfirmation: awaiting,
        reversed: full.reversed,
        nextPayoutAt: isoDate(period.endsAt),
        withdrawalMinimum: money(program.withdrawalMinimumMinor, program.currency),
        payoutMethod: facts.payoutMethod,
        openWithdrawal: open ? withdrawalJson(open) : null,
        mayWithdraw: mayMoveMoney,
        withdrawals: history.map(withdrawalJson),
      },
      200,
    );
  },
);
