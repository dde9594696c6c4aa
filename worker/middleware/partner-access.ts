// Who may see a partner: its members and its program's staff. To anyone else the partner does not exist (404).
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv, ProgramRow } from '../env';
import { notFound } from './errors';
import { sessionHash, signedIn } from './auth';
import { mayMoveMoney } from '../domain/partners';
import { getPartner, mayActForPartner, membershipOf, type PartnerRow } from '../db/partners';
import { getProgram } from '../db/programs';
import { sessionAndPartner } from '../db/access';

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

export async function partnerFor(c: Context<AppEnv>, partnerId: string): Promise<PartnerRow> {
  const read = c.get('partnerAccess');
  const [partner, may] =
    read?.partnerId === partnerId
      ? [read.partner, read]
      : await Promise.all([getPartner(c.env.DB, partnerId), mayActForPartner(c.env.DB, c.get('accountId'), partnerId)]);
  if (!partner || !(may.asMember || may.asStaff)) throw notFound('Partner');
  return partner;
}

/** The partner's program: as the session guard read it, or read now. */
export async function partnerProgram(c: Context<AppEnv>, partner: PartnerRow): Promise<ProgramRow> {
  const read = c.get('partnerAccess');
  return (read?.partnerId === partner.id && read.program ? read.program : await getProgram(c.env.DB, partner.programId))!;
}

/** The partner, its program, the signed-in person's membership, and whether that person may move the partner's money. */
export async function partnerMoney(c: Context<AppEnv>, partnerId: string) {
  const partner = await partnerFor(c, partnerId);
  const [program, membership] = await Promise.all([partnerProgram(c, partner), membershipOf(c.env.DB, c.get('accountId'), partner.id)]);
  return { partner, program: program!, membership, mayMoveMoney: mayMoveMoney(membership) };
}
