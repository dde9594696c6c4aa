// Who may use the program console: its staff may look; only its managers may change anything. Others get 404.
import type { Context } from 'hono';
import type { AppEnv, ProgramRow } from '../env';
import { forbidden, notFound } from './errors';
import { staffRole, type StaffRole } from '../db/console';
import { getProgram } from '../db/programs';

export async function programFor(c: Context<AppEnv>, programId: string, need: 'staff' | 'manager'): Promise<StaffRole> {
  const role = await staffRole(c.env.DB, programId, c.get('accountId'));
  if (!role) throw notFound('Program');
  if (need === 'manager' && role !== 'manager') throw forbidden('Only a program manager may do this.');
  return role;
}

/** The program itself, for the console's money and rules: managers only, unless `managerOnly` is false. */
export async function staffProgram(c: Context<AppEnv>, programId: string, managerOnly = true): Promise<ProgramRow> {
  await programFor(c, programId, managerOnly ? 'manager' : 'staff');
  return (await getProgram(c.env.DB, programId))!;
}
