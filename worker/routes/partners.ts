// A partner's own data for the dashboard: summary and balance, members, ledger.
import { createRoute, z } from '@hono/zod-openapi';
import { ErrorSchema, LedgerEntrySchema, MemberSchema, PartnerSummarySchema } from '../../shared/schemas';
import { router } from '../env';
import { sameOrigin, session } from '../middleware/auth';
import { partnerFor } from '../middleware/partner-access';
import { partnerDisplayId } from '../domain/partners';
import { membersOf } from '../db/partners';
import { listPartnerInvitations } from '../db/invitations';
import { balanceOf, entriesOf } from '../db/ledger';
import { getProgram } from '../db/programs';
import { ledgerEntryJson } from './shapes';

export const partners = router();

partners.use('/partners/*', sameOrigin, session);

export const partnerParams = z.object({ partnerId: z.string().min(1).max(64).openapi({ param: { name: 'partnerId', in: 'path' } }) });
export const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
export const partnerErrors = {
  401: json(ErrorSchema, 'Not signed in'),
  404: json(ErrorSchema, 'No such partner, or not yours'),
};

partners.openapi(
  createRoute({
    method: 'get',
    path: '/partners/{partnerId}',
    tags: ['Partners'],
    summary: "The partner's summary: status, balance and totals",
    security: [{ session: [] }],
    request: { params: partnerParams },
    responses: { 200: json(PartnerSummarySchema, 'The partner'), ...partnerErrors },
  }),
  async (c) => {
    const partner = await partnerFor(c, c.req.valid('param').partnerId);
    const program = await getProgram(c.env.DB, partner.programId);
    const [balance, invitations] = await Promise.all([
      balanceOf(c.env.DB, { partnerId: partner.id }, program!.currency),
      listPartnerInvitations(c.env.DB, partner.id),
    ]);
    const total = (k: 'clicks' | 'scans' | 'signups') => invitations.reduce((n, i) => n + i[k], 0);
    return c.json(
      {
        id: partner.id,
        displayId: partnerDisplayId(partner.status, partner.number),
        name: partner.name,
        status: partner.status,
        balance,
        stats: { clicks: total('clicks'), scans: total('scans'), signups: total('signups') },
      },
      200,
    );
  },
);

partners.openapi(
  createRoute({
    method: 'get',
    path: '/partners/{partnerId}/members',
    tags: ['Partners'],
    summary: "The partner's members",
    security: [{ session: [] }],
    request: { params: partnerParams },
    responses: { 200: json(z.array(MemberSchema), 'Members'), ...partnerErrors },
  }),
  async (c) => {
    const partner = await partnerFor(c, c.req.valid('param').partnerId);
    return c.json(await membersOf(c.env.DB, partner.id), 200);
  },
);

partners.openapi(
  createRoute({
    method: 'get',
    path: '/partners/{partnerId}/ledger',
    tags: ['Partners'],
    summary: "The partner's ledger entries with their reasons, newest first",
    security: [{ session: [] }],
    request: { params: partnerParams },
    responses: { 200: json(z.array(LedgerEntrySchema), 'Entries'), ...partnerErrors },
  }),
  async (c) => {
    const partner = await partnerFor(c, c.req.valid('param').partnerId);
    return c.json((await entriesOf(c.env.DB, { partnerId: partner.id })).map(ledgerEntryJson), 200);
  },
);
