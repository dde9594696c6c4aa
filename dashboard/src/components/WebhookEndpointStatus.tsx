// An endpoint's status as a badge, Enabled or Disabled, with the reason edgeref disabled it.
import type { WebhookEndpoint } from '../../../shared/schemas/webhooks';
import { t } from '../i18n';

export function WebhookEndpointStatus({ endpoint: e }: { endpoint: Pick<WebhookEndpoint, 'enabled' | 'disabledReason'> }) {
  return (
    <>
      <span class={`badge ${e.enabled ? 'badge-hook-on' : 'badge-hook-off'}`}>{t(e.enabled ? 'hooks.enabled' : 'hooks.disabled')}</span>
      {!e.enabled && e.disabledReason && <span class="status-reason">{e.disabledReason}</span>}
    </>
  );
}
