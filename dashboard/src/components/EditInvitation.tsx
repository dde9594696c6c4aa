// Editing an invitation in a modal dialog: name, campaign, owner and destination. The code stays: it is printed on cards.
import { useEffect, useRef } from 'preact/hooks';
import type { Invitation } from '../../../shared/schemas/invitations';
import type { Member } from '../../../shared/schemas/partners';
import { api, type InvitationChanges } from '../api';
import { useApiSubmit } from '../useApiSubmit';
import { FormProblems } from './FormProblems';
import { t, tx } from '../i18n';

interface Props {
  partnerId: string;
  members: Member[];
  /** The invitation being edited; null while the dialog is closed. */
  invitation: Invitation | null;
  onSaved: (invitation: Invitation) => void;
  onClose: () => void;
}

const FIELDS = ['name', 'campaign', 'memberId', 'destinationUrl'] as const;

/** Only what differs from the invitation is sent; an emptied field is sent as null, which clears it. */
function changesFrom(form: HTMLFormElement, before: Invitation): InvitationChanges {
  const fields = new FormData(form);
  const changes: InvitationChanges = {};
  for (const name of FIELDS) {
    const value = String(fields.get(name) ?? '').trim() || null;
    if (value !== before[name]) changes[name] = value;
  }
  return changes;
}

export function EditInvitation({ partnerId, members, invitation, onSaved, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const { busy, error, problems, run, clear } = useApiSubmit();

  // A modal <dialog> traps focus, closes on Escape and puts focus on the first field (autofocus) when shown.
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (invitation && !d.open) {
      clear();
      d.showModal();
    } else if (!invitation && d.open) {
      d.close();
    }
  }, [invitation]);

  async function submit(e: Event) {
    e.preventDefault();
    if (!invitation) return;
    const changes = changesFrom(e.currentTarget as HTMLFormElement, invitation);
    // The API refuses an empty change; nothing to save is simply done.
    if (Object.keys(changes).length === 0) return onClose();
    await run(async () => onSaved(await api.updateInvitation(partnerId, invitation.id, changes)));
  }

  return (
    <dialog ref={dialog} class="modal" aria-labelledby="edit-invitation-title" onClose={onClose} data-testid="edit-invitation">
      {invitation && (
        // Mounted afresh at each opening, so the fields start from the invitation as it now stands.
        <form class="modal-form" onSubmit={submit} noValidate>
          <h3 id="edit-invitation-title">{tx('invitation.editTitle', { code: <span class="code">{invitation.code}</span> })}</h3>
          <p class="muted modal-hint">{t('invitation.codeFixed')}</p>
          <label class="field">
            <span>{t('common.name')}</span>
            <input name="name" type="text" defaultValue={invitation.name ?? ''} autocomplete="off" autofocus />
          </label>
          <label class="field">
            <span>{t('invitation.campaign')}</span>
            <input name="campaign" type="text" defaultValue={invitation.campaign ?? ''} autocomplete="off" />
          </label>
          <label class="field">
            <span>{t('invitation.owner')}</span>
            <select name="memberId">
              <option value="" selected={!invitation.memberId}>{t('invitation.noOwner')}</option>
              {members.map((m) => <option key={m.id} value={m.id} selected={m.id === invitation.memberId}>{m.name}</option>)}
            </select>
          </label>
          <label class="field">
            <span>{t('invitation.destination')}</span>
            <input name="destinationUrl" type="url" defaultValue={invitation.destinationUrl ?? ''} placeholder={t('invitation.destinationPlaceholder')}
              autocomplete="off" spellcheck={false} aria-describedby="edit-destination-hint" />
            <small id="edit-destination-hint">{t('invitation.destinationEmpty')}</small>
          </label>
          <FormProblems error={error} problems={problems} />
          <div class="modal-actions">
            <button type="button" class="btn" onClick={onClose}>{t('common.cancel')}</button>
            <button type="submit" class="btn btn-primary" aria-busy={busy}>{busy ? t('common.saving') : t('common.save')}</button>
          </div>
        </form>
      )}
    </dialog>
  );
}
