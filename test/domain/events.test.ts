// Which ledger entries raise which commission events: only a partner's, and only the leg that says what happened.
import { describe, expect, it } from 'vitest';
import { EVENT_VERSIONS, ledgerEvents, partnerStatusChanged, signedUp, withdrawalMoved } from '../../worker/domain/events';
import type { LedgerDraft } from '../../worker/domain/ledger';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const draft = (d: Partial<LedgerDraft>): LedgerDraft => ({
  holder: { partnerId: 'prt_1' },
  type: 'commission',
  amount: eur(1000),
  status: 'pending',
  availableAt: null,
  reason: 'r',
  eventType: 'payment',
  eventId: 'pay_1',
  idempotencyKey: `k_${Math.random()}`,
  ...d,
});
const typesOf = (drafts: LedgerDraft[]) => ledgerEvents(drafts.map((d, i) => ({ id: `led_${i}`, draft: d }))).map((e) => e.type);

describe('ledger events', () => {
  it.each([
    ['a commission', [draft({})], ['commission.earned']],
    ['a customer credit', [draft({ holder: { customerId: 'cus_1' }, type: 'signup_credit' })], []],
    ['a referrer credit', [draft({ holder: { customerId: 'cus_1' }, type: 'referrer_credit' })], []],
    ['a release pair (pending −, available +)', [draft({ type: 'release', amount: eur(-1000) }), draft({ type: 'release', status: 'available' })], ['commission.available']],
    ['a customer-held release pair', [draft({ holder: { customerId: 'cus_1' }, type: 'release', status: 'available' })], []],
    ['a refund clawback (pending −, available −, reversed +)', [draft({ type: 'clawback', amount: eur(-600) }), draft({ type: 'clawback', status: 'available', amount: eur(-400) }), draft({ type: 'clawback', status: 'reversed' })], ['commission.clawed_back']],
    ['a retention reversal pair', [draft({ type: 'reversal', amount: eur(-1000) }), draft({ type: 'reversal', status: 'reversed' })], ['commission.reversed']],
    ['a withdrawal, a top-up, a client payment', [draft({ type: 'withdrawal', amount: eur(-1000), status: 'available' }), draft({ type: 'top_up', status: 'available' }), draft({ type: 'client_payment', status: 'available' })], []],
  ] as const)('%s → %j', (_, drafts, expected) => {
    expect(typesOf([...drafts])).toEqual(expected);
  });

  it('an event names its entry and is deduplicated by the entry’s idempotency key', () => {
    const [e] = ledgerEvents([{ id: 'led_9', draft: draft({ idempotencyKey: 'payment:pay_1:prt_1:0', subjectCustomerId: 'cus_7', availableAt: Date.UTC(2027, 0, 1) }) }]);
    expect(e).toEqual({
      type: 'commission.earned',
      dedupeKey: 'ledger:payment:pay_1:prt_1:0',
      entryId: 'led_9',
      data: { partnerId: 'prt_1', amount: eur(1000), commissionId: 'led_9', customerId: 'cus_7', status: 'pending', availableAt: '2027-01-01T00:00:00.000Z', reason: 'r', cause: { type: 'payment', id: 'pay_1' } },
    });
  });
});

describe('other events', () => {
  it('a signup carries its signup credit, and no email', () => {
    const e = signedUp({ customerId: 'cus_1', externalId: 'x1', invitationCode: 'DEMO', partnerId: 'prt_1', referredByCustomerId: null, leadId: null, method: 'click', status: 'held', entries: [draft({ holder: { customerId: 'cus_1' }, type: 'signup_credit', amount: eur(500) }), draft({})] });
    expect(e).toMatchObject({ type: 'customer.signed_up', dedupeKey: 'customer.signed_up:cus_1', data: { credit: eur(500), signupStatus: 'held', attribution: 'click' } });
    expect(signedUp({ customerId: 'cus_2', externalId: 'x2', invitationCode: 'DEMO', partnerId: null, referredByCustomerId: 'cus_1', leadId: null, method: 'promo_code', status: 'confirmed', entries: [] }).data.credit).toBeNull();
  });

  it('a customer credited through a lead names the lead and no invitation (version 2 of customer.signed_up)', () => {
    const e = signedUp({ customerId: 'cus_3', externalId: 'x3', invitationCode: null, partnerId: 'prt_1', referredByCustomerId: null, leadId: 'ref_1', method: 'lead', status: 'confirmed', entries: [] });
    expect(e.data).toMatchObject({ invitationCode: null, referralId: 'ref_1', attribution: 'lead', partnerId: 'prt_1' });
    expect(EVENT_VERSIONS['customer.signed_up']).toBe(2);
  });

  it.each([
    ['affiliate', 'partner', 'partner.approved'],
    ['suspended', 'partner', 'partner.approved'],
    ['affiliate', 'rejected', 'partner.rejected'],
    ['partner', 'suspended', 'partner.suspended'],
    ['partner', 'affiliate', 'partner.status_changed'],
  ] as const)('a partner moved from %s to %s: %s', (from, to, type) => {
    expect(partnerStatusChanged({ changeId: 'psc_1', partnerId: 'prt_1', from, to, reason: null })).toMatchObject({ type, dedupeKey: 'partner_status_change:psc_1' });
  });

  it('a withdrawal raises one event per status it reaches', () => {
    expect(withdrawalMoved({ id: 'wd_1', partnerId: 'prt_1', amount: eur(5000), status: 'paid', reason: null })).toMatchObject({ type: 'withdrawal.paid', dedupeKey: 'withdrawal:wd_1:paid' });
  });
});
