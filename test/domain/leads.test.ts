// Lead registration as DOMAIN.md states it: what is a duplicate and what is not, the SLA in hours across weekends and
// DST, locks that run out and are renewed, which earlier lead stands in a later one's way, and who may set which stage.
import { describe, expect, it } from 'vitest';
import {
  blocks, describeMatch, domainOf, dueAt, dueSoonAt, isLocked, labelOf, leadKeys, lockUntil, matchForPartner, normalizeCompany, slaState,
  customerKeys, stageProblem, strongestMatches, type LeadIdentity,
} from '../../worker/domain/leads';
import { heldReasonFor, signupStatusFor } from '../../worker/domain/signups';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const lead = (customerName: string, domain: string | null = null, contactEmails: string[] = []): LeadIdentity => ({ customerName, domain, contactEmails });
const shared = (a: LeadIdentity, b: LeadIdentity) => leadKeys(a).filter((k) => leadKeys(b).includes(k));

describe('normalised names and domains', () => {
  it.each([
    ['Globex AB', 'globex'],
    ['globex ab', 'globex'],
    ['The Globex Corp.', 'globex'],
    ['GLOBEX, Inc', 'globex'],
    ['Måns & Söner Handels-AB', 'mans and soner handels'],
    ['Bäckström Oy', 'backstrom'],
    ['AB', 'ab'], // a name that is only a legal form keeps it rather than matching every other
  ])('%s reads as %s', (name, normalised) => expect(normalizeCompany(name)).toBe(normalised));

  it.each([
    ['https://www.Globex.se/about?x=1', 'globex.se'],
    ['globex.se', 'globex.se'],
    ['nina@globex.se', 'globex.se'],
    ['WWW.GLOBEX.CO.UK.', 'globex.co.uk'],
    ['http://shop.globex.com:8080', 'shop.globex.com'],
    ['not a domain', null],
    ['localhost', null],
  ])('the domain of %s is %s', (input, domain) => expect(domainOf(input)).toBe(domain));

  it.each([
    ['globex.se', 'globex'],
    ['mail.globex.com', 'globex'],
    ['globex.co.uk', 'globex'],
    ['globex.com.au', 'globex'],
  ])('%s is the company %s', (domain, label) => expect(labelOf(domain)).toBe(label));
});

describe('duplicates', () => {
  it.each<[string, LeadIdentity, LeadIdentity, string[]]>([
    ['the same name but for case', lead('Globex AB'), lead('globex ab'), ['name:globex', 'label:globex']],
    ['another legal form', lead('Globex AB'), lead('Globex Corporation'), ['name:globex', 'label:globex']],
    ['a name against a domain', lead('Globex AB'), lead('Initech', 'globex.se'), ['label:globex']],
    ['two domains of one name', lead('A', 'globex.se'), lead('B', 'https://globex.com'), ['label:globex']],
    ['a contact at the same company domain', lead('A', 'globex.se'), lead('B', null, ['Nina@Globex.se']), ['domain:globex.se', 'label:globex']],
    ['one contact, plus-addressed', lead('A', null, ['nina+crm@initech.com']), lead('B', null, ['NINA@initech.com']), ['domain:initech.com', 'label:initech', 'email:nina@initech.com']],
  ])('%s is a duplicate', (_, a, b, keys) => expect(shared(a, b).sort()).toEqual(keys.sort()));

  it.each<[string, LeadIdentity, LeadIdentity]>([
    ['two companies that share a word', lead('Globex'), lead('Globex Logistics')],
    ['two contacts at one free mail provider', lead('Initech', null, ['bill@gmail.com']), lead('Umbrella', null, ['alice@gmail.com'])],
    ['unrelated names', lead('Acme AB'), lead('Initrode AB')],
    ['a domain whose company name differs', lead('Initech', 'initech.se'), lead('Intertech', 'intertech.se')],
  ])('%s is not a duplicate', (_, a, b) => expect(shared(a, b)).toEqual([]));

  it('the same person at Gmail, written two ways, is one contact', () => {
    expect(shared(lead('A', null, ['nina.north@gmail.com']), lead('B', null, ['ninanorth+x@googlemail.com']))).toEqual(['email:ninanorth@gmail.com']);
  });

  it.each([
    ['name:globex', 'Globex AB', 'globex ab', { on: 'company', exact: true }],
    ['name:globex', 'Globex AB', 'Globex Corp.', { on: 'company', exact: false }],
    ['label:globex', 'Globex AB', 'Initech', { on: 'company', exact: false }],
    ['domain:globex.se', 'A', 'B', { on: 'domain', exact: true }],
    ['email:nina@globex.se', 'A', 'B', { on: 'contact', exact: true }],
  ])('the key %s between %s and %s says %j', (key, ours, theirs, said) => expect(describeMatch(key, { ours, theirs })).toEqual(said));

  it('keeps the most telling match per lead, and never tells a partner which lead of another partner it matched', () => {
    const matches = strongestMatches([
      { against: 'other_lead', on: 'company', exact: false, referralId: 'ref_1' },
      { against: 'other_lead', on: 'contact', exact: true, referralId: 'ref_1' },
      { against: 'own_lead', on: 'company', exact: true, referralId: 'ref_2' },
      { against: 'customer', on: 'domain', exact: true, referralId: null },
    ]);
    expect(matches).toEqual([
      { against: 'other_lead', on: 'contact', exact: true, referralId: 'ref_1' },
      { against: 'own_lead', on: 'company', exact: true, referralId: 'ref_2' },
      { against: 'customer', on: 'domain', exact: true, referralId: null },
    ]);
    expect(matches.map(matchForPartner).map((m) => m.referralId)).toEqual([null, 'ref_2', null]);
  });
});

