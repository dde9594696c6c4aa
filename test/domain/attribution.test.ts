import { describe, expect, it } from 'vitest';
import { attribute, namedClick, type ClickFact, type ClickIdReading, type InvitationFact, type SignupFacts } from '../../worker/domain/attribution';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 23);
const partnerInv: InvitationFact = { id: 'inv_p', code: 'ACME', active: true, advocateEmails: ['owner@acme.test', 'sales@acme.test'], advocateExternalId: null, advocateCanRefer: true };
const customerInv: InvitationFact = { id: 'inv_c', code: 'FRIEND', active: true, advocateEmails: ['alice@example.com'], advocateExternalId: 'alice-1', advocateCanRefer: true };
const base: SignupFacts = {
  externalId: 'bob-1', email: 'bob@example.com', now: NOW, attributionWindowDays: 30,
  click: null, clickInvitation: null, promoInvitation: null, clickIdGiven: false, promoCodeGiven: false,
};
const click = (ageDays: number) => ({ click: { id: 'clk', invitationId: 'inv_p', createdAt: NOW - ageDays * DAY }, clickInvitation: partnerInv, clickIdGiven: true });

const rules: [string, Partial<SignupFacts>, string][] = [
  ['a click within the window attributes by click', click(29), 'click:ACME'],
  ['a click exactly at the window edge still attributes', click(30), 'click:ACME'],
  ['a click older than the window does not attribute', click(31), 'click_expired'],
  ['an expired click falls back to a typed promo code', { ...click(31), promoInvitation: customerInv, promoCodeGiven: true }, 'promo_code:FRIEND'],
  ['a click wins over a typed promo code (first touch)', { ...click(1), promoInvitation: customerInv, promoCodeGiven: true }, 'click:ACME'],
  ['a promo code alone attributes by promo code', { promoInvitation: partnerInv, promoCodeGiven: true }, 'promo_code:ACME'],
  ['an unknown click id is refused', { clickIdGiven: true }, 'unknown_click'],
  ['an unknown promo code is refused', { promoCodeGiven: true }, 'unknown_promo_code'],
  ['a deactivated promo code is refused', { promoInvitation: { ...partnerInv, active: false }, promoCodeGiven: true }, 'unknown_promo_code'],
  ["a partner member's own email is a self-referral", { email: 'Sales@Acme.test', ...click(1) }, 'self_referral'],
  ['a customer using their own invitation is a self-referral (same customer)', { externalId: 'alice-1', email: 'other@example.com', promoInvitation: customerInv, promoCodeGiven: true }, 'self_referral'],
  ['a customer using their own invitation is a self-referral (same email)', { externalId: 'new-id', email: 'alice@example.com', promoInvitation: customerInv, promoCodeGiven: true }, 'self_referral'],
  ['neither a click id nor a promo code is an invalid request', {}, 'invalid_request'],
  ["a partner's own email with plus-addressing is a self-referral", { email: 'Owner+1@ACME.test', ...click(1) }, 'self_referral'],
  ["a customer's own Gmail address with dots and a tag is a self-referral", { externalId: 'new-id', email: 'Al.ice+x@googlemail.com', promoInvitation: { ...customerInv, advocateEmails: ['alice@gmail.com'] }, promoCodeGiven: true }, 'self_referral'],
  ['dots matter outside Gmail: a.lice@example.com is someone else', { externalId: 'new-id', email: 'a.lice@example.com', promoInvitation: customerInv, promoCodeGiven: true }, 'promo_code:FRIEND'],
  ['a suspended or unapproved partner cannot earn', { promoInvitation: { ...partnerInv, advocateCanRefer: false }, promoCodeGiven: true }, 'advocate_inactive'],
];

describe('attribution rules', () => {
  for (const [rule, facts, expected] of rules) {
    it(rule, () => {
      const d = attribute({ ...base, ...facts });
      expect(d.ok ? `${d.method}:${d.invitation.code}` : d.code).toBe(expected);
    });
  }
});

describe('the click a click id names', () => {
  const row: ClickFact = { id: 'clk', invitationId: 'inv_p', createdAt: NOW - DAY };
  const signed = (invitationId: string | null): ClickIdReading => ({ kind: 'signed', invitationId, at: NOW - 2 * DAY });
  const cases: [string, ClickFact | null, ClickIdReading, ClickFact | null][] = [
    ['its row, when the click was written', row, signed('inv_p'), row],
    ['its row, for an id from before signing', row, { kind: 'unsigned' }, row],
    ['its row, for an id signed under a secret since rotated', row, { kind: 'forged' }, row],
    ['what a genuine id says, when its row was lost', null, signed('inv_p'), { id: 'clk', invitationId: 'inv_p', createdAt: NOW - 2 * DAY }],
    ['nothing, for a genuine id naming no invitation of this program', null, signed(null), null],
    ['nothing, for a forged or altered id without a row', null, { kind: 'forged' }, null],
    ['nothing, for an unsigned id without a row', null, { kind: 'unsigned' }, null],
  ];
  for (const [what, r, reading, expected] of cases) {
    it(`is ${what}`, () => expect(namedClick('clk', r, reading)).toEqual(expected));
  }
});
