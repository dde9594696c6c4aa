// A verbal (offline) referral: staff enter a referral heard in conversation on an advocate's behalf (docs/LEADS.md).
// It is the advocate's lead, matched for duplicates like any other, and confirmed at once when it matches nothing:
// the program itself heard it. An advocate not yet in the program gets a partner of their own and an emailed invite
// to claim it; what the referral earns waits for them there for the program's unclaimed period.
import { nanoid } from 'nanoid';
import type { ProgramRow } from '../env';
import { ApiError } from '../middleware/errors';
import { dueAt, leadKeys, lockUntil } from '../domain/leads';
import { leadDecided, leadRegistered } from '../domain/events';
import { randomPartnerNumber } from '../domain/partners';
import { normalizeEmail } from '../domain/emails';
import { insertReferralRecord } from '../db/leads';
import { lotsOfPartner, lotsUnmovedGuard, postEntries } from '../db/ledger';
import { statusChangeStatements } from '../db/partner-profile';
import { lapseMoves } from '../domain/ledger';
import { advocateInvitedStatement, invitedAdvocateStatements, partnerByAdvocateEmail, unclaimedAdvocates, type InvitedAdvocate } from '../db/advocates';
import { getProfile } from '../db/partner-profile';
import { sha256Hex } from '../security/hashing';
import { inviteToken } from '../security/email-links';
import { duplicatesOf, identityOf, type LeadInput } from './leads';

const DAY_MS = 86_400_000;

export type Advocate = { partnerId: string } | { email: string; name?: string | null };

export interface VerbalReferral extends LeadInput {
  advocate: Advocate;
  channel: 'phone' | 'meeting' | 'event' | 'email';
}

/** Records the verbal referral; answers its id and whether the advocate was invited to join. */
export async function recordVerbalReferral(
  db: D1Database,
  v: { program: ProgramRow; input: VerbalReferral; accountId: string; representative: boolean; linkSecret: string; now: number },
): Promise<{ referralId: string; invited: boolean }> {
  const { program, input, now } = v;
  const referralId = `ref_${nanoid()}`;
  let partnerId: string | null;
  let invite: InvitedAdvocate | null = null;
  if ('partnerId' in input.advocate) {
    const profile = await getProfile(db, input.advocate.partnerId);
    if (!profile || profile.programId !== program.id || profile.status === 'rejected') throw new ApiError(404, 'not_found', 'No such partner in this program.');
    partnerId = profile.id;
  } else {
    const email = input.advocate.email.trim();
    partnerId = await partnerByAdvocateEmail(db, program.id, email);
    if (!partnerId) {
      const inviteId = `mbi_${nanoid()}`;
      invite = {
        partnerId: `prt_${nanoid()}`, programId: program.id, number: randomPartnerNumber(), name: input.advocate.name?.trim() || normalizeEmail(email).split('@')[0],
        email, inviteId, tokenHash: await sha256Hex(await inviteToken(v.linkSecret, inviteId)), invitedBy: v.accountId,
        expiresAt: now + program.unclaimedRewardDays * DAY_MS, referralId, now,
      };
      partnerId = invite.partnerId;
    }
  }
  const who = identityOf(input);
  const duplicates = await duplicatesOf(db, { id: referralId, programId: program.id, partnerId, ...who, registeredAt: now }, now);
  const confirmed = duplicates.length === 0;
  const lockedUntil = confirmed ? lockUntil(now, program.leadLockDays) : null;
  const due = dueAt(now, program.leadSlaHours);
  const changeId = `rch_${nanoid()}`;
  // The owner: the representative who entered it, else the partner's own representative.
  const ownerId = v.representative ? v.accountId : invite ? null : ((await getProfile(db, partnerId))?.salesRepId ?? null);
  const record = {
    id: referralId, programId: program.id, partnerId, type: 'partner_to_program' as const, customerName: input.customerName,
    contactPersons: input.contactPersons || null, requirement: input.requirement || null, product: input.product || null, valueMinor: input.valueMinor ?? null,
    currency: program.currency, notes: input.notes || null, ownerId, domain: who.domain, contactEmails: who.contactEmails, dueAt: due, duplicates,
    duplicateOf: duplicates.find((m) => m.referralId)?.referralId ?? null, keys: leadKeys(who), accountId: v.accountId, changeId, now,
    verbal: { lockedUntil, channel: input.channel },
    events: confirmed
      ? [leadDecided({ changeId, decision: 'confirmed', referralId, partnerId, ownerId, lockedUntil, reason: null })]
      : [leadRegistered({ referralId, partnerId, duplicate: true, dueAt: due })],
  };
  // A new advocate's partner number may be taken: draw another, as registration does.
  for (let attempt = 0; ; attempt++) {
    try {
      await insertReferralRecord(db, { ...record, before: invite ? invitedAdvocateStatements(db, invite) : [], after: invite ? [advocateInvitedStatement(db, invite)] : [] });
      return { referralId, invited: invite !== null };
    } catch (e) {
      if (!invite || !String(e).includes('partners.number') || attempt >= 4) throw e;
      invite = { ...invite, number: randomPartnerNumber() };
    }
  }
}

/**
 * The hourly end of unclaimed periods: a partner made for an advocate who never joined is suspended, and what it
 * held is reversed, in one batch that applies only if its commissions did not move meanwhile.
 */
export async function lapseUnclaimedAdvocates(db: D1Database, now: number): Promise<number> {
  let lapsed = 0;
  for (const p of await unclaimedAdvocates(db, now, 50)) {
    const lots = await lotsOfPartner(db, p.id);
    const changeId = `psc_${nanoid()}`;
    const status = statusChangeStatements(db, {
      changeId, programId: p.programId, partnerId: p.id, from: 'partner', to: 'suspended',
      reason: "Unclaimed: the advocate did not join within the program's period", accountId: null, now,
    });
    const unmoved = lotsUnmovedGuard(lots);
    const guard = { sql: `SELECT 1 WHERE EXISTS (SELECT 1 FROM partner_status_changes WHERE id = ?) AND EXISTS (${unmoved.sql})`, args: [changeId, ...unmoved.args] };
    const [update] = await db.batch([...status, ...postEntries(db, p.programId, lapseMoves(lots, changeId), now, guard)]);
    if ((update.meta.changes ?? 0) > 0) lapsed++; // with the metric windows' rows its trigger changed
  }
  return lapsed;
}
