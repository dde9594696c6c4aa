// The partner's home: balance, totals, invitations (with a form to create one) and the ledger.
import type { Invitation } from '../../../shared/schemas';
import { api } from '../api';
import { useResource } from '../useResource';
import { Loadable } from '../components/Loadable';
import { BalanceCards } from '../components/BalanceCards';
import { Totals } from '../components/Totals';
import { NewInvitationForm } from '../components/NewInvitationForm';
import { InvitationsTable } from '../components/InvitationsTable';
import { LedgerTable } from '../components/LedgerTable';

export function PartnerHome({ partnerId }: { partnerId: string }) {
  const summary = useResource(() => api.partner(partnerId), partnerId);
  const invitations = useResource(() => api.invitations(partnerId), partnerId);
  const members = useResource(() => api.members(partnerId), partnerId);
  const ledger = useResource(() => api.ledger(partnerId), partnerId);

  // A new invitation changes the list and, through its stats, the summary's totals.
  function created(_: Invitation) {
    void invitations.reload();
    void summary.reload();
  }

  return (
    <main class="page" id="main">
      <section aria-labelledby="overview-title">
        <h2 id="overview-title">Overview</h2>
        <Loadable resource={summary} what="the balance">
          {(s) => (
            <>
              <BalanceCards balance={s.balance} />
              <Totals stats={s.stats} />
            </>
          )}
        </Loadable>
      </section>

      <section aria-labelledby="invitations-title" class="panel">
        <h2 id="invitations-title">Invitations</h2>
        <NewInvitationForm partnerId={partnerId} members={members.data ?? []} onCreated={created} />
        <Loadable resource={invitations} what="invitations">
          {(list) => <InvitationsTable invitations={list} />}
        </Loadable>
      </section>

      <section aria-labelledby="ledger-title" class="panel">
        <h2 id="ledger-title">Ledger</h2>
        <Loadable resource={ledger} what="the ledger">
          {(entries) => <LedgerTable entries={entries} />}
        </Loadable>
      </section>
    </main>
  );
}
