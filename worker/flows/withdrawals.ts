// A partner's withdrawal request: at least the minimum, at most the available balance, one open at a time.
import { nanoid } from 'nanoid';
import { money, type Money } from '../../shared/money';
import type { ProgramRow } from '../env';
import { insufficient, withdrawalProblem, withdrawalRequested, type Problem } from '../domain/withdrawals';
import { balanceOf } from '../db/ledger';
import { getWithdrawal, payoutFacts, requestWithdrawal, type WithdrawalRow } from '../db/withdrawals';

export type WithdrawalResult = { kind: 'requested'; withdrawal: WithdrawalRow } | { kind: 'refused'; problem: Problem };

/** Reserves the amount (it leaves the available balance at once) unless the rules refuse it, before or in the race. */
export async function requestPartnerWithdrawal(db: D1Database, program: ProgramRow, partnerId: string, memberId: string, amount: Money, now = Date.now()): Promise<WithdrawalResult> {
  const minimum = money(program.withdrawalMinimumMinor, program.currency);
  const problemNow = async () => {
    const [balance, facts] = await Promise.all([balanceOf(db, { partnerId }, program.currency), payoutFacts(db, partnerId)]);
    return { balance, facts, problem: withdrawalProblem({ amount, programCurrency: program.currency, available: balance.available, minimum, ...facts }) };
  };
  const { facts, problem } = await problemNow();
  if (problem) return { kind: 'refused', problem };
  const id = `wd_${nanoid()}`;
  const stood = await requestWithdrawal(db, {
    id, programId: program.id, partnerId, amount, minimum, method: facts.payoutMethod!, memberId,
    entry: withdrawalRequested(partnerId, id, amount, facts.payoutMethod!), now,
  });
  if (!stood) {
    // Another request won the race: say why this one cannot stand now.
    const after = await problemNow();
    return { kind: 'refused', problem: after.problem ?? insufficient(after.balance.available, 'this withdrawal') };
  }
  return { kind: 'requested', withdrawal: (await getWithdrawal(db, program.id, id))! };
}
