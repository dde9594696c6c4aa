// Attribution: which invitation a signup belongs to, and whether it may be credited at all.
import { sameMailbox } from './emails';

export interface ClickFact {
  id: string;
  invitationId: string;
  createdAt: number;
}

/** What a click id says once its MAC is checked (worker/security/click-ids.ts). */
export type ClickIdReading =
  | { kind: 'signed'; invitationId: string | null; at: number } // invitationId: null when it names no invitation of this program
  | { kind: 'forged' }
  | { kind: 'unsigned' }; // an id from before signing

/**
 * The click a signup or greeting names. Its row, when written, is the record (so ids from before signing, and ids
 * signed under a secret since rotated, keep working). Without a row, a genuinely signed id stands for its click: only
 * the server could have made it, so the click happened at that time on that invitation, even if its row was lost on
 * the way to D1. A forged or altered id, or an unsigned one without a row, names no click.
 */
export function namedClick(id: string, row: ClickFact | null, reading: ClickIdReading): ClickFact | null {
  if (row) return row;
  if (reading.kind === 'signed' && reading.invitationId !== null) return { id, invitationId: reading.invitationId, createdAt: reading.at };
  return null;
}

export interface InvitationFact {
  id: string;
  code: string;
  active: boolean;
  /** Emails of the advocate behind the invitation: the partner's contact and members, or the customer. */
  advocateEmails: string[];
  /** When the advocate is a customer, the merchant's id for them. */
  advocateExternalId: string | null;
  advocateCanRefer: boolean;
}

export interface SignupFacts {
  externalId: string;
  email: string;
  now: number;
  attributionWindowDays: number;
  /** The click named by the signup's click id, if it exists in this program. */
  click: ClickFact | null;
  /** The invitation of that click. */
  clickInvitation: InvitationFact | null;
  /** The invitation whose promo code was typed, if any. */
  promoInvitation: InvitationFact | null;
  clickIdGiven: boolean;
  promoCodeGiven: boolean;
}

export type AttributionDecision =
  | { ok: true; invitation: InvitationFact; method: 'click' | 'promo_code'; clickId: string | null }
  | { ok: false; code: 'invalid_request' | 'unknown_click' | 'click_expired' | 'unknown_promo_code' | 'self_referral' | 'advocate_inactive'; message: string };

const DAY_MS = 86_400_000;

/**
 * First the click id (a link or a scan, the first touch the site saw), then a typed promo code.
 * A click outside the attribution window does not count; a typed code may still attribute.
 */
export function attribute(f: SignupFacts): AttributionDecision {
  let failure: AttributionDecision | null = null;
  if (f.clickIdGiven) {
    if (!f.click || !f.clickInvitation) {
      failure = { ok: false, code: 'unknown_click', message: 'The click id is not known to this program.' };
    } else if (f.now - f.click.createdAt > f.attributionWindowDays * DAY_MS) {
      failure = { ok: false, code: 'click_expired', message: `The click is older than the ${f.attributionWindowDays}-day attribution window.` };
    } else {
      return guard(f, { ok: true, invitation: f.clickInvitation, method: 'click', clickId: f.click.id });
    }
  }
  if (f.promoCodeGiven) {
    if (!f.promoInvitation || !f.promoInvitation.active) {
      return failure ?? { ok: false, code: 'unknown_promo_code', message: 'The promo code is not valid.' };
    }
    return guard(f, { ok: true, invitation: f.promoInvitation, method: 'promo_code', clickId: null });
  }
  return failure ?? { ok: false, code: 'invalid_request', message: 'Either a click id or a promo code is required.' };
}

function guard(f: SignupFacts, d: AttributionDecision & { ok: true }): AttributionDecision {
  if (isSelfReferral(f, d.invitation)) {
    return { ok: false, code: 'self_referral', message: SELF_REFERRAL };
  }
  if (!d.invitation.advocateCanRefer) {
    return { ok: false, code: 'advocate_inactive', message: 'The advocate behind this invitation may not refer at the moment.' };
  }
  return d;
}

export const SELF_REFERRAL = 'An advocate cannot refer themselves.';

/** The same mailbox once normalised (see emails.ts), or the very customer behind a customer's invitation. */
export function isSelfReferral(f: Pick<SignupFacts, 'email' | 'externalId'>, inv: Pick<InvitationFact, 'advocateEmails' | 'advocateExternalId'>): boolean {
  if (inv.advocateEmails.some((e) => sameMailbox(e, f.email))) return true;
  return inv.advocateExternalId !== null && inv.advocateExternalId === f.externalId;
}
