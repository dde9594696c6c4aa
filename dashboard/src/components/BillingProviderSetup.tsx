// One billing provider's setup: the webhook URL to paste there, the steps in the provider's own dashboard, the event
// types to select, what to hand its checkout, and the signing secrets.
import type { Integrations } from '../../../shared/schemas/integrations';
import type { BillingMode } from '../portal-api';
import { BillingSecrets } from './BillingSecrets';
import { GUIDES } from './BillingProviderGuides';
import { CopyText } from './CopyText';
import { t } from '../i18n';

type Setup = Integrations['providers'][number];

/** A URL the provider cannot call from the internet: edgeref is running on this machine (npm start). */
const isLocal = (url: string) => /^(localhost|127\.|\[::1\]$)/.test(new URL(url).hostname);

interface Props {
  programId: string;
  billingMode: BillingMode;
  setup: Setup;
  onChanged: () => Promise<void>;
}

export function BillingProviderSetup({ programId, billingMode, setup, onChanged }: Props) {
  const guide = GUIDES[setup.provider];
  const { name } = guide;
  const p = setup.provider;
  const titleId = `provider-${p}-title`;
  return (
    <section class="panel" aria-labelledby={titleId} data-testid={`provider-${p}`}>
      <h2 id={titleId}>{name}</h2>
      <p class="muted">{t('provider.intro', { name })}</p>
      <h3>{t('provider.url')}</h3>
      <CopyText value={setup.webhookUrl} label={t('provider.copyUrl', { name })} testId={`${p}-webhook-url`} />
      {isLocal(setup.webhookUrl) && (
        <p class="muted setup-note" data-testid={`${p}-local-note`}>
          {t('provider.local', { name })} {guide.localNote(setup.webhookUrl)}
        </p>
      )}
      <h3 class="setup-heading">{t('provider.setUp', { name })}</h3>
      <ol class="setup-steps" data-testid={`${p}-steps`}>
        {guide.steps(setup.eventTypes.length).map((step, i) => <li key={i}>{step}</li>)}
      </ol>
      <h3 class="setup-heading" id={`${p}-events-title`}>{t('provider.events')}</h3>
      <ul class="event-type-list setup-events" aria-labelledby={`${p}-events-title`} data-testid={`${p}-event-types`}>
        {setup.eventTypes.map((type) => <li key={type} class="event-type">{type}</li>)}
      </ul>
      <h3 class="setup-heading">{t('provider.checkout')}</h3>
      <p class="setup-note">{guide.checkout.intro}</p>
      <pre class="setup-code" data-testid={`${p}-checkout-code`}><code>{guide.checkout.code}</code></pre>
      <BillingSecrets programId={programId} provider={p} guide={guide} billingMode={billingMode} secrets={setup.secrets} onChanged={onChanged} />
    </section>
  );
}
