// Counting D1 round trips: a D1 binding that passes every call to the real one and counts the calls that reach the
// database (first, all, run, raw, batch, exec; a batch is one round trip however many statements it holds). The
// Worker's own fetch is then called with it in place of DB, so a test reads how many round trips one request made
// before it answered, and how many its waitUntil work made after. A count is a deterministic figure, unlike a time.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../../worker/index';
import type { Env } from '../../worker/env';
import { BASE } from './helpers';

/** What one request cost in D1 round trips. */
export interface D1Calls {
  response: Response;
  /** Round trips made before the response was handed back. */
  beforeAnswer: number;
  /** Round trips made by its waitUntil work after that (a relay, a deferred write). */
  after: number;
  /** The SQL of each round trip, in order (a batch as its statements joined by ' ; '), to see what to cut. */
  sql: string[];
}

type Counter = { n: number; sql: string[] };

const REAL = new WeakMap<object, D1PreparedStatement>();
const SQL = new WeakMap<object, string>();

function statement(real: D1PreparedStatement, sql: string, counter: Counter): D1PreparedStatement {
  const count = <T>(call: () => Promise<T>) => {
    counter.n++;
    counter.sql.push(sql);
    return call();
  };
  const wrapped = {
    bind: (...values: unknown[]) => statement(real.bind(...values), sql, counter),
    first: (column?: string) => count(() => (column === undefined ? real.first() : real.first(column))),
    all: () => count(() => real.all()),
    run: () => count(() => real.run()),
    raw: (options?: { columnNames?: boolean }) => count(() => real.raw(options as { columnNames: true })),
  } as unknown as D1PreparedStatement;
  REAL.set(wrapped, real);
  SQL.set(wrapped, sql);
  return wrapped;
}

/** The statements a batch was given, as the real binding needs them. */
const unwrap = (statements: D1PreparedStatement[]) => statements.map((s) => REAL.get(s) ?? s);

function database(real: D1Database | D1DatabaseSession, counter: Counter): D1Database {
  const sqlOf = (statements: D1PreparedStatement[]) => statements.map((s) => SQL.get(s) ?? '?').join(' ; ');
  const db = {
    prepare: (sql: string) => statement(real.prepare(sql), sql, counter),
    batch: (statements: D1PreparedStatement[]) => {
      counter.n++;
      counter.sql.push(`batch: ${sqlOf(statements)}`);
      return real.batch(unwrap(statements));
    },
    exec: (sql: string) => {
      counter.n++;
      counter.sql.push(sql);
      return (real as D1Database).exec(sql);
    },
    withSession: (constraint?: string) => database((real as D1Database).withSession(constraint as D1SessionConstraint), counter),
    getBookmark: () => (real as D1DatabaseSession).getBookmark(),
    dump: () => (real as D1Database).dump(),
  };
  return db as unknown as D1Database;
}

/** The Worker's env with a counting DB in place of the real one, for a flow called directly (a queue consumer's). */
export function countingEnv(): { env: Env; calls: () => number; sql: string[] } {
  const counter: Counter = { n: 0, sql: [] };
  return { env: { ...(env as unknown as Env), DB: database(env.DB, counter) }, calls: () => counter.n, sql: counter.sql };
}

/** How the relay's first round trip begins (relayHasWork, worker/db/webhooks.ts). */
const RELAY_FIRST = 'SELECT EXISTS (SELECT 1 FROM events WHERE fanned_out_at IS NULL)';

/**
 * Calls the Worker with a counting DB and answers what the request cost. The response body is read before the count
 * is taken (a streamed body may still query), and the waitUntil work is awaited for the second count.
 */
export async function d1Calls(path: string, init: RequestInit = {}): Promise<D1Calls> {
  const counter: Counter = { n: 0, sql: [] };
  const ctx = createExecutionContext();
  const countingEnv: Env = { ...(env as unknown as Env), DB: database(env.DB, counter) };
  const res = await worker.fetch(new Request(`${BASE}${path}`, { redirect: 'manual', ...init }), countingEnv, ctx);
  const body = await res.arrayBuffer();
  // The relay (middleware/relay.ts) starts once the handler has answered, and its first call is issued before the
  // answer leaves the middleware, though the answer does not wait for it: it and everything after it are the
  // request's after-work, told apart by the relay's first statement.
  const relayStart = counter.sql.findIndex((sql) => sql.trimStart().startsWith(RELAY_FIRST));
  const beforeAnswer = relayStart >= 0 && relayStart < counter.n ? relayStart : counter.n;
  await waitOnExecutionContext(ctx);
  const response = new Response(res.status === 204 || res.status === 304 ? null : body, res);
  return { response, beforeAnswer, after: counter.n - beforeAnswer, sql: counter.sql };
}
