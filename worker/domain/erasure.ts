// Erasure: what removing a person's personal data leaves behind, and when a program manager may not do it.
import type { Problem } from './withdrawals';

/**
 * What an erased account's email becomes. The column is NOT NULL and unique, so each account gets its own marker;
 * it holds no "@", so no sign-in, invite or self-referral check (all of which take an email address) can match it.
 */
export const erasedAccountEmail = (accountId: string) => `erased:${accountId}`;

export interface AccountUse {
  otherMemberships: number; // memberships of partners other than the one asking
  staffRoles: number; // program staff roles, in any program
}

/**
 * A program manager erases a member on the partner's request. One account can also belong to other partners or
 * to program staff (of this program or another); erasing it would lock that person out there too, so those
 * roles must end first.
 */
export function memberErasureProblem(use: AccountUse): Problem | null {
  if (use.otherMemberships > 0 || use.staffRoles > 0) {
    return {
      status: 409,
      code: 'account_shared',
      message: "This person's account is also used by another partner or as program staff; it can only be erased once it is used by this partner alone.",
      details: use,
    };
  }
  return null;
}
