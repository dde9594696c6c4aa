// A manager's decisions on a lead, only those that apply: awaiting an answer, confirm it (locking it to the partner,
// with a sales representative) or reject it; confirmed, find it not genuine after the first call or renew its lock.
import type { ConsoleReferralDetail, LeadDecision } from '../../../shared/schemas/referrals';
import type { Staff } from '../../../shared/schemas/console';
import { portalApi } from '../portal-api';
import { useApiSubmit } from '../useApiSubmit';
import { dateTime } from '../display';
import { FormProblems } from './FormProblems';

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
        if (!owner) return void run(async () => { throw new Error('Choose the sales representative who follows the lead up.'); });
        return void decide({ decision: 'confirm', ownerId }, `Confirmed: locked to ${detail.partner.name}, with ${owner.name} as sales representative.`);
      }
      const reason = value('reason');
      if (!reason) return void run(async () => { throw new Error('Give the reason: the partner reads it.'); });
      void decide({ decision: kind, reason }, kind === 'reject' ? 'Rejected: the partner is told why.' : 'Found not genuine: the lock is lifted, and the partner may register it again.');
    };
  }

  const reps = staff.filter((s) => s.role === 'sales_rep');
  const managers = staff.filter((s) => s.role === 'manager');
  return (
    <section class="decisions" aria-labelledby="decide-title" data-testid="lead-decisions">
      <h4 id="decide-title">{g.status === 'pending' ? `Confirm or reject by ${dateTime(g.dueAt)}` : 'The lock'}</h4>
      {g.status === 'pending' ? (
        <div class="decision-forms">
          <form onSubmit={submit('confirm')} class="stack" noValidate aria-label="Confirm the lead">
            <label class="field">
              <span>Sales representative</span>
              <select name="ownerId" aria-required="true" aria-describedby="confirm-hint">
                <option value="">Choose…</option>
                {reps.length > 0 && <optgroup label="Sales representatives">{reps.map((s) => <option key={s.id} value={s.id} selected={s.id === detail.owner?.id}>{s.name}</option>)}</optgroup>}
                {managers.length > 0 && <optgroup label="Managers">{managers.map((s) => <option key={s.id} value={s.id} selected={s.id === detail.owner?.id}>{s.name}</option>)}</optgroup>}
              </select>
              <small id="confirm-hint">Follows it up; the partner sees who. Confirming locks the lead to {detail.partner.name}.</small>
            </label>
            <div><button type="submit" class="btn btn-primary" aria-busy={busy}>Confirm</button></div>
          </form>
          <form onSubmit={submit('reject')} class="stack" noValidate aria-label="Reject the lead">
            <label class="field">
              <span>Reason for rejecting</span>
              <textarea name="reason" rows={2} aria-required="true" aria-describedby="reject-hint" />
              <small id="reject-hint">The partner reads this.</small>
            </label>
            <div><button type="submit" class="btn btn-danger" aria-busy={busy}>Reject</button></div>
          </form>
        </div>
      ) : (
        <div class="decision-forms">
          <form onSubmit={submit('not_genuine')} class="stack" noValidate aria-label="Not genuine">
            <label class="field">
              <span>Why it is not genuine</span>
              <textarea name="reason" rows={2} aria-required="true" aria-describedby="genuine-hint" />
              <small id="genuine-hint">After the first call: lifts the lock, and the partner reads this.</small>
            </label>
            <div><button type="submit" class="btn btn-danger" aria-busy={busy}>Not genuine</button></div>
          </form>
          <div class="stack">
            <p class="muted form-hint">{g.locked ? `Locked to ${detail.partner.name} until ${dateTime(g.lockedUntil!)}.` : 'The lock ran out.'} Renewing locks it for a full period from today.</p>
            <div><button type="button" class="btn" aria-busy={busy} onClick={() => void decide({ decision: 'renew_lock' }, 'Lock renewed.')}>Renew lock</button></div>
          </div>
        </div>
      )}
      <FormProblems error={error} problems={problems} />
    </section>
  );
}
