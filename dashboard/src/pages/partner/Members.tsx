// The partner's members and their roles; the owner invites colleagues (emailed, with the link also shown once), and sees each invite's status.
import type { MemberRole } from '../../../../shared/schemas/partners';
import { api } from '../../api';
import { portalApi } from '../../portal-api';
import type { PageProps } from '../../routes';
import { useResource } from '../../useResource';
import { count, words } from '../../display';
import { lastThirtyDays } from '../../components/StatsFilters';
import { Loadable } from '../../components/Loadable';
import { InviteLinkForm } from '../../components/InviteLinkForm';
import { DataTable } from '../../components/DataTable';
import { InvitesTable } from '../../components/InvitesTable';
import { t, type MessageKey } from '../../i18n';

const ROLES: [MemberRole, MessageKey][] = [
  ['manager', 'members.roleManager'],
  ['finance', 'members.roleFinance'],
  ['owner', 'members.roleOwner'],
];

export default function Members({ id: partnerId, role }: PageProps) {
  const members = useResource(() => api.members(partnerId), partnerId);
  const invites = useResource(() => portalApi.memberInvites(partnerId), partnerId);
  // What each member's invitations brought in the last 30 days (the Invitations page has any range and the days).
  const byMember = useResource(() => api.stats(partnerId, { ...lastThirtyDays(), by: 'member' }), partnerId);
  const statsOf = (memberId: string) => byMember.data?.groups.find((g) => g.key === memberId)?.totals;
  const isOwner = role === 'owner';
  return (
    <main class="page" id="main">
      <section aria-labelledby="members-title" class="panel">
        <h2 id="members-title" tabIndex={-1}>{t('nav.members')}</h2>
        <p class="muted">{t('members.intro')}</p>
        <Loadable resource={members} what={t('what.members')}>
          {(list) => (
            <DataTable label={t('nav.members')} testId="members">
              <caption class="table-caption">{t('members.caption')}</caption>
              <thead><tr><th scope="col">{t('common.name')}</th><th scope="col">{t('common.email')}</th><th scope="col">{t('common.role')}</th><th scope="col" class="num">{t('stats.clicks')}</th><th scope="col" class="num">{t('stats.scans')}</th><th scope="col" class="num">{t('stats.signups')}</th></tr></thead>
              <tbody>
                {list.map((m) => {
                  const s = statsOf(m.id);
                  return (
                    <tr key={m.id} data-member={m.email}>
                      <th scope="row">{m.erased ? <span class="muted">{t('members.erased')}</span> : m.name}</th><td>{m.email}</td><td data-col="role">{words(m.role)}</td>
                      <td class="num">{count(s?.clicks ?? 0)}</td><td class="num">{count(s?.scans ?? 0)}</td><td class="num" data-col="signups">{count(s?.signups ?? 0)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </DataTable>
          )}
        </Loadable>
      </section>
      <section aria-labelledby="invites-title" class="panel">
        <h2 id="invites-title">{t('members.invite')}</h2>
        {isOwner ? <InviteForm partnerId={partnerId} onInvited={() => void invites.reload()} /> : <p class="muted">{t('members.onlyOwners')}</p>}
        <Loadable resource={invites} what={t('what.invites')}>
          {(list) => (
            <InvitesTable label={t('members.invites')} testId="member-invites" invites={list} detail={{ heading: t('common.role'), of: (i) => words(i.role) }}
              withdraw={isOwner ? (i) => portalApi.withdrawInvite(partnerId, i.id).then(() => invites.reload()) : undefined} />
          )}
        </Loadable>
      </section>
    </main>
  );
}

function InviteForm({ partnerId, onInvited }: { partnerId: string; onInvited: () => void }) {
  return (
    <InviteLinkForm label={t('members.invite')} testId="invite-link" onInvited={onInvited}
      create={(f) => portalApi.inviteMember(partnerId, String(f.get('email') ?? '').trim(), String(f.get('role')) as MemberRole)}>
      <label class="field"><span>{t('common.email')}</span><input name="email" type="email" required autocomplete="off" /></label>
      <label class="field"><span>{t('common.role')}</span><select name="role">{ROLES.map(([r, label]) => <option key={r} value={r}>{t(label)}</option>)}</select></label>
    </InviteLinkForm>
  );
}
