// Who may see a partner: its members and its program's staff. To anyone else the partner does not exist (404).
import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { notFound } from './errors';
import { getPartner, mayActForPartner } from '../db/partners';

export async function partnerFor(c: Context<AppEnv>, partnerId: string) {
  const [partner, may] = await Promise.all([getPartner(c.env.DB, partnerId), mayActForPartner(c.env.DB, c.get('accountId'), partnerId)]);
  if (!partner || !(may.asMember || may.asStaff)) throw notFound('Partner');
  return partner;
}
