// Customers: a signup is one transaction that creates the customer and posts its ledger entries.
import { signedUp } from '../domain/events';
import type { LedgerDraft } from '../domain/ledger';
import type { SignupStatus } from '../domain/signups';
import { eventsStatement } from './events';
import { postEntries } from './ledger';
import { readOne, type Condition, type Read } from './reads';
import { sum } from '../../shared/money';

export interface CustomerRow {
  id: string;
  externalId: string;
  email: string | null;
  invitationId: string | null;
  partnerId: string | null;
  /** The partner's locked lead the customer is credited through (then invitationId is null). */
  leadId: string | null;
  /** lead: credited through a locked lead; null: not attributed yet (a row the referral panel created). */
  attributionMethod: 'click' | 'promo_code' | 'lead' | null;
  signupStatus: SignupStatus;
  createdAt: number;
}

interface CustomerRecord {
  id: string;
  external_id: string;
  email: string | null;
  invitation_id: string | null;
  partner_id: string | null;
  lead_id: string | null;
  attribution_method: 'click' | 'promo_code' | null;
  signup_status: SignupStatus;
  created_at: number;
}

function toCustomer(r: CustomerRecord): CustomerRow {
  return {
    id: r.id,
    externalId: r.external_id,
    email: r.email,
    invitationId: r.invitation_id,
    partnerId: r.partner_id,
    leadId: r.lead_id,
    attributionMethod: r.lead_id !== null && r.invitation_id === null ? 'lead' : r.attribution_method,
    signupStatus: r.signup_status,
    createdAt: r.created_at,
  };
}

/** Whether the customer signed up and was attributed: to an invitation, or to a partner through its locked lead. */
export const isAttributed = (c: Pick<CustomerRow, 'invitationId' | 'leadId'>): boolean => c.invitationId !== null || c.leadId !== null;

export function customerRead(db: D1Database, programId: string, externalId: string): Read<CustomerRow | null> {
  const statement = db.prepare('SELECT * FROM customers WHERE program_id = ? AND external_id = ?').bind(programId, externalId);
  return { statement, from: (rows) => (rows[0] ? toCustomer(rows[0] as unknown as CustomerRecord) : null) };
}

export const customerByExternalId = (db: D1Database, programId: string, externalId: string) => readOne(db, customerRead(db, programId, externalId));

/** A signup as it stands, with what its answer shows: the invitation's code, the partner credited, the signup credit. */
export interface SignupStanding {
  customer: CustomerRow;
  invitationCode: string | null;
  partnerName: string | null;
  creditMinor: number;
}

export function signupStandingRead(db: D1Database, programId: string, externalId: string): Read<SignupStanding | null> {
  const statement = db
    .prepare(
      `SELECT c.*, i.code AS s_invitation_code, p.name AS s_partner_name,
              (SELECT coalesce(sum(e.amount_minor), 0) FROM ledger_entries e WHERE e.customer_id = c.id AND e.type = 'signup_credit') AS s_credit_minor
       FROM customers c LEFT JOIN invitations i ON i.id = c.invitation_id LEFT JOIN partners p ON p.id = coalesce(i.partner_id, c.partner_id)
       WHERE c.program_id = ? AND c.external_id = ?`,
    )
    .bind(programId, externalId);
  return {
    statement,
    from: (rows) => {
      const r = rows[0] as unknown as (CustomerRecord & { s_invitation_code: string | null; s_partner_name: string | null; s_credit_minor: number }) | undefined;
      return r ? { customer: toCustomer(r), invitationCode: r.s_invitation_code, partnerName: r.s_partner_name, creditMinor: r.s_credit_minor } : null;
    },
  };
}

/** The program's customer named by its edgeref id or by the merchant's id. */
export async function customerByAnyId(db: D1Database, programId: string, id: string): Promise<CustomerRow | null> {
  const r = await db.prepare('SELECT * FROM customers WHERE program_id = ?1 AND (id = ?2 OR external_id = ?2) LIMIT 1').bind(programId, id).first<CustomerRecord>();
  return r ? toCustomer(r) : null;
}

