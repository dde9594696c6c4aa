// The mail outbox's SQL: emails created from events and changes, leased to the queue, claimed and settled by the
// consumer; and each person's language and the optional emails they turned off.
import type { EmailTemplate, Language, OptionalEmail } from '../../shared/email-templates';
import { MAIL_RULES } from '../domain/mail';
import type { PartnerStatus } from '../domain/partners';
import type { Guard } from './ledger';
import { IN_FAN_OUT_BATCH } from './events';

const newId = "'eml_' || lower(hex(randomblob(12)))";

/**
 * The emails of the events of the next fan-out batch (IN_FAN_OUT_BATCH), to go into it before the events are marked:
 * one per rule and recipient, to the members of the partner the event names in the rule's roles, to the program's
 * managers, or to the sales representative the event names. The dedupe key makes a repeated fan-out write nothing new.
 */
export function emailFanOutStatements(db: D1Database, now: number): D1PreparedStatement[] {
  const rules = JSON.stringify(
    // Every partner's members are written in chunks by the terms mailing, never in this one statement.
    MAIL_RULES.filter((r) => r.audience.to !== 'every partner').map((r) => ({ type: r.type, template: r.template, to: r.audience.to, roles: r.audience.to === 'partner' ? r.audience.roles : [], whenPath: r.when ? `$.${r.when.field}` : null, whenEquals: r.when?.equals ?? null })),
  );
  const when = "(r.value ->> '$.whenPath' IS NULL OR json_extract(e.data, r.value ->> '$.whenPath') = r.value ->> '$.whenEquals')";
  const insert = `INSERT INTO emails (id, program_id, account_id, template, event_id, dedupe_key, data, status, next_attempt_at, created_at)`;
  return [
    db
      .prepare(
        `${insert}
         SELECT ${newId}, e.program_id, m.account_id, r.value ->> '$.template', e.id, (r.value ->> '$.template') || ':' || e.id || ':' || m.account_id, e.data, 'pending', ?1, ?1
         FROM events e JOIN json_each(?2) r ON r.value ->> '$.type' = e.type AND r.value ->> '$.to' = 'partner'
           JOIN members m ON m.partner_id = e.data ->> '$.partnerId'
         WHERE ${IN_FAN_OUT_BATCH} AND EXISTS (SELECT 1 FROM json_each(r.value -> '$.roles') WHERE value = m.role) AND ${when}
         ON CONFLICT (dedupe_key) DO NOTHING`,
      )
      .bind(now, rules),
    db
      .prepare(
        `${insert}
         SELECT ${newId}, e.program_id, s.account_id, r.value ->> '$.template', e.id, (r.value ->> '$.template') || ':' || e.id || ':' || s.account_id, e.data, 'pending', ?1, ?1
         FROM events e JOIN json_each(?2) r ON r.value ->> '$.type' = e.type AND r.value ->> '$.to' = 'managers'
           JOIN program_staff s ON s.program_id = e.program_id AND s.role = 'manager'
         WHERE ${IN_FAN_OUT_BATCH} AND ${when}
         ON CONFLICT (dedupe_key) DO NOTHING`,
      )
      .bind(now, rules),
    // The sales representative the event names (a lead assigned, a deal proposed won), while staff of the program.
    db
      .prepare(
        `${insert}
         SELECT ${newId}, e.program_id, s.account_id, r.value ->> '$.template', e.id, (r.value ->> '$.template') || ':' || e.id || ':' || s.account_id, e.data, 'pending', ?1, ?1
         FROM events e JOIN json_each(?2) r ON r.value ->> '$.type' = e.type AND r.value ->> '$.to' = 'owner'
           JOIN program_staff s ON s.program_id = e.program_id AND s.account_id = e.data ->> '$.ownerId'
         WHERE ${IN_FAN_OUT_BATCH} AND ${when}
         ON CONFLICT (dedupe_key) DO NOTHING`,
      )
      .bind(now, rules),
    // An invite's email: no account yet; the invite names the address when it is sent.
    db
      .prepare(
        `${insert}
         SELECT ${newId}, e.program_id, NULL, r.value ->> '$.template', e.id, (r.value ->> '$.template') || ':' || e.id || ':invitee', e.data, 'pending', ?1, ?1
         FROM events e JOIN json_each(?2) r ON r.value ->> '$.type' = e.type AND r.value ->> '$.to' = 'invitee'
         WHERE ${IN_FAN_OUT_BATCH} AND ${when}
         ON CONFLICT (dedupe_key) DO NOTHING`,
      )
      .bind(now, rules),
  ];
}

