// Password checks go through here: too many wrong passwords for one account or from one address pause them (429).
import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { ApiError } from './errors';
import { retryAfter, SIGN_IN_WINDOW_MS, throttleKeys } from '../domain/throttle';
import { failuresSince, releaseAttempt, reserveAttempt } from '../db/throttle';

/**
 * Runs `check` (true when the password is right) only after reserving the attempt atomically, so concurrent guesses
 * cannot all slip under the limit. A right password releases the reservation; a wrong one keeps it as a failure.
 */
export async function throttledPasswordCheck(c: Context<AppEnv>, email: string, check: () => Promise<boolean>): Promise<boolean> {
  const now = Date.now();
  const since = now - SIGN_IN_WINDOW_MS;
  const keys = throttleKeys(email, c.req.header('CF-Connecting-IP'));
  const reserved = await reserveAttempt(c.env.DB, keys, since, now);
  if (!reserved) {
    const wait = retryAfter(keys, await failuresSince(c.env.DB, keys, since), now) ?? 1;
    c.header('Retry-After', String(wait));
    throw new ApiError(429, 'too_many_attempts', `Too many wrong passwords; try again in ${Math.ceil(wait / 60)} minutes.`, { retryAfterSeconds: wait });
  }
  const ok = await check();
  if (ok) await releaseAttempt(c.env.DB, reserved);
  return ok;
}
