// "My clients": the customers attributed to a partner, with the subscriptions the merchant's server reported.

export interface ClientRow {
  id: string;
  externalId: string;
  email: string | null;
  erased: boolean;
  since: number;
  invitationCode: string | null;
  /** The partner's locked lead the customer is credited through, when it came through no invitation of its own. */
  leadCompany: string | null;
  subscriptions: { plan: string; status: 'trialing' | 'active' | 'past_due' | 'canceled' | 'expired'; amountMinor: number | null; currency: string | null; expiresAt: number | null }[];
}

export async function clientsOf(db: D1Database, partnerId: string): Promise<ClientRow[]> {
  const { results } = await db
    .prepare(
      `SELECT c.id, c.external_id, c.email, c.erased_at, c.created_at, i.code, r.customer_name AS lead_company,
              s.plan, s.status, s.amount_minor, s.currency, s.expires_at
       FROM customers c
       LEFT JOIN invitations i ON i.id = c.invitation_id
       LEFT JOIN referrals r ON r.id = c.lead_id
       LEFT JOIN subscriptions s ON s.customer_id = c.id
       WHERE c.partner_id = ? ORDER BY c.created_at DESC, c.id, s.plan`,
    )
    .bind(partnerId)
    .all<{
      id: string; external_id: string; email: string | null; erased_at: number | null; created_at: number; code: string | null; lead_company: string | null;
      plan: string | null; status: ClientRow['subscriptions'][number]['status'] | null; amount_minor: number | null; currency: string | null; expires_at: number | null;
    }>();
  const clients = new Map<string, ClientRow>();
  for (const r of results) {
    let client = clients.get(r.id);
    if (!client) {
      client = { id: r.id, externalId: r.external_id, email: r.email, erased: r.erased_at !== null, since: r.created_at, invitationCode: r.code, leadCompany: r.lead_company, subscriptions: [] };
      clients.set(r.id, client);
    }
    if (r.plan && r.status) client.subscriptions.push({ plan: r.plan, status: r.status, amountMinor: r.amount_minor, currency: r.currency, expiresAt: r.expires_at });
  }
  return [...clients.values()];
}
