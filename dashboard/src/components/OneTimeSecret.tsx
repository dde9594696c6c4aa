// A secret shown this once (a new API key, a webhook signing secret): what to do with it, the value, and a Copy button.
import type { ComponentChildren } from 'preact';
import { useCopy } from '../useCopy';

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
  const { shown, status, copy } = useCopy<HTMLElement>(value);
  return (
    <div class="invite-link" role="status" data-testid={testId}>
      <p>{children}</p>
      <code ref={shown} class="secret" data-testid={`${testId}-value`}>{value}</code>
      <div class="copy-link">
        <button type="button" class="btn btn-small" onClick={() => void copy()}>{copyLabel}</button>
        <span class="copy-status" role="status">{status}</span>
      </div>
    </div>
  );
}
