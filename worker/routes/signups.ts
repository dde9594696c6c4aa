// Signup tracking: one operation for the widget (publishable key) and the site owner's server (secret key).
import { createRoute } from '@hono/zod-openapi';
import { nanoid } from 'nanoid';
import { ErrorSchema, SignupInputSchema, SignupSchema } from '../../shared/schemas';
import { sum } from '../../shared/money';
import { router, type ProgramRow } from '../env';
import { programKey, widgetCors } from '../middleware/auth';
import { ApiError } from '../middleware/errors';
import { attribute } from '../domain/attribution';
import { codeKey } from '../domain/codes';
import { signupEntries } from '../domain/rewards';
import { findClick, recordMissingClick } from '../flows/clicks';
import { customerByExternalId, recordSignup, type CustomerRow } from '../db/customers';
import { invitationFact } from '../db/invitations';
import { activeRules } from '../db/rewards';
import { entriesOf } from '../db/ledger';

export const signups = router();

signups.use('/signups', widgetCors, programKey(['publishable', 'secret']));

const errors = {
  400: { description: 'Invalid input', content: { 'application/json': { schema: ErrorSchema } } },
  401: { description: 'Missing or wrong key', content: { 'application/json': { schema: ErrorSchema } } },
  403: { description: 'Publishable key used from an origin the program does not allow', content: { 'application/json': { schema: ErrorSchema } } },
  422: { description: 'Not attributable: unknown or expired click, unknown promo code, or a self-referral', content: { 'application/json': { schema: ErrorSchema } } },
};

// Typed as a plain record list: two differently-keyed literals would confuse the route's type inference.
const eitherKey: Record<string, string[]>[] = [{ publishableKey: [] }, { secretKey: [] }];

const reportSignup = createRoute({
  method: 'post',
  path: '/signups',
  tags: ['Signups'],
  summary: 'Report a signup and attribute it to an invitation',
  description: 'Idempotent on the customer id: a repeated or concurrent report credits once and answers 200 with the standing attribution.',
  security: eitherKey,
  request: { body: { required: true, content: { 'application/json': { schema: SignupInputSchema } } } },
  responses: {
    201: { description: 'Signup recorded and credited', content: { 'application/json': { schema: SignupSchema } } },
    200: { description: 'This customer had signed up already; nothing new was credited', content: { 'application/json': { schema: SignupSchema } } },
    ...errors,
  },
});

signups.openapi(reportSignup, async (c) => {
  const input = c.req.valid('json');
  const program = c.get('program');
  const db = c.env.DB;

  const existing = await customerByExternalId(db, program.id, input.customerId);
  // A customer is attributed once, for good. One the referral panel created before signing up is not attributed yet.
  if (existing && existing.invitationId !== null) return c.json(await signupJson(db, program, existing, false), 200);

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
  if (!decision.ok) throw new ApiError(422, decision.code, decision.message);

  const invitation = decision.invitation === clickInvitation ? clickInvitation! : promoInvitation!;
  // A genuine click whose row was lost (or is still in the queue) is recorded now, once, so the signup can point at it.
  if (decision.method === 'click' && named) await recordMissingClick(db, program.id, named);
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
      entries: signupEntries({
        customerId,
        customerEmail: input.email,
        invitationCode: invitation.code,
        partnerId: invitation.partnerId,
        currency: program.currency,
        signupCreditMinor: program.signupCreditMinor,
        referrerCustomerId: invitation.customerId,
        referrerCreditMinor: program.referrerCreditMinor,
        rules,
        now,
      }),
      now,
      adopt,
    });
  let { customer, created } = await signup(existing?.id ?? `cus_${nanoid()}`, existing !== null);
  // The referral panel may have created the row between the lookup above and the insert: attribute that row.
  if (!created && customer.invitationId === null) ({ customer, created } = await signup(customer.id, true));
  const body = await signupJson(db, program, customer, created);
  return created ? c.json(body, 201) : c.json(body, 200);
});

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
  };
}
