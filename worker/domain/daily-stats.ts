// The daily stats rules: what each recorded row adds to its invitation's counts for the day (invitation_daily_stats).
// D1 applies them with triggers, in the same transaction as the rows they count, so stats never scan raw rows. Every
// trigger is in migrations/0020_stats_rules.sql, named daily_stats_… and naming the rule here that it mirrors;
// test/worker/daily-stats.test.ts holds each trigger to its rule case by case. Changing a rule takes a migration that
// recreates its trigger.
import { countsAsVisit } from './clicks';
import type { EntryType } from './ledger';

/** One invitation's counts for one UTC day. */
export interface DayCounts {
  clicks: number; // visits through the link
  scans: number; // visits through the QR code
  repeats: number; // the same visitor again within the repeat window
  bots: number; // bots, link previews, HEAD requests
  signups: number; // signups attributed to the invitation, on the day they were attributed
  clickSignups: number; // converted visits, on the day of the visit: conversion is clickSignups / (clicks + scans)
  creditsMinor: number; // signup credit given to the customers who joined through it
  commissionMinor: number; // what advocates earned through it (see entryStats)
  paying: number; // customers who joined through it, on the day of their first payment (see firstPaymentStats)
}

/** What one event adds to one invitation's counts on one day (a negative count moves a click out of bots). */
export interface StatsDelta {
  invitationId: string;
  day: string; // YYYY-MM-DD, UTC
  add: Partial<DayCounts>;
}

/** The UTC day a time falls on, as the rollups key it. */
export const statsDay = (at: number): string => new Date(at).toISOString().slice(0, 10);

export interface ClickFacts {
  invitationId: string;
  source: 'link' | 'qr';
  isBot: boolean;
  isRepeat: boolean;
  createdAt: number;
}

const visit = (source: ClickFacts['source']): Partial<DayCounts> => (source === 'link' ? { clicks: 1 } : { scans: 1 });

/**
 * Rule "a click": on the click's day, a visit (`countsAsVisit`) counts as a click when it came through the link and as
 * a scan when it came through the QR code. A repeat or a bot is counted apart, never as a visit.
 */
export function clickStats(c: ClickFacts): StatsDelta[] {
  const add = countsAsVisit(c) ? visit(c.source) : c.isBot ? { bots: 1 } : { repeats: 1 };
  return [{ invitationId: c.invitationId, day: statsDay(c.createdAt), add }];
}

/**
 * Rule "a click that converts was a visit": a click flagged as a bot (a privacy browser, an odd user agent) that a
 * signup names was made by a person after all. It moves from bots to a visit on its own day. Bots are never marked
 * as repeats, so it counts as a click or a scan.
 */
export function convertedBotStats(c: ClickFacts): StatsDelta[] {
  if (!c.isBot) return [];
  return [{ invitationId: c.invitationId, day: statsDay(c.createdAt), add: { bots: -1, ...visit(c.source) } }];
}

export interface SignupFacts {
  invitationId: string;
  /** When the customer's row was written with its invitation, or when the referral panel's unattributed row was attributed. */
  attributedAt: number;
  method: 'click' | 'promo_code';
  /** The click the signup names, as its row stood before the signup (null: none named, or no row for it). */
  click: (ClickFacts & { convertedBefore: boolean }) | null; // convertedBefore: another signup by click named it already
}

/**
 * Rule "a signup": a signup attributed to an invitation counts on the day it was attributed. A signup attributed by
 * click also converts the click it names (`convertedBotStats` first, if the click was flagged a bot): that click counts
 * as converted on its own day, and only once however many signups name it. So over any range of days the converted
 * visits are among the visits, and conversion does not pass 100%. (A repeat named by a signup converts too, though it
 * is not a visit: the redirect hands a repeat its first click's id, so this happens only when another isolate, which
 * had not seen the first click, handed out the repeat's own id.) A promo code typed without a visit is a signup, not a
 * converted visit.
 */
export function signupStats(s: SignupFacts): StatsDelta[] {
  const deltas: StatsDelta[] = [{ invitationId: s.invitationId, day: statsDay(s.attributedAt), add: { signups: 1 } }];
  if (s.method !== 'click' || !s.click) return deltas;
  deltas.push(...convertedBotStats(s.click));
  if (!s.click.convertedBefore) deltas.push({ invitationId: s.click.invitationId, day: statsDay(s.click.createdAt), add: { clickSignups: 1 } });
  return deltas;
}

export interface EntryFacts {
  type: EntryType;
  amountMinor: number;
  partnerId: string | null; // the holder, when a partner
  eventType: string;
  eventId: string; // for a signup, the customer who signed up
  subjectCustomerId: string | null; // the customer whose signup or payment earned it
  createdAt: number;
}

export interface CustomerFacts {
  invitationId: string | null;
  partnerId: string | null;
}

/**
 * Rule "money": what a ledger entry adds, on the day it was posted, to the invitation that brought the customer it was
 * earned on.
 * - A signup's entries count toward the invitation the customer joined through: the signup credit as credits; every
 *   commission (the partner's, and a recruiter's second-tier share) and a referring customer's referrer credit as
 *   commission, that is, what advocates earned through the invitation.
 * - A payment's commission counts toward the invitation that brought the paying customer, and only what that
 *   invitation's own partner earned: a recruiter's second-tier share of it is left out.
 * Only what an event earns counts: moves of it later (release, clawback, reversal) and spending leave the stats alone.
 * The second tier counts on a signup but not on a payment as it has since migrations 0002 and 0006.
 */
export function entryStats(e: EntryFacts, customer: (id: string) => CustomerFacts | null): StatsDelta[] {
  const day = statsDay(e.createdAt);
  if (e.eventType === 'signup') {
    const invitationId = customer(e.eventId)?.invitationId;
    if (!invitationId) return [];
    if (e.type === 'signup_credit') return [{ invitationId, day, add: { creditsMinor: e.amountMinor } }];
    if (e.type === 'commission' || e.type === 'referrer_credit') return [{ invitationId, day, add: { commissionMinor: e.amountMinor } }];
    return [];
  }
  if (e.eventType === 'payment' && e.type === 'commission' && e.subjectCustomerId) {
    const c = customer(e.subjectCustomerId);
    if (c?.invitationId && c.partnerId !== null && c.partnerId === e.partnerId) return [{ invitationId: c.invitationId, day, add: { commissionMinor: e.amountMinor } }];
  }
  return [];
}

export interface PaymentFacts {
  invitationId: string | null; // the invitation the paying customer joined through, as the customer stands when paying
  paidAt: number;
  firstPaidBefore: number | null; // when the customer's earliest payment recorded before this one was paid (null: none)
}

/**
 * Rule "a first payment": the invitation a customer joined through counts them paying on the day of their first
 * payment. A payment recorded later but paid earlier than the first one known moves that day back to its own. Later
 * payments, and a customer's move to another partner afterwards, leave the invitation's count alone.
 */
export function firstPaymentStats(p: PaymentFacts): StatsDelta[] {
  if (!p.invitationId || (p.firstPaidBefore !== null && p.firstPaidBefore <= p.paidAt)) return [];
  const deltas: StatsDelta[] = [{ invitationId: p.invitationId, day: statsDay(p.paidAt), add: { paying: 1 } }];
  if (p.firstPaidBefore !== null) deltas.push({ invitationId: p.invitationId, day: statsDay(p.firstPaidBefore), add: { paying: -1 } });
  return deltas;
}
