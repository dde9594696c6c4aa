// Withdrawing: the next payout date, the minimum, a request form for owners and finance members, and the history.
import { useState } from 'preact/hooks';
import type { PartnerBalance } from '../../../shared/schemas/payouts';
import { isPositive, parseAmount } from '../../../shared/money';
import { api } from '../api';
import { amount, dateTime, longDay as day, words } from '../display';
import { useApiSubmit } from '../useApiSubmit';
import { FormProblems } from './FormProblems';
import { DataTable } from './DataTable';
import { t, type MessageKey } from '../i18n';

interface Props {
  partnerId: string;
  balance: PartnerBalance;
  onChanged: () => void;
}

const METHOD = { card: 'payout.card', bank_account: 'payout.bankAccount' } as const satisfies Record<string, MessageKey>;

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
      if (!value || !isPositive(value)) throw new Error(t('withdraw.enterAmount', { currency }));
      const w = await api.requestWithdrawal(partnerId, value, key);
      form.reset();
      setKey(crypto.randomUUID());
      setDone(t('withdraw.requested', { amount: amount(w.amount), date: day(b.nextPayoutAt) }));
      onChanged();
    });
  }

  async function cancel(withdrawalId: string) {
    await run(async () => {
      await api.cancelWithdrawal(partnerId, withdrawalId);
      setDone(t('withdraw.canceled'));
      onChanged();
    });
  }

  const open = b.openWithdrawal;
  return (
    <div class="withdrawals" data-testid="withdrawals">
      <dl class="payout-facts">
        <div><dt>{t('withdraw.nextPayout')}</dt><dd data-testid="next-payout"><time dateTime={b.nextPayoutAt}>{day(b.nextPayoutAt)}</time></dd></div>
        <div><dt>{t('withdraw.minimum')}</dt><dd>{amount(b.withdrawalMinimum)}</dd></div>
        <div><dt>{t('withdraw.paidTo')}</dt><dd>{b.payoutMethod ? t(METHOD[b.payoutMethod]) : t('withdraw.noMethod')}</dd></div>
      </dl>
      <p class="muted">
        {t('withdraw.topUp')}
      </p>

      {open ? (
        <div class="notice notice-info" role="status" data-testid="open-withdrawal">
          <span>
            {t('withdraw.open', { amount: amount(open.amount), requested: dateTime(open.createdAt), status: words(open.status), date: day(b.nextPayoutAt) })}
          </span>
          {b.mayWithdraw && open.status === 'requested' && (
            <button type="button" class="btn btn-small" onClick={() => void cancel(open.id)} disabled={busy}>{t('withdraw.cancel')}</button>
          )}
        </div>
      ) : b.mayWithdraw ? (
        <form class="withdraw-form" onSubmit={submit} noValidate aria-labelledby="withdraw-title">
          <h3 id="withdraw-title">{t('withdraw.title')}</h3>
          <div class="form-row">
            <label class="field">
              <span>{t('withdraw.amount', { currency })}</span>
              <input name="amount" type="text" inputMode="decimal" autocomplete="off" placeholder={t('withdraw.placeholder')} aria-describedby="withdraw-hint" />
              <small id="withdraw-hint">
                {t('withdraw.range', { min: amount(b.withdrawalMinimum), available: amount(b.balance.available) })}
              </small>
            </label>
            <button type="submit" class="btn btn-primary" aria-busy={busy}>{busy ? t('withdraw.requesting') : t('withdraw.submit')}</button>
          </div>
        </form>
      ) : (
        <p class="muted">{t('withdraw.notAllowed')}</p>
      )}
      <FormProblems error={error} problems={problems} />
      <p class="form-success" role="status">{done}</p>

      {b.withdrawals.length > 0 && (
        <DataTable label={t('withdraw.history')} testId="withdrawal-history">
          <caption class="table-caption">{t('withdraw.history')}</caption>
          <thead>
            <tr><th scope="col">{t('withdraw.requestedColumn')}</th><th scope="col">{t('withdraw.to')}</th><th scope="col">{t('common.status')}</th><th scope="col" class="num">{t('common.amount')}</th></tr>
          </thead>
          <tbody>
            {b.withdrawals.map((w) => (
              <tr key={w.id}>
                <td class="nowrap"><time dateTime={w.createdAt}>{dateTime(w.createdAt)}</time></td>
                <td>{t(METHOD[w.payoutMethod])}</td>
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
