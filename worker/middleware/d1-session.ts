// The dashboard's D1 reads through D1's Sessions API: a read may be answered by a read replica near the Worker, and
// a person never reads back in time past what they wrote or read before (the session's bookmark, kept in a cookie).
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../env';

export const D1_BOOKMARK_COOKIE = 'edgeref_d1';

/** A bookmark as D1 writes them (hex groups joined by dashes); anything else in the cookie is ignored, not sent to D1. */
const BOOKMARK = /^[0-9a-f]{1,32}(-[0-9a-f]{1,64}){1,7}$/i;

/**
 * Runs the request's D1 work in one session. Without a bookmark, a GET may start at any replica
 * ('first-unconstrained') and a change starts at the primary; with one, D1 waits until the replica has caught up to
 * it. The answer carries the session's latest bookmark for the next request.
 */
export const d1Session: MiddlewareHandler<AppEnv> = async (c, next) => {
  const cookie = getCookie(c, D1_BOOKMARK_COOKIE);
  const bookmark = cookie && BOOKMARK.test(cookie) ? cookie : undefined;
  const reads = c.req.method === 'GET' || c.req.method === 'HEAD';
  const session = c.env.DB.withSession(bookmark ?? (reads ? 'first-unconstrained' : 'first-primary'));
  // A fresh env for this request only: the isolate's own env object is shared by every request it serves.
  c.env = { ...c.env, DB: session as unknown as D1Database };
  await next();
  const latest = session.getBookmark();
  if (latest && latest !== bookmark) {
    setCookie(c, D1_BOOKMARK_COOKIE, latest, { path: '/api/v1', httpOnly: true, sameSite: 'Lax', secure: new URL(c.req.url).protocol === 'https:' });
  }
};
