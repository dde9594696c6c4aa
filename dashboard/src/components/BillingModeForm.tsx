// The program's billing mode, live or test, in plain words, and a switch to the other one (confirmed first).
import { useState } from 'preact/hooks';
import { portalApi, type BillingMode } from '../portal-api';
import { useApiSubmit } from '../useApiSubmit';
import { FormProblems } from './FormProblems';
import { t, type MessageKey } from '../i18n';

const MEANING: Record<BillingMode, MessageKey> = { live: 'mode.liveMeaning', test: 'mode.testMeaning' };
const SWITCH: Record<BillingMode, MessageKey> = { live: 'mode.toLive', test: 'mode.toTest' };
const NOW: Record<BillingMode, MessageKey> = { live: 'mode.nowLive', test: 'mode.nowTest' };
const SWITCH_BUTTON: Record<BillingMode, MessageKey> = { live: 'mode.switchToLive', test: 'mode.switchToTest' };

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
    if (!confirm(t(SWITCH[other]))) return;
    await run(async () => {
      setStatus('');
      const { billingMode } = await portalApi.setBillingMode(programId, other);
      await onChanged();
      setStatus(t(NOW[billingMode]));
    });
  }

  return (
    <div class="billing-mode" data-testid="billing-mode">
      <h3>{t('mode.title')} <span class={`badge badge-mode-${mode}`} data-testid="billing-mode-value">{t(mode === 'live' ? 'mode.live' : 'mode.test')}</span></h3>
      <p>{t(MEANING[mode])}</p>
      <div>
        <button type="button" class="btn" onClick={() => void switchMode()} aria-busy={busy}>{t(SWITCH_BUTTON[other])}</button>
      </div>
      <FormProblems error={error} problems={problems} />
      <p class="form-success" role="status">{status}</p>
    </div>
  );
}
