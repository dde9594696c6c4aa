// The customer panel's reads and writes: the signing keys, the customer as an advocate, their invitation and referrals.
import { nanoid } from 'nanoid';
import { customerByExternalId, type CustomerRow } from './customers';

/** The SHA-256 hex of the program's live secret keys: the keys customer tokens are signed with. */
export async function secretKeyHashes(db: D1Database, programId: string): Promise<string[]> {
  const { results } = await db
    .prepare(`SELECT key_hash FROM api_keys WHERE program_id = ? AND kind = 'secret' AND revoked_at IS NULL`)
    .bind(programId)
    .all<{ key_hash: string }>();
  return results.map((r) => r.key_hash);
}

/** The customer, created unattributed if the site's customer never came through an invitation. */
export async function advocateCustomer(db: D1Database, programId: string, externalId: string, now: number): Promise<CustomerRow> {
  await db
    .prepare('INSERT INTO customers (id, program_id, external_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(program_id, external_id) DO NOTHING')
    .bind(`cus_${nanoid()}`, programId, externalId, now)
    .run();
  return (await customerByExternalId(db, programId, externalId))!;
}

/** The customer's own invitation, created on first call with `newCode` (concurrent first calls still make one). */
export async function customerInvitationCode(db: D1Database, programId: string, customerId: string, newCode: string, now: number): Promise<string> {
  const find = () => db.prepare('SELECT code FROM invitations WHERE customer_id = ? ORDER BY created_at, id LIMIT 1').bind(customerId).first<string>('code');
  const existing = await find();
  if (existing) return existing;
  await db
    .prepare(
      `INSERT INTO invitations (id, program_id, customer_id, code, code_key, campaign, active, created_at, updated_at)
       SELECT ?1, ?2, ?3, ?4, ?4, 'Customer referrals', 1, ?5, ?5 WHERE NOT EXISTS (SELECT 1 FROM invitations WHERE customer_id = ?3)`,
    )
    .bind(`inv_${nanoid()}`, programId, customerId, newCode, now)
    .run();
  return (await find())!;
}

/** How many customers signed up through this customer's invitations. */
export async function referredCount(db: D1Database, customerId: string): Promise<number> {
  return (await db.prepare('SELECT count(*) AS n FROM customers WHERE referred_by_customer_id = ?').bind(customerId).first<number>('n')) ?? 0;
}
