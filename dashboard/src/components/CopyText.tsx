// A value to paste elsewhere (a webhook URL), shown in full with a Copy button; where the clipboard is refused, the
// value is selected for Ctrl+C.
import { useCopy } from '../useCopy';
import { t } from '../i18n';

interface Props {
  value: string;
  /** The button's accessible name, e.g. "Copy the Stripe webhook URL". */
  label: string;
  testId: string;
}

export function CopyText({ value, label, testId }: Props) {
  const { shown, status, copy } = useCopy<HTMLElement>(value);

  return (
    <div class="copy-text">
      <code ref={shown} class="secret" data-testid={testId}>{value}</code>
      <div class="copy-link">
        <button type="button" class="btn btn-small" onClick={() => void copy()} aria-label={label}>{t('copy.copy')}</button>
        <span class="copy-status" role="status">{status}</span>
      </div>
    </div>
  );
}
