// The program's rules in plain words, generated from the reward rules that are actually paid, so they never disagree.
import { format, money } from '../../shared/money';
import type { RewardRule } from './commissions';
import type { PeriodKind } from './periods';

export interface TermsFacts {
  currency: string;
  signupCreditMinor: number;
  withdrawalMinimumMinor: number;
  reportingPeriod: PeriodKind;
  partnerDiscountBps: number;
  secondTierBps: number;
  attributionWindowDays: number;
  attributionModel: 'first_touch' | 'last_touch';
  rules: RewardRule[]; // the program's and this partner's own
  partnerId: string;
}

const pct = (bps: number) => `${bps / 100}%`;
const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);

function rate(r: { kind: string; percentBps: number | null; amountMinor: number | null }, currency: string, what: string): string {
  return r.percentBps !== null && r.kind === 'percent' ? `${pct(r.percentBps)} of ${what}` : `${format(money(r.amountMinor ?? 0, currency))} for ${what}`;
}

export function describeRule(r: RewardRule, currency: string): string {
  const scope = r.product ? ` for ${r.product}` : '';
  const what =
    r.event === 'signup'
      ? 'each customer who signs up through your invitations'
      : r.event === 'deal'
        ? `each deal${scope} won from a lead you registered and the program confirmed${r.kind === 'percent' ? ' (its contract value)' : ''}`
        : `each payment${scope} by a customer you referred`;
  const parts = [`You earn ${rate(r, currency, what)}`];
  if (r.event === 'payment') {
    parts.push(r.recurringMonths === null ? 'for as long as the customer pays' : r.recurringMonths === 0 ? 'on the first payment only' : `on payments in the customer's first ${r.recurringMonths} months`);
  }
  let text = parts.join(', ') + '.';
  for (const t of [...r.tiers].sort((a, b) => a.minReferrals - b.minReferrals)) {
    text += ` Once you reach ${t.minReferrals} successful referrals in a reporting period, it rises to ${t.percentBps !== undefined ? pct(t.percentBps) : format(money(t.amountMinor ?? 0, currency))}.`;
  }
  if (r.split.length > 1) {
    text += ' It is paid in parts: ' + r.split.map((p) => `${pct(p.shareBps)} ${p.afterDays === 0 ? (r.event === 'deal' ? 'when the deal is won' : 'when the customer first pays') : `after ${days(p.afterDays)}`}${p.retention ? ', if the customer still subscribes then' : ''}`).join('; ') + '.';
  }
  text += r.holdDays > 0 ? ` Each commission is held for ${days(r.holdDays)} (the refund window) before it becomes available.` : ' Commissions are available at once.';
  return text;
}

/** Every rule that applies to this partner, in words, then the program's money settings. */
export function programTerms(f: TermsFacts): string[] {
  const applicable = f.rules.filter((r) => r.partnerId === null || r.partnerId === f.partnerId);
  const overridden = (r: RewardRule) => r.partnerId === null && applicable.some((o) => o.partnerId === f.partnerId && o.event === r.event && o.product === r.product);
  const lines = applicable.filter((r) => !overridden(r)).map((r) => describeRule(r, f.currency));
  if (lines.length === 0) lines.push('No commission is set for this program yet.');
  const m = (minor: number) => format(money(minor, f.currency));
  if (f.secondTierBps > 0) lines.push(`You also earn ${pct(f.secondTierBps)} of what the partners you recruited earn (one level only).`);
  if (f.signupCreditMinor > 0) lines.push(`Customers who join through your invitation get ${m(f.signupCreditMinor)} of credit.`);
  lines.push(
    `A customer counts as yours when they sign up within ${days(f.attributionWindowDays)} of their visit; ${f.attributionModel === 'first_touch' ? 'the first invitation they came through wins' : 'the last invitation they came through wins'}. A customer is attributed once, for good.`,
  );
  lines.push('A refund takes back the same share of the commission it earned.');
  lines.push(`You can withdraw your available balance from ${m(f.withdrawalMinimumMinor)}; requests are paid when the ${f.reportingPeriod} reporting period closes.`);
  if (f.partnerDiscountBps > 0) lines.push(`When you pay a client's subscription from your balance, you get a ${pct(f.partnerDiscountBps)} partner discount.`);
  return lines;
}
