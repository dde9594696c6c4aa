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
 * One page of the partner's customers, newest first, each with its subscriptions, and how many match in all: one
 * statement. The page is chosen among the customers alone (the partner's index), and only its customers'
 * subscriptions are joined, so a customer with several subscriptions is one entry on one page and the total counts
 * customers. The search matches part of the email, of the external id or of the invitation code; the customers it
 * matches are found once, for the page and the total alike.
 */
export async function clientsPage(db: D1Database, partnerId: string, query: ClientListQuery): Promise<{ rows: ClientRow[]; total: number }> {
  const { sql, args } = clientsPageSql(partnerId, query);
  const { results } = await db.prepare(sql).bind(...args).all<JoinedRow & { total: number }>();
  // A page past the end is one row of nulls, with the total.
  return { rows: clientRows(results.filter((r) => r.id !== null)), total: results[0]?.total ?? 0 };
}

/** The page's statement, with its arguments (exported so a test can read its query plan). */
export function clientsPageSql(partnerId: string, query: ClientListQuery): { sql: string; args: unknown[] } {
  const args: unknown[] = [partnerId];
  const limit = `LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`;
  const search = query.q?.trim();
  let matches: string;
  if (search) {
    // instr, not LIKE: D1 refuses a LIKE pattern over 50 bytes, and a search may be 200 characters. instr has no
    // wildcards, so %, _ and \ are plain characters; lower() folds ASCII letters only, as LIKE does. Erasure nulls
    // the email and a later signup does not write it back; the erased_at test states that rule here too, so a search
    // never finds whom it erased. Every customer of the partner is tested once: the page and the total read the
    // matches.
    const term = `lower(?${args.push(search)})`;
    matches = `m AS MATERIALIZED (
        SELECT c.id, c.created_at FROM customers c LEFT JOIN invitations i ON i.id = c.invitation_id
        WHERE c.partner_id = ?1 AND ((c.erased_at IS NULL AND instr(lower(c.email), ${term}) > 0) OR instr(lower(c.external_id), ${term}) > 0 OR instr(lower(i.code), ${term}) > 0)
      ),
      page AS (SELECT c.id, c.program_id, c.external_id, c.email, c.erased_at, c.created_at, c.invitation_id, c.lead_id
               FROM m JOIN customers c ON c.id = m.id ORDER BY m.created_at DESC, m.id ${limit}),
      total AS (SELECT count(*) AS total FROM m)`;
  } else {
    matches = `page AS (SELECT c.id, c.program_id, c.external_id, c.email, c.erased_at, c.created_at, c.invitation_id, c.lead_id
               FROM customers c WHERE c.partner_id = ?1 ORDER BY c.created_at DESC, c.id ${limit}),
      total AS (SELECT count(*) AS total FROM customers WHERE partner_id = ?1)`;
  }
  return {
    // The subscriptions are joined on (program_id, customer_id), the first columns of their unique key.
    sql: `WITH ${matches}
      SELECT t.total, p.id, p.external_id, p.email, p.erased_at, p.created_at, pi.code, r.customer_name AS lead_company,
             s.plan, s.status, s.amount_minor, s.currency, s.expires_at
      FROM total t
      LEFT JOIN page p
      LEFT JOIN invitations pi ON pi.id = p.invitation_id
      LEFT JOIN referrals r ON r.id = p.lead_id
      LEFT JOIN subscriptions s ON s.program_id = p.program_id AND s.customer_id = p.id
      ORDER BY p.created_at DESC, p.id, s.plan`,
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
