// The program sends a partner a referral to work (program to partner): the partner sees it as New and is emailed.
import { useState } from 'preact/hooks';
import type { ConsolePartner } from '../../../shared/schemas/partners';
import type { Staff } from '../../../shared/schemas/console';
import { portalApi } from '../portal-api';
import { useApiSubmit } from '../useApiSubmit';
import { FormProblems } from './FormProblems';
import { LeadFields, leadInputFrom } from './LeadFields';

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
      const sent = await portalApi.sendReferral(programId, { ...leadInputFrom(f, currency), partnerId, ownerId: text('ownerId') });
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
        <LeadFields
          currency={currency}
          before={
            <label class="field"><span>Partner</span>
              <select name="partnerId" aria-required="true">
                <option value="">Choose…</option>
                {open.map((p) => <option key={p.id} value={p.id}>{p.name} ({p.displayId})</option>)}
              </select>
            </label>
          }
          after={
            staff && (
              <label class="field"><span>Sales representative</span>
                <select name="ownerId">
                  <option value="">The partner's</option>
                  {staff.map((s) => <option key={s.id} value={s.id}>{s.name}{s.role === 'manager' ? ' (manager)' : ''}</option>)}
                </select>
              </label>
            )
          }
        />
        <FormProblems error={error} problems={problems} />
        <p class="form-success" role="status">{status}</p>
        <div><button type="submit" class="btn btn-primary" aria-busy={busy}>Send</button></div>
      </form>
    </details>
  );
}
