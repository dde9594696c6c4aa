// Reward rules (program managers): the active rules and partner overrides, adding one, retiring one.
import { z } from '@hono/zod-openapi';
import { ErrorSchema } from '../../../shared/schemas/common';
import { RewardRuleInputSchema, RewardRuleSchema } from '../../../shared/schemas/rules';
import { router } from '../../env';
import { badRequest, notFound } from '../../middleware/errors';
import { staffProgram } from '../../middleware/program-access';
import { describeRule } from '../../domain/terms';
import { insertRule, listedRules, retireRule } from '../../db/rewards';
import { partnerDisplayId } from '../../domain/partners';
import { getPartner } from '../../db/partners';
import { consoleRoute, json, pathParam, programParams } from '../kit';

export const rewardRules = router();
const route = consoleRoute({
  401: json(ErrorSchema, 'Not signed in'),
  403: json(ErrorSchema, 'Program staff, but not a program manager'),
  404: json(ErrorSchema, 'No such program (or not staff of it), or no such rule'),
});

rewardRules.openapi(
  route.get('/reward-rules', 'listRewardRules', "The program's active reward rules and partner overrides", {
    200: json(z.object({ currency: z.string(), secondTierBps: z.number().int(), rules: z.array(RewardRuleSchema) }), 'Rules'),
  }),
  async (c) => {
    const program = await staffProgram(c, c.req.valid('param').programId, false);
    const rules = (await listedRules(c.env.DB, program.id)).map((r) => ({ ...r, description: describeRule(r, program.currency) }));
    return c.json({ currency: program.currency, secondTierBps: program.secondTierBps, rules }, 200);
  },
);

rewardRules.openapi(
  route.post(
    '/reward-rules',
    'addRewardRule',
    'Add a reward rule (for the program, or an override for one partner)',
    { 201: json(RewardRuleSchema, 'Added'), 400: json(ErrorSchema, 'Invalid rule') },
    {
      body: RewardRuleInputSchema,
      description: 'Rules are never edited: to change one, add the new rule and retire the old, so every past commission still has the rule that earned it.',
    },
  ),
  async (c) => {
    const input = c.req.valid('json');
    const program = await staffProgram(c, c.req.valid('param').programId);
    const partner = input.partnerId === null ? null : await getPartner(c.env.DB, input.partnerId);
    if (input.partnerId !== null && (!partner || partner.programId !== program.id)) throw badRequest('partnerId: no such partner in this program');
    const rule = await insertRule(c.env.DB, program.id, input, Date.now());
    const named = partner && { id: partner.id, displayId: partnerDisplayId(partner.status, partner.number), name: partner.name };
    return c.json({ ...rule, partner: named, description: describeRule(rule, program.currency) }, 201);
  },
);

rewardRules.openapi(
  route.post(
    '/reward-rules/{ruleId}/retire',
    'retireRewardRule',
    'Retire a reward rule; it earns nothing from now on',
    { 204: { description: 'Retired' } },
    { params: programParams.extend({ ruleId: pathParam('ruleId') }) },
  ),
  async (c) => {
    const { programId, ruleId } = c.req.valid('param');
    const program = await staffProgram(c, programId);
    if (!(await retireRule(c.env.DB, program.id, ruleId))) throw notFound('Reward rule');
    return c.body(null, 204);
  },
);
