// A signup the widget or the site's server reports: attributed once, for good, to the invitation its click or promo
// code names, or, naming neither, to the partner whose confirmed lead locks the customer's company; it credits the
// customer and earns the partner's signup commission, held or awaiting confirmation when the domain's trust rules say
// so, or held when the customer's company is locked to another partner.
import { nanoid } from 'nanoid';
import type { SignupInput } from '../../shared/schemas/customers';
import type { Env, ProgramRow } from '../env';
import { attribute, isSelfReferral, SELF_REFERRAL } from '../domain/attribution';
import { codeKey } from '../domain/codes';
import { awaitingConfirmation, heldReasonFor, signupEntries, signupStatusFor } from '../domain/signups';
import { customerKeys } from '../domain/leads';
import { canRefer } from '../domain/partners';
import type { RewardRule } from '../domain/commissions';
import { lockedLeadRead, noLockedLead, type LockedLead } from '../db/leads';
import { isAttributed, recordSignup, recordSignupIf, signupStandingRead, type CustomerRow, type NewSignup, type SignupStanding } from '../db/customers';
import { invitationFactRead, invitationUnchanged, type InvitationFactRow } from '../db/invitations';
import { rulesRead, rulesUnchanged } from '../db/rewards';
import { nothing, readTogether } from '../db/reads';
import { notSignedInFrom, partnerSignedInFrom } from '../db/self-referral';
import { signupFacts, type InvitationKey } from '../edge/signup-facts';
import { findClick, recordMissingClick, type NamedClick } from './clicks';
import { confirmSignup } from './signup-confirmation';

export interface SignupReporter {
  keyKind: 'publishable' | 'secret';
  /** The reporting browser's visitor hash, when the widget itself reports (publishable key) and its address is known. */
  browserHash: () => Promise<string | null>;
}

export type SignupResult =
  /** The signup as it stands (this report's, or the one recorded before), with what its answer shows. */
  | ({ kind: 'recorded'; created: boolean } & SignupStanding)
  /** Not attributable: the attribution rules' code and message (an unknown or expired click, an unknown code, a self-referral). */
  | { kind: 'refused'; code: string; message: string };

/**
 * Records the signup once per customer id; a repeat (or a racing report) answers the signup that stands. On facts the
 * isolate keeps (edge/signup-facts.ts) it is one write batch that checks them (onKeptFacts). Otherwise everything it
 * reads goes to D1 in one batch (the customer, the invitation, the reward rules, a lead's lock), which the isolate then
 * keeps, then the write batch; a click id adds the click's own lookup first. A new signup answers from what it wrote
 * (db/customers.ts).
 */
