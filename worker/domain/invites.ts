// Where an invite to join a partner stands: accepted, withdrawn by its owner, past its seven days, or still open.
export type InviteStatus = 'accepted' | 'revoked' | 'expired' | 'pending';

/** The invite's standing at `now`; accepted and withdrawn outrank expiry, which is only time passing. */
export function inviteStatus(i: { acceptedAt: number | null; revokedAt: number | null; expiresAt: number }, now: number): InviteStatus {
  return i.acceptedAt ? 'accepted' : i.revokedAt ? 'revoked' : i.expiresAt <= now ? 'expired' : 'pending';
}

/** How long an invite link (to a partner or to a program's staff) stays open. */
export const INVITE_TTL_MS = 7 * 86_400_000;