describe('the SLA, in hours', () => {
  // Stockholm: CEST (UTC+2) until Sunday 25 October 2026 03:00, then CET (UTC+1).
  const stockholm = (at: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(at));

  it.each([
    ['Friday 16:00 is due Monday 16:00: the weekend counts', Date.UTC(2026, 9, 16, 14), 72, 'mån 16:00'],
    ['Thursday 09:30 is due Sunday 09:30', Date.UTC(2026, 9, 15, 7, 30), 72, 'sön 09:30'],
    ['Friday 12:00 before DST ends is due Monday 11:00 by the clock, 72 hours later', Date.UTC(2026, 9, 23, 10), 72, 'mån 11:00'],
    ['Friday 12:00 before DST starts is due Monday 13:00 by the clock', Date.UTC(2026, 2, 27, 11), 72, 'mån 13:00'],
    ['a 24-hour SLA from Saturday 20:00 is due Sunday 20:00', Date.UTC(2026, 10, 7, 19), 24, 'sön 20:00'],
  ])('%s', (_, registered, hours, due) => {
    expect(dueAt(registered, hours) - registered).toBe(hours * HOUR);
    expect(stockholm(dueAt(registered, hours))).toBe(due);
  });

  it('warns a day before the deadline, or a third of a shorter SLA before', () => {
    expect(dueSoonAt(dueAt(0, 72), 72)).toBe(48 * HOUR);
    expect(dueSoonAt(dueAt(0, 12), 12)).toBe(8 * HOUR);
  });

  it.each([
    ['pending, two days left', 'pending', null, 24 * HOUR, 'on_time'],
    ['pending, within the last day', 'pending', null, 50 * HOUR, 'due_soon'],
    ['pending, at the deadline', 'pending', null, 72 * HOUR, 'overdue'],
    ['confirmed in time', 'confirmed', 71 * HOUR, 100 * HOUR, 'met'],
    ['rejected at the deadline', 'rejected', 72 * HOUR, 100 * HOUR, 'met'],
    ['confirmed late', 'confirmed', 73 * HOUR, 100 * HOUR, 'missed'],
  ] as const)('%s: %s', (_, status, decidedAt, now, state) => {
    expect(slaState({ status, dueAt: 72 * HOUR, decidedAt }, 72, now)).toBe(state);
  });
});

