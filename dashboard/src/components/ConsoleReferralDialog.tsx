// One referral in the console, in a dialog: its registration (deadline, SLA, lock), what it matched with both sides
// shown, a manager's decisions on a lead, the staff's stage, value, notes (Won with its value and contract date) and
// owner, and every change in its audit trail; a manager erases its contacts on request.
import { useEffect, useState } from 'preact/hooks';
import type { ConsoleReferralDetail, Referral, ReferralPatch, Stage } from '../../../shared/schemas/referrals';
import type { Staff } from '../../../shared/schemas/console';
import { inputFromMinor, minorFromInput } from '../../../shared/money';
import { portalApi } from '../portal-api';
import { useApiSubmit } from '../useApiSubmit';
import { amount, dateTime, words } from '../display';
import { FormProblems } from './FormProblems';
import { Modal } from './Modal';
import { ReferralHistory } from './ReferralHistory';
import { ReferralMatches } from './ReferralMatches';
import { LeadDecisions } from './LeadDecisions';
import { SLA_WORDS, STATUS_WORDS } from './LeadStatus';
import { t } from '../i18n';

const STAGES: Stage[] = ['new', 'in_progress', 'won', 'lost', 'junk'];

interface Props {
  programId: string;
  currency: string;
  manager: boolean;
  staff: Staff[];
  referral: Referral | null;
  onSaved: () => void;
  onClose: () => void;
}

export function ConsoleReferralDialog({ programId, currency, manager, staff, referral, onSaved, onClose }: Props) {
  const [detail, setDetail] = useState<ConsoleReferralDetail>();
  const [status, setStatus] = useState('');
  const loading = useApiSubmit();

  useEffect(() => {
    setDetail(undefined);
    setStatus('');
    loading.clear();
    if (referral) void loading.run(async () => setDetail(await portalApi.consoleReferral(programId, referral.id)));
  }, [referral?.id]);

  function saved(r: ConsoleReferralDetail, message: string) {
    setDetail(r);
    setStatus(message);
    onSaved();
  }

  const g = detail?.registration;
  return (
    <Modal open={referral !== null} title={t('referral.dialogTitle', { name: referral?.customerName ?? '' })} onClose={onClose} testId="console-referral" wide>
      <div class="modal-form">
        <h3>{referral?.customerName}</h3>
        {!detail ? <p class="muted" aria-busy={loading.busy}>{loading.busy ? t('common.loading') : ''}</p> : (
          <>
            <p class="modal-hint muted">{t(detail.type === 'partner_to_program' ? 'lead.registeredBy' : 'lead.sentTo', { partner: detail.partner.name, date: dateTime(detail.registeredAt) })}</p>
            <dl class="facts" data-testid="referral-facts">
              <div><dt>{t('referral.registration')}</dt><dd data-fact="registration">{g ? t(STATUS_WORDS[g.status]) : t('lead.sentByProgram')}{g?.reason ? ` (${g.reason})` : ''}</dd></div>
              {g && <div><dt>{t('lead.deadline')}</dt><dd data-fact="deadline">{t('lead.deadlineValue', { date: dateTime(g.dueAt), sla: t(SLA_WORDS[g.sla]).toLowerCase() })}{g.decidedAt ? t('lead.decided', { date: dateTime(g.decidedAt) }) : ''}</dd></div>}
              {g && <div><dt>{t('lead.lock')}</dt><dd data-fact="lock">{g.locked ? t('lead.lockedUntil', { date: dateTime(g.lockedUntil!) }) : t('lead.notLocked')}</dd></div>}
              <div><dt>{t('profile.salesRep')}</dt><dd data-fact="owner">{detail.owner?.name ?? '—'}</dd></div>
              <div><dt>{t('referral.stage')}</dt><dd data-fact="stage">{words(detail.stage)}</dd></div>
              <div><dt>{t('referral.value')}</dt><dd data-fact="value">{detail.value ? amount(detail.value) : '—'}</dd></div>
              {detail.contractDate && <div><dt>{t('referral.contractSigned')}</dt><dd data-fact="contract">{detail.contractDate}</dd></div>}
              {detail.wonProposedAt && detail.stage !== 'won' && <div><dt>{t('lead.wonProposed')}</dt><dd>{dateTime(detail.wonProposedAt)}</dd></div>}
              <div><dt>{t('lead.domainFact')}</dt><dd>{detail.domain ?? '—'}</dd></div>
              <div>
                <dt>{t('lead.contacts')}</dt>
                <dd class="long-text" data-fact="contacts">
                  {detail.contactsErasedAt ? t('lead.contactsErased', { date: dateTime(detail.contactsErasedAt) }) : [detail.contactPersons, ...detail.contactEmails].filter(Boolean).join(', ') || '—'}
                  {manager && (detail.contactPersons || detail.contactEmails.length > 0) && <EraseContacts programId={programId} detail={detail} onErased={saved} />}
                </dd>
              </div>
              <div><dt>{t('lead.product')}</dt><dd>{detail.product ?? '—'}</dd></div>
              {detail.requirement && <div class="fact-wide"><dt>{t('lead.requirement')}</dt><dd>{detail.requirement}</dd></div>}
            </dl>
            <ReferralMatches detail={detail} />
            <p class="form-success" role="status">{status}</p>
            {manager && <LeadDecisions programId={programId} detail={detail} staff={staff} onDecided={saved} />}
            <StageForm key={detail.updatedAt} programId={programId} currency={currency} manager={manager} staff={staff} detail={detail} onSaved={saved} onClose={onClose} />
            <h4>{t('referral.history')}</h4>
            <ReferralHistory changes={detail.changes} currency={currency} nameOf={(id) => staff.find((s) => s.id === id)?.name} />
          </>
        )}
        {!detail && <FormProblems error={loading.error} problems={loading.problems} />}
      </div>
    </Modal>
  );
}

