// A manager's decisions on a lead, only those that apply: awaiting an answer, confirm it (locking it to the partner,
// with a sales representative) or reject it; confirmed, find it not genuine after the first call or renew its lock.
import type { ConsoleReferralDetail, LeadDecision } from '../../../shared/schemas/referrals';
import type { Staff } from '../../../shared/schemas/console';
import { portalApi } from '../portal-api';
import { useApiSubmit } from '../useApiSubmit';
import { dateTime } from '../display';
import { FormProblems } from './FormProblems';
import { t } from '../i18n';

interface Props {
  programId: string;
  detail: ConsoleReferralDetail;
  staff: Staff[];
  onDecided: (saved: ConsoleReferralDetail, message: string) => void;
}

export function LeadDecisions({ programId, detail, staff, onDecided }: Props) {
  const { busy, error, problems, run } = useApiSubmit();
  const g = detail.registration;
  if (!g || (g.status !== 'pending' && g.status !== 'confirmed') || detail.stage === 'won') return null;

  async function decide(decision: LeadDecision, message: string) {
    await run(async () => {
      const saved = await portalApi.decideLead(programId, detail.id, decision);
      onDecided(saved, message);
    });
  }

  function submit(kind: 'confirm' | 'reject' | 'not_genuine') {
    return (e: Event) => {
      e.preventDefault();
      const f = new FormData(e.currentTarget as HTMLFormElement);
      const value = (k: string) => String(f.get(k) ?? '').trim();
      if (kind === 'confirm') {
        const ownerId = value('ownerId');
        const owner = staff.find((s) => s.id === ownerId);
        if (!owner) return void run(async () => { throw new Error(t('decide.chooseRep')); });
        return void decide({ decision: 'confirm', ownerId }, t('decide.confirmed', { partner: detail.partner.name, rep: owner.name }));
      }
      const reason = value('reason');
      if (!reason) return void run(async () => { throw new Error(t('decide.giveReason')); });
      void decide({ decision: kind, reason }, t(kind === 'reject' ? 'decide.rejected' : 'decide.notGenuineDone'));
    };
  }

  const reps = staff.filter((s) => s.role === 'sales_rep');
  const managers = staff.filter((s) => s.role === 'manager');
  return (
    <section class="decisions" aria-labelledby="decide-title" data-testid="lead-decisions">
      <h4 id="decide-title">{g.status === 'pending' ? t('decide.by', { date: dateTime(g.dueAt) }) : t('decide.theLock')}</h4>
      {g.status === 'pending' ? (
        <div class="decision-forms">
          <form onSubmit={submit('confirm')} class="stack" noValidate aria-label={t('decide.confirmLabel')}>
            <label class="field">
              <span>{t('profile.salesRep')}</span>
              <select name="ownerId" aria-required="true" aria-describedby="confirm-hint">
                <option value="">{t('decide.choose')}</option>
                {reps.length > 0 && <optgroup label={t('decide.reps')}>{reps.map((s) => <option key={s.id} value={s.id} selected={s.id === detail.owner?.id}>{s.name}</option>)}</optgroup>}
                {managers.length > 0 && <optgroup label={t('decide.managers')}>{managers.map((s) => <option key={s.id} value={s.id} selected={s.id === detail.owner?.id}>{s.name}</option>)}</optgroup>}
              </select>
              <small id="confirm-hint">{t('decide.confirmHint', { partner: detail.partner.name })}</small>
            </label>
            <div><button type="submit" class="btn btn-primary" aria-busy={busy}>{t('decide.confirm')}</button></div>
          </form>
          <form onSubmit={submit('reject')} class="stack" noValidate aria-label={t('decide.rejectLabel')}>
            <label class="field">
              <span>{t('decide.rejectReason')}</span>
              <textarea name="reason" rows={2} aria-required="true" aria-describedby="reject-hint" />
              <small id="reject-hint">{t('partners.reasonRead')}</small>
            </label>
            <div><button type="submit" class="btn btn-danger" aria-busy={busy}>{t('partners.reject')}</button></div>
          </form>
        </div>
      ) : (
        <div class="decision-forms">
          <form onSubmit={submit('not_genuine')} class="stack" noValidate aria-label={t('decide.notGenuine')}>
            <label class="field">
              <span>{t('decide.whyNotGenuine')}</span>
              <textarea name="reason" rows={2} aria-required="true" aria-describedby="genuine-hint" />
              <small id="genuine-hint">{t('decide.notGenuineHint')}</small>
            </label>
            <div><button type="submit" class="btn btn-danger" aria-busy={busy}>{t('decide.notGenuine')}</button></div>
          </form>
          <div class="stack">
            <p class="muted form-hint">{g.locked ? t('decide.lockedUntil', { partner: detail.partner.name, date: dateTime(g.lockedUntil!) }) : t('decide.lockRanOut')} {t('decide.renewHint')}</p>
            <div><button type="button" class="btn" aria-busy={busy} onClick={() => void decide({ decision: 'renew_lock' }, t('decide.renewed'))}>{t('decide.renew')}</button></div>
          </div>
        </div>
      )}
      <FormProblems error={error} problems={problems} />
    </section>
  );
}
