// GET /programs/{programId}/partner-records: the partners with status, its reason, sales representative and accepted
// terms, searched, sorted and a page at a time.
import { ConsolePartnerPageSchema, ConsolePartnerQuerySchema } from '../../../shared/schemas/partners';
import { ErrorSchema } from '../../../shared/schemas/common';
import { router } from '../../env';
import { programFor } from '../../middleware/program-access';
import { partnerRecordsPage } from '../../db/partner-profile';
import { consoleRoute, json } from '../kit';
import { consolePartnerJson } from '../shapes';

export const partnerRecords = router();
const route = consoleRoute();

partnerRecords.openapi(
  route.get(
    '/partner-records',
    'listPartnerRecords',
    "The program's partners with status, its reason, sales representative and accepted terms, searched, sorted (newest first unless asked) and a page at a time; a sales representative sees the partners they own",
    { 200: json(ConsolePartnerPageSchema, 'One page'), 400: json(ErrorSchema, 'Invalid query') },
    { query: ConsolePartnerQuerySchema },
  ),
  async (c) => {
    const { programId } = c.req.valid('param');
    const role = await programFor(c, programId, 'staff');
    const query = c.req.valid('query');
    const order = query.order ?? (query.sort === 'createdAt' ? 'desc' : 'asc');
    const { rows, total } = await partnerRecordsPage(c.env.DB, { programId, representative: role === 'manager' ? null : c.get('accountId') }, { ...query, order });
    return c.json({ items: rows.map(consolePartnerJson), total, page: query.page, limit: query.limit }, 200);
  },
);
