// The console's CSV exports, read a page at a time in an index's order (migration 0032): partners, referrals and leads,
// customers, the ledger, and withdrawals. Each page starts strictly after the previous page's last row.
import type { PartnerStatus } from '../domain/partners';

/** Where the next page starts: after the row with this time and id (partners, ledger, withdrawals, referrals). */
export interface TimeCursor {
  at: number;
  id: string;
}

export interface PartnerExportRow {
  id: string;
  number: number;
  status: PartnerStatus;
  name: string;
  email: string;
  company: string | null;
  contactName: string | null;
  statusReason: string | null;
  salesRepId: string | null;
  salesRepName: string | null;
  termsVersion: number | null;
  approvedAt: number | null;
  createdAt: number;
}

const PARTNERS_SQL = (after: boolean) =>
  `SELECT p.id, p.number, p.status, p.name, p.email, p.company, p.contact_name AS contactName, p.status_reason AS statusReason,
              p.sales_rep_account_id AS salesRepId, a.name AS salesRepName, p.terms_version AS termsVersion, p.approved_at AS approvedAt,
              p.created_at AS createdAt
       FROM partners p LEFT JOIN accounts a ON a.id = p.sales_rep_account_id
       WHERE p.program_id = ? ${after ? `AND (p.created_at, p.id) > (?, ?)` : ''} ORDER BY p.created_at, p.id LIMIT ?`;

/** The program's partners, oldest first (partners_program_created). */
export async function partnersExportPage(db: D1Database, programId: string, after: TimeCursor | undefined, limit: number): Promise<PartnerExportRow[]> {
  const { results } = await db
    .prepare(PARTNERS_SQL(after !== undefined))
    .bind(programId, ...(after ? [after.at, after.id] : []), limit)
    .all<PartnerExportRow>();
  return results;
}

export interface ReferralExportRow {
  id: string;
  type: string;
  stage: string;
  /** 'unlocked' in the database is "not genuine" everywhere above it. */
  status: string;
  customerName: string;
  domain: string | null;
  contactPersons: string | null;
  contactEmails: string;
  contactsErasedAt: number | null;
  product: string | null;
  valueMinor: number | null;
  currency: string | null;
  partnerId: string;
  partnerNumber: number;
  partnerStatus: PartnerStatus;
  partnerName: string;
  ownerId: string | null;
  ownerName: string | null;
  channel: string | null;
  registeredAt: number;
  decidedAt: number | null;
  lockedUntil: number | null;
  contractDate: string | null;
}

const REFERRALS_SQL = (after: boolean) =>
  `SELECT r.id, r.type, r.stage, CASE r.registration_status WHEN 'unlocked' THEN 'not_genuine' ELSE r.registration_status END AS status,
              r.customer_name AS customerName, r.company_domain AS domain, r.contact_persons AS contactPersons, r.contact_emails AS contactEmails,
              r.contacts_erased_at AS contactsErasedAt, r.product, r.value_minor AS valueMinor, r.currency,
              r.partner_id AS partnerId, p.number AS partnerNumber, p.status AS partnerStatus, p.name AS partnerName,
              r.owner_account_id AS ownerId, o.name AS ownerName, r.channel, r.registered_at AS registeredAt, r.decided_at AS decidedAt,
              r.locked_until AS lockedUntil, r.contract_date AS contractDate
       FROM referrals r JOIN partners p ON p.id = r.partner_id LEFT JOIN accounts o ON o.id = r.owner_account_id
       WHERE r.program_id = ? ${after ? `AND (r.registered_at, r.id) > (?, ?)` : ''} ORDER BY r.registered_at, r.id LIMIT ?`;

/** The program's referrals and leads, oldest first (referrals_program). */
export async function referralsExportPage(db: D1Database, programId: string, after: TimeCursor | undefined, limit: number): Promise<ReferralExportRow[]> {
  const { results } = await db
    .prepare(REFERRALS_SQL(after !== undefined))
    .bind(programId, ...(after ? [after.at, after.id] : []), limit)
    .all<ReferralExportRow>();
  return results;
}

export interface CustomerExportRow {
  externalId: string;
  /** Null once the customer's personal data was erased, whatever the row holds. */
  email: string | null;
  erasedAt: number | null;
  partnerId: string | null;
  partnerNumber: number | null;
  partnerStatus: PartnerStatus | null;
  partnerName: string | null;
  referredByCustomerId: string | null;
  promoCode: string | null;
  leadId: string | null;
  attribution: string | null;
  signupStatus: string;
  createdAt: number;
}