export async function recordCustomerSignup(env: Env, program: ProgramRow, input: SignupInput, by: SignupReporter, now = Date.now()): Promise<SignupResult> {
  const db = env.DB;
  const named = input.clickId ? await findClick(env, program.id, input.clickId) : null;
  const click = named?.click ?? null;
  const lookups: Lookups = { click: click ? { id: click.invitationId } : null, promo: input.promoCode ? { codeKey: codeKey(input.promoCode) } : null };
  const kept = await onKeptFacts(env, program, input, by, named, lookups, now);
  if (kept) return kept;
  const [standing, clickInvitation, promoInvitation, { rules, print: rulesPrint }, lock] = await readTogether<
    [SignupStanding | null, InvitationFactRow | null, InvitationFactRow | null, { rules: RewardRule[]; print: string }, LockedLead | null]
  >(db, [
    signupStandingRead(db, program.id, input.customerId),
    lookups.click ? invitationFactRead(db, program.id, lookups.click) : nothing(db, null),
    lookups.promo ? invitationFactRead(db, program.id, lookups.promo) : nothing(db, null),
    rulesRead(db, program.id),
    lockedLeadRead(db, program.id, customerKeys(input.email), now),
  ]);
  const found = [{ by: lookups.click, fact: clickInvitation }, { by: lookups.promo, fact: promoInvitation }].filter((f): f is { by: InvitationKey; fact: InvitationFactRow | null } => f.by !== null);
  signupFacts.keep(program.id, found, { rules, print: rulesPrint }, now);
  const existing = standing?.customer ?? null;
  // A customer is attributed once, for good. One the referral panel created before signing up is not attributed yet.
  // The merchant's server reporting a signup the browser reported first confirms it.
  if (standing && isAttributed(standing.customer)) {
    const c = standing.customer;
    if (by.keyKind === 'secret') c.signupStatus = await confirmSignup(db, { ...c, programId: program.id }, 'server', now);
    return { kind: 'recorded', ...standing, created: false };
  }

  // No invitation named: a customer of a company locked to a partner by a confirmed lead is that partner's.
  if (input.clickId === undefined && input.promoCode === undefined) {
    if (!lock || !canRefer(lock.partnerStatus)) {
      return { kind: 'refused', code: 'invalid_request', message: "Either a click id or a promo code is required (a signup with neither is credited only when the customer's company is locked to a partner by a confirmed lead)." };
    }
    // The partner's own people signing up are no customers of its lead, as they are none of its invitations.
    if (isSelfReferral({ email: input.email, externalId: input.customerId }, { advocateEmails: lock.advocateEmails, advocateExternalId: null })) {
      return { kind: 'refused', code: 'self_referral', message: SELF_REFERRAL };
    }
    return record(env, program, input, existing, {
      invitation: null, lead: lock, partnerId: lock.partnerId, referrerCustomerId: null, clickId: null, method: 'lead', conflict: null, rules, now,
      sameVisitorAsAdvocate: await fromAdvocatesBrowser(db, lock.partnerId, by, null, now), keyKind: by.keyKind,
    });
  }
  const decision = attributed(program, input, click, clickInvitation, promoInvitation, now);
  if (!decision.ok) return { kind: 'refused', code: decision.code, message: decision.message };

  const invitation = decision.invitation === clickInvitation ? clickInvitation! : promoInvitation!;
  // A genuine click whose row was lost (or is still in the queue) is recorded now, once, so the signup can point at it.
  if (decision.method === 'click' && named) await recordMissingClick(db, program.id, named);
  return record(env, program, input, existing, {
    invitation, lead: null, partnerId: invitation.partnerId, referrerCustomerId: invitation.customerId, clickId: decision.clickId, method: decision.method,
    // A company locked to another partner: the signup is held with the lead it conflicts with (docs/LEADS.md).
    conflict: lock && lock.partnerId !== invitation.partnerId ? lock.referralId : null,
    rules, now,
    sameVisitorAsAdvocate: invitation.partnerId !== null && (await fromAdvocatesBrowser(db, invitation.partnerId, by, decision.clickId, now)),
    keyKind: by.keyKind,
  });
}

