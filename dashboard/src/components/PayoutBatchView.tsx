// One payout batch: review its withdrawals, download the CSV for the bank, and mark each paid or failed.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { amount, periodSpan, words } from '../display';
import { useApiSubmit } from '../useApiSubmit';
import { useResource } from '../useResource';
import { FormProblems } from './FormProblems';
import { Loadable } from './Loadable';
import { DataTable } from './DataTable';

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
      <Loadable resource={batch} what="the batch">
        {(b) => (
          <>
            <h3>Payout batch for {periodSpan(b.period)}</h3>
            <p>
              {b.lines.length} withdrawal{b.lines.length === 1 ? '' : 's'}, {amount(b.total)} to pay.{' '}
              <a href={api.batchCsvUrl(programId, batchId)} download>Download CSV for the bank</a>
            </p>
            <DataTable label="Batch withdrawals">
              <thead><tr><th scope="col">Partner</th><th scope="col">Paid to</th><th scope="col">Status</th><th scope="col" class="num">Amount</th><th scope="col">Actions</th></tr></thead>
              <tbody>
                {b.lines.map((l) => (
                  <tr key={l.withdrawalId} data-withdrawal={l.withdrawalId}>
                    <th scope="row"><span class="badge badge-id">{l.displayId}</span> {l.partnerName}</th>
                    <td>{l.payoutMethod.replace('_', ' ')}{l.payoutDetails && <span class="status-reason">{l.payoutDetails}</span>}</td>
                    <td><span class={`badge badge-w-${l.status}`}>{words(l.status)}</span>{l.statusReason && <span class="status-reason">{l.statusReason}</span>}</td>
                    <td class="num">{amount(l.amount)}</td>
                    <td>
                      {l.status === 'approved' && failing !== l.withdrawalId && (
                        <div class="period-actions">
                          <button type="button" class="btn btn-small btn-primary" disabled={busy} onClick={() => void settle(l.withdrawalId, 'paid')}>Mark paid</button>
                          <button type="button" class="btn btn-small" disabled={busy} onClick={() => setFailing(l.withdrawalId)}>Mark failed…</button>
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
                          <label class="field"><span>Why it failed</span><input name="reason" type="text" placeholder="e.g. account closed" /></label>
                          <button type="submit" class="btn btn-small" disabled={busy}>Mark failed</button>
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
