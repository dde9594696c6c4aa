// Whether a partner must accept the program's current written terms, what waits until it does, and which version
// may be accepted. Nothing earned waits: invitations keep redirecting and attributing, commissions keep being earned.
import { PAUSABLE_ACTION_LABELS, type PausableAction } from '../../shared/terms-pauses';
import type { Problem } from './withdrawals';

export interface TermsStanding {
  /** The latest version the partner accepted; null for a partner that joined before any terms existed. */
  acceptedVersion: number | null;
  /** The program's current version; null while it has published none. */
  currentVersion: number | null;
  /** The program's setting: what waits for the acceptance. */
  paused: readonly PausableAction[];
}

/** The program has terms, and the partner has not accepted that version. */
export const mustAccept = (s: TermsStanding): boolean => s.currentVersion !== null && (s.acceptedVersion ?? 0) < s.currentVersion;

/**
 * What the partner may not do now: the program's setting, while a newer version than the one it accepted waits. A
 * partner that joined before any terms existed accepted none and is asked too, but not paused: it joined under no
 * written terms, so their first publication takes nothing from it.
 */
export function pausedActions(s: TermsStanding): PausableAction[] {
  return mustAccept(s) && s.acceptedVersion !== null ? [...s.paused] : [];
}

/** Why `action` cannot be done now (409 terms_not_accepted), or null when it can. */
export function termsProblem(action: PausableAction, s: TermsStanding): Problem | null {
  if (!pausedActions(s).includes(action)) return null;
  return {
    status: 409,
    code: 'terms_not_accepted',
    message: `${PAUSABLE_ACTION_LABELS[action]} waits until an owner of the partner accepts version ${s.currentVersion} of the program's terms (see Program terms).`,
    details: { action, currentVersion: s.currentVersion, acceptedVersion: s.acceptedVersion },
  };
}

/** Why `version` cannot be accepted (only the current one can), or null when it can. */
export function acceptanceProblem(version: number, currentVersion: number | null): Problem | null {
  if (currentVersion === null) return { status: 409, code: 'no_terms', message: 'The program has published no terms to accept.' };
  if (version !== currentVersion) {
    return { status: 409, code: 'terms_not_current', message: `Version ${version} is not the current version of the terms (${currentVersion}); read the current one before accepting.`, details: { currentVersion } };
  }
  return null;
}
