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

/** How the program heard of a verbal referral, as a sentence says it. */
const CHANNELS: Record<NonNullable<Referral['verbal']>['channel'], string> = { phone: 'by phone', meeting: 'at a meeting', event: 'at an event', email: 'by email' };

/** The stages a partner's people set; Won they propose, and Junk is the program's word. */
const PARTNER_STAGES: Stage[] = ['new', 'in_progress', 'lost'];

/** A lead's registration in a few words: awaiting the program (by when), locked (until when), or why not. */
export function registrationWords(r: Referral): string {
  const g = r.registration;
  if (!g) return 'From the program';
  if (g.status === 'pending') return g.sla === 'overdue' ? `Awaiting confirmation, overdue since ${dateTime(g.dueAt)}` : `Awaiting confirmation by ${dateTime(g.dueAt)}`;
  if (g.status === 'confirmed') return g.locked ? `Confirmed, locked to you until ${dateTime(g.lockedUntil!)}` : 'Confirmed; the lock ran out';
  return g.status === 'rejected' ? 'Rejected' : 'Not genuine: lock lifted';
}

export function RegistrationBadge({ referral: r }: { referral: Referral }) {
  const g = r.registration;
  const tone = !g ? 'neutral' : g.status === 'confirmed' && g.locked ? 'ok' : g.status === 'pending' ? (g.sla === 'overdue' ? 'warn' : 'neutral') : 'muted';
  return (
    <>
      <span class={`badge badge-registration-${tone}`}>{registrationWords(r)}</span>
      {r.duplicates.length > 0 && g?.status === 'pending' && <span class="badge badge-registration-warn"> Possible duplicate</span>}
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
      setStatus('Proposed: the program confirms the deal as won, with its value and contract date.');
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
      if (Object.keys(patch).length === 0) return setStatus('Nothing changed.');
      const saved = await portalApi.updateReferral(partnerId, detail.id, patch);
      setDetail(saved);
      setStatus('Saved.');
      onSaved(saved);
    });
  }

  return (
    <Modal open={referral !== null} title={`Referral ${referral?.customerName ?? ''}`} onClose={onClose} testId="referral-editor">
      <div class="modal-form">
        <h3>{referral?.customerName}</h3>
        {!detail ? <p class="muted" aria-busy="true">Loading…</p> : (
          <>
            <dl class="facts">
              <div><dt>Type</dt><dd>{words(detail.type)}</dd></div>
              <div><dt>Registration</dt><dd>{registrationWords(detail)}{detail.registration?.reason ? ` (${detail.registration.reason})` : ''}</dd></div>
              <div><dt>Sales representative</dt><dd>{detail.owner?.name ?? '—'}</dd></div>
              <div><dt>Contact</dt><dd>{detail.contactPersons ?? '—'}</dd></div>
              <div><dt>Product</dt><dd>{detail.product ?? '—'}</dd></div>
              <div><dt>Value</dt><dd>{detail.value ? amount(detail.value) : '—'}</dd></div>
              {detail.contractDate && <div><dt>Contract signed</dt><dd>{detail.contractDate}</dd></div>}
              {detail.verbal && <div><dt>Verbal referral</dt><dd>Told {CHANNELS[detail.verbal.channel]}, entered by {detail.verbal.enteredBy.name}</dd></div>}
              {detail.duplicates.length > 0 && (
                <div><dt>Matched</dt><dd>{detail.duplicates.map((m) => `${m.against === 'own_lead' ? 'your own lead' : m.against === 'other_lead' ? 'a lead already registered' : 'an existing customer'} (${m.exact ? 'same' : 'similar'} ${m.on})`).join('; ')}</dd></div>
              )}
            </dl>
            <form onSubmit={submit} class="stack" noValidate>
              <label class="field">
                <span>Stage</span>
                <select name="stage" autofocus disabled={!PARTNER_STAGES.includes(detail.stage)}>{stages.map((s) => <option key={s} value={s} selected={s === detail.stage}>{words(s)}</option>)}</select>
                {detail.stage !== 'won' && <small>Won is confirmed by the program: propose it when the contract is signed.</small>}
              </label>
              <label class="field">
                <span>Value ({currency})</span>
                <input name="value" inputMode="decimal" defaultValue={inputFromMinor(detail.value?.amount, currency)} autocomplete="off" />
              </label>
              <label class="field">
                <span>Notes</span>
                <textarea name="notes" rows={3} defaultValue={detail.notes ?? ''} />
              </label>
              <FormProblems error={error} problems={problems} />
              <p class="form-success" role="status">{status}</p>
              <div class="modal-actions">
                <button type="button" class="btn" onClick={onClose}>Close</button>
                {mayPropose && <button type="button" class="btn" onClick={propose} disabled={busy}>Propose won</button>}
                {detail.wonProposedAt && detail.stage !== 'won' && <span class="muted">Won proposed {dateTime(detail.wonProposedAt)}</span>}
                <button type="submit" class="btn btn-primary" aria-busy={busy}>{busy ? 'Saving…' : 'Save'}</button>
              </div>
            </form>
            <h4>History</h4>
            <ReferralHistory changes={detail.changes} currency={currency} />
          </>
        )}
        {!detail && <FormProblems error={error} problems={problems} />}
      </div>
    </Modal>
  );
}
