// The module Worker the scale benchmark runs in workerd next to the local D1: /fill writes the data (fill.ts); /plans signs in, calls each API through the real app with a recording D1, and explains the reads.
import app from '../../worker/index';
import type { Env } from '../../worker/env';
import { fillScale } from './fill';
import { plansOf, recording, fullScans, type Recorded } from './recorder';
import type { Api } from './apis';

interface ScaleEnv extends Record<string, unknown> {
  DB: D1Database;
  PASSWORD_HASH: string;
}

const fakeQueue = { send: async () => {}, sendBatch: async () => {} };
const fakeLimit = { limit: async () => ({ success: true }) };

/** Each API's distinct reads with their plans, and the status it answered. */
async function plans(env: ScaleEnv, ctx: ExecutionContext, body: { apis: Api[]; users: Record<string, string>; password: string }) {
  const origin = 'http://bench-scale.local';
  const appEnv = (db: D1Database) => ({ ...env, DB: db, CLICKS: fakeQueue, WEBHOOKS: fakeQueue, EMAILS: fakeQueue, BILLING: fakeQueue, PUBLISHABLE_BY_ADDRESS: fakeLimit, PUBLISHABLE_BY_PROGRAM: fakeLimit }) as unknown as Env;
  const cookies: Record<string, string> = {};
  for (const [who, email] of Object.entries(body.users)) {
    const res = await app.fetch(new Request(`${origin}/api/v1/session`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: origin }, body: JSON.stringify({ email, password: body.password }) }), appEnv(env.DB), ctx);
    if (res.status !== 200) throw new Error(`sign-in of ${email}: ${res.status} ${await res.text()}`);
    cookies[who] = res.headers.get('Set-Cookie')!.split(';')[0];
  }
  const out = [];
  for (const api of body.apis) {
    const log: Recorded[] = [];
    const res = await app.fetch(new Request(`${origin}${api.path}`, { headers: { Cookie: cookies[api.caller] ?? '' } }), appEnv(recording(env.DB, log)), ctx);
    await res.arrayBuffer();
    const explained = await plansOf(env.DB, log);
    const timed = [];
    for (const q of explained) timed.push({ ...q, fullScans: fullScans(q.sql, q.plan), ms: await statementMs(env.DB, q.sql, log.find((r) => r.sql.trim() === q.sql)!.args) });
    out.push({ name: api.name, status: res.status, queries: timed });
  }
  return out;
}

/**
 * One statement alone, run 5 times against the filled D1 from inside workerd: the median in ms. It says which of an
 * API's reads takes its time (a batch's statements are not timed one by one otherwise); the time includes D1's own
 * round trip inside workerd, so a cheap read shows about that.
 */
async function statementMs(db: D1Database, sql: string, args: unknown[]): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await db.prepare(sql).bind(...args).all();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[2];
}

export default {
  async fetch(request: Request, env: ScaleEnv, ctx: ExecutionContext): Promise<Response> {
    const url = new URL(request.url);
    try {
      if (url.pathname === '/fill') {
        const summary = await fillScale(env.DB, { scale: Number(url.searchParams.get('scale')), now: Number(url.searchParams.get('now')), passwordHash: env.PASSWORD_HASH });
        return Response.json({ summary });
      }
      if (url.pathname === '/plans') return Response.json({ plans: await plans(env, ctx, await request.json()) });
      return new Response('not found', { status: 404 });
    } catch (e) {
      return Response.json({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) }, { status: 500 });
    }
  },
};
