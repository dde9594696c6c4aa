// Integrations: connect the program's billing (Stripe, Paddle) so payments and refunds reach edgeref by themselves: the
// billing mode, each provider's webhook URL, event types, setup steps, checkout reference and signing secrets, the
// exchange rates other currencies are converted at, and the events received. For managers only.
import type { Integrations as IntegrationsData } from '../../../../shared/schemas/integrations';
import { portalApi } from '../../portal-api';
import type { PageProps } from '../../routes';
import { useResource } from '../../useResource';
import { Loadable } from '../../components/Loadable';
import { BillingModeForm } from '../../components/BillingModeForm';
import { BillingProviderSetup } from '../../components/BillingProviderSetup';
import { BillingEventLog } from '../../components/BillingEventLog';
import { ExchangeRates } from '../../components/ExchangeRates';
import { t } from '../../i18n';

export default function Integrations({ id: programId, role }: PageProps) {
  if (role !== 'manager') {
    return <main class="page" id="main"><section class="panel"><h2 tabIndex={-1}>{t('nav.integrations')}</h2><p class="muted">{t('integrations.managersOnly')}</p></section></main>;
  }
  return <ManagerIntegrations programId={programId} />;
}

function ManagerIntegrations({ programId }: { programId: string }) {
  const integrations = useResource(() => portalApi.integrations(programId), programId);
  return (
    <main class="page" id="main">
      <section aria-labelledby="integrations-title" class="panel">
        <h2 id="integrations-title" tabIndex={-1}>{t('nav.integrations')}</h2>
        <p class="muted">
          {t('integrations.intro')}
        </p>
        <Loadable resource={integrations} what={t('what.integrations')}>
          {(i) => <BillingModeForm programId={programId} mode={i.billingMode} onChanged={integrations.reload} />}
        </Loadable>
      </section>
      {integrations.data && <Providers programId={programId} data={integrations.data} onChanged={integrations.reload} />}
      <ExchangeRates programId={programId} />
      <BillingEventLog programId={programId} />
    </main>
  );
}

/** Each provider's setup, in the API's order (Stripe, then Paddle). */
function Providers({ programId, data, onChanged }: { programId: string; data: IntegrationsData; onChanged: () => Promise<void> }) {
  return <>{data.providers.map((p) => <BillingProviderSetup key={p.provider} programId={programId} billingMode={data.billingMode} setup={p} onChanged={onChanged} />)}</>;
}
