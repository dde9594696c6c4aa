// Personal data on request: export everything we hold on a customer or a partner member, or erase it (ids and money stay).
import type { ProgramRow } from '../env';
import type { Problem } from '../domain/withdrawals';
import { erasedAccountEmail, memberErasureProblem } from '../domain/erasure';
import { throttleKeys } from '../domain/throttle';
import { balanceOf, entriesOf } from '../db/ledger';
import { customerHoldings, customerProfile, eraseCustomer } from '../db/customer-data';
import { accountUse, eraseMember, memberAccount, memberHoldings } from '../db/member-data';

/** The customer's profile, attribution, balance, every ledger entry, subscriptions and payments; null if unknown. */
export async function exportCustomer(db: D1Database, program: ProgramRow, externalId: string) {
  const profile = await customerProfile(db, program.id, externalId);
  if (!profile) return null;
  const holder = { customerId: profile.id };
  const [holdings, balance, ledger] = await Promise.all([customerHoldings(db, profile.id), balanceOf(db, holder, program.currency), entriesOf(db, holder, -1)]);
  return { profile, holdings, balance, ledger };
}

export type CustomerExport = NonNullable<Awaited<ReturnType<typeof exportCustomer>>>;

/** Erases the customer's personal data; false when there is no such customer in the program. Erasing twice is fine. */
export async function eraseCustomerData(db: D1Database, programId: string, externalId: string, now: number): Promise<boolean> {
  const profile = await customerProfile(db, programId, externalId);
  if (!profile) return false;
  await eraseCustomer(db, profile.id, now);
  return true;
}

/** What we hold on one member of the partner: the account, the membership and what they did for it; null if unknown. */
export async function exportMember(db: D1Database, partnerId: string, memberId: string) {
  const member = await memberAccount(db, partnerId, memberId);
  if (!member) return null;
  return { member, holdings: await memberHoldings(db, member) };
}

export type MemberExport = NonNullable<Awaited<ReturnType<typeof exportMember>>>;

/**
 * Erases a member's personal data, on the partner's request through the program manager. Null when erased (or
 * erased before), 'unknown' for no such member of the partner, or why it may not be done.
 */
export async function eraseMemberData(db: D1Database, partnerId: string, memberId: string, now: number): Promise<Problem | 'unknown' | null> {
  const member = await memberAccount(db, partnerId, memberId);
  if (!member) return 'unknown';
  if (member.erasedAt !== null) return null;
  const problem = memberErasureProblem(await accountUse(db, member.accountId, partnerId));
  if (problem) return problem;
  await eraseMember(db, member, { erasedEmail: erasedAccountEmail(member.accountId), throttleKey: throttleKeys(member.email, undefined)[0].key, now });
  return null;
}
