// GET /partners/{partnerId}/members: the people of a partner company.
import { z } from '@hono/zod-openapi';
import { MemberSchema } from '../../../shared/schemas/partners';
import { router } from '../../env';
import { partnerFor } from '../../middleware/partner-access';
import { membersOf } from '../../db/partners';
import { json, partnerParams, partnerRoute } from '../kit';

export const members = router();
const route = partnerRoute('Partners');

members.openapi(
  route({
    method: 'get',
    path: '/members',
    operationId: 'listMembers',
    summary: "The partner's members",
    request: { params: partnerParams },
    responses: { 200: json(z.array(MemberSchema), 'Members') },
  }),
  async (c) => {
    const partner = await partnerFor(c, c.req.valid('param').partnerId);
    return c.json(await membersOf(c.env.DB, partner.id), 200);
  },
);
