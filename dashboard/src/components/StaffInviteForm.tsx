// The console's "Invite a sales representative": the invite is emailed, and its link shown once; it works once, for 7
// days. The invites sent are listed with their status, and an open one can be withdrawn (its link stops working).
import { portalApi } from '../portal-api';
import { useResource } from '../useResource';
import { InviteLinkForm } from './InviteLinkForm';
import { Loadable } from './Loadable';
import { InvitesTable } from './InvitesTable';

export function StaffInviteForm({ programId, onInvited }: { programId: string; onInvited: () => void }) {
  const invites = useResource(() => portalApi.staffInvites(programId), `staff-invites-${programId}`);
  return (
    <section aria-labelledby="staff-invite-title" class="panel">
      <h2 id="staff-invite-title">Invite a sales representative</h2>
      <p class="muted">Sales representatives see the console and own the partners assigned to them; only managers change anything.</p>
      <InviteLinkForm label="Invite a sales representative" testId="staff-invite-link" onInvited={() => { onInvited(); void invites.reload(); }}
        create={(f) => portalApi.inviteStaff(programId, String(f.get('email') ?? '').trim(), String(f.get('name') ?? '').trim())}>
        <label class="field"><span>Name</span><input name="name" required maxLength={100} autocomplete="off" /></label>
        <label class="field"><span>Email</span><input name="email" type="email" required autocomplete="off" /></label>
      </InviteLinkForm>
      <Loadable resource={invites} what="invites">
        {(list) => (
          <InvitesTable label="Sales representative invites" testId="staff-invites" invites={list} detail={{ heading: 'Name', first: true, of: (i) => i.name }}
            withdraw={(i) => portalApi.withdrawStaffInvite(programId, i.id).then(() => invites.reload())} />
        )}
      </Loadable>
    </section>
  );
}
