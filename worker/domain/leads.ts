// Lead registration (DOMAIN.md, "Referrals and leads"): the keys a lead is matched on for duplicates, what a match
// says, the confirmation deadline (SLA), the lock, and who may move a referral to which stage.
import { normalizeEmail } from './emails';
import type { ReferralType, Stage } from './referrals';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Words that name a company's legal form, not the company: "Globex AB", "Globex Inc." and "The Globex Corp" are one. */
const LEGAL_FORMS = new Set([
  'ab', 'abp', 'ag', 'aps', 'as', 'asa', 'bv', 'co', 'company', 'corp', 'corporation', 'gmbh', 'hb', 'inc', 'incorporated', 'kb', 'kg', 'limited',
  'llc', 'llp', 'ltd', 'nv', 'oy', 'oyj', 'plc', 'pty', 'sa', 'sarl', 'sas', 'se', 'spa', 'srl', 'the', 'ug',
]);

/** Mailbox providers anyone can use: sharing one says nothing about being the same company. */
const FREE_MAIL = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'hotmail.se', 'hotmail.de', 'live.com', 'live.se', 'msn.com', 'yahoo.com', 'yahoo.se',
  'yahoo.de', 'icloud.com', 'me.com', 'mac.com', 'aol.com', 'proton.me', 'protonmail.com', 'gmx.de', 'gmx.net', 'gmx.com', 'web.de', 't-online.de',
  'mail.com', 'yandex.com', 'yandex.ru', 'mail.ru', 'qq.com', 'zoho.com', 'telia.com', 'bredband.net', 'example.com',
]);

/** Second-level names under which companies register (globex.co.uk is Globex, not "co"). */
const SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'gov', 'ac', 'edu', 'ltd', 'plc', 'or', 'ne', 'go']);

/** The company's name as matched: lower case, no accents, no punctuation, no legal form. */
export function normalizeCompany(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
  const kept = words.filter((w) => !LEGAL_FORMS.has(w));
  return (kept.length > 0 ? kept : words).join(' ');
}

