// A new program's rows: the program, its reward rules, its two keys and its first managers. Written as parameterised
// statements, so that the Worker binds them to D1 and the scripts (npm run program:create, the demo seed) hand the
// same statements to `wrangler d1 execute`, locally or remotely, through one quoting function (scripts/d1.ts).

export type SqlValue = string | number | null;
export interface Statement {
  sql: string;
  params: SqlValue[];
}

export interface NewProgram {
  id: string;
  name: string;
  currency: string;
  destinationUrl: string;
  allowedOrigins: string[];
  signupCreditMinor: number;
  referrerCreditMinor?: number;
  partnerDiscountBps?: number;
  rules: NewRewardRule[];
  /** The keys' SHA-256 hashes and display hints: the keys themselves are shown once and never stored. */
  keys: { id: string; kind: 'publishable' | 'secret'; hash: string; hint: string }[];
  managers: { accountId: string; email: string; name: string; passwordHash: string }[];
  now: number;
}

export type NewRewardRule =
  | { id: string; event: 'signup' | 'payment'; kind: 'flat'; amountMinor: number; holdDays: number; recurringMonths?: number }
  | { id: string; event: 'signup' | 'payment'; kind: 'percent'; percentBps: number; holdDays: number; recurringMonths?: number };

/**
 * The statements that create `p`. With `again: 'keep'` (the demo seed), running them a second time changes nothing
 * but the program's destination and origins; by default a program, key or account that exists already is an error.
 */
export function programSetupStatements(p: NewProgram, again: 'fail' | 'keep' = 'fail'): Statement[] {
  const insert = again === 'keep' ? 'INSERT OR IGNORE INTO' : 'INSERT INTO';
  return [
    {
      sql: `INSERT INTO programs (id, name, currency, destination_url, allowed_origins, signup_credit_minor, referrer_credit_minor, partner_discount_bps, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)${again === 'keep' ? '\n            ON CONFLICT (id) DO UPDATE SET destination_url = excluded.destination_url, allowed_origins = excluded.allowed_origins' : ''}`,
      params: [p.id, p.name, p.currency, p.destinationUrl, JSON.stringify(p.allowedOrigins), p.signupCreditMinor, p.referrerCreditMinor ?? 0, p.partnerDiscountBps ?? 0, p.now],
    },
    ...p.rules.map((r) => ({
      sql: `${insert} reward_rules (id, program_id, event, kind, amount_minor, percent_bps, recurring_months, hold_days, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      params: [r.id, p.id, r.event, r.kind, r.kind === 'flat' ? r.amountMinor : null, r.kind === 'percent' ? r.percentBps : null, r.recurringMonths ?? null, r.holdDays, p.now],
    })),
    ...p.keys.map((k) => ({
      sql: `${insert} api_keys (id, program_id, kind, key_hash, key_hint, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
      params: [k.id, p.id, k.kind, k.hash, k.hint, p.now],
    })),
    ...p.managers.flatMap((m) => [
      { sql: `${insert} accounts (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)`, params: [m.accountId, m.email, m.name, m.passwordHash, p.now] },
      { sql: `${insert} program_staff (program_id, account_id, role) VALUES (?, ?, 'manager')`, params: [p.id, m.accountId] },
    ]),
  ];
}

/** Runs statements as one D1 batch (one transaction). */
export async function runStatements(db: D1Database, statements: Statement[]): Promise<void> {
  await db.batch(statements.map((s) => db.prepare(s.sql).bind(...s.params)));
}
