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

const ROLES: [MemberRole, string][] = [
  ['manager', 'Manager: invitations and referrals'],
  ['finance', 'Finance: also withdrawals'],
  ['owner', 'Owner: everything, including members'],
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
        <h2 id="members-title" tabIndex={-1}>Members</h2>
        <p class="muted">Every member can create and edit invitations and referrals. Finance members handle withdrawals. Owners manage members.</p>
        <Loadable resource={members} what="members">
          {(list) => (
            <DataTable label="Members" testId="members">
              <caption class="table-caption">Clicks, scans and signups are for the invitations each member owns, over the last 30 days.</caption>
              <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Role</th><th scope="col" class="num">Clicks</th><th scope="col" class="num">Scans</th><th scope="col" class="num">Signups</th></tr></thead>
              <tbody>
                {list.map((m) => {
                  const t = statsOf(m.id);
                  return (
                    <tr key={m.id} data-member={m.email}>
                      <th scope="row">{m.erased ? <span class="muted">Erased member</span> : m.name}</th><td>{m.email}</td><td data-col="role">{words(m.role)}</td>
                      <td class="num">{count(t?.clicks ?? 0)}</td><td class="num">{count(t?.scans ?? 0)}</td><td class="num" data-col="signups">{count(t?.signups ?? 0)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </DataTable>
          )}
        </Loadable>
      </section>
      <section aria-labelledby="invites-title" class="panel">
        <h2 id="invites-title">Invite a colleague</h2>
        {isOwner ? <InviteForm partnerId={partnerId} onInvited={() => void invites.reload()} /> : <p class="muted">Only the partner's owners invite colleagues.</p>}
        <Loadable resource={invites} what="invites">
          {(list) => (
            <InvitesTable label="Invites" testId="member-invites" invites={list} detail={{ heading: 'Role', of: (i) => words(i.role) }}
              withdraw={isOwner ? (i) => portalApi.withdrawInvite(partnerId, i.id).then(() => invites.reload()) : undefined} />
          )}
        </Loadable>
      </section>
    </main>
  );
}

function InviteForm({ partnerId, onInvited }: { partnerId: string; onInvited: () => void }) {
  return (
    <InviteLinkForm label="Invite a colleague" testId="invite-link" onInvited={onInvited}
      create={(f) => portalApi.inviteMember(partnerId, String(f.get('email') ?? '').trim(), String(f.get('role')) as MemberRole)}>
      <label class="field"><span>Email</span><input name="email" type="email" required autocomplete="off" /></label>
      <label class="field"><span>Role</span><select name="role">{ROLES.map(([r, label]) => <option key={r} value={r}>{label}</option>)}</select></label>
    </InviteLinkForm>
  );
}
