// One webhook endpoint, opened from the list: its facts; enable or disable, send a test event, rotate the secret,
// delete; its event types; and its delivery log.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { WebhookEndpoint } from '../../../shared/schemas/webhooks';
import { portalApi } from '../portal-api';
import { useApiSubmit } from '../useApiSubmit';
import { dateTime } from '../display';
import { eventTypesText } from './EventTypeChoice';
import { FormProblems } from './FormProblems';
import { OneTimeSecret } from './OneTimeSecret';
import { WebhookDeliveryLog } from './WebhookDeliveryLog';
import { WebhookEndpointStatus } from './WebhookEndpointStatus';
import { WebhookEventTypesForm } from './WebhookEventTypesForm';
import { t } from '../i18n';

interface Props {
  programId: string;
  endpoint: WebhookEndpoint;
  /** The endpoint changed: reload the list. */
  onChanged: () => Promise<void>;
  onDeleted: (url: string) => void;
}

export function WebhookEndpointPanel({ programId, endpoint: e, onChanged, onDeleted }: Props) {
  const { busy, error, problems, run } = useApiSubmit();
  const [status, setStatus] = useState('');
  const [rotated, setRotated] = useState<{ secret: string; previousSecretExpiresAt: string }>();
  // A test event or a replay adds to the log: bumping this reloads it.
  const [logVersion, setLogVersion] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [e.id]);

  const act = (call: () => Promise<string>) => run(async () => {
    setStatus('');
    setStatus(await call());
  });

  const toggle = () => act(async () => {
    await portalApi.updateWebhookEndpoint(programId, e.id, { enabled: !e.enabled });
    await onChanged();
    return t(e.enabled ? 'hooks.disabledDone' : 'hooks.enabledDone');
  });

  const sendTest = () => act(async () => {
    await portalApi.sendTestWebhook(programId, e.id);
    setLogVersion((v) => v + 1);
    return t('hooks.testSent');
  });

  async function rotate() {
    if (!confirm(t('hooks.rotateConfirm', { url: e.url }))) return;
    await act(async () => {
      setRotated(await portalApi.rotateWebhookSecret(programId, e.id));
      await onChanged();
      return ''; // the new secret's box says it
    });
  }

  async function remove() {
    if (!confirm(t('hooks.deleteConfirm', { url: e.url }))) return;
    await run(async () => {
      await portalApi.deleteWebhookEndpoint(programId, e.id);
      onDeleted(e.url);
    });
  }

  return (
    <section class="panel" id="webhook-endpoint" aria-labelledby="webhook-endpoint-title" data-testid="webhook-endpoint">
      <h2 id="webhook-endpoint-title" ref={heading} tabIndex={-1} class="webhook-title">{e.url}</h2>
      <dl class="facts">
        <div><dt>{t('common.status')}</dt><dd data-testid="webhook-endpoint-status"><WebhookEndpointStatus endpoint={e} /></dd></div>
        <div><dt>{t('hooks.events')}</dt><dd>{eventTypesText(e.eventTypes)}</dd></div>
        <div><dt>{t('hooks.secret')}</dt><dd class="code">{e.secretHint}</dd></div>
        {e.previousSecretExpiresAt && Date.parse(e.previousSecretExpiresAt) > Date.now() && (
          <div><dt>{t('hooks.previousSigns')}</dt><dd>{dateTime(e.previousSecretExpiresAt)}</dd></div>
        )}
        {e.description && <div><dt>{t('hooks.description')}</dt><dd>{e.description}</dd></div>}
        <div><dt>{t('hooks.added')}</dt><dd>{dateTime(e.createdAt)}</dd></div>
      </dl>
      <div class="row-buttons">
        <button type="button" class="btn" onClick={() => void sendTest()} aria-busy={busy}>{t('hooks.sendTest')}</button>
        <button type="button" class="btn" onClick={() => void toggle()} aria-busy={busy}>{t(e.enabled ? 'hooks.disable' : 'hooks.enable')}</button>
        <button type="button" class="btn" onClick={() => void rotate()} aria-busy={busy}>{t('hooks.rotate')}</button>
        <button type="button" class="btn btn-danger" onClick={() => void remove()} aria-busy={busy}>{t('hooks.delete')}</button>
      </div>
      <FormProblems error={error} problems={problems} />
      <p class="form-success" role="status">{status}</p>
      {rotated && (
        <OneTimeSecret value={rotated.secret} copyLabel={t('hooks.copySecret')} testId="rotated-webhook-secret">
          <strong>{t('hooks.copyNew')}</strong> {t('hooks.rotatedText', { date: dateTime(rotated.previousSecretExpiresAt) })}
        </OneTimeSecret>
      )}
      <WebhookEventTypesForm programId={programId} endpoint={e} onSaved={onChanged} />
      <WebhookDeliveryLog programId={programId} endpointId={e.id} version={logVersion} />
    </section>
  );
}
