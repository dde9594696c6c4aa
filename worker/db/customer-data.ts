// A customer's personal data: everything we hold on them, read for an export, and erased on request.
import { money, type Money } from '../../shared/money';
import { dropCustomerPayloadsStatement } from './billing-events';
import { dropEmailLinksStatement } from './billing-links';

export interface CustomerProfile {
  id: string;
  programId: string;
  externalId: string;
  email: string | null;
  createdAt: number;
  erasedAt: number | null;
  attribution: {
    method: 'click' | 'promo_code' | 'lead' | null;
    invitationCode: string | null;
    /** The partner's locked lead the customer is credited through (method lead). */
    leadId: string | null;
    partnerId: string | null;
    referredByCustomerId: string | null; // the referring customer's external id
  } | null;
  click: { id: string; source: 'link' | 'qr'; referrerDomain: string | null; country: string | null; device: string | null; browser: string | null; createdAt: number } | null;
}

export interface CustomerHoldings {
  subscriptions: { plan: string; status: string; amount: Money | null; interval: 'month' | 'year'; expiresAt: number | null; canceledAt: number | null; updatedAt: number }[];
  payments: { id: string; invoiceId: string; amount: Money; product: string | null; paidAt: number; refunds: { refundId: string; amount: Money; createdAt: number }[] }[];
  clientPayments: { id: string; partnerId: string; plan: string; price: Money; paidUntil: number; createdAt: number }[];
  invitations: { code: string; createdAt: number }[];
  referredCustomers: number;
}

export async function customerProfile(db: D1Database, programId: string, externalId: string): Promise<CustomerProfile | null> {
  const r = await db
    .prepare(
      `SELECT c.id, c.program_id, c.external_id, c.email, c.created_at, c.erased_at, c.attribution_method, c.partner_id, c.lead_id,
              i.code, rc.external_id AS referrer_external_id,
              k.id AS click_id, k.source, k.referrer_domain, k.country, k.device, k.browser, k.created_at AS clicked_at
       FROM customers c
       LEFT JOIN invitations i ON i.id = c.invitation_id
       LEFT JOIN customers rc ON rc.id = c.referred_by_customer_id
       LEFT JOIN clicks k ON k.id = c.click_id
       WHERE c.program_id = ? AND c.external_id = ?`,
    )
    .bind(programId, externalId)
    .first<{
      id: string; program_id: string; external_id: string; email: string | null; created_at: number; erased_at: number | null;
      attribution_method: 'click' | 'promo_code' | null; partner_id: string | null; lead_id: string | null; code: string | null; referrer_external_id: string | null;
      click_id: string | null; source: 'link' | 'qr' | null; referrer_domain: string | null; country: string | null; device: string | null; browser: string | null; clicked_at: number | null;
    }>();
  if (!r) return null;
  return {
    id: r.id,
    programId: r.program_id,
    externalId: r.external_id,
    email: r.email,
    createdAt: r.created_at,
    erasedAt: r.erased_at,
    attribution:
      r.code === null && r.lead_id === null
        ? null
        : { method: r.code === null ? 'lead' : r.attribution_method, invitationCode: r.code, leadId: r.lead_id, partnerId: r.partner_id, referredByCustomerId: r.referrer_external_id },
    click:
      r.click_id === null
        ? null
        : { id: r.click_id, source: r.source!, referrerDomain: r.referrer_domain, country: r.country, device: r.device, browser: r.browser, createdAt: r.clicked_at! },
  };
}

/** Subscriptions, payments with their refunds, client payments, and the customer's own invitations, in one round trip. */
export async function customerHoldings(db: D1Database, customerId: string): Promise<CustomerHoldings> {
  const [subs, pays, refunds, cps, invs, referred] = await db.batch<Record<string, unknown>>([
    db.prepare('SELECT * FROM subscriptions WHERE customer_id = ? ORDER BY plan').bind(customerId),
    db.prepare('SELECT * FROM payments WHERE customer_id = ? ORDER BY paid_at, rowid').bind(customerId),
    db
      .prepare('SELECT r.payment_id, r.refund_ref, r.amount_minor, p.currency, r.created_at FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE p.customer_id = ? ORDER BY r.created_at, r.rowid')
      .bind(customerId),
    db.prepare('SELECT * FROM client_payments WHERE customer_id = ? ORDER BY created_at, rowid').bind(customerId),
    db.prepare('SELECT code, created_at FROM invitations WHERE customer_id = ? ORDER BY created_at').bind(customerId),
    db.prepare('SELECT count(*) AS n FROM customers WHERE referred_by_customer_id = ?').bind(customerId),
  ]);
  const refundsOf = (paymentId: unknown) =>
    refunds.results
      .filter((r) => r.payment_id === paymentId)
      .map((r) => ({ refundId: r.refund_ref as string, amount: money(r.amount_minor as number, r.currency as string), createdAt: r.created_at as number }));
  return {
    subscriptions: subs.results.map((s) => ({
      plan: s.plan as string,
      status: s.status as string,
      amount: s.amount_minor === null || !s.currency ? null : money(s.amount_minor as number, s.currency as string),
      interval: s.billing_interval as 'month' | 'year',
      expiresAt: s.expires_at as number | null,
      canceledAt: s.canceled_at as number | null,
      updatedAt: s.updated_at as number,
    })),
    payments: pays.results.map((p) => ({
      id: p.id as string,
      invoiceId: p.invoice_id as string,
      amount: money(p.amount_minor as number, p.currency as string),
      product: p.product as string | null,
      paidAt: p.paid_at as number,
      refunds: refundsOf(p.id),
    })),
    clientPayments: cps.results.map((p) => ({
      id: p.id as string,
      partnerId: p.partner_id as string,
      plan: p.plan as string,
      price: money(p.price_minor as number, p.currency as string),
      paidUntil: p.paid_until as number,
      createdAt: p.created_at as number,
    })),
    invitations: invs.results.map((i) => ({ code: i.code as string, createdAt: i.created_at as number })),
    referredCustomers: referred.results[0].n as number,
  };
}

/**
 * Erases the customer's personal data in one batch: the email, the visitor hash of the click that brought them, and
 * the billing events' payloads about them (names, addresses, emails) and the emails billing providers told of them.
 * Ids, attribution, subscriptions, payments and ledger entries stay, so every balance is unchanged. Erasing again
 * keeps the first erasure's time.
 */
export async function eraseCustomer(db: D1Database, customerId: string, now: number): Promise<void> {
  await db.batch([
    db.prepare('UPDATE clicks SET visitor_hash = NULL WHERE id = (SELECT click_id FROM customers WHERE id = ?)').bind(customerId),
    db.prepare('UPDATE customers SET email = NULL, erased_at = coalesce(erased_at, ?) WHERE id = ?').bind(now, customerId),
    dropCustomerPayloadsStatement(db, customerId),
    dropEmailLinksStatement(db, customerId),
  ]);
}
