// Who may run a program: its staff. Console actions that move money or change rules need a program manager.
import type { Context } from 'hono';
import type { AppEnv, ProgramRow } from '../env';
import { forbidden, notFound } from './errors';
import { membershipsOf } from '../db/accounts';
import { getProgram } from '../db/programs';

/** The program, if the signed-in account is its staff (a manager when `managerOnly`); others see a 404, sales representatives a 403. */
export async function staffProgram(c: Context<AppEnv>, programId: string, managerOnly = true): Promise<ProgramRow> {
  const role = (await membershipsOf(c.env.DB, c.get('accountId'))).programs.find((p) => p.id === programId)?.role;
  const program = role ? await getProgram(c.env.DB, programId) : null;
  if (!program) throw notFound('Program');
  if (managerOnly && role !== 'manager') throw forbidden('Only a program manager may do this.');
  return program;
}
