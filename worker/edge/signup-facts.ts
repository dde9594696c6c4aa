// What a signup reads that seldom changes, kept in the isolate: an invitation's facts (its advocate, whether it is
// active) by its code or id, and a program's active reward rules, each with its print (the same facts as one JSON
// text, from D1). A signup decided on kept facts writes in one batch that checks, in its own transaction, that they
// still print the same (flows/signups.ts); so a kept fact never decides money, it only saves the read. Kept a minute,
// so facts that changed elsewhere are read again soon even when no signup found them changed.
import type { InvitationFactRow } from '../db/invitations';
import type { RewardRule } from '../domain/commissions';

const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;

export interface KeptRules {
  rules: RewardRule[];
  print: string;
}

interface Entry<T> {
  value: T;
  expires: number;
}

class Kept<T> {
  private entries = new Map<string, Entry<T>>();

  get(key: string, now: number): T | null {
    const e = this.entries.get(key);
    return e && e.expires > now ? e.value : null;
  }

  set(key: string, value: T, now: number): void {
    this.entries.delete(key);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, expires: now + TTL_MS });
  }

  forget(matches: (key: string) => boolean): void {
    for (const key of this.entries.keys()) if (matches(key)) this.entries.delete(key);
  }
}

export type InvitationKey = { codeKey: string } | { id: string };

const invitationKey = (programId: string, by: InvitationKey) => ('codeKey' in by ? `${programId} code ${by.codeKey}` : `${programId} id ${by.id}`);

export class SignupFacts {
  private invitations = new Kept<InvitationFactRow>();
  private rules = new Kept<KeptRules>();

  invitation(programId: string, by: InvitationKey, now = Date.now()): InvitationFactRow | null {
    return this.invitations.get(invitationKey(programId, by), now);
  }

  programRules(programId: string, now = Date.now()): KeptRules | null {
    return this.rules.get(programId, now);
  }

  /** Keeps what a signup read: each invitation it found, under what it was looked up by, and the program's rules. */
  keep(programId: string, found: { by: InvitationKey; fact: InvitationFactRow | null }[], rules: KeptRules, now = Date.now()): void {
    for (const { by, fact } of found) if (fact) this.invitations.set(invitationKey(programId, by), fact, now);
    this.rules.set(programId, rules, now);
  }

  /** Forgets all the program keeps: one of its kept facts was found changed. */
  forgetProgram(programId: string): void {
    this.invitations.forget((key) => key.startsWith(`${programId} `));
    this.rules.forget((key) => key === programId);
  }
}

export const signupFacts = new SignupFacts();
