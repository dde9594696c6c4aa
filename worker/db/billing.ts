// Billing integrations: the program's billing mode, the providers' signing secrets (sealed), and the exchange rates
// payments in other currencies are converted at. Events are in billing-events.ts, the providers' ids in billing-links.ts.
import type { BillingMode, BillingProvider, ExchangeRate } from '../domain/billing';

export interface BillingSecretRow {
  id: string;
  provider: BillingProvider;
  mode: BillingMode;
  secretSealed: string;
  secretHint: string;
  createdAt: number;
}

interface SecretRecord {
  id: string;
  provider: BillingProvider;
  mode: BillingMode;
  secret_sealed: string;
  secret_hint: string;
  created_at: number;
}

const toSecret = (r: SecretRecord): BillingSecretRow => ({ id: r.id, provider: r.provider, mode: r.mode, secretSealed: r.secret_sealed, secretHint: r.secret_hint, createdAt: r.created_at });

/** The program's signing secrets, newest first (for one provider, or all). */
export async function billingSecretsOf(db: D1Database, programId: string, provider?: BillingProvider): Promise<BillingSecretRow[]> {
  const { results } = await db
    .prepare(`SELECT * FROM billing_secrets WHERE program_id = ?1 AND (?2 IS NULL OR provider = ?2) ORDER BY created_at DESC, id`)
    .bind(programId, provider ?? null)
    .all<SecretRecord>();
  return results.map(toSecret);
}

export function insertBillingSecretStatement(db: D1Database, programId: string, s: BillingSecretRow): D1PreparedStatement {
  return db
    .prepare('INSERT INTO billing_secrets (id, program_id, provider, mode, secret_sealed, secret_hint, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .bind(s.id, programId, s.provider, s.mode, s.secretSealed, s.secretHint, s.createdAt);
}

export async function deleteBillingSecret(db: D1Database, programId: string, provider: BillingProvider, id: string): Promise<boolean> {
  const r = await db.prepare('DELETE FROM billing_secrets WHERE program_id = ? AND provider = ? AND id = ?').bind(programId, provider, id).run();
  return r.meta.changes > 0;
}

export async function setBillingMode(db: D1Database, programId: string, mode: BillingMode): Promise<void> {
  await db.prepare('UPDATE programs SET billing_mode = ? WHERE id = ?').bind(mode, programId).run();
}

export async function billingModeOf(db: D1Database, programId: string): Promise<BillingMode | null> {
  const r = await db.prepare('SELECT billing_mode FROM programs WHERE id = ?').bind(programId).first<{ billing_mode: BillingMode }>();
  return r?.billing_mode ?? null;
}

export async function exchangeRatesOf(db: D1Database, programId: string, currency?: string): Promise<ExchangeRate[]> {
  const { results } = await db
    .prepare('SELECT currency, as_of, rate FROM exchange_rates WHERE program_id = ?1 AND (?2 IS NULL OR currency = ?2) ORDER BY currency, as_of DESC')
    .bind(programId, currency ?? null)
    .all<{ currency: string; as_of: string; rate: string }>();
  return results.map((r) => ({ currency: r.currency, asOf: r.as_of, rate: r.rate }));
}

/** Sets the rate of a currency for a day (a second one for the same day replaces it). */
export async function putExchangeRate(db: D1Database, programId: string, r: ExchangeRate, now: number): Promise<void> {
  await db
    .prepare('INSERT INTO exchange_rates (program_id, currency, as_of, rate, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET rate = excluded.rate, created_at = excluded.created_at')
    .bind(programId, r.currency, r.asOf, r.rate, now)
    .run();
}

export async function deleteExchangeRate(db: D1Database, programId: string, currency: string, asOf: string): Promise<boolean> {
  const r = await db.prepare('DELETE FROM exchange_rates WHERE program_id = ? AND currency = ? AND as_of = ?').bind(programId, currency, asOf).run();
  return r.meta.changes > 0;
}
