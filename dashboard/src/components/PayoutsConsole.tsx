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


export function PayoutsConsole({ programId }: { programId: string }) {
  const payouts = useResource(() => api.payouts(programId), programId);
  const [batchId, setBatchId] = useState<string | null>(null);
  return (
    <section aria-labelledby="payouts-title" class="panel" data-testid="payouts-console">
      <h2 id="payouts-title" tabIndex={-1}>Payouts</h2>
      <Loadable resource={payouts} what="payouts">
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
      setDone(`Period closed: ${amount(r.released)} of commission released.`);
      onChanged();
      onOpen(r.batchId);
    });
  }

  return (
    <>
      <p>
        Current period: <strong>{span(current)}</strong>. It closes by itself at its end; closing it now releases every commission whose hold has ended
        and puts the {p.openRequests.length} open withdrawal request{p.openRequests.length === 1 ? '' : 's'} into a payout batch.
      </p>
      <div class="period-actions">
        {confirming ? (
          <>
            <button type="button" class="btn btn-primary" onClick={() => void close()} aria-busy={busy}>{busy ? 'Closing…' : 'Close the period now'}</button>
            <button type="button" class="btn" onClick={() => setConfirming(false)}>Keep it open</button>
          </>
        ) : (
          <button type="button" class="btn" onClick={() => setConfirming(true)}>Close period…</button>
        )}
      </div>
      <FormProblems error={error} problems={problems} />
      <p class="form-success" role="status">{done}</p>

      <DataTable label="Open withdrawal requests" testId="open-requests">
        <caption class="table-caption">Waiting for the next close</caption>
        <thead><tr><th scope="col">Partner</th><th scope="col">Paid to</th><th scope="col" class="num">Amount</th></tr></thead>
        <tbody>
          {p.openRequests.length === 0 && <tr><td colSpan={3} class="muted">No open requests.</td></tr>}
          {p.openRequests.map((l) => (
            <tr key={l.withdrawalId}>
              <th scope="row"><span class="badge badge-id">{l.displayId}</span> {l.partnerName}</th>
              <td>{l.payoutMethod.replace('_', ' ')}</td>
              <td class="num">{amount(l.amount)}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>

      <DataTable label="Reporting periods" testId="periods">
        <caption class="table-caption">Reporting periods</caption>
        <thead><tr><th scope="col">Period</th><th scope="col">Closed</th><th scope="col">Payout batch</th></tr></thead>
        <tbody>
          {p.periods.map((period) => (
            <tr key={period.id}>
              <td>{span(period)}</td>
              <td>{period.closedAt ? dateTime(period.closedAt) : <span class="muted">open</span>}</td>
              <td>{period.batchId ? <button type="button" class="btn btn-small" onClick={() => onOpen(period.batchId!)}>Review batch</button> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </>
  );
}