/** The attribution rules' decision on the invitations the signup names, as read or as kept. */
const attributed = (program: ProgramRow, input: SignupInput, click: NamedClick['click'], clickInvitation: InvitationFactRow | null, promoInvitation: InvitationFactRow | null, now: number) =>
  attribute({
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

/** Who the signup is credited to, as attribution decided: an invitation, or a partner's locked lead. */
interface Credited {
  invitation: { id: string; code: string; partnerName: string | null } | null;
  lead: LockedLead | null;
  partnerId: string | null;
  referrerCustomerId: string | null;
  clickId: string | null;
  method: 'click' | 'promo_code' | 'lead';
  /** The locked lead of another partner this signup's company belongs to: held as lead_conflict. */
  conflict: string | null;
  rules: RewardRule[];
  now: number;
  sameVisitorAsAdvocate: boolean;
  keyKind: SignupReporter['keyKind'];
}

/** The invitations a signup names: the click's (by its id) and the promo code's (by its key). */
interface Lookups {
  click: InvitationKey | null;
  promo: InvitationKey | null;
}

/**
 * A signup through an invitation decided on kept facts: the invitations and the rules as the isolate keeps them, no
 * lead locking the customer's company, and no member of the partner signed in from where the signup came. Its one
 * write batch checks all of that in its own transaction. Null, for the reads to decide, when a fact is not kept, when
 * the kept facts do not attribute the signup (the reads then say why, on fresh facts), when a check failed (nothing
 * was written, and the program's kept facts are forgotten), or when the customer exists unattributed.
 */
async function onKeptFacts(env: Env, program: ProgramRow, input: SignupInput, by: SignupReporter, named: NamedClick | null, lookups: Lookups, now: number): Promise<SignupResult | null> {
  const rules = signupFacts.programRules(program.id, now);
  const clickInvitation = lookups.click ? signupFacts.invitation(program.id, lookups.click, now) : null;
  const promoInvitation = lookups.promo ? signupFacts.invitation(program.id, lookups.promo, now) : null;
  if (!rules || (!lookups.click && !lookups.promo) || (lookups.click && !clickInvitation) || (lookups.promo && !promoInvitation)) return null;
  const decision = attributed(program, input, named?.click ?? null, clickInvitation, promoInvitation, now);
  if (!decision.ok) return null;
  const invitation = decision.invitation === clickInvitation ? clickInvitation! : promoInvitation!;
  if (decision.method === 'click' && named) await recordMissingClick(env.DB, program.id, named);
  const browserHash = by.keyKind === 'publishable' ? await by.browserHash() : null;
  const credited: Credited = {
    invitation, lead: null, partnerId: invitation.partnerId, referrerCustomerId: invitation.customerId, clickId: decision.clickId, method: decision.method,
    conflict: null, rules: rules.rules, now, sameVisitorAsAdvocate: false, keyKind: by.keyKind,
  };
  const written = await recordSignupIf(env.DB, signupOf(program, input, credited, `cus_${nanoid()}`, false), [
    rulesUnchanged(program.id, rules.print),
    ...[clickInvitation, promoInvitation].filter((i): i is InvitationFactRow => i !== null).map((i) => invitationUnchanged(program.id, i.id, i.print)),
    noLockedLead(program.id, customerKeys(input.email), now),
    ...(invitation.partnerId !== null ? [notSignedInFrom(invitation.partnerId, browserHash ? [browserHash] : [], decision.clickId, now)] : []),
  ]);
  if (!written) {
    signupFacts.forgetProgram(program.id);
    return null;
  }
  if (written.created) return { kind: 'recorded', ...written };
  // The customer signed up before: as the reads would, answer that signup (the server's report confirms it).
  if (!isAttributed(written.customer)) return null;
  const c = written.customer;
  if (by.keyKind === 'secret') c.signupStatus = await confirmSignup(env.DB, { ...c, programId: program.id }, 'server', now);
  return { kind: 'recorded', ...written, created: false };
}

/** The signup to write as the trust rules say: confirmed, awaiting the server's confirmation, or held. */
function signupOf(program: ProgramRow, input: SignupInput, f: Credited, customerId: string, adopt: boolean): NewSignup {
  const trust = { keyKind: f.keyKind, browserSignups: program.browserSignups, sameVisitorAsAdvocate: f.sameVisitorAsAdvocate, lockedToAnotherPartner: f.conflict !== null };
  const status = signupStatusFor(trust);
  const entries = signupEntries({
    customerId,
    source: f.invitation ? { invitationCode: f.invitation.code } : { leadCompany: f.lead!.company },
    partnerId: f.partnerId,
    currency: program.currency,
    signupCreditMinor: program.signupCreditMinor,
    referrerCustomerId: f.referrerCustomerId,
    referrerCreditMinor: program.referrerCreditMinor,
    rules: f.rules,
    now: f.now,
  });
  return {
    customerId,
    programId: program.id,
    externalId: input.customerId,
    email: input.email,
    invitationId: f.invitation?.id ?? null,
    invitationCode: f.invitation?.code ?? null,
    leadId: f.lead?.referralId ?? null,
    partnerId: f.partnerId,
    referredByCustomerId: f.referrerCustomerId,
    clickId: f.clickId,
    method: f.method,
    status,
    heldReason: heldReasonFor(trust),
    conflictingReferralId: f.conflict,
    entries: status === 'confirmed' ? entries : awaitingConfirmation(entries),
    now: f.now,
    adopt,
    // The invitation's partner as just read, or kept and checked in the batch; a lead's is read back.
    partnerName: f.invitation ? f.invitation.partnerName : undefined,
  };
}

/** Writes the signup (one batch) on the facts just read. */
async function record(env: Env, program: ProgramRow, input: SignupInput, existing: CustomerRow | null, f: Credited): Promise<SignupResult> {
  let written = await recordSignup(env.DB, signupOf(program, input, f, existing?.id ?? `cus_${nanoid()}`, existing !== null));
  // The referral panel may have created the row between the lookup above and the insert: attribute that row.
  if (!written.created && !isAttributed(written.customer)) written = await recordSignup(env.DB, signupOf(program, input, f, written.customer.id, true));
  return { kind: 'recorded', ...written };
}

/**
 * Whether the signup comes from a browser a member of the partner signed in from: the browser reporting it (the
 * widget's own request), or the one that made its click. Such a signup is held for the manager, not silently paid.
 */
async function fromAdvocatesBrowser(db: D1Database, partnerId: string, by: SignupReporter, clickId: string | null, now: number): Promise<boolean> {
  const browserHash = by.keyKind === 'publishable' ? await by.browserHash() : null;
  return partnerSignedInFrom(db, partnerId, browserHash ? [browserHash] : [], clickId, now);
}
