// Who may see a partner: its members and its program's staff. To anyone else the partner does not exist (404).
import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { notFound } from './errors';
import { mayMoveMoney } from '../domain/partners';
import { getPartner, mayActForPartner, membershipOf } from '../db/partners';
import { getProgram } from '../db/programs';

export async function partnerFor(c: Context<AppEnv>, partnerId: string) {
  const [partner, may] = await Promise.all([getPartner(c.env.DB, partnerId), mayActForPartner(c.env.DB, c.get('accountId'), partnerId)]);
  if (!partner || !(may.asMember || may.asStaff)) throw notFound('Partner');
  return partner;
}

/** The partner, its program, the signed-in person's membership, and whether that person may move the partner's money. */
export async function partnerMoney(c: Context<AppEnv>, partnerId: string) {
  const partner = await partnerFor(c, partnerId);
  const [program, membership] = await Promise.all([getProgram(c.env.DB, partner.programId), membershipOf(c.env.DB, c.get('accountId'), partner.id)]);
  return { partner, program: program!, membership, mayMoveMoney: mayMoveMoney(membership) };
}