/** A manager erases the contact persons and emails on a person's request; the company and the deal stay. */
function EraseContacts({ programId, detail, onErased }: { programId: string; detail: ConsoleReferralDetail; onErased: (r: ConsoleReferralDetail, message: string) => void }) {
  const { busy, error, problems, run } = useApiSubmit();
  const erase = () =>
    run(async () => {
      if (!confirm(t('lead.eraseConfirm', { name: detail.customerName }))) return;
      onErased(await portalApi.eraseReferralContacts(programId, detail.id), t('lead.erased'));
    });
  return (
    <>
      {' '}<button type="button" class="btn btn-small" aria-busy={busy} onClick={erase}>{t('lead.erase')}</button>
      <FormProblems error={error} problems={problems} />
    </>
  );
}

/** The staff's changes: any of the five stages (Won with the deal's value and contract date), value, notes, and, for a manager, the owner. */
function StageForm({ programId, currency, manager, staff, detail, onSaved, onClose }: {
  programId: string; currency: string; manager: boolean; staff: Staff[]; detail: ConsoleReferralDetail;
  onSaved: (r: ConsoleReferralDetail, message: string) => void; onClose: () => void;
}) {
  const { busy, error, problems, run } = useApiSubmit();
  const [stage, setStage] = useState<Stage>(detail.stage);
  const won = detail.stage === 'won';
  const winning = stage === 'won' && !won;

  async function submit(e: Event) {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const text = (k: string) => String(f.get(k) ?? '').trim();
    await run(async () => {
      const patch: ReferralPatch = {};
      if (stage !== detail.stage) patch.stage = stage;
      const notes = text('notes') || null;
      if (notes !== detail.notes) patch.notes = notes;
      if (!won) {
        const valueMinor = minorFromInput(text('value'), currency) ?? null;
        if (valueMinor !== (detail.value?.amount ?? null)) patch.valueMinor = valueMinor;
        const contractDate = text('contractDate') || null;
        if (stage === 'won' && contractDate !== detail.contractDate) patch.contractDate = contractDate;
      }
      if (manager && f.has('ownerId')) {
        const ownerId = text('ownerId') || null;
        if (ownerId !== (detail.owner?.id ?? null)) patch.ownerId = ownerId;
      }
      if (Object.keys(patch).length === 0) throw new Error(t('common.nothingChanged'));
      const saved = await portalApi.updateConsoleReferral(programId, detail.id, patch);
      onSaved(saved, saved.stage === 'won' && !won ? t('lead.won', { partner: saved.partner.name }) : t('common.saved'));
    });
  }

  return (
    <form onSubmit={submit} class="stack" noValidate aria-label={t('lead.stageForm')}>
      <h4>{t('lead.stageForm')}</h4>
      <div class="form-row">
        <label class="field">
          <span>{t('referral.stage')}</span>
          <select name="stage" value={stage} disabled={won} onChange={(e) => setStage(e.currentTarget.value as Stage)} aria-describedby="stage-hint">
            {STAGES.map((s) => <option key={s} value={s}>{words(s)}</option>)}
          </select>
        </label>
        <label class="field">
          <span>{t('lead.value', { currency })}</span>
          <input name="value" inputMode="decimal" autocomplete="off" disabled={won} aria-required={winning} defaultValue={inputFromMinor(detail.value?.amount, currency)} placeholder={t('lead.valuePlaceholder')} />
        </label>
        {(stage === 'won' || detail.contractDate) && (
          <label class="field">
            <span>{t('referral.contractDate')}</span>
            <input name="contractDate" type="date" disabled={won} aria-required={winning} defaultValue={detail.contractDate ?? ''} />
          </label>
        )}
        {manager && (
          <label class="field">
            <span>{t('profile.salesRep')}</span>
            <select name="ownerId">
              <option value="">{t('common.none')}</option>
              {staff.map((s) => <option key={s.id} value={s.id} selected={s.id === detail.owner?.id}>{s.role === 'manager' ? t('lead.managerSuffix', { name: s.name }) : s.name}</option>)}
            </select>
          </label>
        )}
      </div>
      <small id="stage-hint" class="muted form-hint">
        {t(won ? 'lead.hintWon' : winning ? 'lead.hintWinning' : detail.registration && !detail.registration.locked ? 'lead.hintNotLocked' : 'lead.hintDefault')}
      </small>
      <label class="field">
        <span>{t('lead.notes')}</span>
        <textarea name="notes" rows={2} defaultValue={detail.notes ?? ''} />
      </label>
      <FormProblems error={error} problems={problems} />
      <div class="modal-actions">
        <button type="button" class="btn" onClick={onClose}>{t('common.close')}</button>
        <button type="submit" class="btn btn-primary" aria-busy={busy}>{busy ? t('common.saving') : t('common.save')}</button>
      </div>
    </form>
  );
}
