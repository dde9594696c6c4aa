// /programs/{programId}/exports/*.csv: the program's partners, referrals and leads, customers, ledger and withdrawals as
// CSV files, streamed a page at a time (a program may have 100,000 rows of each). Program managers only: an export is
// the whole program at once (a sales representative sees only their own partners and leads), and it names people.
import { z } from '@hono/zod-openapi';
import { decimal, money } from '../../../shared/money';
import { router } from '../../env';
import { staffProgram } from '../../middleware/program-access';
import { partnerDisplayId, type PartnerStatus } from '../../domain/partners';
import {
  customersExportPage, ledgerExportPage, partnersExportPage, referralsExportPage, withdrawalsExportPage, type TimeCursor,
} from '../../db/exports';
import { consoleRoute } from '../kit';
import { csvHeaders, csvStream } from '../csv';
import { isoDate } from '../shapes';

export const programExports = router();
const route = consoleRoute();

const csv = { description: 'CSV, streamed', content: { 'text/csv': { schema: z.string() } } };
const date = (ms: number | null) => (ms === null ? '' : isoDate(ms));
const text = (v: string | number | null) => (v === null ? '' : String(v));
const displayId = (status: PartnerStatus | null, number: number | null) => (status === null || number === null ? '' : partnerDisplayId(status, number));
/** An amount as a plain decimal in its own currency (shared/money.ts), or empty. */
const amount = (minor: number | null, currency: string | null) => (minor === null || currency === null ? '' : decimal(money(minor, currency)));

/**
 * One export: its path, name, header, how a page is read after a cursor, and how a row becomes cells. Each page
 * (csvStream: 50 rows, then 500) is read only when the reader has taken the previous one.
 */
function exportRoute<R, C>(e: {
  file: string;
  operationId: string;
  summary: string;
  header: string[];
  page: (db: D1Database, programId: string, after: C | undefined, limit: number) => Promise<R[]>;
  cursor: (last: R) => C;
  cells: (r: R) => string[];
}) {
  programExports.openapi(route.get(`/exports/${e.file}.csv`, e.operationId, e.summary, { 200: csv }), async (c) => {
    const { programId } = c.req.valid('param');
    const program = await staffProgram(c, programId);
    const body = csvStream(e.header, { read: (after: C | undefined, limit) => e.page(c.env.DB, program.id, after, limit), cells: e.cells, cursor: e.cursor });
    return c.body(body, 200, csvHeaders(`${e.file}-${program.id}.csv`));
  });
}

const byTime = <R extends { id: string }>(at: (r: R) => number) => (r: R): TimeCursor => ({ at: at(r), id: r.id });

exportRoute({
  file: 'partners',
  operationId: 'exportPartners',
  summary: "The program's partners as CSV, oldest first: status and its reason, sales representative, accepted terms",
  header: ['partner_id', 'partner', 'name', 'email', 'company', 'contact_name', 'status', 'status_reason', 'sales_rep_account_id', 'sales_rep_name', 'terms_version', 'joined_at', 'approved_at'],
  page: partnersExportPage,
  cursor: byTime((r) => r.createdAt),
  cells: (r) => [
    r.id, partnerDisplayId(r.status, r.number), r.name, r.email, text(r.company), text(r.contactName), r.status, text(r.statusReason),
    text(r.salesRepId), text(r.salesRepName), text(r.termsVersion), date(r.createdAt), date(r.approvedAt),
  ],
});

exportRoute({
  file: 'referrals',
  operationId: 'exportReferrals',
  summary: "The program's referrals and leads as CSV, oldest first: stage, registration, value, partner and owner (erased contacts stay empty)",
  header: [
    'referral_id', 'type', 'stage', 'registration_status', 'customer_name', 'domain', 'contact_persons', 'contact_emails', 'contacts_erased_at', 'product',
    'value', 'currency', 'partner_id', 'partner', 'partner_name', 'owner_account_id', 'owner_name', 'channel', 'registered_at', 'decided_at', 'locked_until', 'contract_date',
  ],
  page: referralsExportPage,
  cursor: byTime((r) => r.registeredAt),
  cells: (r) => [
    r.id, r.type, r.stage, r.status, r.customerName, text(r.domain), text(r.contactPersons), (JSON.parse(r.contactEmails) as string[]).join(' '), date(r.contactsErasedAt),
    text(r.product), amount(r.valueMinor, r.currency), text(r.valueMinor === null ? null : r.currency), r.partnerId, partnerDisplayId(r.partnerStatus, r.partnerNumber),
    r.partnerName, text(r.ownerId), text(r.ownerName), text(r.channel), date(r.registeredAt), date(r.decidedAt), date(r.lockedUntil), text(r.contractDate),
  ],
});

exportRoute({
  file: 'customers',
  operationId: 'exportCustomers',
  summary: "The program's customers as CSV, by the merchant's customer id: who referred them and how; no email once a customer's personal data was erased",
  header: ['customer_id', 'email', 'erased_at', 'partner_id', 'partner', 'partner_name', 'referred_by_customer_id', 'promo_code', 'lead_id', 'attribution', 'signup_status', 'signed_up_at'],
  page: customersExportPage,
  cursor: (r) => r.externalId,
  cells: (r) => [
    r.externalId, r.erasedAt === null ? text(r.email) : '', date(r.erasedAt), text(r.partnerId), displayId(r.partnerStatus, r.partnerNumber), text(r.partnerName),
    text(r.referredByCustomerId), text(r.promoCode), text(r.leadId), text(r.attribution), r.signupStatus, date(r.createdAt),
  ],
});

exportRoute({
  file: 'ledger',
  operationId: 'exportLedger',
  summary: "The program's ledger as CSV, oldest entry first: every entry of partners and customers, its amount, status and why",
  header: ['entry_id', 'created_at', 'type', 'status', 'amount', 'currency', 'available_at', 'partner_id', 'partner', 'partner_name', 'customer_id', 'reason', 'event_type', 'event_id'],
  page: ledgerExportPage,
  cursor: byTime((r) => r.createdAt),
  cells: (r) => [
    r.id, date(r.createdAt), r.type, r.status, amount(r.amountMinor, r.currency), r.currency, date(r.availableAt), text(r.partnerId),
    displayId(r.partnerStatus, r.partnerNumber), text(r.partnerName), text(r.customerId), r.reason, r.eventType, r.eventId,
  ],
});

exportRoute({
  file: 'withdrawals',
  operationId: 'exportWithdrawals',
  summary: "The program's withdrawals (payouts) as CSV, oldest request first: amount, method, status and batch (payout details stay in the batch file)",
  header: ['withdrawal_id', 'partner_id', 'partner', 'partner_name', 'amount', 'currency', 'payout_method', 'status', 'status_reason', 'payout_batch_id', 'requested_at', 'settled_at'],
  page: withdrawalsExportPage,
  cursor: byTime((r) => r.createdAt),
  cells: (r) => [
    r.id, r.partnerId, partnerDisplayId(r.partnerStatus, r.partnerNumber), r.partnerName, amount(r.amountMinor, r.currency), r.currency, r.payoutMethod, r.status,
    text(r.statusReason), text(r.payoutBatchId), date(r.createdAt), date(r.settledAt),
  ],
});
