// The console's "Invite a sales representative": a link to send, shown once; it works once, for 7 days.
import { useState } from 'preact/hooks';
import type { StaffInviteCreated } from '../../../shared/schemas/console';
import { portalApi } from '../portal-api';
import { useApiSubmit } from '../useApiSubmit';
import { FormProblems } from './FormProblems';
import { SentInviteLink } from './CopyLink';

export function StaffInviteForm({ programId, onInvited }: { programId: string; onInvited: () => void }) {
  const { busy, error, problems, run } = useApiSubmit();
  const [sent, setSent] = useState<StaffInviteCreated>();
  async function submit(e: Event) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    setSent(undefined);
    await run(async () => {
      setSent(await portalApi.inviteStaff(programId, String(f.get('email') ?? '').trim(), String(f.get('name') ?? '').trim()));
      form.reset();
      onInvited();
    });
  }
  return (
    <section aria-labelledby="staff-invite-title" class="panel">
      <h2 id="staff-invite-title">Invite a sales representative</h2>
      <p class="muted">Sales representatives see the console and own the partners assigned to them; only managers change anything.</p>
      <form class="new-invitation" onSubmit={submit} aria-label="Invite a sales representative">
        <div class="form-row">
          <label class="field"><span>Name</span><input name="name" required maxLength={100} autocomplete="off" /></label>
          <label class="field"><span>Email</span><input name="email" type="email" required autocomplete="off" /></label>
          <button type="submit" class="btn btn-primary" aria-busy={busy}>Create invite link</button>
        </div>
        <FormProblems error={error} problems={problems} />
        {sent && <SentInviteLink email={sent.email} link={sent.link} testId="staff-invite-link" />}
      </form>
    </section>
  );
}
