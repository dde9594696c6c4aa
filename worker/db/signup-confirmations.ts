// Settling a signup that awaited confirmation or review: its status and the entries that move its money, in one batch.
import { money, type Money } from '../../shared/money';
import type { LedgerDraft } from '../domain/ledger';
import type { PendingSignupEntry, SignupStatus } from '../domain/signups';
import type { EventDraft } from '../domain/events';
import { eventsStatement } from './events';
import { postEntries } from './ledger';
import type { Read } from './reads';

/** The signup's entries that are still pending and that nothing has moved yet. */
export async function pendingSignupEntries(db: D1Database, customerId: string): Promise<PendingSignupEntry[]> {
  const { results } = await db
    .prepare(
      `SELECT e.id, e.partner_id, e.customer_id, e.amount_minor, e.currency, e.available_at, e.subject_customer_id FROM ledger_entries e
       WHERE e.event_type = 'signup' AND e.event_id = ? AND e.lot_id IS NULL AND e.status = 'pending'
         AND NOT EXISTS (SELECT 1 FROM ledger_entries m WHERE m.lot_id = e.id)
       ORDER BY e.rowid`,
    )
    .bind(customerId)
    .all<{ id: string; partner_id: string | null; customer_id: string | null; amount_minor: number; currency: string; available_at: number | null; subject_customer_id: string | null }>();
  return results.map((r) => ({
    id: r.id,
    holder: r.partner_id ? { partnerId: r.partner_id } : { customerId: r.customer_id! },
    amount: money(r.amount_minor, r.currency),
    availableAt: r.available_at,
    subjectCustomerId: r.subject_customer_id,
  }));
}

/**
 * Moves the signup from one of `from` to `to` and posts the drafts, only if this batch made that move (or the signup
 * already stands at `to`, for a retry). Of a confirmation racing an expiry, exactly one wins; entries post once by key.
 */
export async function settleSignup(
  db: D1Database,
  s: { programId: string; customerId: string; from: SignupStatus[]; to: SignupStatus; at: number; drafts: LedgerDraft[] },
): Promise<boolean> {
  const [update] = await db.batch([
    db
      .prepare(
        `UPDATE customers SET signup_status = ?1, confirmed_at = CASE WHEN ?1 = 'confirmed' THEN ?2 ELSE confirmed_at END
         WHERE id = ?3 AND signup_status IN (SELECT value FROM json_each(?4))`,
      )
      .bind(s.to, s.at, s.customerId, JSON.stringify(s.from)),
    // A signup awarded to a locked lead stands confirmed too, but by that decision: an approval racing it posts nothing.
    ...postEntries(db, s.programId, s.drafts, s.at, {
      sql: 'SELECT 1 FROM customers WHERE id = ? AND signup_status = ? AND coalesce(lead_id = conflicting_referral_id, 0) = 0',
      args: [s.customerId, s.to],
    }),
  ]);
  return update.meta.changes > 0;
}

/**
 * A lead conflict awarded to the locked partner, in one batch: the customer becomes that partner's through the lead
 * (no invitation's stats count what it brings from now on; its click stays recorded), confirmed; the drafts move the
 * held money and post the locked partner's commission, and the event is written, only if this batch made the move.
 */
export async function awardSignupToLead(
  db: D1Database,
  s: { programId: string; customerId: string; leadId: string; partnerId: string; at: number; drafts: LedgerDraft[]; event: EventDraft },
): Promise<boolean> {
  const guard = { sql: "SELECT 1 FROM customers WHERE id = ? AND lead_id = ? AND signup_status = 'confirmed'", args: [s.customerId, s.leadId] };
  const [update] = await db.batch([
    db
      .prepare(
        `UPDATE customers SET signup_status = 'confirmed', confirmed_at = ?1, partner_id = ?2, lead_id = ?3, invitation_id = NULL, referred_by_customer_id = NULL
         WHERE id = ?4 AND signup_status = 'held' AND held_reason = 'lead_conflict' AND conflicting_referral_id = ?3`,
      )
      .bind(s.at, s.partnerId, s.leadId, s.customerId),
    eventsStatement(db, s.programId, [s.event], s.at, guard),
    ...postEntries(db, s.programId, s.drafts, s.at, guard),
  ]);
  return update.meta.changes > 0;
}

