// The first click of each recent visitor per invitation, so a repeat within the hour keeps the same click id.
import { isRepeat } from '../domain/clicks';

const MAX_ENTRIES = 50_000;

export class RecentVisitors {
  private first = new Map<string, { clickId: string; at: number }>();

  /** The first click's id when this is a repeat; otherwise remembers this click as the first. */
  firstClick(invitationId: string, visitorHash: string, clickId: string, now: number): string | null {
    const key = `${invitationId}|${visitorHash}`;
    const seen = this.first.get(key);
    if (seen && isRepeat(seen.at, now)) return seen.clickId;
    if (this.first.size >= MAX_ENTRIES) this.first.delete(this.first.keys().next().value!);
    this.first.delete(key); // re-inserted last, so eviction takes the oldest first
    this.first.set(key, { clickId, at: now });
    return null;
  }
}

export const recentVisitors = new RecentVisitors();
