// The partner's money: pending, available and paid; the next payout date and withdrawals; every ledger entry with its reason.
import { api } from '../../api';
import type { PageProps } from '../../routes';
import { useResource } from '../../useResource';
import { Loadable } from '../../components/Loadable';
import { BalanceCards } from '../../components/BalanceCards';
import { LedgerTable } from '../../components/LedgerTable';
import { Withdrawals } from '../../components/Withdrawals';
import { t } from '../../i18n';

export default function Balance({ id: partnerId }: PageProps) {
  const balance = useResource(() => api.balance(partnerId), partnerId);
  const ledger = useResource(() => api.ledger(partnerId), partnerId);

  // Requesting or canceling a withdrawal moves money: the cards, the ledger and the payout facts all change.
  function moneyMoved() {
    void ledger.reload();
    void balance.reload();
  }

  return (
    <main class="page" id="main">
      <section aria-labelledby="balance-title">
        <h2 id="balance-title" tabIndex={-1}>{t('nav.balance')}</h2>
        <Loadable resource={balance} what={t('what.balance')}>{(b) => <BalanceCards balance={b.balance} awaitingConfirmation={b.awaitingConfirmation} />}</Loadable>
      </section>
      <section aria-labelledby="payouts-title" class="panel">
        <h2 id="payouts-title">{t('nav.payouts')}</h2>
        <Loadable resource={balance} what={t('what.payouts')}>{(b) => <Withdrawals partnerId={partnerId} balance={b} onChanged={moneyMoved} />}</Loadable>
      </section>
      <section aria-labelledby="ledger-title" class="panel">
        <h2 id="ledger-title">{t('ledger.title')}</h2>
        <Loadable resource={ledger} what={t('what.ledger')}>{(entries) => <LedgerTable entries={entries} />}</Loadable>
      </section>
    </main>
  );
}
