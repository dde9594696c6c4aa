// The demo shop's extra pages, each showing one way a site embeds the widget (and what the e2e tests drive).
import { signCustomerToken } from '../../worker/security/customer-token';
import { format, money } from '../../shared/money';
import { PRO_PLAN, type Provider, type Run } from './checkout';

export interface PageContext {
  edgeref: string; // edgeref's origin
  publishableKey: string;
  secretKey: string;
  host: string; // the Host the page was asked for: a.shop.test:PORT shares the referral with b.shop.test:PORT
  url: URL;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A page in the shop's style: no inline script (shop.js and the widget are files), so the strict CSP holds. */
export function layout(c: PageContext, title: string, body: string, widget: Record<string, string> = {}, head = ''): string {
  const lang = c.url.searchParams.get('lang') ?? 'en';
  const attrs = Object.entries({ program: c.publishableKey, ...widget }).map(([k, v]) => ` data-${k}="${esc(v)}"`).join('');
  return `<!doctype html>
<html lang="${esc(lang)}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${esc(title)} · Demo Shop</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/shop.css">
  <script src="/shop.js"></script>${head}
  <script src="${c.edgeref}/widget.js"${attrs} async></script>
</head>
<body>
  <header><strong>Demo Shop</strong> <span>${esc(title)}</span></header>
  <main>
${body}
  </main>
</body>
</html>`;
}

/** Sub-domains of shop.test share the referral through data-cookie-domain. */
function cookieDomain(c: PageContext): Record<string, string> {
  return c.host.split(':')[0].endsWith('.shop.test') ? { 'cookie-domain': 'shop.test' } : {};
}

export const pages: Record<string, (c: PageContext) => string | Promise<string>> = {
  // A single-page app whose router rewrites the URL before the (async) widget has run.
  '/spa': (c) => layout(c, 'Single-page app', '    <h1 id="route">Loading…</h1>', {}, '\n  <script src="/spa.js"></script>'),

  // Consent mode: nothing is stored or sent until the page calls edgeref('consent', true).
  '/consent': (c) => layout(c, 'Consent required', '    <h1>We ask before we remember</h1>', { consent: 'required' }),

  // The server path: the form posts to the shop's own server, which reports the signup with its secret key.
  '/server-signup': (c) =>
    layout(
      c,
      'Server-side signup',
      `    <h1>Join (reported by the shop's server)</h1>
    <form data-edgeref-signup method="post" action="/server-signup">
      <label>Email <input name="email" type="email" required></label>
      <button type="submit">Create account</button>
    </form>`,
      cookieDomain(c),
    ),

  // Any page of the shop, on a sub-domain: used for the hop from a.shop.test to b.shop.test.
  '/hop': (c) => layout(c, `On ${c.host}`, `    <h1>${esc(c.host)}</h1>`, cookieDomain(c)),

  // A signed-in customer's account page: the server signs a customer token; the button opens the referral panel.
  '/account': async (c) => {
    const customerId = c.url.searchParams.get('customer') ?? 'shop_demo_customer';
    const key = c.url.searchParams.get('forge') ? 'sk_someone_else' : c.secretKey;
    const token = await signCustomerToken(key, customerId, 600);
    return layout(
      c,
      'Your account',
      `    <h1>Your account</h1>
    <p>Signed in as <code>${esc(customerId)}</code>.</p>
    <button type="button" id="refer" data-customer-id="${esc(customerId)}" data-customer-token="${esc(token)}">Refer friends</button>`,
    );
  },

  // edgeref unreachable: the widget loads, but its API origin answers nothing. The page must not notice.
  '/down': (c) => layout(c, 'edgeref is down', '    <h1>Still shopping</h1>', { api: DOWN_ORIGIN }),
};

/** A port nothing listens on (the discard port, not served on this machine). */
export const DOWN_ORIGIN = 'http://127.0.0.1:9';

/** The shop's server reports a signup posted by a data-edgeref-signup form, with its secret key. */
export async function serverSignup(c: PageContext, form: URLSearchParams, customerId: string): Promise<string> {
  const clickId = form.get('edgeref_click') || undefined;
  const promoCode = clickId ? undefined : form.get('edgeref_code') || undefined;
  const res = await fetch(`${c.edgeref}/api/v1/signups`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${c.secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ customerId, email: form.get('email'), clickId, promoCode }),
  });
  const body = (await res.json()) as { attribution?: { method: string; invitationCode: string }; error?: { message: string } };
  const result = body.attribution ? `Attributed to ${body.attribution.invitationCode} by ${body.attribution.method}` : `Not attributed: ${body.error?.message ?? res.status}`;
  return layout(c, 'Welcome', `    <h1>Welcome aboard</h1>\n    <p>Your account <code data-testid="customer-id">${esc(customerId)}</code> is ready.</p>\n    <p data-testid="attribution">${esc(result)}</p>`);
}

const eur = (minor: number) => format(money(minor, PRO_PLAN.currency));
/**
 * The buyer signed up through the checkout, which the widget cannot know: the order confirmation switches the invited
 * banner off, and the widget then leaves it off on the shop's later pages too (the referral counts as greeted).
 */
const NO_BANNER = { banner: 'off' };

