// Changes which event types an endpoint receives: the checked ones, or every type when none is checked.
import { useState } from 'preact/hooks';
import type { WebhookEndpoint } from '../../../shared/schemas/webhooks';
import { portalApi } from '../portal-api';
import { useApiSubmit } from '../useApiSubmit';
import { checkedEventTypes, EventTypeChoice } from './EventTypeChoice';
import { problemAt } from './FormProblems';
import { t } from '../i18n';

interface Props {
  programId: string;
  endpoint: WebhookEndpoint;
  onSaved: () => Promise<void>;
}

export function WebhookEventTypesForm({ programId, endpoint, onSaved }: Props) {
  const { busy, error, problems, run } = useApiSubmit();
  const [status, setStatus] = useState('');
  const typesProblem = problemAt(problems, 'eventTypes');

  async function submit(e: Event) {
    e.preventDefault();
    const types = checkedEventTypes(new FormData(e.currentTarget as HTMLFormElement)) ?? null;
    setStatus('');
    await run(async () => {
      await portalApi.updateWebhookEndpoint(programId, endpoint.id, { eventTypes: types });
      await onSaved();
      setStatus(types ? t('types.saved', { count: types.length }) : t('types.savedAll'));
    });
  }

  return (
    <form class="stack webhook-types-form" onSubmit={submit} aria-label={t('types.label')}>
      <EventTypeChoice id="endpoint-types" checked={endpoint.eventTypes} problem={typesProblem} />
      <p class="form-error" role="alert">{typesProblem ? '' : error}</p>
      <div class="row-buttons">
        <button type="submit" class="btn" aria-busy={busy}>{t('types.save')}</button>
        <span class="form-success" role="status">{status}</span>
      </div>
    </form>
  );
}
