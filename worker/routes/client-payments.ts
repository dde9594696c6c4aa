// GET /client-payments: the subscriptions partners paid for their clients from their balance, for the site's billing to apply.
import { z } from '@hono/zod-openapi';
import { ClientPaymentRecordSchema } from '../../shared/schemas/billing';
import { money } from '../../shared/money';
import { router } from '../env';
import { programKey } from '../middleware/auth';
import { partnerDisplayId, type PartnerStatus } from '../domain/partners';
import { clientPaymentsSince } from '../db/withdrawals';
import { conversionErrors, json, secretKeyRoute } from './kit';
import { isoDate } from './shapes';

export const clientPayments = router();
const route = secretKeyRoute('Conversions', conversionErrors);

clientPayments.use('/', programKey(['secret']));

clientPayments.openapi(
  route.get(
    '/',
    'listClientPayments',
    "Subscriptions that partners paid for their clients from their balance, oldest first, for your billing to apply",
    { 200: json(z.array(ClientPaymentRecordSchema), 'Client payments') },
    {
      query: z.object({ since: z.iso.datetime().optional().openapi({ param: { name: 'since', in: 'query' }, description: 'Only those recorded after this instant (use the last createdAt you saw)' }) }),
    },
  ),
  async (c) => {
    const { since } = c.req.valid('query');
    const rows = await clientPaymentsSince(c.env.DB, c.get('program').id, since ? Date.parse(since) : 0);
    return c.json(
      rows.map((r) => ({
        id: r.id, customerId: r.external_id, plan: r.plan, partnerId: partnerDisplayId(r.status as PartnerStatus, r.number),
        listPrice: money(r.list_price_minor, r.currency), discountBps: r.discount_bps, price: money(r.price_minor, r.currency),
        paidUntil: isoDate(r.paid_until), createdAt: isoDate(r.created_at),
      })),
      200,
    );
  },
);
