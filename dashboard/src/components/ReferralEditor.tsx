// One referral in a dialog: its registration (deadline, lock, representative, what it matched); change its stage,
// value and notes within what a partner may set, or propose it won; read every change in its audit trail
// (ReferralHistory, shared with the console).
import { useEffect, useState } from 'preact/hooks';
import type { Referral, ReferralDetail, ReferralPatch, Stage } from '../../../shared/schemas/referrals';
import { portalApi } from '../portal-api';
import { useApiSubmit } from '../useApiSubmit';
import { amount, dateTime, words } from '../display';
import { inputFromMinor, minorFromInput } from '../../../shared/money';
import { FormProblems } from './FormProblems';
import { Modal } from './Modal';
import { ReferralHistory } from './ReferralHistory';
import { t, type MessageKey } from '../i18n';

/** How the program heard of a verbal referral, as a sentence says it. */
const CHANNELS: Record<NonNullable<Referral['verbal']>['channel'], MessageKey> = { phone: 'channel.phone', meeting: 'channel.meeting', event: 'channel.event', email: 'channel.email' };

/** The stages a partner's people set; Won they propose, and Junk is the program's word. */
const PARTNER_STAGES: Stage[] = ['new', 'in_progress', 'lost'];

/** A lead's registration in a few words: awaiting the program (by when), locked (until when), or why not. */
export function registrationWords(r: Referral): string {
  const g = r.registration;
  if (!g) return t('registration.fromProgram');
  if (g.status === 'pending') return t(g.sla === 'overdue' ? 'registration.overdueSince' : 'registration.awaitingBy', { date: dateTime(g.dueAt) });
  if (g.status === 'confirmed') return g.locked ? t('registration.lockedToYou', { date: dateTime(g.lockedUntil!) }) : t('registration.lockRanOut');
  return t(g.status === 'rejected' ? 'word.rejected' : 'registration.notGenuine');
}

/** What a duplicate matched, as the partner reads it: "a lead already registered (similar domain)". */
export function matchWords(m: Referral['duplicates'][number], own: MessageKey = 'match.yourOwnLead'): string {
  const what = t(m.against === 'own_lead' ? own : m.against === 'other_lead' ? 'match.leadRegistered' : 'match.existingCustomer');
  return `${what} (${t(MATCHED_ON[m.on][m.exact ? 0 : 1])})`;
}
const MATCHED_ON: Record<Referral['duplicates'][number]['on'], [MessageKey, MessageKey]> = {
  company: ['match.sameCompany', 'match.similarCompany'],
  domain: ['match.sameDomain', 'match.similarDomain'],
  contact: ['match.sameContact', 'match.similarContact'],
};

export function RegistrationBadge({ referral: r }: { referral: Referral }) {
  const g = r.registration;
  const tone = !g ? 'neutral' : g.status === 'confirmed' && g.locked ? 'ok' : g.status === 'pending' ? (g.sla === 'overdue' ? 'warn' : 'neutral') : 'muted';
  return (
    <>
      <span class={`badge badge-registration-${tone}`}>{registrationWords(r)}</span>
      {r.duplicates.length > 0 && g?.status === 'pending' && <span class="badge badge-registration-warn"> {t('registration.possibleDuplicate')}</span>}
    </>
  );
}

interface Props {
  partnerId: string;
  currency: string;
  referral: Referral | null;
  onSaved: (r: ReferralDetail) => void;
  onClose: () => void;
}

