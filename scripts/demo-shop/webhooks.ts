// The demo shop's webhook receiver, as a merchant's server would run one: POST /webhooks verifies each request with
// the endpoint's secret through the Standard Webhooks reference library, and GET /webhooks lists what arrived.
import type { IncomingMessage } from 'node:http';
import { Webhook } from 'standardwebhooks';

export interface Received {
  id: string;
  type: string;
  verified: boolean;
  problem: string | null;
  receivedAt: string;
  body: string;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export class WebhookReceiver {
  readonly received: Received[] = [];
  private verifier: Webhook | null = null;

  /** The endpoint's signing secret (whsec_…), shown once when `npm start` registered the endpoint. */
  useSecret(secret: string): void {
    this.verifier = new Webhook(secret);
  }

  /** Verifies one delivery; 204 when genuine, 400 (and kept as rejected) when not. */
  async receive(req: IncomingMessage): Promise<number> {
    let body = '';
    for await (const chunk of req) body += chunk;
    const headers = { 'webhook-id': String(req.headers['webhook-id'] ?? ''), 'webhook-timestamp': String(req.headers['webhook-timestamp'] ?? ''), 'webhook-signature': String(req.headers['webhook-signature'] ?? '') };
    let problem: string | null = this.verifier ? null : 'no secret yet';
    let type = '?';
    try {
      if (this.verifier) type = (this.verifier.verify(body, headers) as { type: string }).type;
    } catch (e) {
      problem = (e as Error).message;
    }
    this.received.unshift({ id: headers['webhook-id'], type, verified: problem === null, problem, receivedAt: new Date().toISOString(), body });
    this.received.length = Math.min(this.received.length, 200);
    return problem === null ? 204 : 400;
  }

  /** The page: newest first, with whether each one verified. */
  page(): string {
    const rows = this.received
      .map((r) => `<tr><td>${esc(r.receivedAt)}</td><td><code>${esc(r.type)}</code></td><td><code>${esc(r.id)}</code></td><td>${r.verified ? 'verified' : `rejected: ${esc(r.problem ?? '')}`}</td><td><code>${esc(r.body.slice(0, 300))}</code></td></tr>`)
      .join('\n');
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Webhooks · Demo Shop</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="/shop.css"></head>
<body><header><strong>Demo Shop</strong> <span>Webhooks received</span></header>
<main>
<p>edgeref POSTs its events here; each is verified with the endpoint's secret (Standard Webhooks). Reload to see new ones.</p>
<div class="table-scroll"><table data-testid="webhooks"><thead><tr><th scope="col">Received</th><th scope="col">Type</th><th scope="col">webhook-id</th><th scope="col">Signature</th><th scope="col">Body</th></tr></thead>
<tbody>${rows || '<tr><td colspan="5">Nothing yet: sign up through an invitation in the shop.</td></tr>'}</tbody></table></div>
</main></body></html>`;
  }
}

/**
 * Registers the shop's receiver as a webhook endpoint of the demo program, as its manager would in the console, and
 * returns the endpoint's secret. One registered by an earlier `npm start` is replaced: its secret was shown only then.
 */
export async function registerShopEndpoint(edgeref: string, receiverUrl: string, login: { email: string; password: string; programId: string }): Promise<string> {
  const signIn = await fetch(`${edgeref}/api/v1/session`, { method: 'POST', headers: { Origin: edgeref, 'Content-Type': 'application/json' }, body: JSON.stringify({ email: login.email, password: login.password }) });
  if (!signIn.ok) throw new Error(`signing in as ${login.email} to register the shop's webhook endpoint: ${signIn.status}`);
  const headers = { Origin: edgeref, Cookie: signIn.headers.get('Set-Cookie')!.split(';')[0], 'Content-Type': 'application/json' };
  const base = `${edgeref}/api/v1/programs/${login.programId}/webhook-endpoints`;
  const existing = (await (await fetch(base, { headers })).json()) as { id: string; url: string }[];
  for (const e of existing.filter((x) => x.url === receiverUrl)) await fetch(`${base}/${e.id}`, { method: 'DELETE', headers });
  const created = await fetch(base, { method: 'POST', headers, body: JSON.stringify({ url: receiverUrl, description: 'The demo shop (npm start)' }) });
  if (created.status !== 201) throw new Error(`registering the shop's webhook endpoint: ${created.status} ${await created.text()}`);
  return ((await created.json()) as { secret: string }).secret;
}
