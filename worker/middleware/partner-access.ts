// Who may see a partner: its members and its program's staff. To anyone else the partner does not exist (404).
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv, ProgramRow } from '../env';
import { notFound } from './errors';
import { sessionHash, signedIn } from './auth';
import { mayMoveMoney } from '../domain/partners';
import type { PartnerRow } from '../db/partners';
import { sessionAndPartner, type PartnerAccess } from '../db/access';

/**
 * The partner side's session guard: the session, the partner the path names, whether the account may act for it, and
 * its program, in one round trip (db/access.ts). The routes then check access with partnerFor, after their input is
 * validated, without reading any of it again.
 */
export const partnerSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get('accountId')) return next();
  const partnerId = c.req.param('partnerId') ?? '';
  const read = await sessionAndPartner(c.env.DB, await sessionHash(c), partnerId, Date.now());
  c.set('accountId', signedIn(read.accountId));
  c.set('partnerAccess', { partnerId, ...read });
  await next();
};

/**
 * The partner the route names, if the account may act for it (a member, or the program's staff who see it); to anyone
 * else it does not exist (404). Read by partnerSession, which guards every route that calls this.
 */
export async function partnerFor(c: Context<AppEnv>, partnerId: string): Promise<PartnerRow> {
  const read = c.get('partnerAccess');
  if (read?.partnerId !== partnerId || !read.partner || !(read.asMember || read.asStaff)) throw notFound('Partner');
  return read.partner;
}

/** The partner's program, as the session guard read it with the partner (only after partnerFor let the account in). */
export async function partnerProgram(c: Context<AppEnv>, partner: PartnerRow): Promise<ProgramRow> {
  const read = c.get('partnerAccess');
  if (read?.partnerId !== partner.id || !read.program) throw notFound('Partner');
  return read.program;
}

/**
 * The signed-in person's membership of the partner (its role decides who moves money), as the session guard read it
 * with the partner; null for program staff, who see the partner but are not its people.
 */
export function membershipFor(c: Context<AppEnv>, partner: PartnerRow): PartnerAccess['membership'] {
  const read = c.get('partnerAccess');
  return read?.partnerId === partner.id ? read.membership : null;
}

/** The partner, its program, the signed-in person's membership, and whether that person may move the partner's money. */
export async function partnerMoney(c: Context<AppEnv>, partnerId: string) {
  const partner = await partnerFor(c, partnerId);
  const program = await partnerProgram(c, partner);
  const membership = membershipFor(c, partner);
  return { partner, program, membership, mayMoveMoney: mayMoveMoney(membership) };
}
