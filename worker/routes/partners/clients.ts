// "My clients": the customers a partner brought, with each subscription's plan, status, amount and expiry.
import { z } from '@hono/zod-openapi';
import { ClientSchema } from '../../../shared/schemas/customers';
import { money } from '../../../shared/money';
import { router } from '../../env';
import { partnerFor } from '../../middleware/partner-access';
import { clientsOf } from '../../db/clients';
import { isoDate } from '../shapes';
import { json, partnerRoute } from '../kit';

export const clients = router();
const route = partnerRoute('Partners');

clients.openapi(
  route.get('/clients', 'listClients', 'The customers attributed to the partner, with the subscriptions the site owner reported', {
    200: json(z.array(ClientSchema), 'Clients, newest first'),
  }),
  async (c) => {
    const partner = await partnerFor(c, c.req.valid('param').partnerId);
    const rows = await clientsOf(c.env.DB, partner.id);
    return c.json(
      rows.map((r) => ({
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
      })),
      200,
    );
  },
);
