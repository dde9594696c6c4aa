// Signup tracking: one operation for the widget (publishable key) and the site owner's server (secret key).
import { z } from '@hono/zod-openapi';
import { nanoid } from 'nanoid';
import { ErrorSchema, SignupConfirmationSchema, SignupInputSchema, SignupSchema } from '../../shared/schemas';
import { sum } from '../../shared/money';
import type { Context } from 'hono';
import { router, type AppEnv, type ProgramRow } from '../env';
import { programKey, widgetCors } from '../middleware/auth';
import { ApiError, notFound } from '../middleware/errors';
import { attribute } from '../domain/attribution';
import { codeKey } from '../domain/codes';
import { signupEntries } from '../domain/rewards';
import { findClick, recordMissingClick } from '../flows/clicks';
import { customerByExternalId, recordSignup, type CustomerRow } from '../db/customers';
import { invitationFact } from '../db/invitations';
import { activeRules } from '../db/rewards';
import { entriesOf } from '../db/ledger';
import { awaitingConfirmation, signupStatusFor } from '../domain/signups';
import { clickVisitorHash, partnerSignedInFrom } from '../db/self-referral';
import { knownVisitorHash } from '../security/visitor';
import { confirmSignup } from '../flows/signup-confirmation';
import { customerIdParam, json, jsonBody, routes, secretKeyErrors, secretKeyRoute } from './kit';

export const signups = router();

signups.use('/', widgetCors, programKey(['publishable', 'secret']));
signups.use('/:customerId/confirmation', programKey(['secret']));

const errors = {
  400: json(ErrorSchema, 'Invalid input'),
  401: json(ErrorSchema, 'Missing or wrong key'),
  403: json(ErrorSchema, 'Publishable key used from an origin the program does not allow'),
  422: json(ErrorSchema, 'Not attributable: unknown or expired click, unknown promo code, or a self-referral'),
};

// Typed as a plain record list: two differently-keyed literals would confuse the route's type inference.
const eitherKey: Record<string, string[]>[] = [{ publishableKey: [] }, { secretKey: [] }];

const reportSignup = routes('Signups', eitherKey, errors)({
  method: 'post',
  path: '/',
  operationId: 'reportSignup',
  summary: 'Report a signup and attribute it to an invitation',
  description: 'Idempotent on the customer id: a repeated or concurrent report credits once and answers 200 with the standing attribution.',
  request: { body: jsonBody(SignupInputSchema) },
  responses: {
    201: json(SignupSchema, 'Signup recorded and credited'),
    200: json(SignupSchema, 'This customer had signed up already; nothing new was credited'),
  },
});

signups.openapi(reportSignup, async (c) => {
  const input = c.req.valid('json');
  const program = c.get('program');
  const keyKind = c.get('keyKind');
  const db = c.env.DB;

  const existing = await customerByExternalId(db, program.id, input.customerId);
  // A customer is attributed once, for good. One the referral panel created before signing up is not attributed yet.
  // The merchant's server reporting a signup the browser reported first confirms it.
  if (existing && existing.invitationId !== null) {
    if (keyKind === 'secret') existing.signupStatus = await confirmSignup(db, { ...existing, programId: program.id }, 'server');
    return c.json(await signupJson(db, program, existing, false), 200);
  }

  const named = input.clickId ? await findClick(c.env, program.id, input.clickId) : null;
  const click = named?.click ?? null;
  const [clickInvitation, promoInvitation, rules] = await Promise.all([
    click ? invitationFact(db, program.id, { id: click.invitationId }) : null,
    input.promoCode ? invitationFact(db, program.id, { codeKey: codeKey(input.promoCode) }) : null,
    activeRules(db, program.id),
  ]);
  const now = Date.now();
  const decision = attribute({
    externalId: input.customerId,
    email: input.email,
    now,
    attributionWindowDays: program.attributionWindowDays,
    click,
    clickInvitation,
    promoInvitation,
    clickIdGiven: input.clickId !== undefined,
    promoCodeGiven: input.promoCode !== undefined,
  });
  if (!decision.ok) throw new ApiError(decision.code === 'invalid_request' ? 400 : 422, decision.code, decision.message);

  const invitation = decision.invitation === clickInvitation ? clickInvitation! : promoInvitation!;
  // A genuine click whose row was lost (or is still in the queue) is recorded now, once, so the signup can point at it.
  if (decision.method === 'click' && named) await recordMissingClick(db, program.id, named);
  const status = signupStatusFor({
    keyKind,
    browserSignups: program.browserSignups,
    sameVisitorAsAdvocate: invitation.partnerId !== null && (await fromAdvocatesBrowser(c, invitation.partnerId, decision.clickId, now)),
  });
  const drafts = (customerId: string) => {
    const entries = signupEntries({
      customerId,
      invitationCode: invitation.code,
      partnerId: invitation.partnerId,
      currency: program.currency,
      signupCreditMinor: program.signupCreditMinor,
      referrerCustomerId: invitation.customerId,
      referrerCreditMinor: program.referrerCreditMinor,
      rules,
      now,
    });
    return status === 'confirmed' ? entries : awaitingConfirmation(entries);
  };
  const signup = (customerId: string, adopt: boolean) =>
    recordSignup(db, {
      customerId,
      programId: program.id,
      externalId: input.customerId,
      email: input.email,
      invitationId: invitation.id,
      partnerId: invitation.partnerId,
      referredByCustomerId: invitation.customerId,
      clickId: decision.clickId,
      method: decision.method,
      status,
      heldReason: status === 'held' ? 'same_visitor' : null,
      entries: drafts(customerId),
      now,
      adopt,
    });
  let { customer, created } = await signup(existing?.id ?? `cus_${nanoid()}`, existing !== null);
  // The referral panel may have created the row between the lookup above and the insert: attribute that row.
  if (!created && customer.invitationId === null) ({ customer, created } = await signup(customer.id, true));
  const body = await signupJson(db, program, customer, created);
  return created ? c.json(body, 201) : c.json(body, 200);
});

