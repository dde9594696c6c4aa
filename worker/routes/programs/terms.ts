// /programs/{programId}/terms: a manager publishes new written terms, which every partner is then asked to accept
// (in the portal and by email); the console reads the current version and how many partners accepted it.
import { ErrorSchema } from '../../../shared/schemas/common';
import { TermsInputSchema, TermsSchema } from '../../../shared/schemas/rules';
import { ProgramTermsSummarySchema } from '../../../shared/schemas/terms';
import { router } from '../../env';
import { programFor, staffProgram } from '../../middleware/program-access';
import { ApiError } from '../../middleware/errors';
import { currentTerms, publishTerms } from '../../db/terms';
import { acceptanceCounts } from '../../db/terms-acceptances';
import { consoleRoute, json } from '../kit';
import { isoDate } from '../shapes';

export const terms = router();
const route = consoleRoute();

terms.openapi(
  route.get('/terms', 'getProgramTerms', 'The current written terms, how many partners accepted them, and what waits for the others', {
    200: json(ProgramTermsSummarySchema, 'The terms and their acceptance'),
  }),
  async (c) => {
    const program = await staffProgram(c, c.req.valid('param').programId, false);
    const current = await currentTerms(c.env.DB, program.id);
    const counts = await acceptanceCounts(c.env.DB, program.id, current?.version ?? null);
    return c.json({ terms: current && { ...current, createdAt: isoDate(current.createdAt) }, ...counts, pausedUntilTermsAccepted: program.pausedUntilTermsAccepted }, 200);
  },
);

terms.openapi(
  route.post(
    '/terms',
    'publishTerms',
    "Publish new written terms as the next version (managers only). Every partner is asked to accept them, in the portal and by email; until it does, what the program's pausedUntilTermsAccepted setting names waits",
    {
      201: json(TermsSchema, 'Published'),
      400: json(ErrorSchema, 'Invalid input'),
      409: json(ErrorSchema, 'Another version was published at the same moment'),
    },
    { body: TermsInputSchema },
  ),
  async (c) => {
    const { programId } = c.req.valid('param');
    await programFor(c, programId, 'manager');
    const terms = await publishTerms(c.env.DB, programId, c.req.valid('json').body, Date.now());
    if (terms === 'conflict') throw new ApiError(409, 'terms_conflict', 'Another version of the terms was published at the same moment; reload and publish again.');
    return c.json({ ...terms, createdAt: isoDate(terms.createdAt) }, 201);
  },
);
