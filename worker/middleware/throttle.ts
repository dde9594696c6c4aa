// Password checks go through here: too many wrong passwords for one account or from one address pause them (429).
import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { ApiError } from './errors';
import { retryAfter, SIGN_IN_WINDOW_MS, throttleKeys } from '../domain/throttle';
import { failuresSince, recordFailure } from '../db/throttle';

/** Runs `check` (true when the password is right) unless throttled; a wrong password is counted. */
export async function throttledPasswordCheck(c: Context<AppEnv>, email: string, check: () => Promise<boolean>): Promise<boolean> {
  const now = Date.now();
  const keys = throttleKeys(email, c.req.header('CF-Connecting-IP'));
  const wait = retryAfter(keys, await failuresSince(c.env.DB, keys, now - SIGN_IN_WINDOW_MS), now);
  if (wait !== null) {
    c.header('Retry-After', String(wait));
    throw new ApiError(429, 'too_many_attempts', `Too many wrong passwords; try again in ${Math.ceil(wait / 60)} minutes.`, { retryAfterSeconds: wait });
  }
  const ok = await check();
  if (!ok) await recordFailure(c.env.DB, keys, now);
  return ok;
}
