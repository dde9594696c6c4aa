// The program's billing mode, live or test, in plain words, and a switch to the other one (confirmed first).
import { useState } from 'preact/hooks';
import { portalApi, type BillingMode } from '../portal-api';
import { useApiSubmit } from '../useApiSubmit';
import { FormProblems } from './FormProblems';

const MEANING: Record<BillingMode, string> = {
  live: "Live: this program counts your customers' real payments (Stripe's live mode, Paddle's live account). Test-mode events are refused, so trying out checkouts cannot earn anyone a commission.",
  test: "Test: this program counts test payments (Stripe's test mode, Paddle's sandbox) as if they were real, and refuses live ones. Use it for a program you try things out with, not for the one whose partners you pay.",
};

const SWITCH: Record<BillingMode, string> = {
  live: 'Switch to live mode? From now on only real (live-mode) payments count; test-mode events are refused. Add a live-mode signing secret below if you have not yet.',
  test: 'Switch to test mode? From now on only test-mode payments count, as if they were real, and real (live-mode) payments are refused and earn no commission.',
};

interface Props {
  programId: string;
  mode: BillingMode;
  onChanged: () => Promise<void>;
}

export function BillingModeForm({ programId, mode, onChanged }: Props) {
  const { busy, error, problems, run } = useApiSubmit();
  const [status, setStatus] = useState('');
  const other: BillingMode = mode === 'live' ? 'test' : 'live';

  async function switchMode() {
    if (!confirm(SWITCH[other])) return;
    await run(async () => {
      setStatus('');
      const { billingMode } = await portalApi.setBillingMode(programId, other);
      await onChanged();
      setStatus(`The program is now in ${billingMode} mode.`);
    });
  }

  return (
    <div class="billing-mode" data-testid="billing-mode">
      <h3>Billing mode <span class={`badge badge-mode-${mode}`} data-testid="billing-mode-value">{mode === 'live' ? 'Live' : 'Test'}</span></h3>
      <p>{MEANING[mode]}</p>
      <div>
        <button type="button" class="btn" onClick={() => void switchMode()} aria-busy={busy}>Switch to {other} mode</button>
      </div>
      <FormProblems error={error} problems={problems} />
      <p class="form-success" role="status">{status}</p>
    </div>
  );
}
