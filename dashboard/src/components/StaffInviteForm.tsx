// The console's "Invite a sales representative": the invite is emailed, and its link shown once; it works once, for 7
// days. The invites sent are listed with their status, and an open one can be withdrawn (its link stops working).
import { portalApi } from '../portal-api';
import { useResource } from '../useResource';
import { InviteLinkForm } from './InviteLinkForm';
import { Loadable } from './Loadable';
import { InvitesTable } from './InvitesTable';
import { t } from '../i18n';

export function StaffInviteForm({ programId, onInvited }: { programId: string; onInvited: () => void }) {
  const invites = useResource(() => portalApi.staffInvites(programId), `staff-invites-${programId}`);
  return (
    <section aria-labelledby="staff-invite-title" class="panel">
      <h2 id="staff-invite-title">{t('staff.title')}</h2>
      <p class="muted">{t('staff.intro')}</p>
      <InviteLinkForm label={t('staff.title')} testId="staff-invite-link" onInvited={() => { onInvited(); void invites.reload(); }}
        create={(f) => portalApi.inviteStaff(programId, String(f.get('email') ?? '').trim(), String(f.get('name') ?? '').trim())}>
        <label class="field"><span>{t('common.name')}</span><input name="name" required maxLength={100} autocomplete="off" /></label>
        <label class="field"><span>{t('common.email')}</span><input name="email" type="email" required autocomplete="off" /></label>
      </InviteLinkForm>
      <Loadable resource={invites} what={t('what.invites')}>
        {(list) => (
          <InvitesTable label={t('staff.invites')} testId="staff-invites" invites={list} detail={{ heading: t('common.name'), first: true, of: (i) => i.name }}
            withdraw={(i) => portalApi.withdrawStaffInvite(programId, i.id).then(() => invites.reload())} />
        )}
      </Loadable>
    </section>
  );
}