/** The program's attributed customer with this email (case aside), the earliest if several. */
export async function attributedCustomerByEmail(db: D1Database, programId: string, email: string): Promise<CustomerRow | null> {
  const r = await db
    .prepare('SELECT * FROM customers WHERE program_id = ? AND lower(email) = lower(?) AND email IS NOT NULL AND (invitation_id IS NOT NULL OR lead_id IS NOT NULL) ORDER BY created_at LIMIT 1')
    .bind(programId, email)
    .first<CustomerRecord>();
  return r ? toCustomer(r) : null;
}

export interface NewSignup {
  customerId: string;
  programId: string;
  externalId: string;
  email: string;
  /** The invitation, or null for a customer credited through a locked lead (leadId). */
  invitationId: string | null;
  invitationCode: string | null;
  leadId: string | null;
  partnerId: string | null;
  referredByCustomerId: string | null;
  clickId: string | null;
  method: 'click' | 'promo_code' | 'lead';
  status: SignupStatus;
  heldReason: string | null;
  /** The locked lead of another partner the customer's company belongs to (held as lead_conflict). */
  conflictingReferralId?: string | null;
  entries: LedgerDraft[];
  now: number;
  /** The customer exists already, unattributed (the referral panel created it): attribute that row. */
  adopt?: boolean;
  /**
   * The name of the partner credited, as just read (null for a customer's invitation): a new signup then answers from
   * what it wrote, with no read in its batch. Unknown (a lead's signup): the batch reads the signup back.
   */
  partnerName?: string | null;
}

/**
 * One D1 batch (a transaction): the customer row, unless this external id signed up already, and its event and
 * ledger entries (with theirs), posted only when this very customer row was the one inserted.
 * Concurrent or repeated reports therefore credit exactly once. Returns the customer that stands: a new one as it was
 * written, when the partner's name is known (NewSignup.partnerName); otherwise as read back.
 */
export async function recordSignup(db: D1Database, s: NewSignup): Promise<SignupStanding & { created: boolean }> {
  if (s.adopt) return adoptSignup(db, s);
  const written = await writeSignup(db, s, []);
  if (!written) throw new Error('signup was not recorded');
  return written;
}

/**
 * The same batch, written only while every condition holds (a signup decided on kept facts: flows/signups.ts). Null
 * when one failed and no customer had this external id, so nothing was written; otherwise the signup as it stands,
 * this report's or the one before it.
 */
export const recordSignupIf = (db: D1Database, s: NewSignup, conditions: Condition[]) => writeSignup(db, s, conditions);

async function writeSignup(db: D1Database, s: NewSignup, conditions: Condition[]): Promise<(SignupStanding & { created: boolean }) | null> {
  const standing = () => signupStandingRead(db, s.programId, s.externalId);
  if (s.partnerName === undefined) {
    // The signup as it stands after the batch, so the answer needs no other round trip.
    const read = standing();
    const written = await db.batch<Record<string, unknown>>([...signupStatements(db, s, conditions), read.statement]);
    const after = read.from(written[written.length - 1].results);
    return after && { ...after, created: after.customer.id === s.customerId };
  }
  const [inserted] = await db.batch(signupStatements(db, s, conditions));
  // D1 counts the rows the customer's triggers wrote too: more than none means this report's row was inserted.
  if (inserted.meta.changes > 0) return { ...asWritten(s, s.partnerName), created: true };
  // A repeat, a racing report that won, or a check that failed: the signup as it stands, if any (one more round trip).
  const after = await readOne(db, standing());
  return after && { ...after, created: false };
}

/** A new signup as its batch wrote it: what signupStandingRead reads back right after (test/worker/signup-answer.test.ts). */
function asWritten(s: NewSignup, partnerName: string | null): SignupStanding {
  const credits = s.entries.filter((e) => e.type === 'signup_credit' && 'customerId' in e.holder && e.holder.customerId === s.customerId).map((e) => e.amount);
  return {
    customer: {
      id: s.customerId,
      externalId: s.externalId,
      email: s.email,
      invitationId: s.invitationId,
      partnerId: s.partnerId,
      leadId: s.leadId,
      attributionMethod: s.method,
      signupStatus: s.status,
      createdAt: s.now,
    },
    invitationCode: s.invitationCode,
    partnerName,
    creditMinor: credits.length > 0 ? sum(credits[0].currency, credits).amount : 0,
  };
}

