// The demo history's people and pipeline, written through the project's own db functions and flows: partners apply, are approved and invite colleagues; invitations are created; leads are registered and decided.
import { money } from '../../shared/money';
import type { ProgramRow } from '../../worker/env';
import { codeKey } from '../../worker/domain/codes';
import { insertPartnerWithOwner } from '../../worker/db/registration';
import { acceptMemberInvite, insertMemberInvite } from '../../worker/db/member-invites';
import { changeStatus, updateProfile } from '../../worker/db/partner-profile';
import { insertInvitation } from '../../worker/db/invitations';
import { insertRule } from '../../worker/db/rewards';
import { earningPartner } from '../../worker/db/partners';
import { getReferral } from '../../worker/db/referrals';
import { sha256Hex } from '../../worker/security/hashing';
import { changeReferral, decide, registerLead, sendReferral } from '../../worker/flows/leads';
import { CAST, DEAL_RULE, DEMO_PARTNER_INVITATIONS, MANAGER_ACCOUNT, type CastInvitation, type CastLead, type CastPartner } from './cast';
import { DAY_MS } from './traffic';
import { DEMO } from '../demo-data';

/** Something that happens at a time of the history; the timeline runs them in order. */
export interface Step {
  at: number;
  run: () => Promise<void>;
}

const HOUR_MS = 3_600_000;

/** When each demo-partner invitation besides DEMO started, in days before today. */
const DEMO_INVITATION_START: Record<string, number> = { DEMO: 95, NEWSLETTER: 88, WEBINAR: 60, 'FAIR-QR': 75 };

/** Every invitation with traffic, and the day before today its traffic starts. */
export function invitationsWithStart(): (CastInvitation & { startDaysAgo: number })[] {
  return [
    ...DEMO_PARTNER_INVITATIONS.map((i) => ({ ...i, startDaysAgo: DEMO_INVITATION_START[i.code] })),
    ...CAST.flatMap((p) => p.invitations.map((i) => ({ ...i, startDaysAgo: p.joinedDaysAgo - 3 }))),
  ];
}

/** The program's deal rule, then the partner companies as they joined: they apply, are approved, invite colleagues and create invitations. */
export async function seedPeople(db: D1Database, today: number, passwordHash: string): Promise<void> {
  await insertRule(db, DEMO.programId, { partnerId: null, event: 'deal', kind: 'percent', amountMinor: null, percentBps: DEAL_RULE.percentBps, product: null, recurringMonths: null, holdDays: DEAL_RULE.holdDays, tiers: [], split: [] }, today - 99 * DAY_MS);
  for (const p of CAST) await seedPartner(db, p, today - p.joinedDaysAgo * DAY_MS + 9 * HOUR_MS, passwordHash);
  for (const i of DEMO_PARTNER_INVITATIONS.filter((i) => i.id !== 'inv_demo')) {
    await createInvitation(db, DEMO.partnerId, i, today - DEMO_INVITATION_START[i.code] * DAY_MS);
  }
}

