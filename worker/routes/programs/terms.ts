// POST /programs/{programId}/terms: a manager publishes new written terms; partners keep the version they accepted.
import { ErrorSchema } from '../../../shared/schemas/common';
import { TermsInputSchema, TermsSchema } from '../../../shared/schemas/rules';
import { router } from '../../env';
import { programFor } from '../../middleware/program-access';
import { publishTerms } from '../../db/terms';
import { consoleRoute, json } from '../kit';
import { isoDate } from '../shapes';

export const terms = router();
const route = consoleRoute();

terms.openapi(
  route.post(
    '/terms',
    'publishTerms',
    'Publish new written terms as the next version (managers only); partners who registered keep the version they accepted',
    { 201: json(TermsSchema, 'Published'), 400: json(ErrorSchema, 'Invalid input') },
    { body: TermsInputSchema },
  ),
  async (c) => {
    const { programId } = c.req.valid('param');
    await programFor(c, programId, 'manager');
    const terms = await publishTerms(c.env.DB, programId, c.req.valid('json').body, Date.now());
    return c.json({ ...terms, createdAt: isoDate(terms.createdAt) }, 201);
  },
);
