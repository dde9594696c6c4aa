// "My clients": the customers a partner brought, a page at a time and searchable, with each subscription's plan,
// status, amount and expiry.
import { ErrorSchema } from '../../../shared/schemas/common';
import { ClientPageSchema, ClientQuerySchema } from '../../../shared/schemas/customers';
import { money } from '../../../shared/money';
import { router } from '../../env';
import { partnerFor } from '../../middleware/partner-access';
import { clientsPage, type ClientRow } from '../../db/clients';
import { isoDate } from '../shapes';
import { json, partnerRoute } from '../kit';

export const clients = router();
const route = partnerRoute('Partners');

const clientJson = (r: ClientRow) => ({
  id: r.id,
  externalId: r.externalId,
  email: r.email,
  erased: r.erased,
  since: isoDate(r.since),
  invitationCode: r.invitationCode,
  leadCompany: r.leadCompany,
  subscriptions: r.subscriptions.map((s) => ({
    plan: s.plan,
    status: s.status,
    amount: s.amountMinor === null || !s.currency ? null : money(s.amountMinor, s.currency),
    expiresAt: s.expiresAt === null ? null : isoDate(s.expiresAt),
  })),
});

clients.openapi(
  route.get(
    '/clients',
    'listClients',
    'The customers attributed to the partner, newest first, a page at a time, each with the subscriptions the site owner reported',
    { 200: json(ClientPageSchema, 'One page of clients'), 400: json(ErrorSchema, 'Invalid query') },
    { query: ClientQuerySchema },
  ),
  async (c) => {
    const partner = await partnerFor(c, c.req.valid('param').partnerId);
    const query = c.req.valid('query');
    const { rows, total } = await clientsPage(c.env.DB, partner.id, query);
    return c.json({ items: rows.map(clientJson), total, page: query.page, pageSize: query.pageSize }, 200);
  },
);