export function ReferralEditor({ partnerId, currency, referral, onSaved, onClose }: Props) {
  const [detail, setDetail] = useState<ReferralDetail>();
  const [status, setStatus] = useState('');
  const { busy, error, problems, run, clear } = useApiSubmit();
  const stages = detail && !PARTNER_STAGES.includes(detail.stage) ? [detail.stage, ...PARTNER_STAGES] : PARTNER_STAGES;
  const mayPropose = detail && detail.stage !== 'won' && detail.stage !== 'junk' && !detail.wonProposedAt && (!detail.registration || detail.registration.locked);

  async function propose() {
    if (!detail) return;
    setStatus('');
    await run(async () => {
      const saved = await portalApi.proposeWon(partnerId, detail.id);
      setDetail(saved);
      setStatus(t('referral.proposed'));
      onSaved(saved);
    });
  }

  useEffect(() => {
    setDetail(undefined);
    setStatus('');
    clear();
    if (referral) void run(async () => setDetail(await portalApi.referral(partnerId, referral.id)));
  }, [referral?.id]);

  async function submit(e: Event) {
    e.preventDefault();
    if (!detail) return;
    const f = new FormData(e.currentTarget as HTMLFormElement);
    setStatus('');
    await run(async () => {
      const patch: ReferralPatch = {};
      const stage = (f.get('stage') === null ? detail.stage : String(f.get('stage'))) as Stage;
      const notes = String(f.get('notes') ?? '').trim() || null;
      const valueMinor = minorFromInput(String(f.get('value') ?? ''), currency) ?? null;
      if (stage !== detail.stage) patch.stage = stage;
      if (notes !== detail.notes) patch.notes = notes;
      if (valueMinor !== (detail.value?.amount ?? null)) patch.valueMinor = valueMinor;
      if (Object.keys(patch).length === 0) return setStatus(t('common.nothingChanged'));
      const saved = await portalApi.updateReferral(partnerId, detail.id, patch);
      setDetail(saved);
      setStatus(t('common.saved'));
      onSaved(saved);
    });
  }

  return (
    <Modal open={referral !== null} title={t('referral.dialogTitle', { name: referral?.customerName ?? '' })} onClose={onClose} testId="referral-editor">
      <div class="modal-form">
        <h3>{referral?.customerName}</h3>
        {!detail ? <p class="muted" aria-busy="true">{t('common.loading')}</p> : (
          <>
            <dl class="facts">
              <div><dt>{t('referral.type')}</dt><dd>{words(detail.type)}</dd></div>
              <div><dt>{t('referral.registration')}</dt><dd>{registrationWords(detail)}{detail.registration?.reason ? ` (${detail.registration.reason})` : ''}</dd></div>
              <div><dt>{t('profile.salesRep')}</dt><dd>{detail.owner?.name ?? '—'}</dd></div>
              <div><dt>{t('referral.contact')}</dt><dd>{detail.contactPersons ?? '—'}</dd></div>
              <div><dt>{t('lead.product')}</dt><dd>{detail.product ?? '—'}</dd></div>
              <div><dt>{t('referral.value')}</dt><dd>{detail.value ? amount(detail.value) : '—'}</dd></div>
              {detail.contractDate && <div><dt>{t('referral.contractSigned')}</dt><dd>{detail.contractDate}</dd></div>}
              {detail.verbal && <div><dt>{t('referral.verbal')}</dt><dd>{t('referral.told', { channel: t(CHANNELS[detail.verbal.channel]), name: detail.verbal.enteredBy.name })}</dd></div>}
              {detail.duplicates.length > 0 && (
                <div><dt>{t('referral.matched')}</dt><dd>{detail.duplicates.map((m) => matchWords(m)).join('; ')}</dd></div>
              )}
            </dl>
            <form onSubmit={submit} class="stack" noValidate>
              <label class="field">
                <span>{t('referral.stage')}</span>
                <select name="stage" autofocus disabled={!PARTNER_STAGES.includes(detail.stage)}>{stages.map((s) => <option key={s} value={s} selected={s === detail.stage}>{words(s)}</option>)}</select>
                {detail.stage !== 'won' && <small>{t('referral.wonHint')}</small>}
              </label>
              <label class="field">
                <span>{t('lead.value', { currency })}</span>
                <input name="value" inputMode="decimal" defaultValue={inputFromMinor(detail.value?.amount, currency)} autocomplete="off" />
              </label>
              <label class="field">
                <span>{t('lead.notes')}</span>
                <textarea name="notes" rows={3} defaultValue={detail.notes ?? ''} />
              </label>
              <FormProblems error={error} problems={problems} />
              <p class="form-success" role="status">{status}</p>
              <div class="modal-actions">
                <button type="button" class="btn" onClick={onClose}>{t('common.close')}</button>
                {mayPropose && <button type="button" class="btn" onClick={propose} disabled={busy}>{t('referral.proposeWon')}</button>}
                {detail.wonProposedAt && detail.stage !== 'won' && <span class="muted">{t('referral.wonProposed', { date: dateTime(detail.wonProposedAt) })}</span>}
                <button type="submit" class="btn btn-primary" aria-busy={busy}>{busy ? t('common.saving') : t('common.save')}</button>
              </div>
            </form>
            <h4>{t('referral.history')}</h4>
            <ReferralHistory changes={detail.changes} currency={currency} />
          </>
        )}
        {!detail && <FormProblems error={error} problems={problems} />}
      </div>
    </Modal>
  );
}
