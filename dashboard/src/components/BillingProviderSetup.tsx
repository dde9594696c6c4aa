// One billing provider's setup: for Stripe, the webhook URL to paste there, the steps in Stripe's Dashboard, the event
// types to select, and the signing secrets; a provider edgeref does not read yet is shown as coming soon.
import type { Integrations } from '../../../shared/schemas/integrations';
import type { BillingMode } from '../portal-api';
import { BillingSecrets } from './BillingSecrets';
import { CopyText } from './CopyText';

type Setup = Integrations['providers'][number];

/** A URL the provider cannot call from the internet: edgeref is running on this machine (npm start). */
const isLocal = (url: string) => /^(localhost|127\.|\[::1\]$)/.test(new URL(url).hostname);

const NAMES: Record<Setup['provider'], string> = { stripe: 'Stripe', paddle: 'Paddle' };

interface Props {
  programId: string;
  billingMode: BillingMode;
  setup: Setup;
  onChanged: () => Promise<void>;
}

export function BillingProviderSetup({ programId, billingMode, setup, onChanged }: Props) {
  const name = NAMES[setup.provider];
  const titleId = `provider-${setup.provider}-title`;
  if (!setup.available) {
    return (
      <section class="panel" aria-labelledby={titleId} data-testid={`provider-${setup.provider}`}>
        <h2 id={titleId}>{name} <span class="badge">Coming soon</span></h2>
        <p class="muted">edgeref does not read {name}'s events yet. Until it does, your server can report {name} payments and refunds with the secret key.</p>
      </section>
    );
  }
  return (
    <section class="panel" aria-labelledby={titleId} data-testid={`provider-${setup.provider}`}>
      <h2 id={titleId}>{name}</h2>
      <p class="muted">{name} tells edgeref about each payment, refund and subscription by calling a webhook URL of your program. It signs each call, and edgeref checks the signature with the signing secret you paste here.</p>
      <h3>Your webhook URL</h3>
      <CopyText value={setup.webhookUrl} label={`Copy the ${name} webhook URL`} testId={`${setup.provider}-webhook-url`} />
      {isLocal(setup.webhookUrl) && (
        <p class="muted setup-note" data-testid={`${setup.provider}-local-note`}>
          This address is on this machine, which {name} cannot reach; a deployed edgeref shows its public address here. To try it locally, the Stripe CLI
          forwards test events: <code>stripe listen --forward-to {setup.webhookUrl}</code>, and the signing secret to add is the one it prints.
        </p>
      )}
      <h3 class="setup-heading">Set it up in {name}</h3>
      <ol class="setup-steps">
        <li>Open your Stripe Dashboard in the mode you are connecting: test mode (or a sandbox) for a test program, live mode for real payments.</li>
        <li>Go to <strong>Developers → Webhooks</strong> (called <strong>Event destinations</strong> in newer dashboards) and click <strong>Add endpoint</strong> (or <strong>Add destination</strong>).</li>
        <li>Paste the webhook URL above as the endpoint URL.</li>
        <li>Under <strong>Select events</strong>, tick each of the {setup.eventTypes.length} events listed below, then save the endpoint.</li>
        <li>On the endpoint's page, reveal the <strong>Signing secret</strong> (it starts with whsec_) and copy it.</li>
        <li>Paste it below under <strong>Add a signing secret</strong>, with the same mode as the endpoint, and click <strong>Add secret</strong>.</li>
      </ol>
      <h3 class="setup-heading" id={`${setup.provider}-events-title`}>Events to select</h3>
      <ul class="event-type-list setup-events" aria-labelledby={`${setup.provider}-events-title`} data-testid={`${setup.provider}-event-types`}>
        {setup.eventTypes.map((t) => <li key={t} class="event-type">{t}</li>)}
      </ul>
      <BillingSecrets programId={programId} provider={setup.provider} providerName={name} billingMode={billingMode} secrets={setup.secrets} onChanged={onChanged} />
    </section>
  );
}
