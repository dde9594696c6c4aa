// edgeref's Worker: composes the redirect, the versioned API, its OpenAPI document and the dashboard.
import { OpenAPIHono } from '@hono/zod-openapi';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv, Env } from './env';
import type { NewClick } from './db/clicks';
import { scheduled } from './scheduled';
import { queue } from './queue';
import { onError, onNotFound, validationHook } from './middleware/errors';
import { DASHBOARD_HEADERS } from './middleware/headers';
import { redirects } from './routes/redirects';
import { qr } from './routes/qr';
import { cards } from './routes/cards';
import { signups } from './routes/signups';
import { customers } from './routes/customers';
import { greetings } from './routes/greetings';
import { sessions } from './routes/session';
import { partners } from './routes/partners';
import { invitations } from './routes/invitations';
import { stats } from './routes/stats';
import { programs } from './routes/programs';
import { payments } from './routes/payments';
import { withdrawals } from './routes/withdrawals';
import { payouts } from './routes/payouts';
import { rules } from './routes/rules';
import { registration } from './routes/registration';
import { partnerProfile } from './routes/partner-profile';
import { members } from './routes/members';
import { referrals } from './routes/referrals';
import { clients } from './routes/clients';
import { programPartners } from './routes/program-partners';
import { programSettingsRoutes } from './routes/program-settings';
import { programKeys } from './routes/program-keys';
import { programOverview } from './routes/program-overview';
import { customerPanel } from './routes/customer-panel';
import { signupReviews } from './routes/signup-reviews';
import { programStaff } from './routes/program-staff';

const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

app.use('/api/*', secureHeaders({ crossOriginResourcePolicy: 'cross-origin' }));
app.route('/', qr);
app.route('/', cards);
app.route('/', redirects);
for (const r of [signups, greetings, customers, sessions, partners, invitations, stats, programs, customerPanel]) app.route('/api/v1', r);
// The money engine.
for (const r of [payments, withdrawals, payouts, rules]) app.route('/api/v1', r);
// The partner portal and the program console.
for (const r of [registration, partnerProfile, members, referrals, clients, programPartners, programSettingsRoutes, programKeys, programOverview, signupReviews, programStaff]) app.route('/api/v1', r);

app.openAPIRegistry.registerComponent('securitySchemes', 'secretKey', { type: 'http', scheme: 'bearer', description: 'The secret key (sk_...), for the site owner\'s server only' });
app.openAPIRegistry.registerComponent('securitySchemes', 'publishableKey', { type: 'http', scheme: 'bearer', description: 'The publishable key (pk_...), accepted only from the program\'s allowed origins. The widget sends it as ?key= with a text/plain JSON body instead, so the browser sends no preflight' });
app.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'edgeref_session' });
app.doc31('/api/v1/openapi.json', {
  openapi: '3.1.0',
  info: { title: 'edgeref API', version: '1.0.0', description: 'Referral and partner programs on the edge. Errors are { "error": { "code", "message", "details" } }.' },
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

export default { fetch: app.fetch, scheduled, queue } satisfies ExportedHandler<Env, NewClick>;
