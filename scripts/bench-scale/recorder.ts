// A D1 binding that passes every call through and records each statement's SQL and bound values, so a request's queries can be explained afterwards.

export interface Recorded {
  sql: string;
  args: unknown[];
}

const REAL = new WeakMap<object, D1PreparedStatement>();
const FACTS = new WeakMap<object, Recorded>();

function statement(real: D1PreparedStatement, rec: Recorded, log: Recorded[]): D1PreparedStatement {
  const run = <T>(call: () => Promise<T>) => {
    log.push(rec);
    return call();
  };
  const wrapped = {
    bind: (...values: unknown[]) => statement(real.bind(...values), { sql: rec.sql, args: values }, log),
    first: (column?: string) => run(() => (column === undefined ? real.first() : real.first(column))),
    all: () => run(() => real.all()),
    run: () => run(() => real.run()),
    raw: (options?: { columnNames?: boolean }) => run(() => real.raw(options as { columnNames: true })),
  } as unknown as D1PreparedStatement;
  REAL.set(wrapped, real);
  FACTS.set(wrapped, rec);
  return wrapped;
}

/** `real` (a database or one of its sessions) with every statement it runs appended to `log`. */
export function recording(real: D1Database | D1DatabaseSession, log: Recorded[]): D1Database {
  return {
    prepare: (sql: string) => statement(real.prepare(sql), { sql, args: [] }, log),
    batch: (statements: D1PreparedStatement[]) => {
      for (const s of statements) log.push(FACTS.get(s) ?? { sql: '?', args: [] });
      return real.batch(statements.map((s) => REAL.get(s) ?? s));
    },
    exec: (sql: string) => (real as D1Database).exec(sql),
    dump: () => (real as D1Database).dump(),
    // The dashboard's requests run in a D1 session (worker/middleware/d1-session.ts): recorded the same way.
    withSession: (constraint?: string) => recording((real as D1Database).withSession(constraint as D1SessionConstraint), log),
    getBookmark: () => (real as D1DatabaseSession).getBookmark(),
  } as unknown as D1Database;
}

/** The plan of each distinct read among `log` (writes and trivial lookups are left out), each line as SQLite prints it. */
export async function plansOf(db: D1Database, log: Recorded[]): Promise<{ sql: string; plan: string[] }[]> {
  const seen = new Set<string>();
  const out: { sql: string; plan: string[] }[] = [];
  for (const r of log) {
    const sql = r.sql.trim();
    if (!/^(SELECT|WITH)\b/i.test(sql) || seen.has(sql) || sql === 'SELECT 1 WHERE 0') continue;
    seen.add(sql);
    const { results } = await db.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...r.args).all<{ detail: string }>();
    out.push({ sql, plan: results.map((x) => x.detail) });
  }
  return out;
}

/** A plan line that reads a whole big table without an index: what the benchmark and its test look for. Plans name aliases, so the SQL maps them back. */
export const BIG_TABLES = ['clicks', 'customers', 'ledger_entries', 'payments', 'partner_daily_stats', 'invitation_daily_stats'];
const KEYWORDS = new Set(['WHERE', 'ON', 'JOIN', 'LEFT', 'INNER', 'CROSS', 'GROUP', 'ORDER', 'LIMIT', 'USING', 'NATURAL', 'UNION', 'WINDOW', 'HAVING']);
export function fullScans(sql: string, plan: string[]): string[] {
  const tableOf = new Map<string, string>();
  for (const m of sql.matchAll(/\b(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?/gi)) {
    tableOf.set(m[1], m[1]);
    if (m[2] && !KEYWORDS.has(m[2].toUpperCase())) tableOf.set(m[2], m[1]);
  }
  return plan.filter((line) => {
    const m = line.match(/^SCAN (\w+)(.*)$/);
    return m !== null && !/USING (COVERING )?INDEX/.test(m[2]) && BIG_TABLES.includes(tableOf.get(m[1]) ?? m[1]);
  });
}
