// Acceptances of the written terms: a partner's standing (what it accepted, what the program has, what waits), the
// acceptance itself, and the history a partner and the console read.
import type { PausableAction } from '../../shared/terms-pauses';
import type { TermsStanding } from '../domain/terms-acceptance';
import { termsAccepted } from '../domain/events';
import { eventsStatement } from './events';

/** The partner's accepted version, the program's current one, and the program's setting, in one read. */
export async function termsStanding(db: D1Database, partnerId: string): Promise<TermsStanding & { acceptedAt: number | null }> {
  const r = await db
    .prepare(
      `SELECT p.terms_version AS acceptedVersion, p.terms_accepted_at AS acceptedAt, g.paused_until_terms_accepted AS paused,
              (SELECT max(version) FROM program_terms WHERE program_id = p.program_id) AS currentVersion
       FROM partners p JOIN programs g ON g.id = p.program_id WHERE p.id = ?`,
    )
    .bind(partnerId)
    .first<{ acceptedVersion: number | null; acceptedAt: number | null; paused: string; currentVersion: number | null }>();
  if (!r) throw new Error(`partner ${partnerId} not found`);
  return { acceptedVersion: r.acceptedVersion, acceptedAt: r.acceptedAt, currentVersion: r.currentVersion, paused: JSON.parse(r.paused) as PausableAction[] };
}

export interface AcceptanceRow {
  version: number;
  acceptedAt: number;
  accountId: string | null;
  accountName: string | null;
}

const ACCEPTANCE = 't.version, t.accepted_at AS acceptedAt, t.account_id AS accountId, a.name AS accountName';

/**
 * Records the partner's acceptance of `version` if it is still the program's current one, moves the partner's
 * accepted version up to it, and raises terms.accepted, in one batch. 'already' when this version was accepted
 * before (nothing new is written); 'not_current' when another version was published meanwhile.
 */
export async function acceptTerms(
  db: D1Database,
  a: { programId: string; partnerId: string; version: number; accountId: string; now: number },
): Promise<{ kind: 'accepted' | 'already'; acceptance: AcceptanceRow } | { kind: 'not_current' }> {
  const recorded = { sql: 'SELECT 1 FROM terms_acceptances WHERE partner_id = ? AND version = ? AND accepted_at = ?', args: [a.partnerId, a.version, a.now] };
  const [inserted] = await db.batch([
    db
      .prepare(
        `INSERT INTO terms_acceptances (partner_id, version, program_id, account_id, accepted_at)
         SELECT ?1, ?2, ?3, ?4, ?5 WHERE ?2 = (SELECT max(version) FROM program_terms WHERE program_id = ?3)
         ON CONFLICT (partner_id, version) DO NOTHING`,
      )
      .bind(a.partnerId, a.version, a.programId, a.accountId, a.now),
    db
      .prepare(`UPDATE partners SET terms_version = ?, terms_accepted_at = ? WHERE id = ? AND coalesce(terms_version, 0) < ? AND EXISTS (${recorded.sql})`)
      .bind(a.version, a.now, a.partnerId, a.version, ...recorded.args),
    eventsStatement(db, a.programId, [termsAccepted(a)], a.now, recorded),
  ]);
  const acceptance = await db
    .prepare(`SELECT ${ACCEPTANCE} FROM terms_acceptances t LEFT JOIN accounts a ON a.id = t.account_id WHERE t.partner_id = ? AND t.version = ?`)
    .bind(a.partnerId, a.version)
    .first<AcceptanceRow>();
  if (!acceptance) return { kind: 'not_current' };
  return { kind: inserted.meta.changes === 1 ? 'accepted' : 'already', acceptance };
}

/** Every version the partner accepted, newest first. */
export async function acceptancesOf(db: D1Database, partnerId: string): Promise<AcceptanceRow[]> {
  const { results } = await db
    .prepare(`SELECT ${ACCEPTANCE} FROM terms_acceptances t LEFT JOIN accounts a ON a.id = t.account_id WHERE t.partner_id = ? ORDER BY t.version DESC`)
    .bind(partnerId)
    .all<AcceptanceRow>();
  return results;
}

/** Partners asked to accept (all but rejected ones), and how many of them accepted `version`. */
export async function acceptanceCounts(db: D1Database, programId: string, version: number | null): Promise<{ partners: number; accepted: number }> {
  const r = await db
    .prepare(
      `SELECT (SELECT count(*) FROM partners WHERE program_id = ?1 AND status != 'rejected') AS partners,
              (SELECT count(*) FROM terms_acceptances t JOIN partners p ON p.id = t.partner_id
                 WHERE t.program_id = ?1 AND t.version = ?2 AND p.status != 'rejected') AS accepted`,
    )
    .bind(programId, version ?? 0)
    .first<{ partners: number; accepted: number }>();
  return r!;
}

export interface AcceptanceRecord extends AcceptanceRow {
  partnerId: string;
  partnerName: string;
  partnerStatus: string;
  partnerNumber: number;
}

/** Where a page of the program's acceptances starts: after this acceptance, in the list's order (newest first). */
export interface AcceptanceCursor {
  acceptedAt: number;
  partnerId: string;
  version: number;
}

/** One page of the program's acceptances, newest first, optionally of one version. */
export async function acceptancesPage(db: D1Database, programId: string, q: { version?: number; before?: AcceptanceCursor; limit: number }): Promise<AcceptanceRecord[]> {
  const where = ['t.program_id = ?'];
  const args: unknown[] = [programId];
  if (q.version !== undefined) {
    where.push('t.version = ?');
    args.push(q.version);
  }
  if (q.before) {
    // Row values compare in the list's order: the rows strictly after the previous page's last.
    where.push('(t.accepted_at, t.partner_id, t.version) < (?, ?, ?)');
    args.push(q.before.acceptedAt, q.before.partnerId, q.before.version);
  }
  const { results } = await db
    .prepare(
      `SELECT ${ACCEPTANCE}, t.partner_id AS partnerId, p.name AS partnerName, p.status AS partnerStatus, p.number AS partnerNumber
       FROM terms_acceptances t JOIN partners p ON p.id = t.partner_id LEFT JOIN accounts a ON a.id = t.account_id
       WHERE ${where.join(' AND ')}
       ORDER BY t.accepted_at DESC, t.partner_id DESC, t.version DESC LIMIT ?`,
    )
    .bind(...args, q.limit)
    .all<AcceptanceRecord>();
  return results;
}
