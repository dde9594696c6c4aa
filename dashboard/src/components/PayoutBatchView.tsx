// One payout batch: review its withdrawals, download the CSV for the bank, and mark each paid or failed.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { amount, periodSpan, words } from '../display';
import { useApiSubmit } from '../useApiSubmit';
import { useResource } from '../useResource';
import { FormProblems } from './FormProblems';
import { Loadable } from './Loadable';
import { DataTable } from './DataTable';
import { t } from '../i18n';

export function PayoutBatchView({ programId, batchId, onChanged }: { programId: string; batchId: string; onChanged: () => void }) {
  const batch = useResource(() => api.payoutBatch(programId, batchId), batchId);
  const { busy, error, problems, run } = useApiSubmit();
  const [failing, setFailing] = useState<string | null>(null);

  async function settle(withdrawalId: string, outcome: 'paid' | 'failed', reason?: string) {
    await run(async () => {
      await api.settleWithdrawal(programId, withdrawalId, outcome, reason);
      setFailing(null);
      await batch.reload();
      onChanged();
    });
  }

  return (
    <div class="batch" data-testid="payout-batch">
      <Loadable resource={batch} what={t('what.batch')}>
        {(b) => (
          <>
            <h3>{t('batch.title', { span: periodSpan(b.period) })}</h3>
            <p>
              {t('batch.summary', { count: b.lines.length, amount: amount(b.total) })}{' '}
              <a href={api.batchCsvUrl(programId, batchId)} download>{t('batch.csv')}</a>
            </p>
            <DataTable label={t('batch.label')}>
              <thead><tr><th scope="col">{t('console.partner')}</th><th scope="col">{t('withdraw.paidTo')}</th><th scope="col">{t('common.status')}</th><th scope="col" class="num">{t('common.amount')}</th><th scope="col">{t('common.actions')}</th></tr></thead>
              <tbody>
                {b.lines.map((l) => (
                  <tr key={l.withdrawalId} data-withdrawal={l.withdrawalId}>
                    <th scope="row"><span class="badge badge-id">{l.displayId}</span> {l.partnerName}</th>
                    <td>{t(l.payoutMethod === 'card' ? 'payout.card' : 'payout.bankAccount')}{l.payoutDetails && <span class="status-reason">{l.payoutDetails}</span>}</td>
                    <td><span class={`badge badge-w-${l.status}`}>{words(l.status)}</span>{l.statusReason && <span class="status-reason">{l.statusReason}</span>}</td>
                    <td class="num">{amount(l.amount)}</td>
                    <td>
                      {l.status === 'approved' && failing !== l.withdrawalId && (
                        <div class="period-actions">
                          <button type="button" class="btn btn-small btn-primary" disabled={busy} onClick={() => void settle(l.withdrawalId, 'paid')}>{t('batch.markPaid')}</button>
                          <button type="button" class="btn btn-small" disabled={busy} onClick={() => setFailing(l.withdrawalId)}>{t('batch.markFailedOpen')}</button>
                        </div>
                      )}
                      {failing === l.withdrawalId && (
                        <form
                          class="period-actions"
                          onSubmit={(e) => {
                            e.preventDefault();
                            void settle(l.withdrawalId, 'failed', String(new FormData(e.currentTarget as HTMLFormElement).get('reason') ?? '') || undefined);
                          }}
                        >
                          <label class="field"><span>{t('batch.whyFailed')}</span><input name="reason" type="text" placeholder={t('batch.whyFailedPlaceholder')} /></label>
                          <button type="submit" class="btn btn-small" disabled={busy}>{t('batch.markFailed')}</button>
                        </form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
            <FormProblems error={error} problems={problems} />
          </>
        )}
      </Loadable>
    </div>
  );
}
