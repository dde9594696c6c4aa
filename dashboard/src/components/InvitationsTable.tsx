// The partner's invitations: promo code, link and QR code, with the clicks, scans and signups each brought,
// and the buttons to edit, deactivate or reactivate each one.
import { useRef, useState } from 'preact/hooks';
import type { Invitation } from '../../../shared/schemas/invitations';
import type { Member } from '../../../shared/schemas/partners';
import { api } from '../api';
import { count } from '../display';
import { CopyLink } from './CopyLink';
import { EditInvitation } from './EditInvitation';
import { DataTable } from './DataTable';
import { t } from '../i18n';

interface Props {
  partnerId: string;
  invitations: Invitation[];
  members: Member[];
  onChanged: (invitation: Invitation) => void;
}

export function InvitationsTable({ partnerId, invitations, members, onChanged }: Props) {
  const [editing, setEditing] = useState<Invitation | null>(null);
  const [toggling, setToggling] = useState<string>();
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  // The button that opened the editor gets focus back when it closes, so keyboard users keep their place.
  const opener = useRef<HTMLElement | null>(null);

  function edit(i: Invitation, e: Event) {
    opener.current = e.currentTarget as HTMLElement;
    setError('');
    setEditing(i);
  }

  function closeEditor() {
    setEditing(null);
    opener.current?.focus();
  }

  function saved(i: Invitation) {
    setStatus(t('invitation.saved', { code: i.code }));
    closeEditor();
    onChanged(i);
  }

  async function toggle(i: Invitation) {
    if (toggling) return;
    setToggling(i.id);
    setError('');
    setStatus('');
    try {
      const updated = await api.updateInvitation(partnerId, i.id, { active: !i.active });
      // A deactivated link answers "ended" at once; people should know that before they print anything else.
      setStatus(t(updated.active ? 'invitation.reactivated' : 'invitation.deactivated', { code: i.code }));
      onChanged(updated);
    } catch (err) {
      setError(t(i.active ? 'invitation.deactivateFailed' : 'invitation.reactivateFailed', { code: i.code, error: err instanceof Error ? err.message : String(err) }));
    } finally {
      setToggling(undefined);
    }
  }

  return (
    <>
      <p class="form-error" role="alert">{error}</p>
      <p class="form-success" role="status">{status}</p>
      {invitations.length === 0 ? <p class="muted">{t('invitation.none')}</p> : (
        <DataTable label={t('nav.invitations')} testId="invitations">
          <thead>
            <tr>
              <th scope="col">{t('invitation.codeColumn')}</th>
              <th scope="col">{t('invitation.campaign')}</th>
              <th scope="col">{t('invitation.owner')}</th>
              <th scope="col">{t('invitation.link')}</th>
              <th scope="col" class="num">{t('stats.clicks')}</th>
              <th scope="col" class="num">{t('stats.scans')}</th>
              <th scope="col" class="num">{t('stats.signups')}</th>
              <th scope="col">{t('invitation.qr')}</th>
              <th scope="col"><span class="visually-hidden">{t('common.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {invitations.map((i) => (
              <tr key={i.id} data-code={i.code} class={i.active ? undefined : 'inactive'}>
                <th scope="row">
                  <span class="code">{i.code}</span>
                  {/* Under the code, not beside it: the table has to leave room for the row's buttons. */}
                  {(i.name || !i.active) && (
                    <span class="invitation-meta">
                      {!i.active && <span class="badge badge-muted">{t('invitation.inactive')}</span>}
                      {i.name && <span class="invitation-name" data-col="name">{i.name}</span>}
                    </span>
                  )}
                </th>
                <td data-col="campaign">{i.campaign ?? '—'}</td>
                <td data-col="owner">{i.memberName || '—'}</td>
                <td>
                  <CopyLink link={i.link} code={i.code} />
                  {i.destinationUrl && <span class="destination" data-col="destination" title={i.destinationUrl}>{t('invitation.to', { url: i.destinationUrl })}</span>}
                </td>
                <td class="num" data-col="clicks">{count(i.stats.clicks)}</td>
                <td class="num" data-col="scans">{count(i.stats.scans)}</td>
                <td class="num" data-col="signups">{count(i.stats.signups)}</td>
                <td>
                  <div class="qr">
                    <img src={i.qrSvg} alt={t('invitation.qrAlt', { code: i.code })} width={56} height={56} loading="lazy" />
                    <span class="qr-downloads">
                      <a href={i.qrPng} download={`${i.code}-qr.png`} aria-label={t('invitation.downloadQr', { format: 'PNG', code: i.code })}>PNG</a>
                      <a href={i.qrSvg} download={`${i.code}-qr.svg`} aria-label={t('invitation.downloadQr', { format: 'SVG', code: i.code })}>SVG</a>
                      <a href={i.card} target="_blank" rel="noopener" aria-label={t('invitation.cardLabel', { code: i.code })}>{t('invitation.card')}</a>
                    </span>
                  </div>
                </td>
                <td>
                  <div class="row-actions">
                    <button type="button" class="btn btn-small" onClick={(e) => edit(i, e)} aria-label={t('invitation.editLabel', { code: i.code })}>{t('common.edit')}</button>
                    <button type="button" class="btn btn-small" onClick={() => void toggle(i)} aria-busy={toggling === i.id}
                      aria-label={t(i.active ? 'invitation.deactivateLabel' : 'invitation.reactivateLabel', { code: i.code })}>
                      {t(i.active ? 'invitation.deactivate' : 'invitation.reactivate')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <EditInvitation partnerId={partnerId} members={members} invitation={editing} onSaved={saved} onClose={closeEditor} />
    </>
  );
}
