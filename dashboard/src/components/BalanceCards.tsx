// The partner's balance at a glance: what can be withdrawn, what is on hold, what was paid out.
import { isPositive, type Money } from '../../../shared/money';
import type { PartnerSummary } from '../../../shared/schemas/partners';
import { amount } from '../display';

const CARDS = [
  { key: 'available', label: 'Available', hint: 'Ready to withdraw' },
  { key: 'pending', label: 'Pending', hint: 'On hold until confirmed' },
  { key: 'paid', label: 'Paid', hint: 'Paid out so far' },
] as const;

/** `awaitingConfirmation`, where known, is the part of pending that waits for the merchant to confirm signups. */
export function BalanceCards({ balance, awaitingConfirmation }: { balance: PartnerSummary['balance']; awaitingConfirmation?: Money }) {
  return (
    <ul class="cards" aria-label="Balance">
      {CARDS.map((c) => (
        <li key={c.key} class={`card card-${c.key}`} data-testid={`balance-${c.key}`}>
          <span class="card-label">{c.label}</span>
          <strong class="card-value">{amount(balance[c.key])}</strong>
          <span class="card-hint">
            {c.key === 'pending' && awaitingConfirmation && isPositive(awaitingConfirmation)
              ? `${amount(awaitingConfirmation)} of it awaits confirmation of new signups`
              : c.hint}
          </span>
        </li>
      ))}
    </ul>
  );
}
