// A value to paste elsewhere (a webhook URL), shown in full with a Copy button; where the clipboard is refused, the
// value is selected for Ctrl+C.
import { useRef, useState } from 'preact/hooks';

interface Props {
  value: string;
  /** The button's accessible name, e.g. "Copy the Stripe webhook URL". */
  label: string;
  testId: string;
}

export function CopyText({ value, label, testId }: Props) {
  const text = useRef<HTMLElement>(null);
  const [status, setStatus] = useState('');

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setStatus('Copied');
    } catch {
      const selection = window.getSelection();
      if (text.current && selection) {
        const range = document.createRange();
        range.selectNodeContents(text.current);
        selection.removeAllRanges();
        selection.addRange(range);
      }
      setStatus('Press Ctrl+C to copy');
    }
    window.setTimeout(() => setStatus(''), 2500);
  }

  return (
    <div class="copy-text">
      <code ref={text} class="secret" data-testid={testId}>{value}</code>
      <div class="copy-link">
        <button type="button" class="btn btn-small" onClick={() => void copy()} aria-label={label}>Copy</button>
        <span class="copy-status" role="status">{status}</span>
      </div>
    </div>
  );
}
