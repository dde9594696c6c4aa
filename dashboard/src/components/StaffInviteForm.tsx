// The console's "Invite a sales representative": the invite is emailed, and its link shown once; it works once, for 7 days.
import { portalApi } from '../portal-api';
import { InviteLinkForm } from './InviteLinkForm';

export function StaffInviteForm({ programId, onInvited }: { programId: string; onInvited: () => void }) {
  return (
    <section aria-labelledby="staff-invite-title" class="panel">
      <h2 id="staff-invite-title">Invite a sales representative</h2>
      <p class="muted">Sales representatives see the console and own the partners assigned to them; only managers change anything.</p>
      <InviteLinkForm label="Invite a sales representative" testId="staff-invite-link" onInvited={onInvited}
        create={(f) => portalApi.inviteStaff(programId, String(f.get('email') ?? '').trim(), String(f.get('name') ?? '').trim())}>
        <label class="field"><span>Name</span><input name="name" required maxLength={100} autocomplete="off" /></label>
        <label class="field"><span>Email</span><input name="email" type="email" required autocomplete="off" /></label>
      </InviteLinkForm>
    </section>
  );
}
