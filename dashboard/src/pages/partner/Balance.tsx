// The partner's money: pending, available and paid, and every ledger entry with its reason.
// (Withdrawals and the next payout date are added here by the money engine.)
import { api } from '../../api';
import type { PageProps } from '../../routes';
import { useResource } from '../../useResource';
import { Loadable } from '../../components/Loadable';
import { BalanceCards } from '../../components/BalanceCards';
import { LedgerTable } from '../../components/LedgerTable';

export default function Balance({ id: partnerId }: PageProps) {
  const summary = useResource(() => api.partner(partnerId), partnerId);
  const ledger = useResource(() => api.ledger(partnerId), partnerId);
  return (
    <main class="page" id="main">
      <section aria-labelledby="balance-title">
        <h2 id="balance-title" tabIndex={-1}>Balance</h2>
        <Loadable resource={summary} what="the balance">{(s) => <BalanceCards balance={s.balance} />}</Loadable>
      </section>
      <section aria-labelledby="ledger-title" class="panel">
        <h2 id="ledger-title">Ledger</h2>
        <Loadable resource={ledger} what="the ledger">{(entries) => <LedgerTable entries={entries} />}</Loadable>
      </section>
    </main>
  );
}
