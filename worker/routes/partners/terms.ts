// GET /partners/{partnerId}/terms: the program's terms for this partner in plain words, from the rules that are paid.
import { ProgramTermsSchema } from '../../../shared/schemas/rules';
import { router } from '../../env';
import { partnerFor, partnerProgram } from '../../middleware/partner-access';
import { programTerms } from '../../domain/terms';
import { partnerDisplayId } from '../../domain/partners';
import { activeRules } from '../../db/rewards';
import { json, partnerRoute } from '../kit';

export const terms = router();
const route = partnerRoute('Partners');

terms.openapi(
  route.get('/terms', 'getPartnerTerms', "The program's terms for this partner in plain words, generated from the rules that are paid", {
    200: json(ProgramTermsSchema, 'Terms'),
  }),
  async (c) => {
    const partner = await partnerFor(c, c.req.valid('param').partnerId);
    const [program, all] = await Promise.all([partnerProgram(c, partner), activeRules(c.env.DB, partner.programId)]);
    const terms = programTerms({ ...program!, rules: all, partnerId: partner.id });
    const recruits = program!.secondTierBps > 0 && partner.status === 'partner';
    const recruitingLink = recruits ? `${new URL(c.req.url).origin}/dashboard/join/${partner.programId}?recruiter=${partnerDisplayId(partner.status, partner.number)}` : null;
    return c.json({ currency: program!.currency, secondTierBps: program!.secondTierBps, terms, recruitingLink }, 200);
  },
);
