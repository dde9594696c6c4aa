// Commissions, what a partner earns: which reward rule applies, at what rate (escalation tiers), for how long
// (recurrence), in which timed parts (split), and the recruiter's second-tier share. Posted as ledger drafts.
import { allocate, format, isPositive, money, percentOf, type Money } from '../../shared/money';
import { customerRef, type LedgerDraft } from './ledger';

export type { LedgerDraft } from './ledger';

export interface Tier {
  minReferrals: number; // successful referrals in the current period
  percentBps?: number;
  amountMinor?: number;
}

export interface SplitPart {
  shareBps: number;
  afterDays: number; // counted from the customer's first payment
  retention?: boolean; // only earned if the customer still subscribes then
}

export interface RewardRule {
  id: string;
  partnerId: string | null;
  event: 'signup' | 'payment' | 'deal';
  kind: 'flat' | 'percent';
  amountMinor: number | null;
  percentBps: number | null;
  product: string | null;
  recurringMonths: number | null; // null: for life; 0: first payment only
  holdDays: number;
  tiers: Tier[];
  split: SplitPart[];
}

const DAY_MS = 86_400_000;

/** The most specific rule wins: the partner's own for this product, the partner's own, the program's for this product, the program's. */
export function ruleFor(rules: RewardRule[], partnerId: string, event: RewardRule['event'], product: string | null = null): RewardRule | null {
  const candidates = rules.filter((r) => r.event === event && (r.partnerId === null || r.partnerId === partnerId) && (r.product === null || r.product === product));
  const rank = (r: RewardRule) => (r.partnerId ? 2 : 0) + (r.product ? 1 : 0);
  return candidates.reduce<RewardRule | null>((best, r) => (best === null || rank(r) > rank(best) ? r : best), null);
}

/** The rate that applies: the highest escalation tier the partner has reached, else the rule's own. */
export function rateFor(rule: RewardRule, successfulReferrals: number): { percentBps: number | null; amountMinor: number | null } {
  const tier = [...rule.tiers].sort((a, b) => b.minReferrals - a.minReferrals).find((t) => successfulReferrals >= t.minReferrals);
  if (tier) return { percentBps: tier.percentBps ?? null, amountMinor: tier.amountMinor ?? null };
  return { percentBps: rule.percentBps, amountMinor: rule.amountMinor };
}

/**
 * How far the partner is from the rule's next escalation tier: the tier, and how many more successful referrals in a
 * period reach it; 'top' at the highest; null when the rule has no tiers.
 */
export function nextTier(rule: RewardRule, successfulReferrals: number): { tier: Tier; needed: number } | 'top' | null {
  if (rule.tiers.length === 0) return null;
  const next = [...rule.tiers].sort((a, b) => a.minReferrals - b.minReferrals).find((t) => t.minReferrals > successfulReferrals);
  return next ? { tier: next, needed: next.minReferrals - successfulReferrals } : 'top';
}

