// A partner's withdrawal requests: asking for the available balance, paid when the period closes, and canceling one.
import { IdempotencyHeaders } from '../../../shared/schemas/common';
import { WithdrawalInputSchema, WithdrawalSchema } from '../../../shared/schemas/payouts';
import { router } from '../../env';
import { ApiError, forbidden, notFound, refused as fail } from '../../middleware/errors';
import { idempotent } from '../../middleware/idempotency';
import { partnerMoney } from '../../middleware/partner-access';
import { settlement } from '../../domain/withdrawals';
import { requestPartnerWithdrawal } from '../../flows/withdrawals';
import { getWithdrawal, settleWithdrawal } from '../../db/withdrawals';
import { idParam, json, partnerMoneyErrors, partnerParams, partnerRoute, refuseWhileTermsPending } from '../kit';
import { withdrawalJson } from '../shapes';

export const withdrawals = router();
const route = partnerRoute('Partner money');

withdrawals.openapi(
  route.post(
    '/withdrawals',
    'requestWithdrawal',
    'Request a withdrawal of available balance, paid when the reporting period closes',
    { 201: json(WithdrawalSchema, 'Requested; the amount left the available balance'), ...partnerMoneyErrors },
    {
      headers: IdempotencyHeaders,
      body: WithdrawalInputSchema,
      description: 'At least the program minimum, at most the available balance, one open request at a time, to the payout method on file.',
    },
  ),
  async (c) => {
    const input = c.req.valid('json');
    const { partner, program, membership, mayMoveMoney } = await partnerMoney(c, c.req.valid('param').partnerId);
    if (!mayMoveMoney) throw forbidden('Only the owner or a finance member may request withdrawals.');
    if (partner.status !== 'partner') throw new ApiError(422, 'not_approved', 'Withdrawals open once the program has approved the partnership.');
    await refuseWhileTermsPending(c, partner.id, 'withdrawals');
    return idempotent(c, program.id, input, async () => {
      const result = await requestPartnerWithdrawal(c.env.DB, program, partner.id, membership!.id, input.amount);
      if (result.kind === 'refused') throw fail(result.problem);
      return c.json(withdrawalJson(result.withdrawal), 201);
    });
  },
);

withdrawals.openapi(
  route.post(
    '/withdrawals/{withdrawalId}/cancel',
    'cancelWithdrawal',
    'Cancel an open request before the period closes; the amount returns to the available balance',
    { 200: json(WithdrawalSchema, 'Canceled'), ...partnerMoneyErrors },
    { params: partnerParams.extend({ withdrawalId: idParam('withdrawalId') }) },
  ),
  async (c) => {
    const { withdrawalId } = c.req.valid('param');
    const { partner, program, mayMoveMoney } = await partnerMoney(c, c.req.valid('param').partnerId);
    if (!mayMoveMoney) throw forbidden('Only the owner or a finance member may cancel withdrawals.');
    const w = await getWithdrawal(c.env.DB, program.id, withdrawalId);
    if (!w || w.partnerId !== partner.id) throw notFound('Withdrawal');
    const move = settlement('cancel', w, null);
    const moved = await settleWithdrawal(c.env.DB, program.id, { ...move, id: w.id, partnerId: partner.id, amount: w.amount, reason: 'Canceled by the partner', now: Date.now() });
    if (!moved && w.status !== move.to) throw new ApiError(409, 'not_cancelable', `This withdrawal is ${w.status} and can no longer be canceled.`);
    const after = (await getWithdrawal(c.env.DB, program.id, withdrawalId))!;
    return c.json(withdrawalJson(after), 200);
  },
);
