// Program keys looked up once per isolate, so a call with a key costs no D1 read for the key itself. What a key
// stands for (its program's row and the key's kind) is kept for a minute; an unknown key for 10 s, so random keys
// cannot flood D1. A change to the program made through this isolate's console (settings, keys, anything not a read)
// forgets that program's keys at once; other isolates see it within the TTL. So a revoked key keeps working in
// another isolate for at most a minute (docs/SECURITY.md).
import type { ProgramRow } from '../env';
import { ExpiringMap } from './expiring-map';

const TTL_MS = 60_000;
const MISS_TTL_MS = 10_000;
const MAX_ENTRIES = 1_000;

export type KeyHolder = { program: ProgramRow; kind: 'publishable' | 'secret' } | null;

export class KeyCache {
  private entries = new ExpiringMap<KeyHolder>(MAX_ENTRIES);

  async get(keyHash: string, load: (keyHash: string) => Promise<KeyHolder>, now = Date.now()): Promise<KeyHolder> {
    const cached = this.entries.get(keyHash, now);
    if (cached !== undefined) return cached;
    const holder = await load(keyHash);
    this.entries.set(keyHash, holder, holder ? TTL_MS : MISS_TTL_MS, now);
    return holder;
  }

  /** Forgets every key of the program (and every unknown key, which may be one just created). */
  forgetProgram(programId: string): void {
    this.entries.forget((_, holder) => holder === null || holder.program.id === programId);
  }
}

export const keyCache = new KeyCache();
