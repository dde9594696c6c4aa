// Reward rules (program managers) and the program terms a partner reads, generated from those same rules.
import { createRoute, z } from '@hono/zod-openapi';
import { ErrorSchema } from '../../shared/schemas';
import { ProgramTermsSchema, RewardRuleInputSchema, RewardRuleSchema } from '../../shared/money-schemas';
import { router } from '../env';
import { sameOrigin, session } from '../middleware/auth';
import { badRequest, notFound } from '../middleware/errors';
import { staffProgram } from '../middleware/program-access';
import { partnerFor } from '../middleware/partner-access';
import { describeRule, programTerms } from '../domain/terms';
import { partnerDisplayId } from '../domain/partners';
import { activeRules, insertRule, retireRule } from '../db/rewards';
import { getPartner } from '../db/partners';
import { getProgram } from '../db/programs';
import { json, partnerErrors, partnerParams } from './partners';
import { programParams } from './program-partners';
import { pathParam } from './payouts';

export const rules = router();

rules.use('/programs/*', sameOrigin, session);
rules.use('/partners/*', sameOrigin, session);

const errors = {
  401: json(ErrorSchema, 'Not signed in'),
  403: json(ErrorSchema, 'Program staff, but not a program manager'),
  404: json(ErrorSchema, 'No such program (or not staff of it), or no such rule'),
};

rules.openapi(
  createRoute({
    method: 'get',
    path: '/programs/{programId}/reward-rules',
    tags: ['Program console'],
    summary: "The program's active reward rules and partner overrides",
    security: [{ session: [] }],
    request: { params: programParams },
    responses: { 200: json(z.object({ currency: z.string(), secondTierBps: z.number().int(), rules: z.array(RewardRuleSchema) }), 'Rules'), ...errors },
  }),
  async (c) => {
    const program = await staffProgram(c, c.req.valid('param').programId, false);
    const rules = (await activeRules(c.env.DB, program.id)).map((r) => ({ ...r, description: describeRule(r, program.currency) }));
    return c.json({ currency: program.currency, secondTierBps: program.secondTierBps, rules }, 200);
  },
);

rules.openapi(
  createRoute({
    method: 'post',
    path: '/programs/{programId}/reward-rules',
    tags: ['Program console'],
    summary: 'Add a reward rule (for the program, or an override for one partner)',
    description: 'Rules are never edited: to change one, add the new rule and retire the old, so every past commission still has the rule that earned it.',
    security: [{ session: [] }],
    request: { params: programParams, body: { required: true, content: { 'application/json': { schema: RewardRuleInputSchema } } } },
    responses: { 201: json(RewardRuleSchema, 'Added'), 400: json(ErrorSchema, 'Invalid rule'), ...errors },
  }),
  async (c) => {
    const input = c.req.valid('json');
    const program = await staffProgram(c, c.req.valid('param').programId);
    if (input.partnerId !== null) {
      const partner = await getPartner(c.env.DB, input.partnerId);
      if (!partner || partner.programId !== program.id) throw badRequest('partnerId: no such partner in this program');
    }
    const rule = await insertRule(c.env.DB, program.id, input, Date.now());
    return c.json({ ...rule, description: describeRule(rule, program.currency) }, 201);
  },
);

rules.openapi(
  createRoute({
    method: 'post',
    path: '/programs/{programId}/reward-rules/{ruleId}/retire',
    tags: ['Program console'],
    summary: 'Retire a reward rule; it earns nothing from now on',
    security: [{ session: [] }],
    request: { params: programParams.extend({ ruleId: pathParam('ruleId') }) },
    responses: { 204: { description: 'Retired' }, ...errors },
  }),
  async (c) => {
    const { programId, ruleId } = c.req.valid('param');
    const program = await staffProgram(c, programId);
    if (!(await retireRule(c.env.DB, program.id, ruleId))) throw notFound('Reward rule');
    return c.body(null, 204);
  },
);

rules.openapi(
  createRoute({
    method: 'get',
    path: '/partners/{partnerId}/terms',
    tags: ['Partners'],
    summary: "The program's terms for this partner in plain words, generated from the rules that are paid",
    security: [{ session: [] }],
    request: { params: partnerParams },
    responses: { 200: json(ProgramTermsSchema, 'Terms'), ...partnerErrors },
  }),
  async (c) => {
    const partner = await partnerFor(c, c.req.valid('param').partnerId);
    const [program, all] = await Promise.all([getProgram(c.env.DB, partner.programId), activeRules(c.env.DB, partner.programId)]);
    const terms = programTerms({ ...program!, rules: all, partnerId: partner.id });
    const recruits = program!.secondTierBps > 0 && partner.status === 'partner';
    const recruitingLink = recruits ? `${new URL(c.req.url).origin}/dashboard/join/${partner.programId}?recruiter=${partnerDisplayId(partner.status, partner.number)}` : null;
    return c.json({ currency: program!.currency, secondTierBps: program!.secondTierBps, terms, recruitingLink }, 200);
  },
);
