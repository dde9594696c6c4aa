// The manager's payouts: the current period and its close, the requests waiting for it, and each period's batch.
import { useState } from 'preact/hooks';
import type { Payouts } from '../../../shared/schemas/payouts';
import { api } from '../api';
import { amount, dateTime, periodSpan as span } from '../display';
import { useApiSubmit } from '../useApiSubmit';
import { useResource } from '../useResource';
import { FormProblems } from './FormProblems';
import { Loadable } from './Loadable';
import { PayoutBatchView } from './PayoutBatchView';
import { DataTable } from './DataTable';
import { t, tx } from '../i18n';


export function PayoutsConsole({ programId }: { programId: string }) {
  const payouts = useResource(() => api.payouts(programId), programId);
  const [batchId, setBatchId] = useState<string | null>(null);
  return (
    <section aria-labelledby="payouts-title" class="panel" data-testid="payouts-console">
      <h2 id="payouts-title" tabIndex={-1}>{t('nav.payouts')}</h2>
      <Loadable resource={payouts} what={t('what.payouts')}>
        {(p) => <PayoutsView programId={programId} payouts={p} onChanged={() => void payouts.reload()} onOpen={setBatchId} />}
      </Loadable>
      {batchId && <PayoutBatchView programId={programId} batchId={batchId} onChanged={() => void payouts.reload()} />}
    </section>
  );
}

function PayoutsView({ programId, payouts: p, onChanged, onOpen }: { programId: string; payouts: Payouts; onChanged: () => void; onOpen: (batchId: string) => void }) {
  const { busy, error, problems, run } = useApiSubmit();
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState('');
  const current = p.currentPeriod;

  async function close() {
    await run(async () => {
      const r = await api.closePeriod(programId, current.id);
      setConfirming(false);
      setDone(t('payouts.closed', { amount: amount(r.released) }));
      onChanged();
      onOpen(r.batchId);
    });
  }

  return (
    <>
      <p>{tx('payouts.current', { span: <strong>{span(current)}</strong>, requests: t('payouts.requests', { count: p.openRequests.length }) })}</p>
      <div class="period-actions">
        {confirming ? (
          <>
            <button type="button" class="btn btn-primary" onClick={() => void close()} aria-busy={busy}>{busy ? t('payouts.closing') : t('payouts.closeNow')}</button>
            <button type="button" class="btn" onClick={() => setConfirming(false)}>{t('payouts.keepOpen')}</button>
          </>
        ) : (
          <button type="button" class="btn" onClick={() => setConfirming(true)}>{t('payouts.close')}</button>
        )}
      </div>
      <FormProblems error={error} problems={problems} />
      <p class="form-success" role="status">{done}</p>

      <DataTable label={t('payouts.openRequests')} testId="open-requests">
        <caption class="table-caption">{t('payouts.waiting')}</caption>
        <thead><tr><th scope="col">{t('console.partner')}</th><th scope="col">{t('withdraw.paidTo')}</th><th scope="col" class="num">{t('common.amount')}</th></tr></thead>
        <tbody>
          {p.openRequests.length === 0 && <tr><td colSpan={3} class="muted">{t('payouts.noRequests')}</td></tr>}
          {p.openRequests.map((l) => (
            <tr key={l.withdrawalId}>
              <th scope="row"><span class="badge badge-id">{l.displayId}</span> {l.partnerName}</th>
              <td>{t(l.payoutMethod === 'card' ? 'payout.card' : 'payout.bankAccount')}</td>
              <td class="num">{amount(l.amount)}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>

      <DataTable label={t('payouts.periods')} testId="periods">
        <caption class="table-caption">{t('payouts.periods')}</caption>
        <thead><tr><th scope="col">{t('payouts.period')}</th><th scope="col">{t('payouts.closedColumn')}</th><th scope="col">{t('payouts.batch')}</th></tr></thead>
        <tbody>
          {p.periods.map((period) => (
            <tr key={period.id}>
              <td>{span(period)}</td>
              <td>{period.closedAt ? dateTime(period.closedAt) : <span class="muted">{t('payouts.open')}</span>}</td>
              <td>{period.batchId ? <button type="button" class="btn btn-small" onClick={() => onOpen(period.batchId!)}>{t('payouts.review')}</button> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </>
  );
}
