// The program's written terms, by version: partners accept the current one when they register.

export interface TermsRow {
  version: number;
  body: string;
  createdAt: number;
}

export async function currentTerms(db: D1Database, programId: string): Promise<TermsRow | null> {
  return db
    .prepare('SELECT version, body, created_at AS createdAt FROM program_terms WHERE program_id = ? ORDER BY version DESC LIMIT 1')
    .bind(programId)
    .first<TermsRow>();
}

export async function termsVersion(db: D1Database, programId: string, version: number): Promise<TermsRow | null> {
  return db
    .prepare('SELECT version, body, created_at AS createdAt FROM program_terms WHERE program_id = ? AND version = ?')
    .bind(programId, version)
    .first<TermsRow>();
}

/** Adds the next version; the primary key makes two publishers racing for the same number fail rather than overwrite. */
export async function publishTerms(db: D1Database, programId: string, body: string, now: number): Promise<TermsRow> {
  const r = await db
    .prepare(
      `INSERT INTO program_terms (program_id, version, body, created_at)
       VALUES (?1, (SELECT coalesce(max(version), 0) + 1 FROM program_terms WHERE program_id = ?1), ?2, ?3)
       RETURNING version, body, created_at AS createdAt`,
    )
    .bind(programId, body, now)
    .first<TermsRow>();
  return r!;
}
