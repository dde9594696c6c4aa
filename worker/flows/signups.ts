// A signup the widget or the site's server reports: attributed once, for good, to the invitation its click or promo
// code names; it credits the customer and earns the partner's signup commission, held or awaiting confirmation when
// the domain's trust rules say so, or held when the customer's company is locked to another partner.
import { nanoid } from 'nanoid';
import type { SignupInput } from '../../shared/schemas/customers';
import type { Env, ProgramRow } from '../env';
import { attribute } from '../domain/attribution';
import { codeKey } from '../domain/codes';
import { awaitingConfirmation, heldReasonFor, signupEntries, signupStatusFor } from '../domain/signups';
import { customerKeys } from '../domain/leads';
import { lockedLeadFor } from '../db/leads';
import { customerByExternalId, recordSignup, type CustomerRow } from '../db/customers';
import { invitationFact } from '../db/invitations';
import { activeRules } from '../db/rewards';
import { clickVisitorHash, partnerSignedInFrom } from '../db/self-referral';
import { findClick, recordMissingClick } from './clicks';
import { confirmSignup } from './signup-confirmation';

export interface SignupReporter {
  keyKind: 'publishable' | 'secret';
  /** The reporting browser's visitor hash, when the widget itself reports (publishable key) and its address is known. */
  browserHash: () => Promise<string | null>;
}

export type SignupResult =
  | { kind: 'recorded'; customer: CustomerRow; created: boolean }
  /** Not attributable: the attribution rules' code and message (an unknown or expired click, an unknown code, a self-referral). */
  | { kind: 'refused'; code: string; message: string };

/** Records the signup once per customer id; a repeat (or a racing report) answers the signup that stands. */
export async function recordCustomerSignup(env: Env, program: ProgramRow, input: SignupInput, by: SignupReporter): Promise<SignupResult> {
  const db = env.DB;
  const existing = await customerByExternalId(db, program.id, input.customerId);
  // A customer is attributed once, for good. One the referral panel created before signing up is not attributed yet.
  // The merchant's server reporting a signup the browser reported first confirms it.
  if (existing && existing.invitationId !== null) {
    if (by.keyKind === 'secret') existing.signupStatus = await confirmSignup(db, { ...existing, programId: program.id }, 'server');
    return { kind: 'recorded', customer: existing, created: false };
  }

  const named = input.clickId ? await findClick(env, program.id, input.clickId) : null;
  const click = named?.click ?? null;
  const now = Date.now();
  const [clickInvitation, promoInvitation, rules, lock] = await Promise.all([
    click ? invitationFact(db, program.id, { id: click.invitationId }) : null,
    input.promoCode ? invitationFact(db, program.id, { codeKey: codeKey(input.promoCode) }) : null,
    activeRules(db, program.id),
    lockedLeadFor(db, program.id, customerKeys(input.email), now),
  ]);
  const decision = attribute({
    externalId: input.customerId,
    email: input.email,
    now,
    attributionWindowDays: program.attributionWindowDays,
    click,
    clickInvitation,
    promoInvitation,
    clickIdGiven: input.clickId !== undefined,
    promoCodeGiven: input.promoCode !== undefined,
  });
  if (!decision.ok) return { kind: 'refused', code: decision.code, message: decision.message };

  const invitation = decision.invitation === clickInvitation ? clickInvitation! : promoInvitation!;
  // A genuine click whose row was lost (or is still in the queue) is recorded now, once, so the signup can point at it.
  if (decision.method === 'click' && named) await recordMissingClick(db, program.id, named);
  // A company locked to another partner: the signup is held with the lead it conflicts with (docs/LEADS.md).
  const conflict = lock && lock.partnerId !== invitation.partnerId ? lock.referralId : null;
  const trust = {
    keyKind: by.keyKind,
    browserSignups: program.browserSignups,
    sameVisitorAsAdvocate: invitation.partnerId !== null && (await fromAdvocatesBrowser(db, invitation.partnerId, by, decision.clickId, now)),
    lockedToAnotherPartner: conflict !== null,
  };
  const status = signupStatusFor(trust);
  const drafts = (customerId: string) => {
    const entries = signupEntries({
      customerId,
      invitationCode: invitation.code,
      partnerId: invitation.partnerId,
      currency: program.currency,
      signupCreditMinor: program.signupCreditMinor,
      referrerCustomerId: invitation.customerId,
      referrerCreditMinor: program.referrerCreditMinor,
      rules,
      now,
    });
    return status === 'confirmed' ? entries : awaitingConfirmation(entries);
  };
  const signup = (customerId: string, adopt: boolean) =>
    recordSignup(db, {
      customerId,
      programId: program.id,
      externalId: input.customerId,
      email: input.email,
      invitationId: invitation.id,
      invitationCode: invitation.code,
      partnerId: invitation.partnerId,
      referredByCustomerId: invitation.customerId,
      clickId: decision.clickId,
      method: decision.method,
      status,
      heldReason: heldReasonFor(trust),
      conflictingReferralId: conflict,
      entries: drafts(customerId),
      now,
      adopt,
    });
  let { customer, created } = await signup(existing?.id ?? `cus_${nanoid()}`, existing !== null);
  // The referral panel may have created the row between the lookup above and the insert: attribute that row.
  if (!created && customer.invitationId === null) ({ customer, created } = await signup(customer.id, true));
  return { kind: 'recorded', customer, created };
}

/**
 * Whether the signup comes from a browser a member of the partner signed in from: the browser reporting it (the
 * widget's own request), or the one that made its click. Such a signup is held for the manager, not silently paid.
 */
async function fromAdvocatesBrowser(db: D1Database, partnerId: string, by: SignupReporter, clickId: string | null, now: number): Promise<boolean> {
  const hashes = [by.keyKind === 'publishable' ? await by.browserHash() : null, clickId ? await clickVisitorHash(db, clickId) : null].filter((h): h is string => h !== null);
  return partnerSignedInFrom(db, partnerId, hashes, now);
}
