// Adds a webhook endpoint (URL, description, event types) and shows its signing secret, this once.
import { useState } from 'preact/hooks';
import { portalApi } from '../portal-api';
import { useApiSubmit } from '../useApiSubmit';
import { checkedEventTypes, EventTypeChoice } from './EventTypeChoice';
import { problemAt } from './FormProblems';
import { OneTimeSecret } from './OneTimeSecret';
import { t, tx } from '../i18n';

interface Props {
  programId: string;
  onCreated: (endpointId: string) => void;
}

export function NewWebhookEndpointForm({ programId, onCreated }: Props) {
  const { busy, error, problems, run } = useApiSubmit();
  const [secret, setSecret] = useState<{ url: string; value: string }>();
  const urlProblem = problemAt(problems, 'url');
  const descriptionProblem = problemAt(problems, 'description');
  const typesProblem = problemAt(problems, 'eventTypes');
  const elsewhere = error && !urlProblem && !descriptionProblem && !typesProblem ? error : '';

  async function submit(e: Event) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    setSecret(undefined);
    await run(async () => {
      const description = String(f.get('description') ?? '').trim();
      const created = await portalApi.createWebhookEndpoint(programId, {
        url: String(f.get('url') ?? '').trim(),
        description: description || undefined,
        eventTypes: checkedEventTypes(f),
      });
      setSecret({ url: created.url, value: created.secret });
      form.reset();
      onCreated(created.id);
    });
  }

  return (
    <div class="stack webhook-add">
      <form class="new-invitation" onSubmit={submit} aria-label={t('newHook.label')} noValidate>
        <h3>{t('newHook.title')}</h3>
        <div class="form-row">
          <div class="field-with-error">
            <label class="field">
              <span>{t('newHook.url')}</span>
              <input name="url" type="url" required inputMode="url" spellcheck={false} placeholder="https://crm.example.com/hooks/edgeref"
                aria-invalid={urlProblem ? true : undefined} aria-describedby="new-endpoint-url-error" />
            </label>
            <p class="form-error" id="new-endpoint-url-error" role="alert">{urlProblem}</p>
          </div>
          <div class="field-with-error">
            <label class="field">
              <span>{t('newHook.description')}</span>
              <input name="description" maxLength={200} aria-invalid={descriptionProblem ? true : undefined} aria-describedby="new-endpoint-description-error" />
            </label>
            <p class="form-error" id="new-endpoint-description-error" role="alert">{descriptionProblem}</p>
          </div>
        </div>
        <EventTypeChoice id="new-endpoint-types" checked={null} problem={typesProblem} />
        <p class="form-error" role="alert">{elsewhere}</p>
        <div>
          <button type="submit" class="btn btn-primary" aria-busy={busy}>{t('newHook.submit')}</button>
        </div>
      </form>
      {secret && (
        <OneTimeSecret value={secret.value} copyLabel={t('hooks.copySecret')} testId="new-webhook-secret">
          <strong>{tx('newHook.copy', { url: <span class="long-text">{secret.url}</span> })}</strong> {t('newHook.once')}
        </OneTimeSecret>
      )}
    </div>
  );
}
