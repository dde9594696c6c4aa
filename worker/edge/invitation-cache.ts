// Invitation lookups cached in the isolate, so a click costs no D1 read. A change made through this
// isolate invalidates at once; other isolates see it within the TTL, and the click writer re-checks
// that the invitation is active, so a stale entry can never record a click for a deactivated link.
import type { RedirectTarget } from '../db/invitations';
import { ExpiringMap } from './expiring-map';

const TTL_MS = 60_000;
const MISS_TTL_MS = 10_000; // unknown codes are cached briefly, so random codes cannot flood D1
const MAX_ENTRIES = 10_000;

export class InvitationCache {
  private entries = new ExpiringMap<RedirectTarget | null>(MAX_ENTRIES);

  async get(codeKey: string, load: (codeKey: string) => Promise<RedirectTarget | null>, now = Date.now()): Promise<RedirectTarget | null> {
    const cached = this.entries.get(codeKey, now);
    if (cached !== undefined) return cached;
    const target = await load(codeKey);
    this.entries.set(codeKey, target, target ? TTL_MS : MISS_TTL_MS, now);
    return target;
  }

  invalidate(codeKey: string): void {
    this.entries.delete(codeKey);
  }
}

export const invitationCache = new InvitationCache();
