// Program console, settings: destination, allowed origins, attribution, signup credit, withdrawal minimum,
// reporting period, partner discount, what waits for a partner's acceptance of new terms, with the registration link
// and the current written terms.
import type { Context } from 'hono';
import { ErrorSchema } from '../../../shared/schemas/common';
import { ProgramSettingsPatchSchema, ProgramSettingsSchema } from '../../../shared/schemas/console';
import { money } from '../../../shared/money';
import { router, type AppEnv } from '../../env';
import { programFor } from '../../middleware/program-access';
import { badRequest, notFound } from '../../middleware/errors';
import { programSettings, updateSettings } from '../../db/console';
import { currentTerms } from '../../db/terms';
import { isoDate } from '../shapes';
import { consoleRoute, json } from '../kit';

export const settings = router();
const route = consoleRoute();

async function settingsJson(c: Context<AppEnv>, programId: string) {
  const [s, terms] = await Promise.all([programSettings(c.env.DB, programId), currentTerms(c.env.DB, programId)]);
  if (!s) throw notFound('Program');
  return {
    id: s.id,
    name: s.name,
    currency: s.currency,
    destinationUrl: s.destinationUrl,
    allowedOrigins: s.allowedOrigins,
    attributionWindowDays: s.attributionWindowDays,
    attributionModel: s.attributionModel,
    signupCredit: money(s.signupCreditMinor, s.currency),
    withdrawalMinimum: money(s.withdrawalMinimumMinor, s.currency),
    reportingPeriod: s.reportingPeriod,
    partnerDiscountBps: s.partnerDiscountBps,
    secondTierBps: s.secondTierBps,
    referrerCredit: money(s.referrerCreditMinor, s.currency),
    browserSignups: s.browserSignups,
    unconfirmedSignupDays: s.unconfirmedSignupDays,
    leadSlaHours: s.leadSlaHours,
    leadLockDays: s.leadLockDays,
    unclaimedRewardDays: s.unclaimedRewardDays,
    inactiveDays: s.inactiveDays,
    pausedUntilTermsAccepted: s.pausedUntilTermsAccepted,
    registrationLink: `${new URL(c.req.url).origin}/dashboard/join/${encodeURIComponent(s.id)}`,
    terms: terms && { ...terms, createdAt: isoDate(terms.createdAt) },
  };
}

settings.openapi(
  route.get('/settings', 'getProgramSettings', "The program's settings, registration link and current terms", { 200: json(ProgramSettingsSchema, 'Settings') }),
  async (c) => {
    const { programId } = c.req.valid('param');
    await programFor(c, programId, 'staff');
    return c.json(await settingsJson(c, programId), 200);
  },
);

settings.openapi(
  route.patch(
    '/settings',
    'updateProgramSettings',
    'Change settings (managers only). Other isolates may serve a cached destination for up to a minute.',
    { 200: json(ProgramSettingsSchema, 'Settings as they now stand'), 400: json(ErrorSchema, 'Invalid input') },
    { body: ProgramSettingsPatchSchema },
  ),
  async (c) => {
    const { programId } = c.req.valid('param');
    await programFor(c, programId, 'manager');
    const patch = c.req.valid('json');
    // The destination must stay on one of the program's own sites, as invitation destinations must.
    if (patch.destinationUrl || patch.allowedOrigins) {
      const current = (await programSettings(c.env.DB, programId))!;
      const origins = patch.allowedOrigins ?? current.allowedOrigins;
      const destination = new URL(patch.destinationUrl ?? current.destinationUrl);
      if (!['http:', 'https:'].includes(destination.protocol)) throw badRequest('destinationUrl: must be an http or https address.', [{ path: 'destinationUrl', message: 'http or https only' }]);
      if (origins.length > 0 && !origins.map((o) => o.replace(/\/$/, '')).includes(destination.origin)) {
        throw badRequest("destinationUrl: must be on one of the allowed origins.", [{ path: 'destinationUrl', message: `allowed origins: ${origins.join(', ')}` }]);
      }
    }
    await updateSettings(c.env.DB, programId, { ...patch, allowedOrigins: patch.allowedOrigins?.map((o) => o.replace(/\/$/, '')) });
    return c.json(await settingsJson(c, programId), 200);
  },
);