/** A new customer's writes (the row, its event, its ledger entries), for one batch; also what the scale benchmark batches many of. */
export function signupStatements(db: D1Database, s: NewSignup, conditions: Condition[] = []): D1PreparedStatement[] {
  const guard = { sql: 'SELECT 1 FROM customers WHERE id = ?', args: [s.customerId] };
  return [
    db
      .prepare(
        `INSERT INTO customers (id, program_id, external_id, email, invitation_id, lead_id, partner_id, referred_by_customer_id, click_id, attribution_method,
                                signup_status, held_reason, conflicting_referral_id, confirmed_at, created_at)
         SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE ${conditions.map((c) => `(${c.sql})`).join(' AND ') || '1'}
         ON CONFLICT(program_id, external_id) DO NOTHING`,
      )
      .bind(s.customerId, s.programId, s.externalId, s.email, s.invitationId, s.leadId, s.partnerId, s.referredByCustomerId, s.clickId, storedMethod(s),
        s.status, s.heldReason, s.conflictingReferralId ?? null, s.status === 'confirmed' ? s.now : null, s.now, ...conditions.flatMap((c) => c.args)),
    eventsStatement(db, s.programId, [signedUpEvent(s)], s.now, guard),
    ...postEntries(db, s.programId, s.entries, s.now, guard),
  ];
}

/**
 * The same transaction for a customer row that exists unattributed: only the first attribution sets its invitation,
 * and the entries post only for the invitation that stands, so racing signups credit once. The report's email fills
 * a missing one, never one the customer had erased.
 */
async function adoptSignup(db: D1Database, s: NewSignup): Promise<SignupStanding & { created: boolean }> {
  const guard = { sql: 'SELECT 1 FROM customers WHERE id = ? AND coalesce(invitation_id, lead_id) = ?', args: [s.customerId, s.invitationId ?? s.leadId] };
  const standing = signupStandingRead(db, s.programId, s.externalId);
  const written = await db.batch<Record<string, unknown>>([
    db
      .prepare(
        `UPDATE customers SET email = CASE WHEN erased_at IS NULL THEN coalesce(email, ?) ELSE email END, invitation_id = ?, lead_id = ?, partner_id = ?, referred_by_customer_id = ?, click_id = ?, attribution_method = ?,
                              signup_status = ?, held_reason = ?, conflicting_referral_id = ?, confirmed_at = ?
         WHERE id = ? AND invitation_id IS NULL AND lead_id IS NULL`,
      )
      .bind(s.email, s.invitationId, s.leadId, s.partnerId, s.referredByCustomerId, s.clickId, storedMethod(s), s.status, s.heldReason, s.conflictingReferralId ?? null,
        s.status === 'confirmed' ? s.now : null, s.customerId),
    eventsStatement(db, s.programId, [signedUpEvent(s)], s.now, guard),
    ...postEntries(db, s.programId, s.entries, s.now, guard),
    standing.statement,
  ]);
  const after = standing.from(written[written.length - 1].results);
  if (!after) throw new Error('signup was not recorded');
  return { ...after, created: written[0].meta.changes > 0 };
}

/** The column keeps how an invitation was used (click or promo code); a lead's customer has none (the lead_id says it). */
const storedMethod = (s: NewSignup) => (s.method === 'lead' ? null : s.method);

const signedUpEvent = (s: NewSignup) =>
  signedUp({
    customerId: s.customerId, externalId: s.externalId, invitationCode: s.invitationCode, partnerId: s.partnerId, referredByCustomerId: s.referredByCustomerId,
    leadId: s.leadId, method: s.method, status: s.status, entries: s.entries,
  });