const CUSTOMERS_SQL = (after: boolean) =>
  `SELECT c.external_id AS externalId, CASE WHEN c.erased_at IS NULL THEN c.email END AS email, c.erased_at AS erasedAt,
              c.partner_id AS partnerId, p.number AS partnerNumber, p.status AS partnerStatus, p.name AS partnerName,
              rc.external_id AS referredByCustomerId, i.code AS promoCode, c.lead_id AS leadId,
              CASE WHEN c.lead_id IS NOT NULL AND c.invitation_id IS NULL THEN 'lead' ELSE c.attribution_method END AS attribution,
              c.signup_status AS signupStatus, c.created_at AS createdAt
       FROM customers c LEFT JOIN partners p ON p.id = c.partner_id LEFT JOIN customers rc ON rc.id = c.referred_by_customer_id
         LEFT JOIN invitations i ON i.id = c.invitation_id
       WHERE c.program_id = ? ${after ? 'AND c.external_id > ?' : ''} ORDER BY c.external_id LIMIT ?`;

/** The program's customers in the order of the merchant's own ids (the (program_id, external_id) unique index). */
export async function customersExportPage(db: D1Database, programId: string, after: string | undefined, limit: number): Promise<CustomerExportRow[]> {
  const { results } = await db
    .prepare(CUSTOMERS_SQL(after !== undefined))
    .bind(programId, ...(after !== undefined ? [after] : []), limit)
    .all<CustomerExportRow>();
  return results;
}

export interface LedgerExportRow {
  id: string;
  createdAt: number;
  type: string;
  status: string;
  amountMinor: number;
  currency: string;
  availableAt: number | null;
  partnerId: string | null;
  partnerNumber: number | null;
  partnerStatus: PartnerStatus | null;
  partnerName: string | null;
  customerId: string | null;
  reason: string;
  eventType: string;
  eventId: string;
}

const LEDGER_SQL = (after: boolean) =>
  `SELECT e.id, e.created_at AS createdAt, e.type, e.status, e.amount_minor AS amountMinor, e.currency, e.available_at AS availableAt,
              e.partner_id AS partnerId, p.number AS partnerNumber, p.status AS partnerStatus, p.name AS partnerName,
              c.external_id AS customerId, e.reason, e.event_type AS eventType, e.event_id AS eventId
       FROM ledger_entries e LEFT JOIN partners p ON p.id = e.partner_id LEFT JOIN customers c ON c.id = e.customer_id
       WHERE e.program_id = ? ${after ? `AND (e.created_at, e.id) > (?, ?)` : ''} ORDER BY e.created_at, e.id LIMIT ?`;

/** The program's ledger entries, oldest first (ledger_program_created). A reason names people by id only. */
export async function ledgerExportPage(db: D1Database, programId: string, after: TimeCursor | undefined, limit: number): Promise<LedgerExportRow[]> {
  const { results } = await db
    .prepare(LEDGER_SQL(after !== undefined))
    .bind(programId, ...(after ? [after.at, after.id] : []), limit)
    .all<LedgerExportRow>();
  return results;
}

export interface WithdrawalExportRow {
  id: string;
  partnerId: string;
  partnerNumber: number;
  partnerStatus: PartnerStatus;
  partnerName: string;
  amountMinor: number;
  currency: string;
  payoutMethod: string;
  status: string;
  statusReason: string | null;
  payoutBatchId: string | null;
  createdAt: number;
  settledAt: number | null;
}

const WITHDRAWALS_SQL = (after: boolean) =>
  `SELECT w.id, w.partner_id AS partnerId, p.number AS partnerNumber, p.status AS partnerStatus, p.name AS partnerName,
              w.amount_minor AS amountMinor, w.currency, w.payout_method AS payoutMethod, w.status, w.status_reason AS statusReason,
              w.payout_batch_id AS payoutBatchId, w.created_at AS createdAt, w.settled_at AS settledAt
       FROM withdrawals w JOIN partners p ON p.id = w.partner_id
       WHERE w.program_id = ? ${after ? `AND (w.created_at, w.id) > (?, ?)` : ''} ORDER BY w.created_at, w.id LIMIT ?`;

/** The program's withdrawals (payouts), oldest request first (withdrawals_program). Payout details stay out of it. */
export async function withdrawalsExportPage(db: D1Database, programId: string, after: TimeCursor | undefined, limit: number): Promise<WithdrawalExportRow[]> {
  const { results } = await db
    .prepare(WITHDRAWALS_SQL(after !== undefined))
    .bind(programId, ...(after ? [after.at, after.id] : []), limit)
    .all<WithdrawalExportRow>();
  return results;
}

/** Each export's statement, with or without a cursor (exported so a test can read their query plans). */
export const EXPORT_SQL = { partners: PARTNERS_SQL, referrals: REFERRALS_SQL, customers: CUSTOMERS_SQL, ledger: LEDGER_SQL, withdrawals: WITHDRAWALS_SQL };