async function seedPartner(db: D1Database, p: CastPartner, joined: number, passwordHash: string): Promise<void> {
  const [owner, ...colleagues] = p.members;
  const applied = await insertPartnerWithOwner(db, {
    partnerId: p.id, programId: DEMO.programId, number: p.number, partnerName: p.name, company: p.company, email: owner.email, termsVersion: 1, recruitedBy: null,
    memberId: owner.id, account: { id: owner.accountId, name: owner.name, passwordHash, isNew: true }, language: 'en', now: joined,
  });
  if (applied !== 'inserted') throw new Error(`demo history: partner ${p.id} was not inserted (${applied})`);
  if (p.payoutMethod) await updateProfile(db, p.id, { payoutMethod: p.payoutMethod, payoutDetails: p.payoutDetails, contactName: owner.name });
  if (!p.approved) return;
  const approved = joined + 2 * DAY_MS;
  await changeStatus(db, { changeId: `psc_demo_${p.id}`, programId: DEMO.programId, partnerId: p.id, from: 'affiliate', to: 'partner', reason: null, accountId: MANAGER_ACCOUNT, now: approved });
  for (const [n, m] of colleagues.entries()) {
    const invited = approved + (n + 1) * HOUR_MS;
    const invite = { id: `minv_demo_${m.id}`, partnerId: p.id, partnerName: p.name, email: m.email, role: m.role, createdAt: invited, expiresAt: invited + 7 * DAY_MS, acceptedAt: null, revokedAt: null };
    await insertMemberInvite(db, { ...invite, programId: DEMO.programId, tokenHash: await sha256Hex(`demo-invite-${m.id}`), invitedBy: owner.accountId, now: invited });
    await acceptMemberInvite(db, { invite, memberId: m.id, account: { id: m.accountId, name: m.name, passwordHash, isNew: true }, now: invited + 3 * HOUR_MS });
  }
  for (const i of p.invitations) await createInvitation(db, p.id, i, approved + DAY_MS);
}

async function createInvitation(db: D1Database, partnerId: string, i: CastInvitation, now: number): Promise<void> {
  const inserted = await insertInvitation(db, {
    id: i.id, programId: DEMO.programId, partnerId, memberId: i.memberId, code: i.code, codeKey: codeKey(i.code), name: i.name, campaign: i.campaign, destinationUrl: null, now,
  });
  if (!inserted) throw new Error(`demo history: the code ${i.code} is taken`);
}

/** The steps of one lead: registered (or sent by the program), then each decision and stage change on its day. */
export function leadSteps(db: D1Database, program: ProgramRow, l: CastLead, now: number): Step[] {
  let id = '';
  const at = (daysAgo: number) => Math.min(now - daysAgo * DAY_MS, now - 60_000);
  const input = { customerName: l.customerName, domain: l.domain, contactPersons: l.contactPersons, contactEmails: l.contactEmails, product: l.product, valueMinor: l.valueMinor, notes: l.notes };
  const referral = async () => (await getReferral(db, { programId: program.id }, id))!;
  const steps: Step[] = [
    {
      at: at(l.daysAgo),
      run: async () => {
        const r = { program, partnerId: l.partnerId, ownerId: l.type === 'program_to_partner' ? MANAGER_ACCOUNT : null, input, accountId: l.accountId, now: at(l.daysAgo) };
        id = l.type === 'program_to_partner' ? await sendReferral(db, r) : await registerLead(db, r);
      },
    },
  ];
  for (const s of l.steps) {
    const when = at(s.day);
    steps.push({
      at: when,
      run: async () => {
        const decided = { program, referral: await referral(), accountId: MANAGER_ACCOUNT, now: when };
        if (s.do === 'confirm') return decide(db, { ...decided, decision: { decision: 'confirm', ownerId: MANAGER_ACCOUNT } });
        if (s.do === 'reject' || s.do === 'not_genuine') return decide(db, { ...decided, decision: { decision: s.do, reason: s.reason } });
        const partner = (await earningPartner(db, l.partnerId))!;
        const staff = s.do === 'won' || s.by === 'staff';
        const patch = s.do === 'won' ? { stage: 'won' as const, valueMinor: s.valueMinor, contractDate: new Date(when - DAY_MS).toISOString().slice(0, 10) } : { stage: s.stage };
        await changeReferral(db, { ...decided, partner, actor: staff ? 'staff' : 'partner', manager: staff, patch, accountId: staff ? MANAGER_ACCOUNT : l.accountId });
      },
    });
  }
  return steps;
}

/** Who withdraws after the first close: the demo partner and each approved partner with a payout method, but Kaffebaren (its request waits for the next close). */
export const withdrawers = () => [DEMO.partnerId, ...CAST.filter((p) => p.approved && p.payoutMethod && p.id !== 'prt_demo_kaffe').map((p) => p.id)];

export const euros = (minor: number) => money(minor, DEMO.currency);