export async function signupStatusOf(db: D1Database, customerId: string): Promise<SignupStatus | null> {
  const r = await db.prepare('SELECT signup_status FROM customers WHERE id = ?').bind(customerId).first<{ signup_status: SignupStatus }>();
  return r?.signup_status ?? null;
}

/** Signups still unconfirmed after their program's limit (oldest first, a bounded batch per run). */
export async function unconfirmedPastLimit(db: D1Database, now: number, limit = 500): Promise<{ id: string; programId: string; externalId: string }[]> {
  const { results } = await db
    .prepare(
      `SELECT c.id, c.program_id, c.external_id FROM customers c JOIN programs p ON p.id = c.program_id
       WHERE c.signup_status = 'awaiting_confirmation' AND c.created_at < ?1 - p.unconfirmed_signup_days * 86400000
       ORDER BY c.created_at LIMIT ?2`,
    )
    .bind(now, limit)
    .all<{ id: string; program_id: string; external_id: string }>();
  return results.map((r) => ({ id: r.id, programId: r.program_id, externalId: r.external_id }));
}

export interface HeldSignupRow {
  id: string;
  external_id: string;
  email: string | null;
  held_reason: string | null;
  created_at: number;
  code: string | null;
  partner_id: string | null;
  partner_name: string | null;
  /** A lead conflict's other side: the locked lead and its partner. */
  lead_id: string | null;
  lead_company: string | null;
  lead_partner_id: string | null;
  lead_partner_name: string | null;
  lead_locked_until: number | null;
}

/** Signups held for the program manager's review, newest first, with both sides of a lead conflict. */
export async function heldSignups(db: D1Database, programId: string): Promise<HeldSignupRow[]> {
  const { results } = await db
    .prepare(
      `SELECT c.id, c.external_id, c.email, c.held_reason, c.created_at, i.code, c.partner_id, p.name AS partner_name,
              r.id AS lead_id, r.customer_name AS lead_company, r.partner_id AS lead_partner_id, lp.name AS lead_partner_name, r.locked_until AS lead_locked_until
       FROM customers c
       LEFT JOIN invitations i ON i.id = c.invitation_id
       LEFT JOIN partners p ON p.id = c.partner_id
       LEFT JOIN referrals r ON r.id = c.conflicting_referral_id
       LEFT JOIN partners lp ON lp.id = r.partner_id
       WHERE c.program_id = ? AND c.signup_status = 'held' ORDER BY c.created_at DESC LIMIT 200`,
    )
    .bind(programId)
    .all<HeldSignupRow>();
  return results;
}

/** What a partner earned on signups not confirmed yet (awaiting confirmation or held), still pending. */
export function awaitingConfirmationRead(db: D1Database, partnerId: string, currency: string): Read<Money> {
  return {
    statement: db
      .prepare(
        // From the partner's unconfirmed customers (a partial index, migration 0040) to their entries; CROSS JOIN keeps
        // that order, rather than reading every entry of the partner to find the few.
        `SELECT coalesce(sum(e.amount_minor), 0) AS total FROM customers c CROSS JOIN ledger_entries e ON e.subject_customer_id = c.id
         WHERE c.partner_id = ?1 AND c.signup_status IN ('awaiting_confirmation', 'held') AND e.partner_id = ?1 AND e.currency = ?2 AND e.status = 'pending'`,
      )
      .bind(partnerId, currency),
    from: (rows) => money(Number(rows[0]?.total ?? 0), currency),
  };
}