/** How the result page names each provider's test checkout, and where a real site hands the click id to it. */
const PROVIDERS: Record<Provider, { title: string; name: string; secret: string; checkout: string; invoice: string; paid: string; refunded: string; realSite: string }> = {
  stripe: {
    title: 'Stripe (test mode)',
    name: 'Stripe',
    secret: "the program's Stripe test secret",
    checkout: 'Stripe Checkout',
    invoice: 'Invoice',
    paid: "Stripe test mode: no card was charged; the shop's server sent edgeref the events Stripe sends after a subscription checkout.",
    refunded: "as a refund in Stripe's dashboard would (Stripe tells of it with <code>refund.created</code>)",
    realSite: "A real site's server passes the form's <code>edgeref_click</code> to <code>stripe.checkout.sessions.create({ client_reference_id })</code>; Stripe hands it back in <code>checkout.session.completed</code>.",
  },
  paddle: {
    title: 'Paddle (sandbox)',
    name: 'Paddle',
    secret: "the program's Paddle sandbox secret key",
    checkout: 'Paddle Checkout',
    invoice: 'Transaction',
    paid: "Paddle sandbox: no card was charged; the shop's server sent edgeref the notifications Paddle sends after a subscription checkout.",
    refunded: "as a refund in Paddle's dashboard would: Paddle tells of the adjustment when it is created, pending its approval (which returns nothing yet), and again once approved",
    realSite: "A real site passes the click id to Paddle.js in the page: <code>Paddle.Checkout.open({ items, customData: { edgeref: clickId } })</code>, inside <code>edgeref('ready', (clickId) =&gt; …)</code>; Paddle hands it back as the transaction's <code>custom_data.edgeref</code>.",
  },
};

/** What one of the shop's test checkouts sent edgeref, and what edgeref answered to each event. */
export function checkoutResult(c: PageContext, run: Run): string {
  const p = run.payment;
  const back = `    <p><a href="/">Back to the shop</a></p>`;
  if (run.kind === 'nothing_to_refund' || !p || !run.provider) {
    return layout(c, 'Refund (test)', `    <h1>Nothing to refund</h1>
    <p>edgeref has recorded no payment from the shop since the shop started, or the shop refunded the last one already. Come through an invitation link and pay with Stripe or Paddle (test) first.</p>
${back}`, NO_BANNER);
  }
  const v = PROVIDERS[run.provider];
  const refundForm = `    <form method="post" action="/refund"><button type="submit" class="secondary">Refund last payment (test)</button></form>`;
  const rows = run.deliveries
    .map((d) => `        <tr data-type="${esc(d.type)}"><td><code>${esc(d.type).replaceAll('.', '.<wbr>')}</code></td><td data-col="status"><span class="status status-${esc(d.status)}">${esc(d.status)}</span> <small>${d.httpStatus}</small></td><td data-col="reason">${esc(d.reason)}</td></tr>`)
    .join('\n');
  const answers = `    <h2>What edgeref answered</h2>
    <p>Each event went to <code>${esc(`${c.edgeref}/api/v1/programs/…/integrations/${run.provider}/webhook`)}</code>, signed with ${v.secret}.</p>
    <div class="table-scroll"><table data-testid="deliveries">
      <thead><tr><th scope="col">${v.name} event</th><th scope="col">Answer</th><th scope="col">Why</th></tr></thead>
      <tbody>
${rows}
      </tbody>
    </table></div>
    ${
      run.recorded
        ? `<p>The partner sees it at once: sign in to <a href="${esc(c.edgeref)}/dashboard/">edgeref's dashboard</a> as <code>partner@demo.test</code> / <code>demo1234</code> and open Balance.</p>`
        : run.kind === 'refund'
          ? `<p>edgeref did not record this refund: see why above.</p>`
          : `<p>No partner earned anything from this payment. Come to the shop through a partner's invitation link first (<code>npm start</code> prints one), then pay.</p>`
    }`;
  const ids = `      <dt>${v.name} customer</dt><dd><code data-testid="billing-customer">${esc(p.customer)}</code></dd>
      <dt>${v.invoice}</dt><dd><code data-testid="invoice">${esc(p.invoice)}</code></dd>`;
  if (run.kind === 'refund') {
    return layout(c, v.title, `    <h1>Refunded</h1>
    <p>${eur(p.gross)} went back to <code>${esc(p.email)}</code>, ${v.refunded}. edgeref claws back the commission the payment earned (counting the refund without VAT).</p>
    <dl>
${ids}
    </dl>
${answers}
${back}`, NO_BANNER);
  }
  const reference = run.reference
    ? `<code>${esc(run.reference.field)}</code> = <code data-testid="reference">${esc(run.reference.value)}</code>`
    : `nothing: the form carried no referral (no click id or code from the widget), so edgeref ignores this buyer`;
  return layout(c, v.title, `    <h1>Thank you for subscribing</h1>
    <p>Pro beans, monthly: ${eur(p.gross)} (${eur(PRO_PLAN.net)} + ${eur(PRO_PLAN.tax)} VAT) paid as <code>${esc(p.email)}</code>. ${v.paid}</p>
    <dl>
      <dt>Referral given to ${v.checkout}</dt><dd>${reference}</dd>
${ids}
    </dl>
    <p>${v.realSite}</p>
${answers}
${run.recorded ? refundForm : ''}
${back}`, NO_BANNER);
}