/**
 * Whether the signup comes from a browser a member of the partner signed in from: the browser reporting it (the
 * widget's own request), or the one that made its click. Such a signup is held for the manager, not silently paid.
 */
async function fromAdvocatesBrowser(c: Context<AppEnv>, partnerId: string, clickId: string | null, now: number): Promise<boolean> {
  const hashes = [
    c.get('keyKind') === 'publishable' ? await knownVisitorHash(c) : null,
    clickId ? await clickVisitorHash(c.env.DB, clickId) : null,
  ].filter((h): h is string => h !== null);
  return partnerSignedInFrom(c.env.DB, partnerId, hashes, now);
}

/** The signup as it stands in the database, so a replay answers exactly like the first report. */
async function signupJson(db: D1Database, program: ProgramRow, customer: CustomerRow, created: boolean) {
  const [invitation, entries] = await Promise.all([
    customer.invitationId ? invitationFact(db, program.id, { id: customer.invitationId }) : null,
    entriesOf(db, { customerId: customer.id }),
  ]);
  const credit = sum(program.currency, entries.filter((e) => e.type === 'signup_credit').map((e) => e.amount));
  return {
    customerId: customer.externalId,
    created,
    attribution: {
      invitationCode: invitation?.code ?? '',
      method: customer.attributionMethod ?? ('promo_code' as const),
      partnerName: invitation?.partnerName ?? null,
    },
    credit,
    status: customer.signupStatus,
  };
}

signups.openapi(
  secretKeyRoute('Signups', secretKeyErrors)({
    method: 'post',
    path: '/{customerId}/confirmation',
    operationId: 'confirmSignup',
    summary: 'Confirm a signup the browser reported, from your server',
    description:
      "The publishable key is public, so a signup only the widget reported earns nothing withdrawable until your server vouches for it (or the customer's first payment arrives). Idempotent: confirming twice changes nothing.",
    request: { params: z.object({ customerId: customerIdParam("The merchant's own customer id") }) },
    responses: {
      200: json(SignupConfirmationSchema, 'Confirmed (now or before)'),
      404: json(ErrorSchema, 'No such signup in this program'),
      409: { description: 'Held for the program manager\'s review, or rejected or expired: your confirmation changes nothing', content: { 'application/json': { schema: ErrorSchema } } },
    },
  }),
  async (c) => {
    const program = c.get('program');
    const customer = await customerByExternalId(c.env.DB, program.id, c.req.valid('param').customerId);
    if (!customer || customer.invitationId === null) throw notFound('Signup');
    const status = await confirmSignup(c.env.DB, { ...customer, programId: program.id }, 'server');
    if (status !== 'confirmed') {
      throw new ApiError(409, `signup_${status === 'awaiting_confirmation' ? 'not_confirmed' : status}`, status === 'held' ? 'This signup is held for the program manager to review.' : `This signup was ${status}; it cannot be confirmed.`, { status });
    }
    return c.json({ customerId: customer.externalId, status }, 200);
  },
);
