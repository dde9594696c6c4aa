// A secret shown this once (a new API key, a webhook signing secret): what to do with it, the value, and a Copy button.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

interface Props {
  value: string;
  /** The Copy button's text, e.g. "Copy key". */
  copyLabel: string;
  /** The box's data-testid; the value's is the same with "-value" added. */
  testId: string;
  /** What the secret is and that it is not shown again. */
  children: ComponentChildren;
}

export function OneTimeSecret({ value, copyLabel, testId, children }: Props) {
  return (
    <div class="invite-link" role="status" data-testid={testId}>
      <p>{children}</p>
      <code class="secret" data-testid={`${testId}-value`}>{value}</code>
      <CopySecret value={value} label={copyLabel} />
    </div>
  );
}

/** Copies the secret; where the clipboard is refused, says how to copy it by hand. */
function CopySecret({ value, label }: { value: string; label: string }) {
  const [status, setStatus] = useState('');
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setStatus('Copied');
    } catch {
      setStatus('Select the text above and press Ctrl+C');
    }
  }
  return (
    <div class="copy-link">
      <button type="button" class="btn btn-small" onClick={() => void copy()}>{label}</button>
      <span class="copy-status" role="status">{status}</span>
    </div>
  );
}
