// Who may use the program console: its staff may look; only its managers may change anything. Others get 404.
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv, ProgramRow } from '../env';
import { forbidden, notFound } from './errors';
import { sessionHash, signedIn } from './auth';
import type { StaffRole } from '../db/console';
import { sessionAndProgram } from '../db/access';
import { keyCache } from '../edge/key-cache';

/**
 * The console's session guard: the session, the account's role in the program the path names, and the program, in one
 * round trip (db/access.ts). The routes check the role with programFor, after their input is validated.
 */
export const consoleSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get('accountId')) return next();
  const programId = c.req.param('programId') ?? '';
  const read = await sessionAndProgram(c.env.DB, await sessionHash(c), programId, Date.now());
  c.set('accountId', signedIn(read.accountId));
  c.set('programAccess', { programId, ...read });
  await next();
  // Anything but a read may have changed the program or its keys: this isolate forgets them at once.
  if (c.req.method !== 'GET') keyCache.forgetProgram(programId);
};

export async function programFor(c: Context<AppEnv>, programId: string, need: 'staff' | 'manager'): Promise<StaffRole> {
  const read = c.get('programAccess');
  const role = read?.programId === programId ? read.role : null;
  if (!role) throw notFound('Program');
  if (need === 'manager' && role !== 'manager') throw forbidden('Only a program manager may do this.');
  return role;
}

/** The program itself, for the console's money and rules: managers only, unless `managerOnly` is false. */
export async function staffProgram(c: Context<AppEnv>, programId: string, managerOnly = true): Promise<ProgramRow> {
  await programFor(c, programId, managerOnly ? 'manager' : 'staff');
  return consoleProgram(c, programId);
}

/** The program, as the session guard read it; only after programFor let the account in. */
export async function consoleProgram(c: Context<AppEnv>, programId: string): Promise<ProgramRow> {
  const read = c.get('programAccess');
  if (read?.programId !== programId || !read.program) throw notFound('Program');
  return read.program;
}
