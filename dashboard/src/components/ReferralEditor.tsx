// One referral in a dialog: change its stage, value and notes, and read every change in its audit trail.
import { useEffect, useState } from 'preact/hooks';
import type { Referral, ReferralDetail, ReferralPatch, Stage } from '../../../shared/schemas/referrals';
import { portalApi } from '../portal-api';
import { useApiSubmit } from '../useApiSubmit';
import { amount, dateTime, words } from '../display';
import { format, inputFromMinor, minorFromInput } from '../../../shared/money';
import { FormProblems } from './FormProblems';
import { Modal } from './Modal';

const STAGES: Stage[] = ['new', 'in_progress', 'won', 'lost', 'junk'];

interface Props {
  partnerId: string;
  currency: string;
  referral: Referral | null;
  onSaved: (r: ReferralDetail) => void;
  onClose: () => void;
}

/** An audit entry as people read it: stage words, amounts with their currency. */
function shown(field: string, value: string | null, currency: string): string {
  if (value === null || value === '') return '(empty)';
  if (field === 'stage') return words(value);
  if (field === 'value') return format({ amount: Number(value), currency });
  return value;
}

export function ReferralEditor({ partnerId, currency, referral, onSaved, onClose }: Props) {
  const [detail, setDetail] = useState<ReferralDetail>();
  const [status, setStatus] = useState('');
  const { busy, error, problems, run, clear } = useApiSubmit();

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
      const stage = String(f.get('stage')) as Stage;
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
              <div><dt>Owner</dt><dd>{detail.owner?.name ?? '—'}</dd></div>
              <div><dt>Contact</dt><dd>{detail.contactPersons ?? '—'}</dd></div>
              <div><dt>Product</dt><dd>{detail.product ?? '—'}</dd></div>
              <div><dt>Value</dt><dd>{detail.value ? amount(detail.value) : '—'}</dd></div>
            </dl>
            <form onSubmit={submit} class="stack" noValidate>
              <label class="field">
                <span>Stage</span>
                <select name="stage" autofocus>{STAGES.map((s) => <option key={s} value={s} selected={s === detail.stage}>{words(s)}</option>)}</select>
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
                <button type="submit" class="btn btn-primary" aria-busy={busy}>{busy ? 'Saving…' : 'Save'}</button>
              </div>
            </form>
            <h4>History</h4>
            <ol class="audit" data-testid="audit-trail">
              {detail.changes.map((c) => (
                <li key={c.id}>
                  <span class="muted">{dateTime(c.at)} · {c.by ?? 'someone'}</span>{' '}
                  {c.field === 'created' ? 'registered the referral' : <>changed {c.field} from <strong>{shown(c.field, c.oldValue, currency)}</strong> to <strong>{shown(c.field, c.newValue, currency)}</strong></>}
                </li>
              ))}
            </ol>
          </>
        )}
        {!detail && <FormProblems error={error} problems={problems} />}
      </div>
    </Modal>
  );
}
