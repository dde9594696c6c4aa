// GET /events: the program's business events in the order they happened, for the site owner's server to follow
// (by polling with the secret key) what edgeref records: signups, commissions, partner decisions, withdrawals.
import { EventPageSchema, EventQuerySchema } from '../../shared/schemas/events';
import { router } from '../env';
import { programKey } from '../middleware/auth';
import { eventsAfter } from '../db/events';
import { isoDate } from './shapes';
import { json, secretKeyErrors, secretKeyRoute } from './kit';

export const events = router();
const route = secretKeyRoute('Events', secretKeyErrors);

events.use('/', programKey(['secret']));

events.openapi(
  route.get('/', 'listEvents', 'The business events of the program, oldest first, from a sequence on', { 200: json(EventPageSchema, 'A page of events') }, {
    query: EventQuerySchema,
    description:
      'Each event is written in the same transaction as the change that caused it, once: a retried change raises nothing new. Page with after=next; poll the same way for new events.',
  }),
  async (c) => {
    const { after, limit, type } = c.req.valid('query');
    const rows = await eventsAfter(c.env.DB, c.get('program').id, { afterSeq: after, limit: limit + 1, types: type ? [type] : undefined });
    const page = rows.slice(0, limit);
    return c.json(
      {
        data: page.map((e) => ({ id: e.id, sequence: e.seq, type: e.type, version: e.version, createdAt: isoDate(e.createdAt), data: e.data })),
        hasMore: rows.length > limit,
        next: page.at(-1)?.seq ?? after,
      },
      200,
    );
  },
);
