// Accounts and sessions: who is signed in, and what they may act for.

export interface AccountRow {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
}

export async function accountByEmail(db: D1Database, email: string): Promise<AccountRow | null> {
  const r = await db
    .prepare('SELECT id, email, name, password_hash FROM accounts WHERE email = ?')
    .bind(email.trim())
    .first<{ id: string; email: string; name: string; password_hash: string }>();
  return r ? { id: r.id, email: r.email, name: r.name, passwordHash: r.password_hash } : null;
}

export async function accountById(db: D1Database, id: string): Promise<Omit<AccountRow, 'passwordHash'> | null> {
  return db.prepare('SELECT id, email, name FROM accounts WHERE id = ?').bind(id).first<{ id: string; email: string; name: string }>();
}

export async function createSession(db: D1Database, idHash: string, accountId: string, now: number, ttlMs: number, visitorHash: string | null): Promise<void> {
  // The sign-in time stays on the account when the session is gone: a partner's inactivity is read from it.
  await db.batch([
    db.prepare('INSERT INTO sessions (id_hash, account_id, created_at, expires_at, visitor_hash) VALUES (?, ?, ?, ?, ?)').bind(idHash, accountId, now, now + ttlMs, visitorHash),
    db.prepare('UPDATE accounts SET last_sign_in_at = max(coalesce(last_sign_in_at, 0), ?) WHERE id = ?').bind(now, accountId),
  ]);
}

export async function sessionAccount(db: D1Database, idHash: string, now: number): Promise<string | null> {
  const r = await db
    .prepare('SELECT account_id FROM sessions WHERE id_hash = ? AND expires_at > ?')
    .bind(idHash, now)
    .first<{ account_id: string }>();
  return r?.account_id ?? null;
}

export async function deleteSession(db: D1Database, idHash: string): Promise<void> {
  await db.prepare('DELETE FROM sessions WHERE id_hash = ?').bind(idHash).run();
}

export interface Memberships {
  partners: { id: string; programId: string; number: number; status: string; name: string; role: string; memberId: string }[];
  programs: { id: string; name: string; role: string }[];
}

export async function membershipsOf(db: D1Database, accountId: string): Promise<Memberships> {
  const [partners, programs] = await db.batch<Record<string, unknown>>([
    db
      .prepare(
        `SELECT p.id, p.program_id, p.number, p.status, p.name, m.role, m.id AS member_id FROM members m
         JOIN partners p ON p.id = m.partner_id WHERE m.account_id = ? ORDER BY p.name`,
      )
      .bind(accountId),
    db
      .prepare('SELECT g.id, g.name, s.role FROM program_staff s JOIN programs g ON g.id = s.program_id WHERE s.account_id = ? ORDER BY g.name')
      .bind(accountId),
  ]);
  return {
    partners: partners.results.map((r) => ({
      id: r.id as string,
      programId: r.program_id as string,
      number: r.number as number,
      status: r.status as string,
      name: r.name as string,
      role: r.role as string,
      memberId: r.member_id as string,
    })),
    programs: programs.results.map((r) => ({ id: r.id as string, name: r.name as string, role: r.role as string })),
  };
}
