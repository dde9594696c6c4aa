// Rewards: what a signup is worth to the customer and to the partner, as ledger entries to post.
import { money, type Money } from '../../shared/money';

export interface RewardRule {
  id: string;
  partnerId: string | null;
  event: 'signup' | 'payment';
  kind: 'flat' | 'percent';
  amountMinor: number | null;
  percentBps: number | null;
  holdDays: number;
}

export interface LedgerDraft {
  holder: { partnerId: string } | { customerId: string };
  type: 'signup_credit' | 'commission';
  amount: Money;
  status: 'pending' | 'available';
  availableAt: number | null;
  reason: string;
  eventType: string;
  eventId: string;
  idempotencyKey: string;
}

/** A partner's own rule wins over the program default. */
export function ruleFor(rules: RewardRule[], partnerId: string, event: RewardRule['event']): RewardRule | null {
  const forEvent = rules.filter((r) => r.event === event);
  return forEvent.find((r) => r.partnerId === partnerId) ?? forEvent.find((r) => r.partnerId === null) ?? null;
}

export interface SignupRewardFacts {
  customerId: string;
  customerEmail: string;
  invitationCode: string;
  partnerId: string | null;
  currency: string;
  signupCreditMinor: number;
  rules: RewardRule[];
  now: number;
}

const DAY_MS = 86_400_000;

/** A signup posts the customer's signup credit and, for a partner's invitation, its flat signup commission. */
export function signupEntries(f: SignupRewardFacts): LedgerDraft[] {
  const entries: LedgerDraft[] = [];
  const event = { eventType: 'signup', eventId: f.customerId };
  if (f.signupCreditMinor > 0) {
    entries.push({
      holder: { customerId: f.customerId },
      type: 'signup_credit',
      amount: money(f.signupCreditMinor, f.currency),
      status: 'available',
      availableAt: null,
      reason: `Signup credit for joining with invitation ${f.invitationCode}`,
      ...event,
      idempotencyKey: `signup:${f.customerId}:credit`,
    });
  }
  if (f.partnerId) {
    const rule = ruleFor(f.rules, f.partnerId, 'signup');
    if (rule && rule.kind === 'flat' && rule.amountMinor && rule.amountMinor > 0) {
      const held = rule.holdDays > 0;
      entries.push({
        holder: { partnerId: f.partnerId },
        type: 'commission',
        amount: money(rule.amountMinor, f.currency),
        status: held ? 'pending' : 'available',
        availableAt: held ? f.now + rule.holdDays * DAY_MS : null,
        reason: `Signup commission: ${f.customerEmail} joined with invitation ${f.invitationCode}`,
        ...event,
        idempotencyKey: `signup:${f.customerId}:commission`,
      });
    }
  }
  return entries;
}
