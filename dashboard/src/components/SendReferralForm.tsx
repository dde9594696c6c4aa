// The program sends a partner a referral to work (program to partner): the partner sees it as New and is emailed.
import { useState } from 'preact/hooks';
import type { Staff } from '../../../shared/schemas/console';
import { portalApi } from '../portal-api';
import { useApiSubmit } from '../useApiSubmit';
import { FormProblems } from './FormProblems';
import { LeadFields, leadInputFrom } from './LeadFields';
import { PartnerPicker } from './PartnerPicker';
import { t } from '../i18n';

interface Props {
  programId: string;
  currency: string;
  /** For a manager, who may name its owner; a representative's referral is owned as the partner's are. */
  staff: Staff[] | null;
  onSent: () => void;
}

// A referral goes to a partner or an applicant, not to one rejected or suspended. Which partners the picker offers is
// the partner list's: a representative's own, or every partner for a manager.
const MAY_RECEIVE = 'partner,affiliate';

export function SendReferralForm({ programId, currency, staff, onSent }: Props) {
  const { busy, error, problems, run } = useApiSubmit();
  const [status, setStatus] = useState('');

  async function submit(e: Event) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    const text = (k: string) => String(f.get(k) ?? '').trim() || undefined;
    setStatus('');
    await run(async () => {
      const partnerId = text('partnerId');
      if (!partnerId) throw new Error(t('send.choosePartner'));
      const sent = await portalApi.sendReferral(programId, { ...leadInputFrom(f, currency), partnerId, ownerId: text('ownerId') });
      form.reset();
      setStatus(t('send.sent', { name: sent.customerName, partner: sent.partner.name }));
      onSent();
    });
  }

  return (
    <details class="new-invitation" data-testid="send-referral">
      <summary class="disclosure-summary">{t('send.title')}</summary>
      <form onSubmit={submit} class="stack" noValidate aria-label={t('send.title')}>
        <p class="muted form-hint">{t('send.intro')}</p>
        <LeadFields
          currency={currency}
          before={
            <PartnerPicker programId={programId} label={t('console.partner')} required statuses={MAY_RECEIVE} />
          }
          after={
            staff && (
              <label class="field"><span>{t('profile.salesRep')}</span>
                <select name="ownerId">
                  <option value="">{t('send.partnersOwn')}</option>
                  {staff.map((s) => <option key={s.id} value={s.id}>{s.role === 'manager' ? t('lead.managerSuffix', { name: s.name }) : s.name}</option>)}
                </select>
              </label>
            )
          }
        />
        <FormProblems error={error} problems={problems} />
        <p class="form-success" role="status">{status}</p>
        <div><button type="submit" class="btn btn-primary" aria-busy={busy}>{t('send.submit')}</button></div>
      </form>
    </details>
  );
}
