// The partner's invitations: totals, create and edit, QR codes and cards, a chart over time, and effectiveness.
import { useState } from 'preact/hooks';
import type { Invitation } from '../../../../shared/schemas/invitations';
import { api } from '../../api';
import type { PageProps } from '../../routes';
import { useResource } from '../../useResource';
import { Loadable } from '../../components/Loadable';
import { Totals } from '../../components/Totals';
import { NewInvitationForm } from '../../components/NewInvitationForm';
import { InvitationsTable } from '../../components/InvitationsTable';
import { Effectiveness } from '../../components/Effectiveness';
import { ActivityChart } from '../../components/ActivityChart';
import { t } from '../../i18n';

export default function Invitations({ id: partnerId }: PageProps) {
  const summary = useResource(() => api.partner(partnerId), partnerId);
  const invitations = useResource(() => api.invitations(partnerId), partnerId);
  const members = useResource(() => api.members(partnerId), partnerId);
  const [changes, setChanges] = useState(0);

  // A new or changed invitation changes the list, the summary's totals and how the effectiveness numbers group.
  function changed(_: Invitation) {
    void invitations.reload();
    void summary.reload();
    setChanges((n) => n + 1);
  }

  return (
    <main class="page" id="main">
      <section aria-labelledby="invitations-title" class="panel">
        <h2 id="invitations-title" tabIndex={-1}>{t('nav.invitations')}</h2>
        <Loadable resource={summary} what={t('what.totals')}>{(s) => <Totals stats={s.stats} />}</Loadable>
        <NewInvitationForm partnerId={partnerId} members={members.data ?? []} onCreated={changed} />
        <Loadable resource={invitations} what={t('what.invitations')}>
          {(list) => <InvitationsTable partnerId={partnerId} invitations={list} members={members.data ?? []} onChanged={changed} />}
        </Loadable>
      </section>

      <ActivityChart partnerId={partnerId} changes={changes} />

      <Effectiveness partnerId={partnerId} changes={changes} />
    </main>
  );
}
