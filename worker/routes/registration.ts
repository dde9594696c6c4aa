// Joining a program through its registration link: read the current terms, accept them, and become an affiliate.
import { nanoid } from 'nanoid';
import { ErrorSchema } from '../../shared/schemas/common';
import { RegisteredSchema, RegistrationInfoSchema, RegistrationInputSchema } from '../../shared/schemas/partners';
import type { Context } from 'hono';
import { router, type AppEnv } from '../env';
import { sameOrigin } from '../middleware/auth';
import { accountToJoin, startSession } from '../middleware/sign-in';
import { ApiError, notFound } from '../middleware/errors';
import { partnerDisplayId, randomPartnerNumber } from '../domain/partners';
import { getProgram } from '../db/programs';
import { currentTerms } from '../db/terms';
import { insertPartnerWithOwner, recruiterByNumber } from '../db/registration';
import { isoDate } from './shapes';
import { json, programParams, publicRoute } from './kit';

export const registration = router();

const route = publicRoute('Joining');

registration.use('*', sameOrigin);

const joinWith = (c: Context<AppEnv>, input: { email: string; password: string; name: string }) =>
  accountToJoin(c, input.email, input.password, input.name, 'An account with this email exists; enter its password to register with it.');

registration.openapi(
  route.get(
    '/{programId}',
    'getRegistration',
    "The program's name and current written terms, for its registration page",
    { 200: json(RegistrationInfoSchema, 'The program and its terms'), 404: json(ErrorSchema, 'No such program') },
    { params: programParams },
  ),
  async (c) => {
    const { programId } = c.req.valid('param');
    const [program, terms] = await Promise.all([getProgram(c.env.DB, programId), currentTerms(c.env.DB, programId)]);
    if (!program) throw notFound('Program');
    return c.json({ programId: program.id, programName: program.name, terms: terms && { ...terms, createdAt: isoDate(terms.createdAt) } }, 200);
  },
);

registration.openapi(
  route.post(
    '/{programId}',
    'registerPartner',
    'Register as a partner: accept the current terms and start as an affiliate (A123456); signs in',
    {
      201: json(RegisteredSchema, 'Registered and signed in; waiting for approval'),
      400: json(ErrorSchema, 'Invalid input'),
      401: json(ErrorSchema, 'The email has an account and the password is not its password'),
      404: json(ErrorSchema, 'No such program'),
      409: json(ErrorSchema, 'The terms changed since the page was loaded, or the program has no terms yet'),
    },
    { params: programParams, body: RegistrationInputSchema },
  ),
  async (c) => {
    const { programId } = c.req.valid('param');
    const input = c.req.valid('json');
    const [program, terms] = await Promise.all([getProgram(c.env.DB, programId), currentTerms(c.env.DB, programId)]);
    if (!program) throw notFound('Program');
    if (!terms) throw new ApiError(409, 'registration_closed', 'This program has not published its terms yet, so it does not take registrations.');
    if (terms.version !== input.termsVersion) {
      throw new ApiError(409, 'terms_changed', `The terms have changed (now version ${terms.version}); read them again before accepting.`, { currentVersion: terms.version });
    }
    const recruitedBy = input.recruiter ? await recruiterByNumber(c.env.DB, programId, Number(input.recruiter.replace(/^[AP]/, ''))) : null;
    if (input.recruiter && !recruitedBy) throw new ApiError(422, 'unknown_recruiter', `${input.recruiter} is not an approved partner of this program.`);
    let account = await joinWith(c, input);
    const partnerId = `prt_${nanoid()}`;
    for (let attempt = 0; attempt < 5; attempt++) {
      const number = randomPartnerNumber();
      const outcome = await insertPartnerWithOwner(c.env.DB, {
        partnerId, programId, number, partnerName: input.partnerName, company: input.company || null, email: input.email,
        termsVersion: terms.version, recruitedBy, memberId: `mem_${nanoid()}`, account, language: input.language ?? 'en', now: Date.now(),
      });
      if (outcome === 'inserted') {
        await startSession(c, account.id);
        return c.json({ partnerId, displayId: partnerDisplayId('affiliate', number) }, 201);
      }
      // A request that registered the same new email a moment ago created its account: join that one, by its password.
      if (outcome === 'email_taken') account = await joinWith(c, input);
    }
    throw new Error('no free partner number after 5 draws');
  },
);
