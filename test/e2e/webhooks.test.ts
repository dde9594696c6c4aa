// Webhooks against the running system (npm start): real signed requests to real HTTP receivers on this machine,
// verified with the Standard Webhooks reference library. Retries here come a second apart (global-setup sets
// WEBHOOK_RETRY_SCHEDULE); the real schedule is a unit test of worker/domain/webhooks.ts.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { DEMO } from '../../scripts/demo-data';

const W = inject('edgerefOrigin');
const SHOP = inject('shopOrigin');
const MAILBOX = inject('mailboxOrigin');

interface Hit {
  headers: IncomingHttpHeaders;
  body: string;
  answered: number;
}

/** A receiver on a free port that answers each request with what `answer` says, and keeps every request. */
async function receiver(answer: (hit: Omit<Hit, 'answered'>, n: number) => number): Promise<{ url: string; hits: Hit[]; server: Server }> {
  const hits: Hit[] = [];
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const status = answer({ headers: req.headers, body }, hits.length);
    hits.push({ headers: req.headers, body, answered: status });
    res.writeHead(status).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/hook`, hits, server };
}

let cookie: string;
const servers: Server[] = [];
const consoleApi = (path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') =>
  fetch(`${W}/api/v1/programs/${DEMO.programId}${path}`, {
    method,
    headers: { Origin: W, Cookie: cookie, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** Polls until `ok` holds; a busy machine is slow, not broken, so the only limit is the test's own timeout. */
async function until<T>(read: () => Promise<T> | T, ok: (v: T) => boolean): Promise<T> {
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  const res = await fetch(`${W}/api/v1/session`, { method: 'POST', headers: { Origin: W, 'Content-Type': 'application/json' }, body: JSON.stringify({ email: DEMO.managerEmail, password: DEMO.password }) });
  cookie = res.headers.get('Set-Cookie')!.split(';')[0];
});
afterAll(() => servers.forEach((s) => s.close()));

describe('webhooks to a receiver', () => {
  it('a signup through an invitation reaches a receiver that is down for two tries as customer.signed_up and commission.earned: signed, once each, the same id on every try', async () => {
    // Down (503) for the first two tries of each event, then up.
    const tries = new Map<string, number>();
    const hook = await receiver((hit) => {
      const id = String(hit.headers['webhook-id']);
      tries.set(id, (tries.get(id) ?? 0) + 1);
      return tries.get(id)! <= 2 ? 503 : 204;
    });
    servers.push(hook.server);
    const created = await consoleApi('/webhook-endpoints', { url: hook.url, eventTypes: ['customer.signed_up', 'commission.earned'] });
    expect(created.status).toBe(201);
    const endpoint = (await created.json()) as { id: string; secret: string };

    const customerId = `hook-e2e-${Date.now()}`;
    const signup = await fetch(`${W}/api/v1/signups`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${DEMO.secretKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ customerId, email: `${customerId}@example.com`, promoCode: DEMO.invitationCode }),
    });
    expect(signup.status).toBe(201);

    const delivered = await until(
      () => hook.hits.filter((h) => h.answered === 204),
      (d) => d.length === 2,
    );
    const wh = new Webhook(endpoint.secret);
    const events = delivered.map((h) => wh.verify(h.body, h.headers as Record<string, string>) as { id: string; type: string; data: Record<string, unknown> });
    expect(events.map((e) => e.type).sort()).toEqual(['commission.earned', 'customer.signed_up']);
    const signedUp = events.find((e) => e.type === 'customer.signed_up')!;
    expect(signedUp.data).toMatchObject({ externalId: customerId, invitationCode: DEMO.invitationCode, partnerId: DEMO.partnerId });
    // The webhook-id is the event's id, unique per event and the same on each of its three tries.
    const ids = delivered.map((h) => String(h.headers['webhook-id']));
    expect(new Set(ids).size).toBe(2);
    expect(events.map((e) => e.id).sort()).toEqual([...ids].sort());
    for (const id of ids) expect(hook.hits.filter((h) => h.headers['webhook-id'] === id).map((h) => h.answered)).toEqual([503, 503, 204]);
    // A tampered body does not verify.
    expect(() => wh.verify(delivered[0].body.replace('"data"', '"dat\\u0061"'), delivered[0].headers as Record<string, string>)).toThrow();

    const log = (await (await consoleApi(`/webhook-endpoints/${endpoint.id}/deliveries`)).json()) as { eventId: string; status: string; attempts: number; lastStatus: number }[];
    expect(log.filter((d) => ids.includes(d.eventId)).map((d) => [d.status, d.attempts, d.lastStatus])).toEqual([
      ['delivered', 3, 204],
      ['delivered', 3, 204],
    ]);
  });

  it('a receiver that answers 410 Gone has its endpoint disabled, with the reason, and the manager is emailed', async () => {
    const gone = await receiver(() => 410);
    servers.push(gone.server);
    const endpoint = (await (await consoleApi('/webhook-endpoints', { url: gone.url, eventTypes: ['webhook.test'] })).json()) as { id: string };
    expect((await consoleApi(`/webhook-endpoints/${endpoint.id}/test`, {})).status).toBe(202);
    const after = await until(
      async () => ((await (await consoleApi('/webhook-endpoints')).json()) as { id: string; enabled: boolean; disabledReason: string | null }[]).find((e) => e.id === endpoint.id)!,
      (e) => !e.enabled,
    );
    expect(after.disabledReason).toContain('410');
    expect(gone.hits).toHaveLength(1);
    const mail = await until(
      async () => ((await (await fetch(`${MAILBOX}/messages.json`)).json()) as { to: string[]; subject: string; text: string }[]).find((m) => m.subject === 'A webhook endpoint was disabled' && m.text.includes(gone.url)),
      (m) => m !== undefined,
    );
    expect(mail!.to).toEqual([DEMO.managerEmail]);
    expect(mail!.text).toContain('The endpoint answered 410 Gone.');
  });

  it("the demo shop's receiver shows what it received and verified", async () => {
    const page = await until(
      async () => (await fetch(`${SHOP}/webhooks`)).text(),
      (html) => html.includes('customer.signed_up'),
    );
    expect(page).toContain('<td>verified</td>');
    // No delivery failed verification (an event type may itself say "rejected", as lead.rejected does).
    expect(page).not.toContain('<td>rejected: ');
  });
});
