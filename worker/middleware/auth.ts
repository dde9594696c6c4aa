// Authentication: program keys (publishable for the widget, secret for the site owner's server) and member sessions.
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { cors } from 'hono/cors';
import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { programByKeyHash } from '../db/programs';
import { keyCache } from '../edge/key-cache';
import { sessionAccount } from '../db/accounts';
import { sha256Hex } from '../security/hashing';
import { ApiError, forbidden, unauthorized } from './errors';

export const SESSION_COOKIE = 'edgeref_session';

function bearer(header: string | undefined): string | null {
  const m = header?.match(/^Bearer\s+(\S+)$/i);
  return m ? m[1] : null;
}

/**
 * Resolves the program from `Authorization: Bearer <key>`, or for the widget from `?key=<publishable key>`.
 * A publishable key is only accepted from one of the program's allowed origins.
 *
 * The widget's calls are simple CORS requests, so the browser sends no preflight: the (public) publishable key rides
 * in the query and a POST body is JSON sent as text/plain, which is read here as JSON. The Origin check is unchanged,
 * and a secret key in a URL is refused, since URLs end up in logs.
 */
export function programKey(accept: ('publishable' | 'secret')[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = bearer(c.req.header('Authorization'));
    const key = header ?? c.req.query('key');
    if (!key) throw unauthorized('Send the program key as "Authorization: Bearer <key>".');
    const found = await keyCache.get(await sha256Hex(key), (hash) => programByKeyHash(c.env.DB, hash));
    if (!found) throw unauthorized('The key is not valid or has been revoked.');
    if (!header && found.kind === 'secret') throw unauthorized('Send the secret key in the Authorization header, never in a URL.');
    if (!accept.includes(found.kind)) {
      throw found.kind === 'publishable'
        ? forbidden('This operation needs the secret key; the publishable key is for the widget only.')
        : unauthorized('This operation takes a publishable key.');
    }
    if (found.kind === 'publishable') {
      const origin = c.req.header('Origin');
      if (!origin || !found.program.allowedOrigins.includes(origin)) {
        throw forbidden(`The origin ${origin ?? '(none)'} is not allowed for this program's publishable key.`);
      }
      await withinPublishableLimits(c, found.program.id);
      if (!header && c.req.header('Content-Type')?.startsWith('text/plain')) {
        const headers = new Headers(c.req.raw.headers);
        headers.set('Content-Type', 'application/json');
        c.req.raw = new Request(c.req.raw, { headers });
      }
    }
    c.set('program', found.program);
    c.set('keyKind', found.kind);
    await next();
  };
}

/** The publishable key is public, so its calls are limited per program and client address, and per program. */
async function withinPublishableLimits(c: Context<AppEnv>, programId: string): Promise<void> {
  const [byAddress, byProgram] = await Promise.all([
    c.env.PUBLISHABLE_BY_ADDRESS.limit({ key: `${programId}|${c.req.header('CF-Connecting-IP') ?? 'unknown'}` }),
    c.env.PUBLISHABLE_BY_PROGRAM.limit({ key: programId }),
  ]);
  if (!byAddress.success || !byProgram.success) {
    c.header('Retry-After', '60');
    throw new ApiError(429, 'rate_limited', 'Too many requests with this publishable key; try again in a minute.', { retryAfterSeconds: 60 });
  }
}

const browserCors = cors({
  origin: (origin) => origin,
  allowMethods: ['GET', 'POST', 'OPTIONS'],
  allowHeaders: ['Authorization', 'Content-Type'],
  exposeHeaders: ['Retry-After'], // so the widget can wait as long as a 429 asks
  maxAge: 7200,
  credentials: false,
});

/**
 * CORS for the widget's calls: preflights pass (cached), and the key check decides on the real request. A call with
 * no Origin comes from no page (the site owner's server): CORS headers mean nothing to it, so it skips hono's cors,
 * which puts its headers on an empty response made before the handler and then copies them onto the real one (a
 * tenth of the isolate's time per signup in a profile with the inspector on; without it, within the bench's noise).
 * It still answers `Vary: Origin`, so no cache hands its answer to a page.
 */
export const widgetCors: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.header('Origin') !== undefined) return browserCors(c, next);
  await next();
  c.res.headers.append('Vary', 'Origin');
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for cookie-authenticated calls: a state-changing request must come from our own
 * origin (Origin header, or Sec-Fetch-Site for browsers that omit it). The cookie is also SameSite=Strict.
 */
export const sameOrigin: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method)) {
    const origin = c.req.header('Origin');
    const site = c.req.header('Sec-Fetch-Site');
    const ours = new URL(c.req.url).origin;
    const ok = origin ? origin === ours : site === 'same-origin';
    if (!ok) throw forbidden('Cross-site request refused.');
  }
  await next();
};

/**
 * A signed-in account, from the HttpOnly session cookie. Several routers mount it on the same paths (Hono runs
 * each mount), so the lookup happens once per request.
 */
export const session: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get('accountId')) return next();
  c.set('accountId', signedIn(await sessionAccount(c.env.DB, await sessionHash(c), Date.now())));
  await next();
};

/** The hash of the session cookie's id, as sessions are stored; 401 without the cookie. */
export async function sessionHash(c: Context<AppEnv>): Promise<string> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) throw unauthorized('Sign in first.');
  return sha256Hex(token);
}

/** The account a session lookup found; 401 when the session is unknown or expired. */
export function signedIn(accountId: string | null): string {
  if (!accountId) throw unauthorized('The session has expired; sign in again.');
  return accountId;
}
