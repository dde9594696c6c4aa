// GET /programs/{programId}/partner-records: the partners with status, its reason, sales representative and accepted terms.
import { z } from '@hono/zod-openapi';
import { ConsolePartnerSchema } from '../../../shared/schemas/partners';
import { ErrorSchema } from '../../../shared/schemas/common';
import { router } from '../../env';
import { programFor } from '../../middleware/program-access';
import { profilesOfProgram } from '../../db/partner-profile';
import { consoleRoute, json } from '../kit';
import { consolePartnerJson } from '../shapes';

export const partnerRecords = router();
const route = consoleRoute();

partnerRecords.openapi(
  route.get('/partner-records', 'listPartnerRecords', "The program's partners with status, its reason, sales representative and accepted terms, newest first; a sales representative sees the partners they own", {
    200: json(z.array(ConsolePartnerSchema), 'Partners'), 400: json(ErrorSchema, 'Invalid query'),
  }, { query: z.object({ salesRep: z.string().min(1).max(64).optional().openapi({ description: "Only the partners this sales representative (an account id) owns; 'none': the partners nobody owns" }) }) }),
  async (c) => {
    const { programId } = c.req.valid('param');
    const role = await programFor(c, programId, 'staff');
    const rows = await profilesOfProgram(c.env.DB, programId, role === 'manager' ? null : c.get('accountId'), c.req.valid('query').salesRep ?? null);
    return c.json(rows.map(consolePartnerJson), 200);
  },
);