/** An email to each of the program's managers, written in the batch of the change it tells of, if the guard's row exists. */
export function emailManagersStatement(db: D1Database, m: { programId: string; template: EmailTemplate; cause: string; data: Record<string, unknown>; now: number }, guard: Guard): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO emails (id, program_id, account_id, template, dedupe_key, data, status, next_attempt_at, created_at)
       SELECT ${newId}, ?1, s.account_id, ?2, ?2 || ':' || ?3 || ':' || s.account_id, ?4, 'pending', ?5, ?5
       FROM program_staff s WHERE s.program_id = ?1 AND s.role = 'manager' AND EXISTS (${guard.sql})
       ON CONFLICT (dedupe_key) DO NOTHING`,
    )
    .bind(m.programId, m.template, m.cause, JSON.stringify(m.data), m.now, ...guard.args);
}

/**
 * A period summary to the owners and managers of each approved partner of the program, written in the batch that
 * closes the period (if the guard's row exists); its figures are read when it is sent.
 */
export function emailPeriodSummariesStatement(db: D1Database, s: { programId: string; periodId: string; now: number }, guard: Guard): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO emails (id, program_id, account_id, template, dedupe_key, data, status, next_attempt_at, created_at)
       SELECT ${newId}, ?1, m.account_id, 'period_summary', 'period_summary:' || ?2 || ':' || p.id || ':' || m.account_id,
              json_object('periodId', ?2, 'partnerId', p.id), 'pending', ?3, ?3
       FROM partners p JOIN members m ON m.partner_id = p.id AND m.role IN ('owner', 'manager')
       WHERE p.program_id = ?1 AND p.status = 'partner' AND EXISTS (${guard.sql})
       ON CONFLICT (dedupe_key) DO NOTHING`,
    )
    .bind(s.programId, s.periodId, s.now, ...guard.args);
}

/** A partner's figures for [from, to): unique clicks and scans, signups, commission earned, and first-time paying customers. */
export async function partnerPeriodFigures(db: D1Database, partnerId: string, from: number, to: number): Promise<{ clicks: number; signups: number; commissionMinor: number; successfulReferrals: number }> {
  const day = (at: number) => new Date(at).toISOString().slice(0, 10);
  const r = await db
    .prepare(
      `SELECT
         (SELECT coalesce(sum(s.clicks + s.scans), 0) FROM invitation_daily_stats s JOIN invitations i ON i.id = s.invitation_id
            WHERE i.partner_id = ?1 AND s.day >= ?2 AND s.day < ?3) AS clicks,
         (SELECT coalesce(sum(s.signups), 0) FROM invitation_daily_stats s JOIN invitations i ON i.id = s.invitation_id
            WHERE i.partner_id = ?1 AND s.day >= ?2 AND s.day < ?3) AS signups,
         (SELECT coalesce(sum(amount_minor), 0) FROM ledger_entries
            WHERE partner_id = ?1 AND type = 'commission' AND lot_id IS NULL AND created_at >= ?4 AND created_at < ?5) AS commissionMinor,
         (SELECT count(*) FROM (SELECT min(p.paid_at) AS first FROM payments p JOIN customers c ON c.id = p.customer_id
            WHERE c.partner_id = ?1 GROUP BY p.customer_id) WHERE first >= ?4 AND first < ?5) AS successfulReferrals`,
    )
    .bind(partnerId, day(from), day(to), from, to)
    .first<{ clicks: number; signups: number; commissionMinor: number; successfulReferrals: number }>();
  return r!;
}

/** Whether any email is due and not on its way to the queue. */
export const dueEmailsExist = (now: number) => ({
  sql: "EXISTS (SELECT 1 FROM emails WHERE status = 'pending' AND next_attempt_at <= ? AND (queued_until IS NULL OR queued_until < ?))",
  args: [now, now],
});

