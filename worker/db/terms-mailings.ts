// The SQL of a terms publication's emails: each partner that has not accepted the version gets one per member (in
// the roles MAIL_RULES names), written a bounded chunk of partners at a time in partner id order. One statement
// for a program's 10,000 partners would be one long write holding D1 for every other request; a chunk is short.
import { MAIL_RULES } from '../domain/mail';

const newId = "'eml_' || lower(hex(randomblob(12)))";

export interface MailingRow {
  programId: string;
  version: number;
  eventId: string;
  afterPartnerId: string;
}

export async function getMailing(db: D1Database, programId: string, version: number): Promise<(MailingRow & { finishedAt: number | null }) | null> {
  return db
    .prepare('SELECT program_id AS programId, version, event_id AS eventId, after_partner_id AS afterPartnerId, finished_at AS finishedAt FROM terms_mailings WHERE program_id = ? AND version = ?')
    .bind(programId, version)
    .first<MailingRow & { finishedAt: number | null }>();
}

/** The rule that says which template and which members' roles: MAIL_RULES stays the one list of who gets what. */
function termsRule() {
  const rule = MAIL_RULES.find((r) => r.type === 'terms.published');
  if (!rule || rule.audience.to !== 'every partner') throw new Error('MAIL_RULES has no rule for terms.published');
  return { template: rule.template, roles: rule.audience.roles };
}

/**
 * One chunk: the emails of the next `limit` partners after the cursor (those not rejected and still short of the
 * version), and the cursor moved past them, in one batch. The mailing finishes at the last partner, or at once when a
 * newer version was published (its own mailing asks for that one). Only the caller that moves the cursor counts the
 * chunk: a concurrent one wrote the same dedupe keys, so nothing twice. Returns whether the mailing is finished.
 */
export async function mailTermsChunk(db: D1Database, m: MailingRow, now: number, limit: number): Promise<{ finished: boolean; emails: number }> {
  const { template, roles } = termsRule();
  const chunk = 'SELECT id, status, terms_version FROM partners WHERE program_id = ?1 AND id > ?3 ORDER BY id LIMIT ?4';
  const current = '?2 = (SELECT max(version) FROM program_terms WHERE program_id = ?1)';
  const [emails, moved] = await db.batch([
    db
      .prepare(
        `INSERT INTO emails (id, program_id, account_id, template, event_id, dedupe_key, data, status, next_attempt_at, created_at)
         SELECT ${newId}, ?1, mb.account_id, ?5, ?6, ?5 || ':' || ?6 || ':' || p.id || ':' || mb.account_id,
                json_object('partnerId', p.id, 'version', ?2), 'pending', ?7, ?7
         FROM (${chunk}) p JOIN members mb ON mb.partner_id = p.id AND mb.role IN (SELECT value FROM json_each(?8))
         WHERE p.status != 'rejected' AND coalesce(p.terms_version, 0) < ?2 AND ${current}
         ON CONFLICT (dedupe_key) DO NOTHING`,
      )
      .bind(m.programId, m.version, m.afterPartnerId, limit, template, m.eventId, now, JSON.stringify(roles)),
    db
      .prepare(
        `UPDATE terms_mailings SET
           after_partner_id = coalesce((SELECT max(id) FROM (${chunk})), after_partner_id),
           finished_at = CASE WHEN (SELECT count(*) FROM (${chunk})) < ?4 OR NOT (${current}) THEN ?5 END
         WHERE program_id = ?1 AND version = ?2 AND after_partner_id = ?3 AND finished_at IS NULL
         RETURNING finished_at AS finishedAt`,
      )
      .bind(m.programId, m.version, m.afterPartnerId, limit, now),
  ]);
  const row = (moved.results as { finishedAt: number | null }[])[0];
  // The cursor was moved by another caller: what is left is theirs to say; finished or not is read again.
  if (!row) return { finished: (await getMailing(db, m.programId, m.version))?.finishedAt != null, emails: 0 };
  return { finished: row.finishedAt !== null, emails: emails.meta.changes };
}

/** Whether a mailing is open and no queue message is on its way for it. */
export const dueMailingsExist = (now: number) => ({
  sql: 'EXISTS (SELECT 1 FROM terms_mailings WHERE finished_at IS NULL AND (queued_until IS NULL OR queued_until < ?))',
  args: [now],
});

/** Open mailings whose queue message is not (or no longer) on its way, leased to the queue until `leaseUntil`. */
export function leaseDueMailingsStatement(db: D1Database, now: number, leaseUntil: number, limit: number): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE terms_mailings SET queued_until = ?1
       WHERE (program_id, version) IN (SELECT program_id, version FROM terms_mailings
                                       WHERE finished_at IS NULL AND (queued_until IS NULL OR queued_until < ?2) LIMIT ?3)
       RETURNING program_id AS programId, version`,
    )
    .bind(leaseUntil, now, limit);
}

/** Keeps the mailing's lease while its next chunk's message is on its way. */
export async function renewMailingLease(db: D1Database, programId: string, version: number, leaseUntil: number): Promise<void> {
  await db.prepare('UPDATE terms_mailings SET queued_until = ? WHERE program_id = ? AND version = ? AND finished_at IS NULL').bind(leaseUntil, programId, version).run();
}
