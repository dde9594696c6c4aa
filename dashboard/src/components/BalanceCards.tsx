// The partner's balance at a glance: what can be withdrawn, what is on hold, what was paid out.
import { isPositive, type Money } from '../../../shared/money';
import type { PartnerSummary } from '../../../shared/schemas/partners';
import { amount } from '../display';
import { t, type MessageKey } from '../i18n';

const CARDS = [
  { key: 'available', label: 'word.available', hint: 'balance.availableHint' },
  { key: 'pending', label: 'word.pending', hint: 'balance.pendingHint' },
  { key: 'paid', label: 'word.paid', hint: 'balance.paidHint' },
] as const satisfies { key: string; label: MessageKey; hint: MessageKey }[];

/** `awaitingConfirmation`, where known, is the part of pending that waits for the merchant to confirm signups. */
export function BalanceCards({ balance, awaitingConfirmation }: { balance: PartnerSummary['balance']; awaitingConfirmation?: Money }) {
  return (
    <ul class="cards" aria-label={t('nav.balance')}>
      {CARDS.map((c) => (
        <li key={c.key} class={`card card-${c.key}`} data-testid={`balance-${c.key}`}>
          <span class="card-label">{t(c.label)}</span>
          <strong class="card-value">{amount(balance[c.key])}</strong>
          <span class="card-hint">
            {c.key === 'pending' && awaitingConfirmation && isPositive(awaitingConfirmation)
              ? t('balance.awaiting', { amount: amount(awaitingConfirmation) })
              : t(c.hint)}
          </span>
        </li>
      ))}
    </ul>
  );
}
