// The partner's home: balance, totals, invitations (to create and edit), their effectiveness, and the ledger.
import { useState } from 'preact/hooks';
import type { Invitation } from '../../../shared/schemas';
import { api } from '../api';
import { useResource } from '../useResource';
import { Loadable } from '../components/Loadable';
import { BalanceCards } from '../components/BalanceCards';
import { Totals } from '../components/Totals';
import { NewInvitationForm } from '../components/NewInvitationForm';
import { InvitationsTable } from '../components/InvitationsTable';
import { Effectiveness } from '../components/Effectiveness';
import { LedgerTable } from '../components/LedgerTable';
import { Withdrawals } from '../components/Withdrawals';
import { ProgramTerms } from '../components/ProgramTerms';

export function PartnerHome({ partnerId }: { partnerId: string }) {
  const summary = useResource(() => api.partner(partnerId), partnerId);
  const invitations = useResource(() => api.invitations(partnerId), partnerId);
  const members = useResource(() => api.members(partnerId), partnerId);
  const ledger = useResource(() => api.ledger(partnerId), partnerId);
  const balance = useResource(() => api.balance(partnerId), partnerId);
  const [changes, setChanges] = useState(0);

  // A new or changed invitation changes the list, the summary's totals and how the effectiveness numbers group.
  function changed(_: Invitation) {
    void invitations.reload();
    void summary.reload();
    setChanges((n) => n + 1);
  }

  // Requesting or canceling a withdrawal moves money: the cards, the ledger and the payout facts all change.
  function moneyMoved() {
    void summary.reload();
    void ledger.reload();
    void balance.reload();
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
        <NewInvitationForm partnerId={partnerId} members={members.data ?? []} onCreated={changed} />
        <Loadable resource={invitations} what="invitations">
          {(list) => <InvitationsTable partnerId={partnerId} invitations={list} members={members.data ?? []} onChanged={changed} />}
        </Loadable>
      </section>

      <Effectiveness partnerId={partnerId} changes={changes} />

      <section aria-labelledby="payouts-title" class="panel">
        <h2 id="payouts-title">Payouts</h2>
        <Loadable resource={balance} what="payouts">
          {(b) => <Withdrawals partnerId={partnerId} balance={b} onChanged={moneyMoved} />}
        </Loadable>
      </section>

      <section aria-labelledby="ledger-title" class="panel">
        <h2 id="ledger-title">Ledger</h2>
        <Loadable resource={ledger} what="the ledger">
          {(entries) => <LedgerTable entries={entries} />}
        </Loadable>
      </section>

      <ProgramTerms partnerId={partnerId} />
    </main>
  );
}
