// /programs/{programId}/withdrawals/{withdrawalId}/paid|failed|reject: a manager settles a withdrawal.
import { ErrorSchema } from '../../../shared/schemas/common';
import { SettleInputSchema, WithdrawalSchema } from '../../../shared/schemas/payouts';
import { router } from '../../env';
import { ApiError, notFound } from '../../middleware/errors';
import { staffProgram } from '../../middleware/program-access';
import { settlement } from '../../domain/withdrawals';
import { getWithdrawal, settleWithdrawal } from '../../db/withdrawals';
import { consoleRoute, json, pathParam, payoutErrors, programParams } from '../kit';
import { withdrawalJson } from '../shapes';

export const withdrawals = router();
const route = consoleRoute(payoutErrors);

const settleRoute = (action: 'paid' | 'failed' | 'reject', summary: string) =>
  route.post(
    `/withdrawals/{withdrawalId}/${action}`,
    { paid: 'markWithdrawalPaid', failed: 'markWithdrawalFailed', reject: 'rejectWithdrawal' }[action],
    summary,
    { 200: json(WithdrawalSchema, 'Settled'), 409: json(ErrorSchema, 'Not in a state that allows this') },
    { params: programParams.extend({ withdrawalId: pathParam('withdrawalId') }), body: SettleInputSchema, optionalBody: true },
  );

for (const [action, summary] of [
  ['paid', 'Mark a batched withdrawal paid'],
  ['failed', 'Mark a batched withdrawal failed; the money returns to the partner\'s balance'],
  ['reject', 'Reject a withdrawal request with a reason; the money returns to the partner\'s balance'],
] as const) {
  withdrawals.openapi(settleRoute(action, summary), async (c) => {
    const { programId, withdrawalId } = c.req.valid('param');
    const program = await staffProgram(c, programId);
    const reason = (await c.req.json().catch(() => ({}))) as { reason?: unknown };
    const parsed = SettleInputSchema.safeParse(reason);
    const why = parsed.success ? parsed.data.reason ?? null : null;
    const w = await getWithdrawal(c.env.DB, program.id, withdrawalId);
    if (!w) throw notFound('Withdrawal');
    const move = settlement(action, w, why);
    const moved = await settleWithdrawal(c.env.DB, program.id, { id: w.id, partnerId: w.partnerId, amount: w.amount, from: move.from, to: move.to, reason: why, entry: move.entry, now: Date.now() });
    if (!moved && w.status !== move.to) throw new ApiError(409, 'not_settleable', `This withdrawal is ${w.status}; it cannot be marked ${move.to}.`);
    return c.json(withdrawalJson((await getWithdrawal(c.env.DB, program.id, withdrawalId))!), 200);
  });
}
