// Signing in and out of the dashboard (an HttpOnly, SameSite=Strict session cookie), and the signed-in person's email preferences.
import { deleteCookie, getCookie } from 'hono/cookie';
import type { Context } from 'hono';
import { ErrorSchema } from '../../shared/schemas/common';
import { LoginInputSchema, SessionSchema } from '../../shared/schemas/session';
import { EmailPreferencesInputSchema, EmailPreferencesSchema } from '../../shared/schemas/emails';
import { OPTIONAL_EMAIL_AUDIENCE, OPTIONAL_EMAILS } from '../../shared/email-templates';
import { emailPreferences, updateEmailPreferences } from '../db/emails';
import { router, type AppEnv } from '../env';
import { SESSION_COOKIE, sameOrigin, session } from '../middleware/auth';
import { ApiError, notFound } from '../middleware/errors';
import { partnerDisplayId, type PartnerStatus } from '../domain/partners';
import { accountByEmail, accountById, deleteSession, membershipsOf } from '../db/accounts';
import { sha256Hex, verifyPassword } from '../security/hashing';
import { throttledPasswordCheck } from '../middleware/throttle';
import { startSession } from '../middleware/sign-in';
import { json, publicRoute, signedInRoute } from './kit';

export const sessions = router();

// Compared against when the email is unknown, so a wrong email takes as long as a wrong password. A constant:
// Workers forbid random values (a fresh salt) in the global scope, and nothing about it needs to be secret.
const DECOY_HASH = 'pbkdf2-sha256$100000$tRB38cmv8Y-Ulo-j30Q5xQ$4KElNBfRLPR0WSwUl3lJ2qLx3C532alrBmS4JJA0nQo';

sessions.use('/', sameOrigin);

const sessionResponse = { 200: json(SessionSchema, 'The signed-in account and what it may act for') };
const route = publicRoute('Session');
const signedIn = signedInRoute('Session');

async function sessionJson(c: Context<AppEnv>, accountId: string) {
  const [account, m] = await Promise.all([accountById(c.env.DB, accountId), membershipsOf(c.env.DB, accountId)]);
  if (!account) throw notFound('Account');
  return {
    account,
    partners: m.partners.map((p) => ({ id: p.id, displayId: partnerDisplayId(p.status as PartnerStatus, p.number), name: p.name, role: p.role })),
    programs: m.programs,
  };
}

sessions.openapi(
  route.post(
    '/',
    'signIn',
    'Sign in with email and password',
    {
      ...sessionResponse,
      400: json(ErrorSchema, 'Invalid input'),
      401: json(ErrorSchema, 'Wrong email or password'),
      403: json(ErrorSchema, 'Cross-site request'),
      429: json(ErrorSchema, 'Too many wrong passwords for this account or from this address; see Retry-After'),
    },
    { body: LoginInputSchema },
  ),
  async (c) => {
    const { email, password } = c.req.valid('json');
    const account = await accountByEmail(c.env.DB, email);
    const ok = await throttledPasswordCheck(c, email, async () => verifyPassword(password, account?.passwordHash ?? DECOY_HASH));
    if (!account || !ok) throw new ApiError(401, 'invalid_credentials', 'Wrong email or password.');
    await startSession(c, account.id);
    return c.json(await sessionJson(c, account.id), 200);
  },
);

sessions.openapi(
  signedIn.get('/', 'getSession', 'The current session', { ...sessionResponse, 401: json(ErrorSchema, 'Not signed in') }, { middleware: session }),
  async (c) => c.json(await sessionJson(c, c.get('accountId')), 200),
);

sessions.openapi(
  route.delete('/', 'signOut', 'Sign out', { 204: { description: 'Signed out' }, 403: json(ErrorSchema, 'Cross-site request refused') }),
  async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await deleteSession(c.env.DB, await sha256Hex(token));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  },
);

// The signed-in person's email language and optional emails (the others always go out).
sessions.use('/email-preferences', sameOrigin);

async function preferencesJson(c: Context<AppEnv>) {
  const p = await emailPreferences(c.env.DB, c.get('accountId'));
  if (!p) throw notFound('Account');
  return { language: p.language, emails: OPTIONAL_EMAILS.map((topic) => ({ topic, audience: OPTIONAL_EMAIL_AUDIENCE[topic], enabled: !p.optedOut.includes(topic) })) };
}

sessions.openapi(
  signedIn.get('/email-preferences', 'getEmailPreferences', 'Your email language and which optional emails you get', { 200: json(EmailPreferencesSchema, 'Your preferences'), 401: json(ErrorSchema, 'Not signed in') }, { middleware: session }),
  async (c) => c.json(await preferencesJson(c), 200),
);

sessions.openapi(
  signedIn.patch(
    '/email-preferences',
    'updateEmailPreferences',
    'Change your email language, or turn optional emails on or off',
    { 200: json(EmailPreferencesSchema, 'Your preferences, changed'), 400: json(ErrorSchema, 'Invalid input'), 401: json(ErrorSchema, 'Not signed in'), 403: json(ErrorSchema, 'Cross-site request refused') },
    { middleware: session, body: EmailPreferencesInputSchema },
  ),
  async (c) => {
    await updateEmailPreferences(c.env.DB, c.get('accountId'), c.req.valid('json'), Date.now());
    return c.json(await preferencesJson(c), 200);
  },
);
