// Reads that go to D1 together: each is a statement and what its rows mean, so a flow can send several in one batch
// (one round trip) instead of one call each. A function that reads alone runs its Read through `readOne`.

export interface Read<T> {
  statement: D1PreparedStatement;
  /** What the statement's rows mean. */
  from: (rows: Record<string, unknown>[]) => T;
}

/** One read, as one call. */
export async function readOne<T>(db: D1Database, r: Read<T>): Promise<T> {
  const { results } = await r.statement.all<Record<string, unknown>>();
  return r.from(results);
}

/** Several reads in one batch: one round trip, the answers in order. */
export async function readTogether<T extends unknown[]>(db: D1Database, reads: { [K in keyof T]: Read<T[K]> }): Promise<T> {
  const results = await db.batch<Record<string, unknown>>(reads.map((r) => r.statement));
  return reads.map((r, i) => r.from(results[i].results)) as T;
}

/** A read that reads nothing (a part of a batch that does not apply), answering `value`. */
export const nothing = <T>(db: D1Database, value: T): Read<T> => ({ statement: db.prepare('SELECT 1 WHERE 0'), from: () => value });

/** A condition a write checks in its own transaction: a boolean SQL expression and its arguments (positional `?`). */
export type Condition = { sql: string; args: unknown[] };
