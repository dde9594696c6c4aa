// The partner's ledger: every entry with its reason, so each part of the balance can be explained.
import type { LedgerEntry } from '../../../shared/schemas/ledger';
import { isNegative } from '../../../shared/money';
import { amount, customerLabel, dateTime, words } from '../display';
import { DataTable } from './DataTable';
import { t, tx } from '../i18n';

export function LedgerTable({ entries }: { entries: LedgerEntry[] }) {
  if (entries.length === 0) return <p class="muted">{t('ledger.none')}</p>;
  return (
    <DataTable label={t('ledger.title')} testId="ledger">
      <thead>
        <tr>
          <th scope="col">{t('ledger.date')}</th>
          <th scope="col">{t('ledger.reason')}</th>
          <th scope="col">{t('ledger.type')}</th>
          <th scope="col">{t('common.status')}</th>
          <th scope="col" class="num">{t('common.amount')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id} data-entry={e.id}>
            <td class="nowrap"><time dateTime={e.createdAt}>{dateTime(e.createdAt)}</time></td>
            <td>
              {e.reason}
              {/* Reasons name customers by id (entries are never erased); who that is comes from the customer row. */}
              {e.customer && <span class="status-reason" data-col="customer">{customerLabel(e.customer)}</span>}
            </td>
            <td>{words(e.type)}</td>
            <td>
              <span class={`badge badge-${e.status}`}>{words(e.status)}</span>
              {e.status === 'pending' && <PendingWhy entry={e} />}
            </td>
            <td class={`num${isNegative(e.amount) ? ' negative' : ''}`} data-col="amount">{amount(e.amount)}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

/** Why a pending entry waits: the merchant's confirmation of the signup, a manager's review, or its hold. */
function PendingWhy({ entry: e }: { entry: LedgerEntry }) {
  const signup = e.customer?.signupStatus;
  if (signup === 'awaiting_confirmation') return <span class="status-reason">{t('ledger.awaitsConfirmation')}</span>;
  if (signup === 'held') return <span class="status-reason">{t('ledger.heldForReview')}</span>;
  if (e.availableAt && e.type === 'commission') return <span class="status-reason">{tx('ledger.heldUntil', { date: <time dateTime={e.availableAt}>{dateTime(e.availableAt)}</time> })}</span>;
  return null;
}
