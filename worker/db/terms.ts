// The program's written terms, by version: partners accept the current one when they register, and again when a
// manager publishes a new one.
import { termsPublished } from '../domain/events';
import { eventsStatement } from './events';

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

/**
 * Adds the next version in one batch with its terms.published event and the mailing that asks every partner to
 * accept it (written a chunk at a time later: db/terms-mailings.ts). The primary key makes two publishers racing for
 * the same number fail rather than overwrite: 'conflict', with nothing written.
 */
export async function publishTerms(db: D1Database, programId: string, body: string, now: number): Promise<TermsRow | 'conflict'> {
  const version = ((await currentTerms(db, programId))?.version ?? 0) + 1;
  const event = termsPublished({ programId, version });
  try {
    await db.batch([
      db.prepare('INSERT INTO program_terms (program_id, version, body, created_at) VALUES (?, ?, ?, ?)').bind(programId, version, body, now),
      eventsStatement(db, programId, [event], now, { sql: 'SELECT 1 FROM program_terms WHERE program_id = ? AND version = ?', args: [programId, version] }),
      db
        .prepare('INSERT INTO terms_mailings (program_id, version, event_id, created_at) SELECT ?, ?, id, ? FROM events WHERE dedupe_key = ?')
        .bind(programId, version, now, event.dedupeKey),
    ]);
  } catch (e) {
    if (String(e).includes('UNIQUE') || String(e).includes('PRIMARY KEY')) return 'conflict';
    throw e;
  }
  return { version, body, createdAt: now };
}
