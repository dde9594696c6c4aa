// The partner's balance at a glance: what can be withdrawn, what is on hold, what was paid out.
import type { PartnerSummary } from '../../../shared/schemas';
import { amount } from '../display';

const CARDS = [
  { key: 'available', label: 'Available', hint: 'Ready to withdraw' },
  { key: 'pending', label: 'Pending', hint: 'On hold until confirmed' },
  { key: 'paid', label: 'Paid', hint: 'Paid out so far' },
] as const;

export function BalanceCards({ balance }: { balance: PartnerSummary['balance'] }) {
  return (
    <ul class="cards" aria-label="Balance">
      {CARDS.map((c) => (
        <li key={c.key} class={`card card-${c.key}`} data-testid={`balance-${c.key}`}>
          <span class="card-label">{c.label}</span>
          <strong class="card-value">{amount(balance[c.key])}</strong>
          <span class="card-hint">{c.hint}</span>
        </li>
      ))}
    </ul>
  );
}
