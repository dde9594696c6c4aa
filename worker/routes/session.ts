// Signing in and out of the dashboard: an HttpOnly, SameSite=Strict session cookie.
import { createRoute } from '@hono/zod-openapi';
import { nanoid } from 'nanoid';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Context } from 'hono';
import { ErrorSchema, LoginInputSchema, SessionSchema } from '../../shared/schemas';
import { router, type AppEnv } from '../env';
import { SESSION_COOKIE, sameOrigin, session } from '../middleware/auth';
import { ApiError, notFound } from '../middleware/errors';
import { partnerDisplayId, type PartnerStatus } from '../domain/partners';
import { accountByEmail, accountById, createSession, deleteSession, membershipsOf } from '../db/accounts';
import { hashPassword, randomToken, sha256Hex, verifyPassword } from '../security/hashing';
import { throttledPasswordCheck } from '../middleware/throttle';
import { knownVisitorHash } from '../security/visitor';

export const sessions = router();

const SESSION_TTL_MS = 7 * 86_400_000;
// Compared against when the email is unknown, so a wrong email takes as long as a wrong password. A constant:
// Workers forbid random values (a fresh salt) in the global scope, and nothing about it needs to be secret.
const DECOY_HASH = 'pbkdf2-sha256$100000$tRB38cmv8Y-Ulo-j30Q5xQ$4KElNBfRLPR0WSwUl3lJ2qLx3C532alrBmS4JJA0nQo';

sessions.use('/session', sameOrigin);

const sessionResponse = { 200: { description: 'The signed-in account and what it may act for', content: { 'application/json': { schema: SessionSchema } } } };

export interface JoiningAccount {
  id: string;
  name: string;
  passwordHash: string;
  isNew: boolean;
}

/**
 * The account a registration or an accepted invite joins with: an existing one only by its own password (so nobody
 * can attach a partner or a program to someone else's email), else a new one named `newName`.
 */
export async function accountToJoin(c: Context<AppEnv>, email: string, password: string, newName: string | undefined, wrongPassword: string): Promise<JoiningAccount> {
  const existing = await accountByEmail(c.env.DB, email);
  if (existing) {
    if (!(await throttledPasswordCheck(c, email, () => verifyPassword(password, existing.passwordHash)))) throw new ApiError(401, 'invalid_credentials', wrongPassword);
    return { id: existing.id, name: existing.name, passwordHash: existing.passwordHash, isNew: false };
  }
  if (!newName) throw new ApiError(400, 'invalid_request', 'name: your name is needed for the new account', [{ path: 'name', message: 'required' }]);
  return { id: `acc_${nanoid()}`, name: newName, passwordHash: await hashPassword(password), isNew: true };
}

/** Signs the account in: a new session, its token only in the HttpOnly cookie and its hash in D1. */
export async function startSession(c: Context<AppEnv>, accountId: string): Promise<void> {
  const token = randomToken();
  // The browser's visitor hash, so a signup later reported from this same browser is held as a possible self-referral.
  await createSession(c.env.DB, await sha256Hex(token), accountId, Date.now(), SESSION_TTL_MS, await knownVisitorHash(c));
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: new URL(c.req.url).protocol === 'https:',
    path: '/',
    maxAge: SESSION_TTL_MS / 1000,
  });
}

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
  createRoute({
    method: 'post',
    path: '/session',
    tags: ['Session'],
    summary: 'Sign in with email and password',
    request: { body: { required: true, content: { 'application/json': { schema: LoginInputSchema } } } },
    responses: {
      ...sessionResponse,
      400: { description: 'Invalid input', content: { 'application/json': { schema: ErrorSchema } } },
      401: { description: 'Wrong email or password', content: { 'application/json': { schema: ErrorSchema } } },
      403: { description: 'Cross-site request', content: { 'application/json': { schema: ErrorSchema } } },
      429: { description: 'Too many wrong passwords for this account or from this address; see Retry-After', content: { 'application/json': { schema: ErrorSchema } } },
    },
  }),
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
  createRoute({
    method: 'get',
    path: '/session',
    tags: ['Session'],
    summary: 'The current session',
    security: [{ session: [] }],
    middleware: [session] as const,
    responses: { ...sessionResponse, 401: { description: 'Not signed in', content: { 'application/json': { schema: ErrorSchema } } } },
  }),
  async (c) => c.json(await sessionJson(c, c.get('accountId')), 200),
);

sessions.openapi(
  createRoute({
    method: 'delete',
    path: '/session',
    tags: ['Session'],
    summary: 'Sign out',
    responses: { 204: { description: 'Signed out' } },
  }),
  async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await deleteSession(c.env.DB, await sha256Hex(token));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  },
);
