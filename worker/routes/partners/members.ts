// GET /partners/{partnerId}/members: the people of a partner company.
import { z } from '@hono/zod-openapi';
import { MemberSchema } from '../../../shared/schemas/partners';
import { router } from '../../env';
import { partnerFor } from '../../middleware/partner-access';
import { membersOf } from '../../db/partners';
import { json, partnerRoute } from '../kit';

export const members = router();
const route = partnerRoute('Partners');

members.openapi(
  route.get('/members', 'listMembers', "The partner's members", { 200: json(z.array(MemberSchema), 'Members') }),
  async (c) => {
    const partner = await partnerFor(c, c.req.valid('param').partnerId);
    return c.json(await membersOf(c.env.DB, partner.id), 200);
  },
);