/** Due emails whose queue message is not (or no longer) on its way, leased to the queue until `leaseUntil`. */
export function leaseDueEmailsStatement(db: D1Database, now: number, leaseUntil: number, limit: number): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE emails SET queued_until = ?1
       WHERE id IN (SELECT id FROM emails WHERE status = 'pending' AND next_attempt_at <= ?2 AND (queued_until IS NULL OR queued_until < ?2)
                    ORDER BY next_attempt_at LIMIT ?3)
       RETURNING id`,
    )
    .bind(leaseUntil, now, limit);
}

export async function leaseDueEmails(db: D1Database, now: number, leaseUntil: number, limit: number): Promise<string[]> {
  return (await leaseDueEmailsStatement(db, now, leaseUntil, limit).all<{ id: string }>()).results.map((r) => r.id);
}

export interface EmailJob {
  id: string;
  programId: string;
  programName: string;
  currency: string;
  template: EmailTemplate;
  data: Record<string, unknown>;
  attempts: number;
  nextAttemptAt: number | null;
  /** Null for an invite: its recipient has no account yet. */
  account: { id: string; email: string; name: string; language: Language; erased: boolean } | null;
  /** The recipient turned this (optional) email off. */
  optedOut: boolean;
  /** The partner the event names (its `partnerId`), as it stands now; null when it names none. */
  partner: { id: string; name: string; number: number; status: PartnerStatus } | null;
}

/**
 * Claims pending emails for one send each, until `until`: no other consumer sends them meanwhile. One round trip
 * for a whole queue batch. Leaves out an email that is settled, or that another consumer holds.
 */
export async function claimEmails(db: D1Database, ids: string[], now: number, until: number): Promise<EmailJob[]> {
  const list = JSON.stringify(ids);
  const [, rows] = await db.batch([
    db
      .prepare("UPDATE emails SET sending_until = ?1 WHERE id IN (SELECT value FROM json_each(?2)) AND status = 'pending' AND (sending_until IS NULL OR sending_until < ?3)")
      .bind(until, list, now),
    db
      .prepare(
        `SELECT m.id, m.program_id, p.name AS program_name, p.currency, m.template, m.data, m.attempts, m.next_attempt_at,
                a.id AS account_id, a.email, a.name, a.language, a.erased_at,
                EXISTS (SELECT 1 FROM email_opt_outs o WHERE o.account_id = a.id AND o.topic = m.template) AS opted_out,
                pt.id AS partner_id, pt.name AS partner_name, pt.number AS partner_number, pt.status AS partner_status
         FROM emails m LEFT JOIN accounts a ON a.id = m.account_id JOIN programs p ON p.id = m.program_id
           LEFT JOIN partners pt ON pt.id = m.data ->> '$.partnerId'
         WHERE m.id IN (SELECT value FROM json_each(?1)) AND m.sending_until = ?2`,
      )
      .bind(list, until),
  ]);
  return (rows.results as Record<string, unknown>[]).map((r) => ({
    id: r.id as string,
    programId: r.program_id as string,
    programName: r.program_name as string,
    currency: r.currency as string,
    template: r.template as EmailTemplate,
    data: JSON.parse(r.data as string) as Record<string, unknown>,
    attempts: r.attempts as number,
    nextAttemptAt: r.next_attempt_at as number | null,
    account: r.account_id === null ? null : { id: r.account_id as string, email: r.email as string, name: r.name as string, language: r.language as Language, erased: r.erased_at !== null },
    optedOut: r.opted_out === 1,
    partner: r.partner_id === null ? null : { id: r.partner_id as string, name: r.partner_name as string, number: r.partner_number as number, status: r.partner_status as PartnerStatus },
  }));
}

export type EmailOutcome =
  | { kind: 'sent'; subject: string }
  | { kind: 'skipped'; why: string }
  | { kind: 'retry'; error: string; nextAttemptAt: number; queuedUntil: number }
  /** Not due yet: its message came early and another waits for its time. */
  | { kind: 'wait'; queuedUntil: number }
  | { kind: 'failed'; error: string };

/** What an outcome changes in the email's row. */
function settlement(o: EmailOutcome, now: number): { set: string; args: unknown[] } {
  switch (o.kind) {
    case 'sent':
      return { set: "status = 'sent', subject = ?, sent_at = ?, attempts = attempts + 1, last_error = NULL", args: [o.subject, now] };
    case 'skipped':
      return { set: "status = 'skipped', last_error = ?", args: [o.why] };
    case 'wait':
      return { set: 'queued_until = ?', args: [o.queuedUntil] };
    case 'retry':
      return { set: 'attempts = attempts + 1, last_error = ?, next_attempt_at = ?, queued_until = ?', args: [o.error, o.nextAttemptAt, o.queuedUntil] };
    case 'failed':
      return { set: "status = 'failed', attempts = attempts + 1, last_error = ?", args: [o.error] };
  }
}

/** A claimed email's outcome, to settle. */
export interface EmailSettlement {
  id: string;
  claim: number;
  outcome: EmailOutcome;
}

/**
 * Settles the sends of claimed emails, one round trip for them all; for each, false when its claim was lost
 * meanwhile (the settlement is another's).
 */
export async function settleEmails(db: D1Database, settlements: EmailSettlement[], now: number): Promise<boolean[]> {
  if (settlements.length === 0) return [];
  const written = await db.batch(
    settlements.map(({ id, claim, outcome }) => {
      const { set, args } = settlement(outcome, now);
      return db.prepare(`UPDATE emails SET ${set}, sending_until = NULL WHERE id = ? AND status = 'pending' AND sending_until = ?`).bind(...args, id, claim);
    }),
  );
  return written.map((r) => r.meta.changes === 1);
}

/** An invite as its email needs it: whom it goes to, from whom, and whether it is still open at `now`. */
export interface InviteForEmail {
  email: string;
  /** The invitee's name, when the invite gives one (staff invites). */
  name: string;
  role: string;
  partnerName: string | null;
  inviterName: string;
  /** The inviter's language: the invitee has none yet. */
  language: Language;
  expiresAt: number;
  open: boolean;
}

export async function inviteForEmail(db: D1Database, kind: 'member' | 'staff', inviteId: string, now: number): Promise<InviteForEmail | null> {
  const sql =
    kind === 'member'
      ? `SELECT i.email, '' AS name, i.role, p.name AS partnerName, coalesce(a.name, '') AS inviterName, coalesce(a.language, 'en') AS language, i.expires_at AS expiresAt,
                (i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > ?2) AS open
         FROM member_invites i JOIN partners p ON p.id = i.partner_id LEFT JOIN accounts a ON a.id = i.invited_by_account_id WHERE i.id = ?1`
      : `SELECT i.email, i.name, i.role, NULL AS partnerName, coalesce(a.name, '') AS inviterName, coalesce(a.language, 'en') AS language, i.expires_at AS expiresAt,
                (i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > ?2) AS open
         FROM staff_invites i LEFT JOIN accounts a ON a.id = i.invited_by_account_id WHERE i.id = ?1`;
  const r = await db.prepare(sql).bind(inviteId, now).first<Omit<InviteForEmail, 'open'> & { open: number }>();
  return r ? { ...r, open: r.open === 1 } : null;
}

/** The account's language and the optional emails it turned off. */
export async function emailPreferences(db: D1Database, accountId: string): Promise<{ language: Language; optedOut: string[] } | null> {
  const [account, outs] = await db.batch<Record<string, unknown>>([
    db.prepare('SELECT language FROM accounts WHERE id = ?').bind(accountId),
    db.prepare('SELECT topic FROM email_opt_outs WHERE account_id = ? ORDER BY topic').bind(accountId),
  ]);
  const a = account.results[0];
  return a ? { language: a.language as Language, optedOut: outs.results.map((r) => r.topic as string) } : null;
}

/** Sets the language (when given) and turns optional emails on (true) or off (false), in one batch. */
export async function updateEmailPreferences(db: D1Database, accountId: string, p: { language?: Language; emails?: Partial<Record<OptionalEmail, boolean>> }, now: number): Promise<void> {
  const statements = p.language ? [db.prepare('UPDATE accounts SET language = ? WHERE id = ?').bind(p.language, accountId)] : [];
  for (const [topic, on] of Object.entries(p.emails ?? {})) {
    statements.push(
      on
        ? db.prepare('DELETE FROM email_opt_outs WHERE account_id = ? AND topic = ?').bind(accountId, topic)
        : db.prepare('INSERT INTO email_opt_outs (account_id, topic, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').bind(accountId, topic, now),
    );
  }
  if (statements.length > 0) await db.batch(statements);
}

/** Deletes up to `limit` settled emails (sent, skipped, failed) created before `olderThan`; returns how many went. */
export async function pruneEmails(db: D1Database, olderThan: number, limit: number): Promise<number> {
  const r = await db
    .prepare("DELETE FROM emails WHERE id IN (SELECT id FROM emails WHERE status != 'pending' AND created_at < ? ORDER BY created_at LIMIT ?)")
    .bind(olderThan, limit)
    .run();
  return r.meta.changes;
}
