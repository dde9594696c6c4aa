import { describe, expect, it } from 'vitest';
import { actionsFor, nextStatus, partnerDisplayId, type PartnerStatus, type StatusAction } from '../../worker/domain/partners';
import { referralChanges } from '../../worker/domain/referrals';

describe('partner status changes', () => {
  const table: [PartnerStatus, StatusAction, string | undefined, ReturnType<typeof nextStatus>][] = [
    ['affiliate', 'approve', undefined, { ok: true, to: 'partner' }],
    ['affiliate', 'reject', 'Not a fit', { ok: true, to: 'rejected' }],
    ['affiliate', 'reject', '  ', { ok: false, problem: 'reason_required' }],
    ['affiliate', 'suspend', 'x', { ok: false, problem: 'not_allowed' }],
    ['partner', 'suspend', 'Spam', { ok: true, to: 'suspended' }],
    ['partner', 'suspend', undefined, { ok: false, problem: 'reason_required' }],
    ['partner', 'approve', undefined, { ok: false, problem: 'not_allowed' }],
    ['suspended', 'reinstate', undefined, { ok: true, to: 'partner' }],
    ['rejected', 'reinstate', undefined, { ok: true, to: 'affiliate' }],
    ['rejected', 'approve', undefined, { ok: false, problem: 'not_allowed' }],
  ];
  for (const [from, action, reason, expected] of table) {
    it(`${action} from ${from}${reason === undefined ? '' : ` with reason "${reason}"`}`, () => {
      expect(nextStatus(from, action, reason)).toEqual(expected);
    });
  }

  it('offers exactly the actions that are allowed', () => {
    expect(actionsFor('affiliate')).toEqual(['approve', 'reject']);
    expect(actionsFor('partner')).toEqual(['suspend']);
    expect(actionsFor('suspended')).toEqual(['reinstate']);
    expect(actionsFor('rejected')).toEqual(['reinstate']);
  });

  it('keeps A for a rejected applicant and P for a suspended partner, same number', () => {
    expect([partnerDisplayId('affiliate', 123456), partnerDisplayId('rejected', 123456), partnerDisplayId('partner', 123456), partnerDisplayId('suspended', 123456)])
      .toEqual(['A123456', 'A123456', 'P123456', 'P123456']);
  });
});

describe('referral audit entries', () => {
  const before = { stage: 'new', notes: null, valueMinor: 1000, ownerId: null, contractDate: null } as const;
  it('records one entry per changed field and none for unchanged ones', () => {
    expect(referralChanges(before, { stage: 'won', notes: 'Signed', valueMinor: 1000 })).toEqual([
      { field: 'stage', oldValue: 'new', newValue: 'won' },
      { field: 'notes', oldValue: null, newValue: 'Signed' },
    ]);
    expect(referralChanges(before, { stage: 'new', notes: null })).toEqual([]);
    expect(referralChanges(before, { valueMinor: null })).toEqual([{ field: 'value', oldValue: '1000', newValue: null }]);
  });
});
