// The program console's first view: the program's partners and how they perform.
import { createRoute, z } from '@hono/zod-openapi';
import { ErrorSchema, PartnerSummarySchema } from '../../shared/schemas';
import { router } from '../env';
import { sameOrigin, session } from '../middleware/auth';
import { notFound } from '../middleware/errors';
import { partnerDisplayId } from '../domain/partners';
import { getProgram } from '../db/programs';
import { membershipsOf } from '../db/accounts';
import { partnersOfProgram } from '../db/partners';
import { partnerBalancesOf } from '../db/ledger';
import { money } from '../../shared/money';

export const programs = router();

programs.use('/programs/*', sameOrigin, session);

programs.openapi(
  createRoute({
    method: 'get',
    path: '/programs/{programId}/partners',
    tags: ['Program console'],
    summary: "The program's partners with balance and activity (program staff only)",
    security: [{ session: [] }],
    request: { params: z.object({ programId: z.string().min(1).max(64).openapi({ param: { name: 'programId', in: 'path' } }) }) },
    responses: {
      200: { description: 'Partners', content: { 'application/json': { schema: z.array(PartnerSummarySchema) } } },
      401: { description: 'Not signed in', content: { 'application/json': { schema: ErrorSchema } } },
      404: { description: 'No such program, or not staff of it', content: { 'application/json': { schema: ErrorSchema } } },
    },
  }),
  async (c) => {
    const { programId } = c.req.valid('param');
    const staff = (await membershipsOf(c.env.DB, c.get('accountId'))).programs.some((p) => p.id === programId);
    const program = staff ? await getProgram(c.env.DB, programId) : null;
    if (!program) throw notFound('Program');
    const [rows, balances] = await Promise.all([
      partnersOfProgram(c.env.DB, program.id),
      partnerBalancesOf(c.env.DB, program.id, program.currency),
    ]);
    const none = money(0, program.currency);
    const result = rows.map((p) => ({
      id: p.id,
      displayId: partnerDisplayId(p.status, p.number),
      name: p.name,
      status: p.status,
      balance: balances.get(p.id) ?? { pending: none, available: none, paid: none },
      stats: { clicks: p.clicks, scans: p.scans, signups: p.signups },
    }));
    return c.json(result, 200);
  },
);
