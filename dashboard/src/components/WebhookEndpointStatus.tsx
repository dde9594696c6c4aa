// An endpoint's status as a badge, Enabled or Disabled, with the reason edgeref disabled it.
import type { WebhookEndpoint } from '../../../shared/schemas/webhooks';

export function WebhookEndpointStatus({ endpoint: e }: { endpoint: Pick<WebhookEndpoint, 'enabled' | 'disabledReason'> }) {
  return (
    <>
      <span class={`badge ${e.enabled ? 'badge-hook-on' : 'badge-hook-off'}`}>{e.enabled ? 'Enabled' : 'Disabled'}</span>
      {!e.enabled && e.disabledReason && <span class="status-reason">{e.disabledReason}</span>}
    </>
  );
}