describe('locks', () => {
  const confirmed = (lockedUntil: number) => ({ status: 'confirmed' as const, lockedUntil });

  it('a confirmation locks for the lock period; the lock runs out at its end', () => {
    const until = lockUntil(1000, 365);
    expect(until).toBe(1000 + 365 * DAY);
    expect(isLocked(confirmed(until), until - 1)).toBe(true);
    expect(isLocked(confirmed(until), until)).toBe(false);
  });

  it('a renewal gives a full period from now, and never shortens a lock', () => {
    expect(lockUntil(300 * DAY, 365, 365 * DAY)).toBe(665 * DAY);
    expect(lockUntil(10 * DAY, 30, 365 * DAY)).toBe(365 * DAY);
  });

  it('a lead found not genuine, or rejected, is not locked', () => {
    expect(isLocked({ status: 'not_genuine', lockedUntil: 10 * DAY }, 0)).toBe(false);
    expect(isLocked({ status: 'rejected', lockedUntil: null }, 0)).toBe(false);
  });

  it.each([
    ['a locked lead', { status: 'confirmed', lockedUntil: 100 * DAY, registeredAt: 50 }, true],
    ['a lead whose lock ran out', { status: 'confirmed', lockedUntil: DAY, registeredAt: 50 }, false],
    ['a pending lead registered first', { status: 'pending', lockedUntil: null, registeredAt: 50 }, true],
    ['a pending lead registered later', { status: 'pending', lockedUntil: null, registeredAt: 150 }, false],
    ['a rejected lead', { status: 'rejected', lockedUntil: null, registeredAt: 50 }, false],
    ['a lead found not genuine', { status: 'not_genuine', lockedUntil: 100 * DAY, registeredAt: 50 }, false],
  ] as const)('%s blocks a new registration: %s', (_, existing, blocked) => {
    expect(blocks({ ...existing, id: 'ref_a' }, { registeredAt: 100, id: 'ref_b' }, 10 * DAY)).toBe(blocked);
  });

  it('a lead never blocks itself', () => {
    expect(blocks({ status: 'pending', lockedUntil: null, registeredAt: 1, id: 'ref_a' }, { registeredAt: 1, id: 'ref_a' }, 0)).toBe(false);
  });
});

describe('stages', () => {
  const locked = { type: 'partner_to_program', stage: 'in_progress', status: 'confirmed', lockedUntil: 10 * DAY } as const;
  const pending = { ...locked, status: 'pending', lockedUntil: null } as const;

  it.each([
    ['partner', locked, 'lost', null],
    ['partner', locked, 'new', null],
    ['partner', locked, 'won', 'staff_only'],
    ['partner', locked, 'junk', 'staff_only'],
    ['partner', { ...locked, stage: 'junk' }, 'new', 'staff_only'],
    ['staff', locked, 'won', null],
    ['staff', locked, 'junk', null],
    ['staff', pending, 'won', 'lead_not_locked'],
    ['staff', { ...locked, lockedUntil: DAY }, 'won', 'lead_not_locked'],
    ['staff', { ...pending, type: 'program_to_partner', status: 'confirmed' }, 'won', null],
    ['staff', { ...locked, stage: 'won' }, 'lost', 'deal_won'],
    ['partner', locked, 'in_progress', null],
  ] as const)('%s moving %j to %s: %s', (actor, r, to, problem) => {
    expect(stageProblem(actor, r, to, 2 * DAY)?.code ?? null).toBe(problem);
  });
});

describe('the lock and signups', () => {
  it.each([
    ['Nina@Globex.se', ['email:nina@globex.se', 'domain:globex.se']],
    ['nina+x@gmail.com', ['email:nina@gmail.com']], // free mail names a person, never a company
  ])('a customer at %s meets locked leads on %j', (email, keys) => expect(customerKeys(email)).toEqual(keys));

  const trust = { keyKind: 'secret', browserSignups: 'await_confirmation', sameVisitorAsAdvocate: false } as const;
  it.each([
    ['no lock, no own browser', {}, 'confirmed', null],
    ["locked to another partner", { lockedToAnotherPartner: true }, 'held', 'lead_conflict'],
    ["the advocate's own browser, and locked elsewhere", { lockedToAnotherPartner: true, sameVisitorAsAdvocate: true }, 'held', 'same_visitor'],
  ] as const)('%s: %s, %s', (_, over, status, reason) => {
    expect(signupStatusFor({ ...trust, ...over })).toBe(status);
    expect(heldReasonFor({ ...trust, ...over })).toBe(reason);
  });
});
