// GET /partners/{partnerId}/balance: pending, available and paid, the next payout date, the minimum and the withdrawal history.
import { PartnerBalanceSchema } from '../../../shared/schemas/payouts';
import { money, type Money } from '../../../shared/money';
import { router } from '../../env';
import { partnerMoney } from '../../middleware/partner-access';
import { periodAt } from '../../domain/periods';
import { fullBalanceRead } from '../../db/ledger';
import { readTogether } from '../../db/reads';
import { awaitingConfirmationRead } from '../../db/signup-confirmations';
import { payoutFactsRead, withdrawalsRead, type PayoutFacts, type WithdrawalRow } from '../../db/withdrawals';
import type { Balance } from '../../domain/ledger';
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
    const db = c.env.DB;
    const [full, awaiting, facts, history] = await readTogether<[Balance, Money, PayoutFacts, WithdrawalRow[]]>(db, [
      fullBalanceRead(db, { partnerId: partner.id }, program.currency),
      awaitingConfirmationRead(db, partner.id, program.currency),
      payoutFactsRead(db, partner.id),
      withdrawalsRead(db, partner.id),
    ]);
    // The next payout is at the end of the reporting period now open: its calendar end, even after an early close.
    const period = periodAt(program.reportingPeriod, Date.now());
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
