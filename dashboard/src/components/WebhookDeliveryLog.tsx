// An endpoint's delivery log, newest first: event, status, attempts, last response, next attempt and times; each
// delivery can be replayed, and the log refreshed.
import { useEffect, useState } from 'preact/hooks';
import type { WebhookDelivery } from '../../../shared/schemas/webhooks';
import { portalApi } from '../portal-api';
import { useResource } from '../useResource';
import { useApiSubmit } from '../useApiSubmit';
import { count, dateTime, words } from '../display';
import { DataTable } from './DataTable';
import { Loadable } from './Loadable';

interface Props {
  programId: string;
  endpointId: string;
  /** Bumped by the panel after a test event, to reload the log. */
  version: number;
}

export function WebhookDeliveryLog({ programId, endpointId, version }: Props) {
  const log = useResource(() => portalApi.webhookDeliveries(programId, endpointId), endpointId);
  const { error, run } = useApiSubmit();
  const [status, setStatus] = useState('');
  useEffect(() => {
    if (version > 0) void log.reload();
  }, [version]);

  async function refresh() {
    setStatus('');
    await log.reload();
    setStatus('Delivery log refreshed.');
  }

  const replay = (d: WebhookDelivery) => run(async () => {
    setStatus('');
    await portalApi.replayWebhookDelivery(programId, endpointId, d.id);
    await log.reload();
    setStatus(`Replaying ${d.eventType} (${d.eventId}).`);
  });

  return (
    <section aria-labelledby="delivery-log-title" class="delivery-log">
      <div class="toolbar">
        <h3 id="delivery-log-title">Delivery log</h3>
        <button type="button" class="btn btn-small" onClick={() => void refresh()} aria-busy={log.loading}>Refresh</button>
      </div>
      <p class="form-error" role="alert">{error || (log.data && log.error ? `Could not refresh: ${log.error}` : '')}</p>
      <p class="form-success" role="status">{status}</p>
      <Loadable resource={log} what="the delivery log">
        {(deliveries) => deliveries.length === 0
          ? <p class="muted" data-testid="deliveries-empty">No deliveries yet. Events that happen from now on, and test events, appear here.</p>
          : (
            <DataTable label="Delivery log" testId="webhook-deliveries" busy={log.loading}>
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">Status</th>
                  <th scope="col" class="num">Attempts</th>
                  <th scope="col">Last response</th>
                  <th scope="col">Next attempt</th>
                  <th scope="col">Times</th>
                  <th scope="col"><span class="visually-hidden">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                {deliveries.map((d) => (
                  <tr key={d.id} data-event={d.eventId}>
                    <th scope="row">
                      <span class="event-type">{d.eventType}</span>
                      <span class="status-reason code">{d.eventId}</span>
                    </th>
                    <td data-col="status"><span class={`badge badge-delivery-${d.status}`}>{words(d.status)}</span></td>
                    <td class="num" data-col="attempts">{count(d.attempts)}</td>
                    <td data-col="response">{lastResponse(d)}</td>
                    <td class="nowrap" data-col="next">{d.nextAttemptAt ? dateTime(d.nextAttemptAt) : '—'}</td>
                    <td class="delivery-times">
                      <span>Created {dateTime(d.createdAt)}</span>
                      {d.lastAttemptAt && <span>Last tried {dateTime(d.lastAttemptAt)}</span>}
                      {d.deliveredAt && <span>Delivered {dateTime(d.deliveredAt)}</span>}
                    </td>
                    <td>
                      <button type="button" class="btn btn-small" onClick={() => void replay(d)} aria-label={`Replay ${d.eventType} ${d.eventId}`}>Replay</button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          )}
      </Loadable>
    </section>
  );
}

/** The last attempt's answer: its HTTP status, else the error (a timeout, a refused connection), else nothing yet. */
function lastResponse(d: WebhookDelivery): string {
  if (d.lastStatus !== null) return d.lastError ? `${d.lastStatus}: ${d.lastError}` : String(d.lastStatus);
  return d.lastError ?? '—';
}
