// What a signup reads that seldom changes, kept in the isolate: an invitation's facts (its advocate, whether it is
// active) by its code or id, and a program's active reward rules, each with its print (the same facts as one JSON
// text, from D1). A signup decided on kept facts writes in one batch that checks, in its own transaction, that they
// still print the same (flows/signups.ts); so a kept fact never decides money, it only saves the read. Kept a minute,
// so facts that changed elsewhere are read again soon even when no signup found them changed.
import type { InvitationFactRow } from '../db/invitations';
import type { RewardRule } from '../domain/commissions';
import { ExpiringMap } from './expiring-map';

const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;

export interface KeptRules {
  rules: RewardRule[];
  print: string;
}

export type InvitationKey = { codeKey: string } | { id: string };

const invitationKey = (programId: string, by: InvitationKey) => ('codeKey' in by ? `${programId} code ${by.codeKey}` : `${programId} id ${by.id}`);

export class SignupFacts {
  private invitations = new ExpiringMap<InvitationFactRow>(MAX_ENTRIES);
  private rules = new ExpiringMap<KeptRules>(MAX_ENTRIES);

  invitation(programId: string, by: InvitationKey, now = Date.now()): InvitationFactRow | null {
    return this.invitations.get(invitationKey(programId, by), now) ?? null;
  }

  programRules(programId: string, now = Date.now()): KeptRules | null {
    return this.rules.get(programId, now) ?? null;
  }

  /** Keeps what a signup read: each invitation it found, under what it was looked up by, and the program's rules. */
  keep(programId: string, found: { by: InvitationKey; fact: InvitationFactRow | null }[], rules: KeptRules, now = Date.now()): void {
    for (const { by, fact } of found) if (fact) this.invitations.set(invitationKey(programId, by), fact, TTL_MS, now);
    this.rules.set(programId, rules, TTL_MS, now);
  }

  /** Forgets all the program keeps: one of its kept facts was found changed. */
  forgetProgram(programId: string): void {
    this.invitations.forget((key) => key.startsWith(`${programId} `));
    this.rules.forget((key) => key === programId);
  }
}

export const signupFacts = new SignupFacts();
