// Signing an account in: the session cookie it gets, and the account a registration or an accepted invite joins with.
import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import { nanoid } from 'nanoid';
import type { AppEnv } from '../env';
import { accountByEmail, createSession } from '../db/accounts';
import { hashPassword, randomToken, sha256Hex, verifyPassword } from '../security/hashing';
import { knownVisitorHash } from '../security/visitor';
import { SESSION_COOKIE } from './auth';
import { ApiError } from './errors';
import { throttledPasswordCheck } from './throttle';

export const SESSION_TTL_MS = 7 * 86_400_000;

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

/**
 * Accepts an invite as the account `join` finds or creates, and signs that account in. Another invite or a registration
 * may create the account for this email a moment before: then the invite is accepted as that one, by its password.
 * Answers false when the invite was used or withdrawn meanwhile (nobody is signed in then).
 */
export async function acceptInviteAs(
  c: Context<AppEnv>, join: () => Promise<JoiningAccount>, accept: (account: JoiningAccount) => Promise<'accepted' | 'used' | 'email_taken'>,
): Promise<boolean> {
  let account = await join();
  let outcome = await accept(account);
  if (outcome === 'email_taken') {
    account = await join();
    outcome = await accept(account);
  }
  if (outcome !== 'accepted') return false;
  await startSession(c, account.id);
  return true;
}
