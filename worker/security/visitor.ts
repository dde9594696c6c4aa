// The one-way visitor hash: a salted SHA-256 of client address and user agent, never the address itself.
import type { Context } from 'hono';
import { requiredSecret, type AppEnv } from '../env';
import { sha256Hex } from './hashing';

export function visitorHash(salt: string, ip: string | undefined, userAgent: string | null | undefined): Promise<string> {
  return sha256Hex(`${salt}|${ip ?? ''}|${userAgent ?? ''}`);
}

/** The hash of the browser making this request. */
export const requestVisitorHash = (c: Context<AppEnv>): Promise<string> =>
  visitorHash(requiredSecret(c.env, 'VISITOR_SALT'), c.req.header('CF-Connecting-IP'), c.req.header('User-Agent'));

/** The same, only when the client address is known: without it, every unknown browser would look alike. */
export const knownVisitorHash = (c: Context<AppEnv>): Promise<string | null> =>
  c.req.header('CF-Connecting-IP') ? requestVisitorHash(c) : Promise.resolve(null);
