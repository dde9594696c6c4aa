// Webhooks: the endpoints edgeref POSTs the program's events to, signed; add one (its secret shown once), and manage
// each: enable or disable, event types, secret rotation, test event, delivery log and replay. For managers only.
import { useState } from 'preact/hooks';
import { portalApi } from '../../portal-api';
import type { PageProps } from '../../routes';
import { useResource } from '../../useResource';
import { Loadable } from '../../components/Loadable';
import { NewWebhookEndpointForm } from '../../components/NewWebhookEndpointForm';
import { WebhookEndpointsTable } from '../../components/WebhookEndpointsTable';
import { WebhookEndpointPanel } from '../../components/WebhookEndpointPanel';
import { t } from '../../i18n';

export default function Webhooks({ id: programId, role }: PageProps) {
  if (role !== 'manager') {
    return <main class="page" id="main"><section class="panel"><h2 tabIndex={-1}>{t('nav.webhooks')}</h2><p class="muted">{t('webhooks.managersOnly')}</p></section></main>;
  }
  return <ManagerWebhooks programId={programId} />;
}

function ManagerWebhooks({ programId }: { programId: string }) {
  const endpoints = useResource(() => portalApi.webhookEndpoints(programId), programId);
  const [selected, setSelected] = useState<string>();
  const [status, setStatus] = useState('');
  const open = endpoints.data?.find((e) => e.id === selected);

  return (
    <main class="page" id="main">
      <section aria-labelledby="webhooks-title" class="panel">
        <h2 id="webhooks-title" tabIndex={-1}>{t('nav.webhooks')}</h2>
        <p class="muted">
          {t('webhooks.intro')}
        </p>
        <NewWebhookEndpointForm programId={programId} onCreated={() => { setStatus(''); void endpoints.reload(); }} />
        <p class="form-success" role="status">{status}</p>
        <Loadable resource={endpoints} what={t('what.endpoints')}>
          {(list) => <WebhookEndpointsTable endpoints={list} selected={open?.id} onSelect={(id) => setSelected((current) => (current === id ? undefined : id))} />}
        </Loadable>
      </section>
      {open && (
        <WebhookEndpointPanel
          key={open.id}
          programId={programId}
          endpoint={open}
          onChanged={endpoints.reload}
          onDeleted={(url) => {
            setSelected(undefined);
            setStatus(t('webhooks.deleted', { url }));
            void endpoints.reload();
          }}
        />
      )}
    </main>
  );
}
