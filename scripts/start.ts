// `npm start`: builds, migrates and seeds the local D1 (the demo program and, once, its 90 days of history), then runs the Worker, the demo shop and the local mailbox side by side.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { seed } from './seed';
import { startShop } from './demo-shop/server';
import { registerShopEndpoint, WebhookReceiver } from './demo-shop/webhooks';
import { DEMO } from './demo-data';
import { localSecretArgs } from './local-vars';
import { Mailbox } from './mailbox/mailbox';
import { startMailbox } from './mailbox/server';

const port = Number(process.env.PORT ?? 8787);
const shopPort = Number(process.env.SHOP_PORT ?? 8788);
const mailboxPort = Number(process.env.MAILBOX_PORT ?? 8789);
const persistTo = process.env.PERSIST_TO; // default: wrangler's own .wrangler/state
const origin = `http://127.0.0.1:${port}`;
const shopOrigin = `http://127.0.0.1:${shopPort}`;
const mailboxOrigin = `http://127.0.0.1:${mailboxPort}`;
// Local runs never reach Cloudflare's network: use miniflare's default Request.cf instead of fetching one.
const env = { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true', WRANGLER_SEND_METRICS: 'false' };
const persist = persistTo ? ['--persist-to', persistTo] : [];

function run(cmd: string, args: string[]): void {
  execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'], env });
}

async function waitFor(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}

console.log('Building widget and dashboard…');
run('npx', ['vite', 'build', '--config', 'widget/vite.config.ts', '--logLevel', 'warn']);
run('npx', ['vite', 'build', '--config', 'widget/vite.ui.config.ts', '--logLevel', 'warn']);
run('npx', ['vite', 'build', '--config', 'widget/vite.signups.config.ts', '--logLevel', 'warn']);
run('npx', ['vite', 'build', '--config', 'dashboard/vite.config.ts', '--logLevel', 'warn']);
console.log('Applying D1 migrations locally…');
run('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', ...persist]);
console.log('Seeding the demo program…');
const history = await seed(shopOrigin, persistTo);
if (history) {
  console.log(`Wrote its last 90 days: ${history.partners} more partners, ${history.clicks} clicks, ${history.signups} signups, ${history.payments} payments, ${history.leads} leads, ${history.closedPeriods} closed periods.`);
}

// The end-to-end tests retry webhooks a second apart (WEBHOOK_RETRY_SCHEDULE); a newcomer gets the real schedule.
const retrySchedule = process.env.WEBHOOK_RETRY_SCHEDULE ? ['--var', `WEBHOOK_RETRY_SCHEDULE:${process.env.WEBHOOK_RETRY_SCHEDULE}`] : [];
// Its own process group, so stopping it stops workerd too.
// Links in emails point at this run's own origin.
const publicUrl = ['--var', `PUBLIC_URL:${origin}`];
const worker = spawn('npx', ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', String(port), '--show-interactive-dev-session=false', ...localSecretArgs(), ...publicUrl, ...retrySchedule, ...persist], {
  env,
  detached: true,
  stdio: ['ignore', 'pipe', 'pipe'],
});
worker.stdout!.on('data', (d) => process.env.EDGEREF_VERBOSE && process.stdout.write(d));
worker.stderr!.on('data', (d) => process.stderr.write(d));
// Every email the Worker sends lands in the local mailbox (kept with the local D1's state).
const mailbox = new Mailbox(join(persistTo ?? '.wrangler/state', 'mailbox'));
mailbox.watch(worker.stdout!);
mailbox.watch(worker.stderr!);
const stop = () => {
  try {
    process.kill(-worker.pid!, 'SIGTERM');
    setTimeout(() => process.kill(-worker.pid!, 'SIGKILL'), 2000).unref();
  } catch {
    // already gone
  }
};
process.on('exit', stop);
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => process.exit(0));

await waitFor(`${origin}/api/v1/openapi.json`, worker);
const webhooks = new WebhookReceiver();
await startMailbox(mailboxPort, mailbox);
await startShop({
  port: shopPort,
  edgerefOrigin: origin,
  publishableKey: DEMO.publishableKey,
  secretKey: DEMO.secretKey,
  webhooks,
  stripe: { programId: DEMO.programId, secret: DEMO.stripeTestSecret },
  paddle: { programId: DEMO.programId, secret: DEMO.paddleTestSecret },
});
webhooks.useSecret(await registerShopEndpoint(origin, `${shopOrigin}/webhooks`, { email: DEMO.managerEmail, password: DEMO.password, programId: DEMO.programId }));

console.log(`
edgeref is running locally.

  Invitation link   ${origin}/r/${DEMO.invitationCode}   (QR: ${origin}/r/${DEMO.invitationCode}/qr.svg)
  Demo shop         ${shopOrigin}   (a site owner's site, on its own origin)
                    "Pay with Stripe (test)" and "Pay with Paddle (test)" (the provider's signed events, no account needed),
                    also /spa, /consent, /server-signup, /account (the referral panel), /down,
                    and /webhooks: edgeref's events as the shop's server received and verified them
  Dashboard         ${origin}/dashboard
  Mailbox           ${mailboxOrigin}   (every email edgeref sent; nothing leaves this machine)
  API (OpenAPI)     ${origin}/api/v1/openapi.json

Demo logins and keys: fixed values for local use only, never for a deployment.
  Partner member    ${DEMO.partnerEmail} / ${DEMO.password}
  Program manager   ${DEMO.managerEmail} / ${DEMO.password}
  Publishable key   ${DEMO.publishableKey}
  Secret key        ${DEMO.secretKey}

edgeref ready. Press Ctrl+C to stop.`);