/** A domain from what a person types: "https://www.Globex.se/about", "globex.se" or "nina@globex.se" are globex.se. */
export function domainOf(input: string): string | null {
  let s = input.trim().toLowerCase();
  const at = s.lastIndexOf('@');
  if (at >= 0) s = s.slice(at + 1);
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/[/?#:].*$/, '').replace(/^www\./, '').replace(/\.$/, '');
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(s) ? s : null;
}

/** A domain's company name: globex.se, mail.globex.com and globex.co.uk are all "globex". */
export function labelOf(domain: string): string {
  const parts = domain.split('.');
  parts.pop();
  if (parts.length > 1 && SECOND_LEVEL.has(parts[parts.length - 1])) parts.pop();
  return parts[parts.length - 1] ?? '';
}

export const isFreeMail = (domain: string) => FREE_MAIL.has(domain);

export interface LeadIdentity {
  customerName: string;
  domain: string | null;
  contactEmails: readonly string[];
}

/**
 * The keys a lead is matched on: its normalised company name; the name run together, as a domain would spell it
 * ("label"); its company domain and the domains of its contacts' emails (except free mail), with their labels; and
 * each contact's mailbox. Two leads that share any key match.
 */
export function leadKeys(lead: LeadIdentity): string[] {
  const keys = new Set<string>();
  const name = normalizeCompany(lead.customerName);
  if (name) {
    keys.add(`name:${name}`);
    keys.add(`label:${name.replaceAll(' ', '')}`);
  }
  const domains = [lead.domain, ...lead.contactEmails].map((d) => (d ? domainOf(d) : null)).filter((d): d is string => d !== null && !isFreeMail(d));
  for (const d of domains) {
    keys.add(`domain:${d}`);
    const label = labelOf(d);
    if (label.length >= 2) keys.add(`label:${label}`);
  }
  for (const e of lead.contactEmails) if (e.includes('@')) keys.add(`email:${normalizeEmail(e)}`);
  return [...keys];
}

/** The keys a customer's email meets a locked lead on: its mailbox, and its company domain (not free mail). */
export function customerKeys(email: string): string[] {
  const domain = domainOf(email);
  return [`email:${normalizeEmail(email)}`, ...(domain && !isFreeMail(domain) ? [`domain:${domain}`] : [])];
}

export type MatchOn = 'company' | 'domain' | 'contact';

/** What a duplicate matched: a lead (the partner's own, or another partner's) or a customer; on what; exactly or nearly. */
export interface DuplicateMatch {
  against: 'own_lead' | 'other_lead' | 'customer';
  on: MatchOn;
  exact: boolean;
  /** The lead matched; staff see it, a partner only when it is its own. */
  referralId: string | null;
  /** The customer matched; staff only. */
  customerId?: string | null;
}

const ON: Record<string, MatchOn> = { name: 'company', label: 'company', domain: 'domain', email: 'contact' };

/**
 * What a shared key says. A name key is exact when both names read the same but for case and spacing ("Globex AB" and
 * "globex ab"), near when only the normalised names agree ("Globex AB" and "Globex Corp."). A label key is always near:
 * a company name against a domain ("Globex" and globex.se), or two domains of one name (globex.se and globex.com).
 */
export function describeMatch(key: string, names: { ours: string; theirs: string | null }): { on: MatchOn; exact: boolean } {
  const kind = key.slice(0, key.indexOf(':'));
  const on = ON[kind] ?? 'company';
  if (kind === 'label') return { on, exact: false };
  if (kind === 'name') {
    const plain = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
    return { on, exact: names.theirs !== null && plain(names.ours) === plain(names.theirs) };
  }
  return { on, exact: true };
}

/** One match per lead or customer matched: its most telling key (an exact match first, then contact, domain, company). */
export function strongestMatches(matches: DuplicateMatch[]): DuplicateMatch[] {
  const rank = (m: DuplicateMatch) => (m.exact ? 10 : 0) + { contact: 3, domain: 2, company: 1 }[m.on];
  const best = new Map<string, DuplicateMatch>();
  for (const m of matches) {
    const id = `${m.against}:${m.referralId ?? m.customerId ?? ''}`;
    const seen = best.get(id);
    if (!seen || rank(m) > rank(seen)) best.set(id, m);
  }
  return [...best.values()];
}

/** What a partner is told of a match: never which lead of another partner, nor whose. */
export function matchForPartner(m: DuplicateMatch): DuplicateMatch {
  return m.against === 'own_lead' ? m : { against: m.against, on: m.on, exact: m.exact, referralId: null };
}

// ---- The registration: deadline, lock, and state ----

export type RegistrationStatus = 'pending' | 'confirmed' | 'rejected' | 'not_genuine';

/** The SLA is in hours of elapsed time: weekends count, and a DST change moves the deadline's wall-clock hour. */
export const dueAt = (registeredAt: number, slaHours: number) => registeredAt + slaHours * HOUR_MS;

/** When the managers are warned that a lead is due: a day before, or a third of the SLA before when it is shorter. */
export const dueSoonAt = (due: number, slaHours: number) => due - Math.min(DAY_MS, Math.floor((slaHours * HOUR_MS) / 3));

export type SlaState = 'on_time' | 'due_soon' | 'overdue' | 'met' | 'missed';

/** Where a lead stands against its deadline: still open (on time, due soon, overdue), or decided in time or late. */
export function slaState(l: { status: RegistrationStatus; dueAt: number | null; decidedAt: number | null }, slaHours: number, now: number): SlaState | null {
  if (l.dueAt === null) return null;
  if (l.status !== 'pending') return l.decidedAt !== null && l.decidedAt > l.dueAt ? 'missed' : 'met';
  if (now >= l.dueAt) return 'overdue';
  return now >= dueSoonAt(l.dueAt, slaHours) ? 'due_soon' : 'on_time';
}

/** The lock a confirmation or renewal gives: the lock period from now, never shorter than the lock it renews. */
export const lockUntil = (now: number, lockDays: number, current: number | null = null) => Math.max(current ?? 0, now + lockDays * DAY_MS);

/** A lead is locked to its partner while confirmed and within its lock. */
export const isLocked = (l: { status: RegistrationStatus; lockedUntil: number | null }, now: number) => l.status === 'confirmed' && l.lockedUntil !== null && l.lockedUntil > now;

/**
 * Does an existing lead stand in the way of another with a shared key? A locked one does; so does one still awaiting
 * the program's answer that was registered first (the first to register is the first to be confirmed). Rejected
 * leads, leads found not genuine, and locks that ran out stand in nobody's way.
 */
export function blocks(existing: { status: RegistrationStatus; lockedUntil: number | null; registeredAt: number; id: string }, lead: { registeredAt: number; id: string }, now: number): boolean {
  if (existing.id === lead.id) return false;
  if (isLocked(existing, now)) return true;
  if (existing.status !== 'pending') return false;
  return existing.registeredAt < lead.registeredAt || (existing.registeredAt === lead.registeredAt && existing.id < lead.id);
}

// ---- Stages: who may move a referral where ----

export type Actor = 'partner' | 'staff';

/** The stages a partner's own people may set; Won they may only propose, and Junk is the program's word. */
export const PARTNER_STAGES: readonly Stage[] = ['new', 'in_progress', 'lost'];

/** Why this stage change is not allowed (a code and a sentence), or null when it is. */
export function stageProblem(
  actor: Actor,
  r: { type: ReferralType; stage: Stage; status: RegistrationStatus; lockedUntil: number | null },
  to: Stage,
  now: number,
): { code: string; message: string } | null {
  if (to === r.stage) return null;
  if (r.stage === 'won') return { code: 'deal_won', message: 'A won deal has been paid its commission; its stage no longer changes.' };
  if (actor === 'partner') {
    if (to === 'won') return { code: 'staff_only', message: 'Only the program confirms a deal as won: propose it instead.' };
    if (!PARTNER_STAGES.includes(to) || !PARTNER_STAGES.includes(r.stage)) return { code: 'staff_only', message: 'Only the program sets or lifts Junk.' };
  }
  if (to === 'won' && r.type === 'partner_to_program' && !isLocked(r, now)) {
    return { code: 'lead_not_locked', message: 'Only a confirmed lead that is locked to its partner can be won for a commission: confirm it first.' };
  }
  return null;
}
