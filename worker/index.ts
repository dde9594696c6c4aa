// edgeref's Worker: composes the redirect, the versioned API, its OpenAPI document and the dashboard.
import { OpenAPIHono } from '@hono/zod-openapi';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv, BillingMessage, EmailQueueMessage, Env, WebhookMessage } from './env';
import type { NewClick } from './db/clicks';
import { scheduled } from './scheduled';
import { queue } from './queue';
import { onError, onNotFound, validationHook } from './middleware/errors';
import { DASHBOARD_HEADERS } from './middleware/headers';
import { relayAfterChanges } from './middleware/relay';
import { redirects } from './routes/redirects';
import { qr } from './routes/qr';
import { cards } from './routes/cards';
import { signups } from './routes/signups';
import { greetings } from './routes/greetings';
import { customerPanel } from './routes/customer-panel';
import { customers } from './routes/customers';
import { payments } from './routes/payments';
import { refunds } from './routes/refunds';
import { subscriptions } from './routes/subscriptions';
import { topUps } from './routes/top-ups';
import { clientPayments } from './routes/client-payments';
import { events } from './routes/events';
import { sessions } from './routes/session';
import { registration } from './routes/registration';
import { memberInvites } from './routes/member-invites';
import { staffInvites } from './routes/staff-invites';
import { partnerSide } from './routes/partners';
import { programConsole } from './routes/programs';
import { billingWebhooks } from './routes/billing-webhooks';
import { documentWebhooks } from './routes/webhook-docs';
import { unsubscribe } from './routes/unsubscribe';

const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

app.use('/api/*', secureHeaders({ crossOriginResourcePolicy: 'cross-origin' }), relayAfterChanges);
app.route('/', qr);
app.route('/', cards);
app.route('/', redirects);
app.route('/', unsubscribe);
// One mount per resource; each router guards its own paths once (keys, session, same origin).
// The widget (publishable key) and the site owner's server (secret key).
for (const [path, r] of [
  ['/signups', signups], ['/greeting', greetings], ['/customer-panel', customerPanel], ['/customers', customers],
  ['/payments', payments], ['/refunds', refunds], ['/subscriptions', subscriptions], ['/top-ups', topUps], ['/client-payments', clientPayments],
  ['/events', events],
] as const) app.route(`/api/v1${path}`, r);
// People: signing in, joining a program, accepting invites; then the partner side and the program console.
for (const [path, r] of [['/session', sessions], ['/join', registration], ['/member-invites', memberInvites], ['/staff-invites', staffInvites]] as const) app.route(`/api/v1${path}`, r);
app.route('/api/v1/partners/:partnerId', partnerSide);
// The billing providers' webhooks live under the program but answer before the console's session guard: their
// signature is their authentication.
app.route('/api/v1/programs/:programId/integrations', billingWebhooks);
app.route('/api/v1/programs/:programId', programConsole);

app.openAPIRegistry.registerComponent('securitySchemes', 'secretKey', { type: 'http', scheme: 'bearer', description: 'The secret key (sk_...), for the site owner\'s server only' });
app.openAPIRegistry.registerComponent('securitySchemes', 'publishableKey', { type: 'http', scheme: 'bearer', description: 'The publishable key (pk_...), accepted only from the program\'s allowed origins. The widget sends it as ?key= with a text/plain JSON body instead, so the browser sends no preflight' });
app.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'edgeref_session' });
documentWebhooks(app);
app.doc31('/api/v1/openapi.json', {
  openapi: '3.1.0',
  info: { title: 'edgeref API', version: '1.0.0', description: 'Referral and partner programs on the edge. Errors are { "error": { "code", "message", "details" } }.' },
  // The document is served by the deployment it describes; its paths carry /api/v1.
  servers: [{ url: '/', description: 'This edgeref deployment' }],
});

// The dashboard is a single-page app: its files are static assets (headers in widget/public/_headers), and its
// client-side routes fall back to index.html. A missing build file stays a 404, never HTML in place of a script.
app.get('/dashboard', (c) => c.redirect('/dashboard/', 301));
app.get('/dashboard/assets/*', (c) => c.text('Not found', 404));
// A copy of the asset's response, since its headers are immutable and the security headers are added to them.
app.get('/dashboard/*', secureHeaders(DASHBOARD_HEADERS), async (c) => {
  const page = await c.env.ASSETS.fetch(new Request(new URL('/dashboard/', c.req.url)));
  return new Response(page.body, page);
});

app.notFound(onNotFound);
app.onError(onError);

export default { fetch: app.fetch, scheduled, queue } satisfies ExportedHandler<Env, NewClick | WebhookMessage | EmailQueueMessage | BillingMessage>;
