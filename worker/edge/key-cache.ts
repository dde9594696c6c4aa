// Program keys looked up once per isolate, so a call with a key costs no D1 read for the key itself. What a key
// stands for (its program's row and the key's kind) is kept for a minute; an unknown key for 10 s, so random keys
// cannot flood D1. A change to the program made through this isolate's console (settings, keys, anything not a read)
// forgets that program's keys at once; other isolates see it within the TTL. So a revoked key keeps working in
// another isolate for at most a minute (docs/SECURITY.md).
import type { ProgramRow } from '../env';

const TTL_MS = 60_000;
const MISS_TTL_MS = 10_000;
const MAX_ENTRIES = 1_000;

export type KeyHolder = { program: ProgramRow; kind: 'publishable' | 'secret' } | null;

interface Entry {
  holder: KeyHolder;
  expires: number;
}

export class KeyCache {
  private entries = new Map<string, Entry>();

  async get(keyHash: string, load: (keyHash: string) => Promise<KeyHolder>, now = Date.now()): Promise<KeyHolder> {
    const cached = this.entries.get(keyHash);
    if (cached && cached.expires > now) return cached.holder;
    const holder = await load(keyHash);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(keyHash, { holder, expires: now + (holder ? TTL_MS : MISS_TTL_MS) });
    return holder;
  }

  /** Forgets every key of the program (and every unknown key, which may be one just created). */
  forgetProgram(programId: string): void {
    for (const [hash, e] of this.entries) if (e.holder === null || e.holder.program.id === programId) this.entries.delete(hash);
  }
}

export const keyCache = new KeyCache();
