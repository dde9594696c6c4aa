// Creating an invitation: an optional promo code (generated when left empty), name, campaign, owner and destination.
import { useState } from 'preact/hooks';
import type { Invitation } from '../../../shared/schemas/invitations';
import type { Member } from '../../../shared/schemas/partners';
import { api, type InvitationDraft } from '../api';
import { useApiSubmit } from '../useApiSubmit';
import { FormProblems } from './FormProblems';
import { t } from '../i18n';

interface Props {
  partnerId: string;
  members: Member[];
  onCreated: (invitation: Invitation) => void;
}

export function NewInvitationForm({ partnerId, members, onCreated }: Props) {
  const { busy, error, problems, run } = useApiSubmit();
  const [created, setCreated] = useState('');

  async function submit(e: Event) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const fields = new FormData(form);
    // Empty fields are left out: the API generates a code and leaves the rest unset (the program's destination applies).
    const draft: InvitationDraft = {};
    for (const name of ['code', 'name', 'campaign', 'memberId', 'destinationUrl'] as const) {
      const value = String(fields.get(name) ?? '').trim();
      if (value) draft[name] = value;
    }
    setCreated('');
    await run(async () => {
      const invitation = await api.createInvitation(partnerId, draft);
      form.reset();
      setCreated(t('invitation.created', { code: invitation.code }));
      onCreated(invitation);
    });
  }

  return (
    <form class="new-invitation" onSubmit={submit} aria-labelledby="new-invitation-title" noValidate>
      <h3 id="new-invitation-title">{t('invitation.new')}</h3>
      <div class="form-row">
        <label class="field">
          <span>{t('invitation.code')}</span>
          <input name="code" type="text" placeholder={t('invitation.codePlaceholder')} autocomplete="off" spellcheck={false} aria-describedby="code-hint" />
          <small id="code-hint">{t('invitation.codeHint')}</small>
        </label>
        <label class="field">
          <span>{t('common.name')}</span>
          <input name="name" type="text" placeholder={t('invitation.namePlaceholder')} autocomplete="off" />
        </label>
        <label class="field">
          <span>{t('invitation.campaign')}</span>
          <input name="campaign" type="text" placeholder={t('invitation.campaignPlaceholder')} autocomplete="off" />
        </label>
        <label class="field">
          <span>{t('invitation.owner')}</span>
          <select name="memberId">
            <option value="">{t('invitation.noOwner')}</option>
            {members.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
          </select>
        </label>
        <label class="field">
          <span>{t('invitation.destination')}</span>
          <input name="destinationUrl" type="url" placeholder={t('invitation.destinationPlaceholder')} autocomplete="off" spellcheck={false} aria-describedby="destination-hint" />
          <small id="destination-hint">{t('invitation.destinationHint')}</small>
        </label>
        <button type="submit" class="btn btn-primary" aria-busy={busy}>{busy ? t('invitation.creating') : t('invitation.create')}</button>
      </div>
      <FormProblems error={error} problems={problems} />
      <p class="form-success" role="status">{created}</p>
    </form>
  );
}
