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

export interface ClientListQuery {
  q?: string;
  page: number;
  pageSize: number;
}

/**
 * One page of the partner's customers, newest first, each with its subscriptions, and how many match in all. The page
 * is chosen among the customers alone (the partner's index), and only its customers' subscriptions are joined, so a
 * customer with several subscriptions is one entry on one page and the total counts customers. The search matches
 * part of the email, of the external id or of the invitation code.
 */
export async function clientsPage(db: D1Database, partnerId: string, query: ClientListQuery): Promise<{ rows: ClientRow[]; total: number }> {
  const { select, count, args } = clientsPageSql(partnerId, query);
  const [page, total] = await db.batch<Record<string, unknown>>([db.prepare(select).bind(...args), db.prepare(count).bind(...args)]);
  return { rows: clientRows(page.results as unknown as JoinedRow[]), total: (total.results[0] as { n: number }).n };
}

/** The page's statement and the count's, with their arguments (exported so a test can read their query plans). */
export function clientsPageSql(partnerId: string, query: ClientListQuery): { select: string; count: string; args: unknown[] } {
  const args: unknown[] = [partnerId];
  const where = ['c.partner_id = ?1'];
  // The invitation is joined to choose the page only when its code is searched.
  let from = 'customers c';
  const search = query.q?.trim();
  if (search) {
    // instr, not LIKE: D1 refuses a LIKE pattern over 50 bytes, and a search may be 200 characters. instr has no
    // wildcards, so %, _ and \ are plain characters; lower() folds ASCII letters only, as LIKE does. Erasure nulls
    // the email and a later signup does not write it back; the erased_at test states that rule here too, so a search
    // never finds whom it erased.
    const term = `lower(?${args.push(search)})`;
    from = 'customers c LEFT JOIN invitations i ON i.id = c.invitation_id';
    where.push(`((c.erased_at IS NULL AND instr(lower(c.email), ${term}) > 0) OR instr(lower(c.external_id), ${term}) > 0 OR instr(lower(i.code), ${term}) > 0)`);
  }
  const clause = `WHERE ${where.join(' AND ')}`;
  return {
    // The subscriptions are joined on (program_id, customer_id), the first columns of their unique key.
    select: `WITH page AS (
        SELECT c.id, c.program_id, c.external_id, c.email, c.erased_at, c.created_at, c.invitation_id, c.lead_id
        FROM ${from} ${clause}
        ORDER BY c.created_at DESC, c.id LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}
      )
      SELECT p.id, p.external_id, p.email, p.erased_at, p.created_at, pi.code, r.customer_name AS lead_company,
             s.plan, s.status, s.amount_minor, s.currency, s.expires_at
      FROM page p
      LEFT JOIN invitations pi ON pi.id = p.invitation_id
      LEFT JOIN referrals r ON r.id = p.lead_id
      LEFT JOIN subscriptions s ON s.program_id = p.program_id AND s.customer_id = p.id
      ORDER BY p.created_at DESC, p.id, s.plan`,
    count: `SELECT count(*) AS n FROM ${from} ${clause}`,
    args,
  };
}

interface JoinedRow {
  id: string; external_id: string; email: string | null; erased_at: number | null; created_at: number; code: string | null; lead_company: string | null;
  plan: string | null; status: ClientRow['subscriptions'][number]['status'] | null; amount_minor: number | null; currency: string | null; expires_at: number | null;
}

/** One client per customer, in the rows' order, with the subscriptions its rows joined (none: one row of nulls). */
function clientRows(results: JoinedRow[]): ClientRow[] {
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
