// What an isolate keeps for a while: the edge's caches (program keys, redirect targets, a signup's kept facts) are
// each one of these, with their own lifetimes and size cap. Entries expire on their own time; a full map drops the
// entry set longest ago first.

export class ExpiringMap<T> {
  private entries = new Map<string, { value: T; expires: number }>();

  constructor(private readonly maxEntries: number) {}

  /** What is kept under `key`, or undefined when nothing is or it has expired. */
  get(key: string, now: number): T | undefined {
    const e = this.entries.get(key);
    return e && e.expires > now ? e.value : undefined;
  }

  /** Keeps `value` under `key` for `ttlMs`, as the newest entry. */
  set(key: string, value: T, ttlMs: number, now: number): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, expires: now + ttlMs });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Forgets every entry that `matches`, expired or not. */
  forget(matches: (key: string, value: T) => boolean): void {
    for (const [key, e] of this.entries) if (matches(key, e.value)) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
