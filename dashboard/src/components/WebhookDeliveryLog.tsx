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
import { t } from '../i18n';

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
    setStatus(t('log.refreshed'));
  }

  const replay = (d: WebhookDelivery) => run(async () => {
    setStatus('');
    await portalApi.replayWebhookDelivery(programId, endpointId, d.id);
    await log.reload();
    setStatus(t('log.replaying', { type: d.eventType, id: d.eventId }));
  });

  return (
    <section aria-labelledby="delivery-log-title" class="delivery-log">
      <div class="toolbar">
        <h3 id="delivery-log-title">{t('log.title')}</h3>
        <button type="button" class="btn btn-small" onClick={() => void refresh()} aria-busy={log.loading}>{t('log.refresh')}</button>
      </div>
      <p class="form-error" role="alert">{error || (log.data && log.error ? t('log.refreshFailed', { error: log.error }) : '')}</p>
      <p class="form-success" role="status">{status}</p>
      <Loadable resource={log} what={t('what.log')}>
        {(deliveries) => deliveries.length === 0
          ? <p class="muted" data-testid="deliveries-empty">{t('log.none')}</p>
          : (
            <DataTable label={t('log.title')} testId="webhook-deliveries" busy={log.loading}>
              <thead>
                <tr>
                  <th scope="col">{t('log.event')}</th>
                  <th scope="col">{t('common.status')}</th>
                  <th scope="col" class="num">{t('log.attempts')}</th>
                  <th scope="col">{t('log.lastResponse')}</th>
                  <th scope="col">{t('log.nextAttempt')}</th>
                  <th scope="col">{t('log.times')}</th>
                  <th scope="col"><span class="visually-hidden">{t('common.actions')}</span></th>
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
                      <span>{t('log.created', { date: dateTime(d.createdAt) })}</span>
                      {d.lastAttemptAt && <span>{t('log.lastTried', { date: dateTime(d.lastAttemptAt) })}</span>}
                      {d.deliveredAt && <span>{t('log.delivered', { date: dateTime(d.deliveredAt) })}</span>}
                    </td>
                    <td>
                      <button type="button" class="btn btn-small" onClick={() => void replay(d)} aria-label={t('log.replayLabel', { type: d.eventType, id: d.eventId })}>{t('log.replay')}</button>
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
