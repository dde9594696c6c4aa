// A partner and the program's written terms: the current version with what waits for its acceptance, accepting it
// (owners only), and the history of what the partner accepted.
import { z } from '@hono/zod-openapi';
import { ErrorSchema } from '../../../shared/schemas/common';
import { PartnerTermsStandingSchema, TermsAcceptanceInputSchema, TermsAcceptanceSchema } from '../../../shared/schemas/terms';
import { router } from '../../env';
import { partnerFor } from '../../middleware/partner-access';
import { forbidden, refused } from '../../middleware/errors';
import { acceptanceProblem, mustAccept, pausedActions } from '../../domain/terms-acceptance';
import { memberRole } from '../../db/member-invites';
import { currentTerms } from '../../db/terms';
import { acceptancesOf, acceptTerms, termsStanding, type AcceptanceRow } from '../../db/terms-acceptances';
import { isoDate } from '../shapes';
import { json, partnerRoute } from '../kit';

export const termsAcceptances = router();
const route = partnerRoute('Partners');

const acceptanceJson = (a: AcceptanceRow) => ({
  version: a.version,
  acceptedAt: isoDate(a.acceptedAt),
  acceptedBy: a.accountId ? { id: a.accountId, name: a.accountName ?? '' } : null,
});

termsAcceptances.openapi(
  route.get(
    '/terms/current',
    'getPartnerTermsStanding',
    "The program's current written terms, whether this partner accepted them, and what waits until it does",
    { 200: json(PartnerTermsStandingSchema, 'The terms and the partner\'s standing') },
  ),
  async (c) => {
    const partner = await partnerFor(c, c.req.valid('param').partnerId);
    const [standing, terms, role] = await Promise.all([termsStanding(c.env.DB, partner.id), currentTerms(c.env.DB, partner.programId), memberRole(c.env.DB, partner.id, c.get('accountId'))]);
    return c.json(
      {
        terms: terms && { ...terms, createdAt: isoDate(terms.createdAt) },
        acceptedVersion: standing.acceptedVersion,
        acceptedAt: standing.acceptedAt === null ? null : isoDate(standing.acceptedAt),
        mustAccept: mustAccept(standing),
        paused: pausedActions(standing),
        mayAccept: role === 'owner',
      },
      200,
    );
  },
);

termsAcceptances.openapi(
  route.get('/terms/acceptances', 'listPartnerTermsAcceptances', 'Every version of the written terms this partner accepted, who accepted it and when, newest first', {
    200: json(z.array(TermsAcceptanceSchema), 'Acceptances'),
  }),
  async (c) => {
    const partner = await partnerFor(c, c.req.valid('param').partnerId);
    return c.json((await acceptancesOf(c.env.DB, partner.id)).map(acceptanceJson), 200);
  },
);

termsAcceptances.openapi(
  route.post(
    '/terms/acceptances',
    'acceptTerms',
    "Accept the current version of the program's written terms for the partner (its owners only: other members and the program's staff cannot accept on its behalf); accepting it again records nothing new",
    {
      201: json(TermsAcceptanceSchema, 'Accepted now'),
      200: json(TermsAcceptanceSchema, 'Accepted before: the first acceptance'),
      400: json(ErrorSchema, 'Invalid input'),
      403: json(ErrorSchema, 'Not an owner of the partner'),
      409: json(ErrorSchema, 'Not the current version (terms_not_current), or the program has no terms (no_terms)'),
    },
    { body: TermsAcceptanceInputSchema },
  ),
  async (c) => {
    const partner = await partnerFor(c, c.req.valid('param').partnerId);
    const accountId = c.get('accountId');
    if ((await memberRole(c.env.DB, partner.id, accountId)) !== 'owner') throw forbidden("Only the partner's owners may accept the program's terms.");
    const { version } = c.req.valid('json');
    const problem = async () => acceptanceProblem(version, (await currentTerms(c.env.DB, partner.programId))?.version ?? null);
    const before = await problem();
    if (before) throw refused(before);
    const r = await acceptTerms(c.env.DB, { programId: partner.programId, partnerId: partner.id, version, accountId, now: Date.now() });
    // A newer version was published between the check and the write: nothing was written.
    if (r.kind === 'not_current') throw refused((await problem()) ?? { status: 409, code: 'terms_not_current', message: 'The terms changed meanwhile; read them again.' });
    return r.kind === 'accepted' ? c.json(acceptanceJson(r.acceptance), 201) : c.json(acceptanceJson(r.acceptance), 200);
  },
);
