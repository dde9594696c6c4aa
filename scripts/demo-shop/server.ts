// The demo shop: a site owner's site on its own origin. It embeds widget.js, reads credit with its secret key, and
// sells a subscription through stand-ins for Stripe Checkout in test mode (stripe.ts) and Paddle's sandbox (paddle.ts).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { checkoutResult, DOWN_ORIGIN, pages, serverSignup, type PageContext } from './pages';
import { TestCheckouts, type Run, type TestCheckoutOptions } from './checkout';
import { StripeTestCheckout } from './stripe';
import { PaddleTestCheckout } from './paddle';
import { WebhookReceiver } from './webhooks';

export interface ShopOptions {
  port: number;
  edgerefOrigin: string;
  publishableKey: string;
  secretKey: string;
  /** Receives edgeref's webhooks at /webhooks; its secret is set once the endpoint is registered. */
  webhooks?: WebhookReceiver;
  /** The program and Stripe test secret that "Pay with Stripe (test)" sends its events with. */
  stripe?: Omit<TestCheckoutOptions, 'edgeref'>;
  /** The program and Paddle sandbox secret key that "Pay with Paddle (test)" sends its events with. */
  paddle?: Omit<TestCheckoutOptions, 'edgeref'>;
}

const file = (name: string) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  return new URLSearchParams(raw);
}

export function startShop(o: ShopOptions): Promise<Server> {
  const customers = new Map<string, string>(); // email -> the shop's own customer id
  const checkouts = new TestCheckouts({
    stripe: o.stripe && new StripeTestCheckout({ edgeref: o.edgerefOrigin, ...o.stripe }),
    paddle: o.paddle && new PaddleTestCheckout({ edgeref: o.edgerefOrigin, ...o.paddle }),
  });
  const runs = new Map<string, Run>(); // what each test checkout or refund sent, shown once it is done
  const page = file('index.html').replaceAll('{{EDGEREF}}', o.edgerefOrigin).replaceAll('{{PUBLISHABLE_KEY}}', o.publishableKey);
  const assets: Record<string, [string, string]> = {
    '/shop.js': ['text/javascript', file('shop.js')],
    '/shop.css': ['text/css', file('shop.css')],
    '/spa.js': ['text/javascript', file('spa.js')],
  };
  // A strict policy, as a careful site owner would set: no inline script, no eval, edgeref allowed by origin.
  const csp = [
    "default-src 'self'",
    `script-src 'self' ${o.edgerefOrigin}`,
    `connect-src 'self' ${o.edgerefOrigin}`,
    `img-src 'self' ${o.edgerefOrigin} data:`,
    "style-src 'self'",
  ].join('; ');
  // The page whose edgeref API is down may (try to) connect there.
  const downCsp = csp.replace(`connect-src 'self' ${o.edgerefOrigin}`, `connect-src 'self' ${o.edgerefOrigin} ${DOWN_ORIGIN}`);

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const send = (status: number, type: string, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': type, ...headers });
      res.end(body);
    };
    try {
      if (req.method === 'GET' && url.pathname === '/') return send(200, 'text/html; charset=utf-8', page, { 'Content-Security-Policy': csp });
      if (req.method === 'GET' && assets[url.pathname]) return send(200, assets[url.pathname][0], assets[url.pathname][1]);
      if (url.pathname === '/webhooks' && o.webhooks) {
        if (req.method === 'POST') return send(await o.webhooks.receive(req), 'text/plain', '');
        if (req.method === 'GET') return send(200, 'text/html; charset=utf-8', o.webhooks.page(), { 'Content-Security-Policy': csp });
      }
      const ctx: PageContext = { edgeref: o.edgerefOrigin, publishableKey: o.publishableKey, secretKey: o.secretKey, host: req.headers.host ?? '', url };
      const html = (body: string) => send(200, 'text/html; charset=utf-8', body, { 'Content-Security-Policy': url.pathname === '/down' ? downCsp : csp });
      const route = url.pathname.startsWith('/spa') ? '/spa' : url.pathname; // the app's own routes, e.g. /spa/welcome
      if (req.method === 'GET' && pages[route]) return html(await pages[route](ctx));
      if (req.method === 'POST' && url.pathname === '/server-signup') {
        const form = await readForm(req);
        const email = String(form.get('email') ?? '').trim().toLowerCase();
        if (!customers.has(email)) customers.set(email, `shop_${randomUUID().slice(0, 8)}`);
        return html(await serverSignup(ctx, form, customers.get(email)!));
      }
      if (req.method === 'POST' && url.pathname === '/signup') {
        let raw = '';
        for await (const chunk of req) raw += chunk;
        const email = String(JSON.parse(raw).email ?? '').trim().toLowerCase();
        if (!email.includes('@')) return send(400, 'application/json', JSON.stringify({ error: 'email required' }));
        if (!customers.has(email)) customers.set(email, `shop_${randomUUID().slice(0, 8)}`);
        return send(200, 'application/json', JSON.stringify({ customerId: customers.get(email) }));
      }
      // "Pay with Stripe (test)", "Pay with Paddle (test)" and "Refund last payment (test)": the events go out, then
      // the buyer is sent (303) to the result, so reloading it pays nothing twice.
      const provider = url.pathname.match(/^\/(\w+)\/checkout$/)?.[1]; // /stripe/checkout, /paddle/checkout
      const paying = provider !== undefined && checkouts.has(provider);
      if (req.method === 'POST' && (paying || url.pathname === '/refund')) {
        const form = await readForm(req);
        const customerId = form.get('customer') || '';
        const email = [...customers].find(([, id]) => id === customerId)?.[0];
        const input = { clickId: form.get('edgeref_click') || undefined, code: form.get('edgeref_code') || undefined, account: email ? { customerId, email } : undefined };
        const run = paying ? await checkouts.pay(provider, input) : await checkouts.refundLast();
        const id = randomUUID();
        runs.set(id, run);
        if (runs.size > 100) runs.delete(runs.keys().next().value!);
        return send(303, 'text/plain', '', { Location: `/checkout/result?run=${id}` });
      }
      if (req.method === 'GET' && url.pathname === '/checkout/result') {
        const run = runs.get(url.searchParams.get('run') ?? '');
        return run ? html(checkoutResult(ctx, run)) : send(404, 'text/plain', 'No such payment (the shop keeps them in memory until it stops).');
      }
      const account = url.pathname.match(/^\/account\/([\w-]+)$/);
      if (req.method === 'GET' && account) {
        // Server to server: the secret key never reaches the browser. The shop knows this account is real (it created
        // it), so it confirms the signup the widget reported; until then its credit and commission are only pending.
        const auth = { Authorization: `Bearer ${o.secretKey}` };
        if ([...customers.values()].includes(account[1])) await fetch(`${o.edgerefOrigin}/api/v1/signups/${account[1]}/confirmation`, { method: 'POST', headers: auth });
        const r = await fetch(`${o.edgerefOrigin}/api/v1/customers/${account[1]}/ledger`, { headers: auth });
        return send(r.status, 'application/json', await r.text());
      }
      send(404, 'text/plain', 'Not found');
    } catch (err) {
      send(500, 'text/plain', String(err));
    }
  });
  return new Promise((resolve) => server.listen(o.port, '127.0.0.1', () => resolve(server)));
}
