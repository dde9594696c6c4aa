// Withdrawing: the next payout date, the minimum, a request form for owners and finance members, and the history.
import { useState } from 'preact/hooks';
import type { PartnerBalance } from '../../../shared/schemas/payouts';
import { isPositive, parseAmount } from '../../../shared/money';
import { api } from '../api';
import { amount, dateTime, longDay as day, words } from '../display';
import { useApiSubmit } from '../useApiSubmit';
import { FormProblems } from './FormProblems';
import { DataTable } from './DataTable';

interface Props {
  partnerId: string;
  balance: PartnerBalance;
  onChanged: () => void;
}

const METHOD = { card: 'card', bank_account: 'bank account' } as const;

export function Withdrawals({ partnerId, balance: b, onChanged }: Props) {
  const { busy, error, problems, run } = useApiSubmit();
  const [done, setDone] = useState('');
  // One key per intended request: a double submit or a retried call reserves the money once.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const currency = b.withdrawalMinimum.currency;

  async function submit(e: Event) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const typed = String(new FormData(form).get('amount') ?? '');
    setDone('');
    await run(async () => {
      const value = parseAmount(typed, currency);
      if (!value || !isPositive(value)) throw new Error(`Enter an amount in ${currency}, e.g. 50.00.`);
      const w = await api.requestWithdrawal(partnerId, value, key);
      form.reset();
      setKey(crypto.randomUUID());
      setDone(`Requested ${amount(w.amount)}. It is paid on ${day(b.nextPayoutAt)}.`);
      onChanged();
    });
  }

  async function cancel(withdrawalId: string) {
    await run(async () => {
      await api.cancelWithdrawal(partnerId, withdrawalId);
      setDone('Request canceled; the amount is back in your available balance.');
      onChanged();
    });
  }

  const open = b.openWithdrawal;
  return (
    <div class="withdrawals" data-testid="withdrawals">
      <dl class="payout-facts">
        <div><dt>Next payout</dt><dd data-testid="next-payout"><time dateTime={b.nextPayoutAt}>{day(b.nextPayoutAt)}</time></dd></div>
        <div><dt>Minimum withdrawal</dt><dd>{amount(b.withdrawalMinimum)}</dd></div>
        <div><dt>Paid to</dt><dd>{b.payoutMethod ? METHOD[b.payoutMethod] : 'no payout method on file'}</dd></div>
      </dl>
      <p class="muted">
        To top up your balance (for instance to pay a client's subscription), pay the program as agreed; it appears here as a top-up once the program records it.
      </p>

      {open ? (
        <div class="notice notice-info" role="status" data-testid="open-withdrawal">
          <span>
            {amount(open.amount)} requested on {dateTime(open.createdAt)} ({words(open.status)}), to be paid on {day(b.nextPayoutAt)}.
          </span>
          {b.mayWithdraw && open.status === 'requested' && (
            <button type="button" class="btn btn-small" onClick={() => void cancel(open.id)} disabled={busy}>Cancel request</button>
          )}
        </div>
      ) : b.mayWithdraw ? (
        <form class="withdraw-form" onSubmit={submit} noValidate aria-labelledby="withdraw-title">
          <h3 id="withdraw-title">Request a withdrawal</h3>
          <div class="form-row">
            <label class="field">
              <span>Amount ({currency})</span>
              <input name="amount" type="text" inputMode="decimal" autocomplete="off" placeholder="e.g. 50.00" aria-describedby="withdraw-hint" />
              <small id="withdraw-hint">
                From {amount(b.withdrawalMinimum)} up to {amount(b.balance.available)} available
              </small>
            </label>
            <button type="submit" class="btn btn-primary" aria-busy={busy}>{busy ? 'Requesting…' : 'Request withdrawal'}</button>
          </div>
        </form>
      ) : (
        <p class="muted">The partner's owner or a finance member can request withdrawals.</p>
      )}
      <FormProblems error={error} problems={problems} />
      <p class="form-success" role="status">{done}</p>

      {b.withdrawals.length > 0 && (
        <DataTable label="Withdrawal history" testId="withdrawal-history">
          <caption class="table-caption">Withdrawal history</caption>
          <thead>
            <tr><th scope="col">Requested</th><th scope="col">To</th><th scope="col">Status</th><th scope="col" class="num">Amount</th></tr>
          </thead>
          <tbody>
            {b.withdrawals.map((w) => (
              <tr key={w.id}>
                <td class="nowrap"><time dateTime={w.createdAt}>{dateTime(w.createdAt)}</time></td>
                <td>{METHOD[w.payoutMethod]}</td>
                <td>
                  <span class={`badge badge-w-${w.status}`}>{words(w.status)}</span>
                  {w.statusReason && <span class="status-reason">{w.statusReason}</span>}
                </td>
                <td class="num">{amount(w.amount)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </div>
  );
}
