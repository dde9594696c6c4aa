import { describe, expect, it } from 'vitest';
import { acceptanceProblem, mustAccept, pausedActions, termsProblem, type TermsStanding } from '../../worker/domain/terms-acceptance';

const setting = ['invitations', 'withdrawals'] as const;
const standing = (acceptedVersion: number | null, currentVersion: number | null): TermsStanding => ({ acceptedVersion, currentVersion, paused: setting });

describe('who must accept the terms, and what waits meanwhile', () => {
  const table: [string, number | null, number | null, boolean, string[]][] = [
    ['no terms published', null, null, false, []],
    ['accepted the current version', 2, 2, false, []],
    ['accepted an older version', 1, 2, true, ['invitations', 'withdrawals']],
    ['joined before any terms existed: asked, never paused', null, 1, true, []],
  ];
  for (const [name, accepted, current, must, paused] of table) {
    it(name, () => {
      expect(mustAccept(standing(accepted, current))).toBe(must);
      expect(pausedActions(standing(accepted, current))).toEqual(paused);
    });
  }

  it("pauses only what the program's setting names", () => {
    expect(termsProblem('referrals', standing(1, 2))).toBeNull();
    expect(termsProblem('withdrawals', standing(1, 2))).toEqual({
      status: 409,
      code: 'terms_not_accepted',
      message: "Requesting withdrawals waits until an owner of the partner accepts version 2 of the program's terms (see Program terms).",
      details: { action: 'withdrawals', currentVersion: 2, acceptedVersion: 1 },
    });
    expect(termsProblem('withdrawals', { ...standing(1, 2), paused: [] })).toBeNull();
  });
});

describe('which version may be accepted', () => {
  it('only the current one', () => {
    expect(acceptanceProblem(2, 2)).toBeNull();
    expect(acceptanceProblem(1, 2)).toMatchObject({ status: 409, code: 'terms_not_current', details: { currentVersion: 2 } });
    expect(acceptanceProblem(3, 2)).toMatchObject({ status: 409, code: 'terms_not_current' });
    expect(acceptanceProblem(1, null)).toMatchObject({ status: 409, code: 'no_terms' });
  });
});
