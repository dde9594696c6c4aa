// Test helpers: seed the demo program into the real D1, and call the Worker like a browser or a server would.
import { env, SELF } from 'cloudflare:test';
import { DEMO, demoSeedStatements } from '../../scripts/demo-data';
import { runStatements } from '../../worker/db/program-setup';

export { DEMO };
export const BASE = 'http://edgeref.test';
export const SHOP = 'http://127.0.0.1:8788';

export async function seedDemo(): Promise<void> {
  await runStatements(env.DB, await demoSeedStatements(SHOP, Date.now(), env.WEBHOOK_SECRET_KEY));
}

export function call(path: string, init: RequestInit = {}): Promise<Response> {
  return SELF.fetch(`${BASE}${path}`, { redirect: 'manual', ...init });
}

/** A JSON call from the site owner's server, with the secret key. */
export function server(path: string, body?: unknown, key: string = DEMO.secretKey, headers: Record<string, string> = {}): Promise<Response> {
  return call(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** A JSON call from the widget on the shop's page, with the publishable key. */
export function widget(path: string, body?: unknown, origin = SHOP): Promise<Response> {
  return call(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: `Bearer ${DEMO.publishableKey}`, 'Content-Type': 'application/json', Origin: origin },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export const CHROME_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';
let visitors = 0;
/** A new visitor (its own IP), so tests do not count as each other's repeat clicks. */
export const newVisitorIp = () => `198.51.${Math.floor(++visitors / 250) % 250}.${visitors % 250}`;

/** Follows /r/<code> as a browser and returns the click id handed to the shop. */
export async function clickThrough(code: string = DEMO.invitationCode, query = '', ip = newVisitorIp()): Promise<{ res: Response; clickId: string; location: URL }> {
  const res = await call(`/r/${code}${query}`, { headers: { 'User-Agent': CHROME_UA, 'CF-Connecting-IP': ip } });
  const location = new URL(res.headers.get('Location')!);
  return { res, clickId: location.searchParams.get('ref_click')!, location };
}

/** Signs in through the API and returns the session cookie. */
export async function signIn(email: string = DEMO.partnerEmail, password: string = DEMO.password): Promise<string> {
  const res = await call('/api/v1/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: BASE },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return res.headers.get('Set-Cookie')!.split(';')[0];
}

export async function count(sql: string, ...args: unknown[]): Promise<number> {
  const r = await env.DB.prepare(sql).bind(...args).first<{ n: number }>();
  return r!.n;
}

let markers = 0;
/**
 * The clicks in D1 (not counting these markers) once every click handed to the queue so far has been written: a
 * marker click sent now is delivered in the same batch as earlier clicks or after them (one queue, in order), so
 * once its row is there, theirs are too.
 */
export async function settledClicks(): Promise<number> {
  const { clickId } = await clickThrough();
  markers++;
  await eventually(() => count('SELECT count(*) n FROM clicks WHERE id = ?', clickId), (n) => n === 1);
  return (await count('SELECT count(*) n FROM clicks')) - markers;
}

/** Polls until work done outside the request (the queue consumer's click writes) shows, within a generous bound. */
export async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A call as a signed-in person: the session cookie, and our own Origin (state-changing calls must be same-origin). */
export function asUser(cookie: string, path: string, body?: unknown, init: { method?: string; headers?: Record<string, string> } = {}): Promise<Response> {
  return call(path, {
    method: init.method ?? (body === undefined ? 'GET' : 'POST'),
    headers: { Cookie: cookie, Origin: BASE, 'Content-Type': 'application/json', ...init.headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

let customers = 0;
/** A customer who signed up with the DEMO promo code (reported by the site's server), under a fresh external id. */
export async function referredCustomer(code: string = DEMO.invitationCode): Promise<string> {
  const customerId = `ext_${Date.now().toString(36)}_${++customers}`;
  const res = await server('/api/v1/signups', { customerId, email: `${customerId}@example.com`, promoCode: code });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${await res.text()}`);
  return customerId;
}