/** The same day and time `months` later; a day the month lacks becomes its last day (Jan 31 + 1 month = Feb 28 or 29). */
export function addMonths(at: number, months: number): number {
  const d = new Date(at);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(d.getUTCDate(), lastDay), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

/** Is a payment this long after the customer's first one still inside the rule's recurring months? */
export function withinRecurrence(rule: RewardRule, firstPaidAt: number, paidAt: number, isFirstPayment: boolean): boolean {
  if (rule.recurringMonths === null) return true;
  if (rule.recurringMonths === 0) return isFirstPayment;
  return paidAt < addMonths(firstPaidAt, rule.recurringMonths);
}

export interface Recruiter {
  partnerId: string;
  displayId: string;
  approved: boolean;
}

interface EarnFacts {
  partnerId: string;
  partnerDisplayId: string;
  recruiter: Recruiter | null;
  secondTierBps: number;
  subjectCustomerId: string | null;
  now: number;
}

/**
 * Splits one commission into its timed parts, adds the recruiter's second-tier share of each part, and makes
 * them drafts. A part is available at once only if nothing holds it.
 */
function commissionParts(
  f: EarnFacts,
  total: Money,
  rule: RewardRule,
  timing: { earnedAt: number; firstPaidAt: number },
  describe: (part: string) => string,
  event: { eventType: string; eventId: string },
): LedgerDraft[] {
  const split = rule.split.length > 0 ? rule.split : [{ shareBps: 10_000, afterDays: 0 }];
  const amounts = allocate(total, split.map((p) => p.shareBps));
  const drafts: LedgerDraft[] = [];
  split.forEach((part, i) => {
    const amount = amounts[i];
    if (!isPositive(amount)) return;
    // The hold runs from when the payment became known here at the earliest: a payment reported (or synced) with a
    // past date is held as long as a new one, so backdating it never makes its commission available sooner.
    const availableAt = Math.max(Math.max(timing.earnedAt, f.now) + rule.holdDays * DAY_MS, timing.firstPaidAt + part.afterDays * DAY_MS);
    const held = availableAt > f.now;
    const label =
      split.length === 1
        ? ''
        : ` (part ${i + 1} of ${split.length}: ${part.shareBps / 100}%${part.afterDays ? ` after ${part.afterDays} days` : ''}${part.retention ? ' if still subscribed' : ''})`;
    const common = {
      type: 'commission' as const,
      status: held ? ('pending' as const) : ('available' as const),
      availableAt: held ? availableAt : null,
      subjectCustomerId: f.subjectCustomerId,
      requiresRetention: part.retention === true,
      ...event,
    };
    drafts.push({ ...common, holder: { partnerId: f.partnerId }, amount, reason: describe(label), idempotencyKey: `${event.eventType}:${event.eventId}:${f.partnerId}:${i}` });
    if (f.recruiter?.approved && f.secondTierBps > 0 && f.recruiter.partnerId !== f.partnerId) {
      const share = percentOf(amount, f.secondTierBps);
      if (isPositive(share)) {
        drafts.push({
          ...common,
          holder: { partnerId: f.recruiter.partnerId },
          amount: share,
          reason: `Second tier: ${f.secondTierBps / 100}% of ${f.partnerDisplayId}'s ${describe(label).replace(/^Commission/, 'commission')}`,
          idempotencyKey: `${event.eventType}:${event.eventId}:${f.recruiter.partnerId}:2nd:${i}`,
        });
      }
    }
  });
  return drafts;
}

/** How a customer came: through an invitation's link or code, or from a company locked to the partner by a lead. */
export type SignupSource = { invitationCode: string } | { leadCompany: string };

export const joinedVia = (s: SignupSource): string => ('invitationCode' in s ? `with invitation ${s.invitationCode}` : `from ${s.leadCompany}, a locked lead`);

export interface SignupCommissionFacts {
  customerId: string;
  source: SignupSource;
  partnerId: string;
  partnerDisplayId: string;
  recruiter: Recruiter | null;
  secondTierBps: number;
  currency: string;
  rules: RewardRule[];
  now: number;
}

/** A signup through a partner's invitation (or its locked lead) earns the partner the flat signup rule's commission, if one applies. */
export function signupCommission(f: SignupCommissionFacts): LedgerDraft[] {
  const rule = ruleFor(f.rules, f.partnerId, 'signup');
  if (!rule || rule.kind !== 'flat' || !rule.amountMinor || rule.amountMinor <= 0) return [];
  const earn = { partnerId: f.partnerId, partnerDisplayId: f.partnerDisplayId, recruiter: f.recruiter, secondTierBps: f.secondTierBps, subjectCustomerId: f.customerId, now: f.now };
  return commissionParts(earn, money(rule.amountMinor, f.currency), rule, { earnedAt: f.now, firstPaidAt: f.now }, (part) =>
    `Signup commission: ${customerRef(f.customerId)} joined ${joinedVia(f.source)}${part}`, { eventType: 'signup', eventId: f.customerId });
}

export interface PaymentRewardFacts {
  paymentId: string;
  invoiceId: string;
  amount: Money;
  product: string | null;
  paidAt: number;
  customerId: string;
  partnerId: string;
  partnerDisplayId: string;
  recruiter: Recruiter | null;
  secondTierBps: number;
  isFirstPayment: boolean;
  firstPaidAt: number; // this payment's time when it is the first
  successfulReferrals: number; // the partner's, in the current period, this customer included
  rules: RewardRule[];
  now: number;
  /** Paid in another currency: what was paid and the rate `amount` was converted at, which the reason names. */
  paidIn?: { original: Money; rate: string } | null;
}

const converted = (paidIn: PaymentRewardFacts['paidIn']) => (paidIn ? ` (${format(paidIn.original)} at ${paidIn.rate})` : '');

/** A payment by a referred customer earns its partner the rule's commission (and the recruiter its second tier). */
export function paymentEntries(f: PaymentRewardFacts): LedgerDraft[] {
  const rule = ruleFor(f.rules, f.partnerId, 'payment', f.product);
  if (!rule || !withinRecurrence(rule, f.firstPaidAt, f.paidAt, f.isFirstPayment)) return [];
  const rate = rateFor(rule, f.successfulReferrals);
  const total = rate.percentBps !== null ? percentOf(f.amount, rate.percentBps) : money(rate.amountMinor ?? 0, f.amount.currency);
  if (!isPositive(total)) return [];
  const how = rate.percentBps !== null ? `${rate.percentBps / 100}% of` : 'flat, for';
  const tierNote = rate.percentBps !== rule.percentBps || rate.amountMinor !== rule.amountMinor ? ' (escalation tier)' : '';
  const earn = { partnerId: f.partnerId, partnerDisplayId: f.partnerDisplayId, recruiter: f.recruiter, secondTierBps: f.secondTierBps, subjectCustomerId: f.customerId, now: f.now };
  return commissionParts(earn, total, rule, { earnedAt: f.paidAt, firstPaidAt: f.firstPaidAt }, (part) =>
    `Commission: ${how} invoice ${f.invoiceId}${f.product ? ` (${f.product})` : ''} paid by ${customerRef(f.customerId)}${converted(f.paidIn)}${tierNote}${part}`, { eventType: 'payment', eventId: f.paymentId });
}

export interface DealCommissionFacts {
  referralId: string;
  value: Money;
  product: string | null;
  contractDate: string;
  partnerId: string;
  partnerDisplayId: string;
  recruiter: Recruiter | null;
  secondTierBps: number;
  rules: RewardRule[];
  now: number;
}

/**
 * A deal won earns its partner the deal rule's commission: a percent of the deal's value or a flat amount, held and
 * split as the rule says, counted from the day it is confirmed won. Deal rules have no tiers and no retention parts
 * (shared/schemas/rules.ts): a deal is one contract, not a subscription. The reason names the referral by id, as
 * reasons name customers (domain/ledger.ts): a company's name and contacts may be erased.
 */
export function dealCommission(f: DealCommissionFacts): LedgerDraft[] {
  const rule = ruleFor(f.rules, f.partnerId, 'deal', f.product);
  if (!rule) return [];
  const total = rule.percentBps !== null ? percentOf(f.value, rule.percentBps) : money(rule.amountMinor ?? 0, f.value.currency);
  if (!isPositive(total)) return [];
  const how = rule.percentBps !== null ? `${rule.percentBps / 100}% of` : 'flat, for';
  const earn = { partnerId: f.partnerId, partnerDisplayId: f.partnerDisplayId, recruiter: f.recruiter, secondTierBps: f.secondTierBps, subjectCustomerId: null, now: f.now };
  return commissionParts(earn, total, { ...rule, split: rule.split.map((p) => ({ ...p, retention: false })) }, { earnedAt: f.now, firstPaidAt: f.now }, (part) =>
    `Commission: ${how} deal ${f.referralId} (${format(f.value)}${f.product ? `, ${f.product}` : ''}) won, contract signed ${f.contractDate}${part}`, { eventType: 'deal', eventId: f.referralId });
}
