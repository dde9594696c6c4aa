// The program's webhook endpoints: URL and description, event types, status with the reason it was disabled, secret hint.
import type { WebhookEndpoint } from '../../../shared/schemas/webhooks';
import { DataTable } from './DataTable';
import { eventTypesText } from './EventTypeChoice';
import { WebhookEndpointStatus } from './WebhookEndpointStatus';
import { t } from '../i18n';

interface Props {
  endpoints: WebhookEndpoint[];
  /** The endpoint whose details are open below the table. */
  selected?: string;
  onSelect: (endpointId: string) => void;
}

export function WebhookEndpointsTable({ endpoints, selected, onSelect }: Props) {
  if (endpoints.length === 0) return <p class="muted" data-testid="webhook-endpoints-empty">{t('hooks.none')}</p>;
  return (
    <DataTable label={t('hooks.label')} testId="webhook-endpoints">
      <thead>
        <tr>
          <th scope="col">{t('hooks.endpoint')}</th>
          <th scope="col">{t('hooks.events')}</th>
          <th scope="col">{t('common.status')}</th>
          <th scope="col">{t('hooks.secret')}</th>
          <th scope="col"><span class="visually-hidden">{t('common.actions')}</span></th>
        </tr>
      </thead>
      <tbody>
        {endpoints.map((e) => (
          <tr key={e.id} data-endpoint={e.url} aria-current={e.id === selected ? 'true' : undefined}>
            <th scope="row">
              <span class="webhook-url">{e.url}</span>
              {e.description && <span class="status-reason">{e.description}</span>}
            </th>
            <td class="event-type-cell" data-col="events">{eventTypesText(e.eventTypes)}</td>
            <td data-col="status"><WebhookEndpointStatus endpoint={e} /></td>
            <td class="code" data-col="secret">{e.secretHint}</td>
            <td>
              <button type="button" class="btn btn-small" onClick={() => onSelect(e.id)} aria-label={t('hooks.manageLabel', { url: e.url })} aria-expanded={e.id === selected} aria-controls="webhook-endpoint">
                {t('hooks.manage')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
