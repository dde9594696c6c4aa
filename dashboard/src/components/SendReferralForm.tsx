// The program sends a partner a referral to work (program to partner): the partner sees it as New and is emailed.
import { useState } from 'preact/hooks';
import type { ConsolePartner } from '../../../shared/schemas/partners';
import type { Staff } from '../../../shared/schemas/console';
import { minorFromInput } from '../../../shared/money';
import { portalApi } from '../portal-api';
import { useApiSubmit } from '../useApiSubmit';
import { FormProblems } from './FormProblems';

interface Props {
  programId: string;
  currency: string;
  /** The partners it may go to: a representative's own, or every partner for a manager. */
  partners: ConsolePartner[];
  /** For a manager, who may name its owner; a representative's referral is owned as the partner's are. */
  staff: Staff[] | null;
  onSent: () => void;
}

export function SendReferralForm({ programId, currency, partners, staff, onSent }: Props) {
  const { busy, error, problems, run } = useApiSubmit();
  const [status, setStatus] = useState('');
  const open = partners.filter((p) => p.status === 'partner' || p.status === 'affiliate');

  async function submit(e: Event) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    const text = (k: string) => String(f.get(k) ?? '').trim() || undefined;
    setStatus('');
    await run(async () => {
      const partnerId = text('partnerId');
      if (!partnerId) throw new Error('Choose the partner to send it to.');
      const sent = await portalApi.sendReferral(programId, {
        partnerId, customerName: text('customerName') ?? '', domain: text('domain'), contactPersons: text('contactPersons'),
        contactEmails: (text('contactEmails') ?? '').split(/[\s,;]+/).filter(Boolean), requirement: text('requirement'), product: text('product'),
        valueMinor: minorFromInput(text('value'), currency), notes: text('notes'), ownerId: text('ownerId'),
      });
      form.reset();
      setStatus(`Sent ${sent.customerName} to ${sent.partner.name}, who is emailed and sees it as New.`);
      onSent();
    });
  }

  return (
    <details class="new-invitation" data-testid="send-referral">
      <summary class="disclosure-summary">Send a referral to a partner</summary>
      <form onSubmit={submit} class="stack" noValidate aria-label="Send a referral to a partner">
        <p class="muted form-hint">A prospect for a partner to work. It has no registration to confirm, and Won pays the deal rule as for a lead.</p>
        <div class="form-row">
          <label class="field"><span>Partner</span>
            <select name="partnerId" aria-required="true">
              <option value="">Choose…</option>
              {open.map((p) => <option key={p.id} value={p.id}>{p.name} ({p.displayId})</option>)}
            </select>
          </label>
          <label class="field"><span>Company</span><input name="customerName" aria-required="true" autocomplete="off" /></label>
          <label class="field"><span>Company website or domain</span><input name="domain" autocomplete="off" placeholder="globex.se" /></label>
          <label class="field"><span>Contact persons</span><input name="contactPersons" autocomplete="off" /></label>
          <label class="field"><span>Contact emails</span><input name="contactEmails" autocomplete="off" placeholder="nina@globex.se" /></label>
          <label class="field"><span>Product</span><input name="product" autocomplete="off" /></label>
          <label class="field"><span>Value ({currency})</span><input name="value" inputMode="decimal" autocomplete="off" placeholder="1200.00" /></label>
          {staff && (
            <label class="field"><span>Sales representative</span>
              <select name="ownerId">
                <option value="">The partner's</option>
                {staff.map((s) => <option key={s.id} value={s.id}>{s.name}{s.role === 'manager' ? ' (manager)' : ''}</option>)}
              </select>
            </label>
          )}
        </div>
        <label class="field"><span>Requirement</span><input name="requirement" autocomplete="off" /></label>
        <label class="field"><span>Notes</span><textarea name="notes" rows={2} /></label>
        <FormProblems error={error} problems={problems} />
        <p class="form-success" role="status">{status}</p>
        <div><button type="submit" class="btn btn-primary" aria-busy={busy}>Send</button></div>
      </form>
    </details>
  );
}
