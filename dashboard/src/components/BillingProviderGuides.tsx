// What differs between the billing providers edgeref reads, as a manager meets it: the steps in the provider's own
// dashboard, what its secret is called and looks like, how to try it on this machine, and what to hand its checkout.
import type { ComponentChildren } from 'preact';
import type { BillingMode, BillingProvider } from '../portal-api';
import type { MessageKey } from '../i18n';

// The steps, notes and checkout hints stay in English (they name the providers' English dashboard labels); the words
// that go into the dashboard's own sentences are messages.

export interface ProviderGuide {
  name: string;
  /** The steps in the provider's dashboard, given how many event types to select. */
  steps: (eventCount: number) => ComponentChildren[];
  /** The secret's name on the form's field, as the provider calls it. */
  secretLabel: MessageKey;
  secretPlaceholder: string;
  /** Where a secret of this mode comes from, e.g. "test-mode endpoint". */
  destination: (mode: BillingMode) => MessageKey;
  /** How the provider replaces a secret, for the rotation hint. */
  rotate: MessageKey;
  /** How to try it while edgeref runs on this machine, where the provider cannot call it. */
  localNote: (webhookUrl: string) => ComponentChildren;
  /** Where the widget's click id goes in the checkout, and the one line that puts it there. */
  checkout: { intro: ComponentChildren; code: string };
}

const stripe: ProviderGuide = {
  name: 'Stripe',
  steps: (n) => [
    <>Open your Stripe Dashboard in the mode you are connecting: test mode (or a sandbox) for a test program, live mode for real payments.</>,
    <>Go to <strong>Developers → Webhooks</strong> (called <strong>Event destinations</strong> in newer dashboards) and click <strong>Add endpoint</strong> (or <strong>Add destination</strong>).</>,
    <>Paste the webhook URL above as the endpoint URL.</>,
    <>Under <strong>Select events</strong>, tick each of the {n} events listed below, then save the endpoint.</>,
    <>On the endpoint's page, reveal the <strong>Signing secret</strong> (it starts with whsec_) and copy it.</>,
    <>Paste it below under <strong>Add a signing secret</strong>, with the same mode as the endpoint, and click <strong>Add secret</strong>.</>,
  ],
  secretLabel: 'guide.stripeSecret',
  secretPlaceholder: 'whsec_…',
  destination: (mode) => (mode === 'test' ? 'guide.stripeTest' : 'guide.stripeLive'),
  rotate: 'guide.stripeRotate',
  localNote: (url) => (
    <>To try it locally, the Stripe CLI forwards test events: <code>stripe listen --forward-to {url}</code>, and the signing secret to add is the one it prints.</>
  ),
  checkout: {
    intro: (
      <>When your server creates the Checkout Session, pass the click id on as <code>client_reference_id</code>. A form marked <code>data-edgeref-signup</code> gets
        it from the widget as the hidden input <code>edgeref_click</code>:</>
    ),
    code: 'client_reference_id: req.body.edgeref_click || undefined,',
  },
};

const paddle: ProviderGuide = {
  name: 'Paddle',
  steps: (n) => [
    <>Sign in to Paddle: the sandbox (sandbox-vendors.paddle.com) for a test program, your live account for real payments.</>,
    <>Go to <strong>Developer tools → Notifications</strong> and click <strong>New destination</strong>.</>,
    <>Choose the type <strong>webhook</strong> and paste the webhook URL above as the URL.</>,
    <>Select each of the {n} events listed below, then save the destination.</>,
    <>Open the destination and copy its <strong>secret key</strong> (it starts with pdl_ntfset_).</>,
    <>
      Paste it below under <strong>Add a signing secret</strong>: as <strong>Test</strong> for a sandbox destination, <strong>Live</strong> for a live one. Paddle's
      events carry no mode of their own, so an event counts as the mode of the secret that signed it.
    </>,
  ],
  secretLabel: 'guide.paddleSecret',
  secretPlaceholder: 'pdl_ntfset_…',
  destination: (mode) => (mode === 'test' ? 'guide.paddleTest' : 'guide.paddleLive'),
  rotate: 'guide.paddleRotate',
  localNote: () => (
    <>
      Paddle has no tool that forwards events here. To try it locally, post events signed with a secret key set below (the demo program has a sandbox
      one): <code>scripts/billing/paddle-events.ts</code> builds Paddle's documented payloads and signs them as Paddle does.
    </>
  ),
  checkout: {
    intro: (
      <>Pass the click id to Paddle.js as <code>customData.edgeref</code>. The widget hands it to your page when it is ready:</>
    ),
    code: "edgeref('ready', (clickId) => Paddle.Checkout.open({ items, customData: { edgeref: clickId } }));",
  },
};

export const GUIDES: Record<BillingProvider, ProviderGuide> = { stripe, paddle };
