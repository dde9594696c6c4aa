// Copying a value to the clipboard from a Copy button; where the clipboard is refused (an insecure origin, a denied
// permission), the element showing the value is selected instead, for Ctrl+C. The status says which, for 2.5 s.
import { useRef, useState } from 'preact/hooks';
import { t } from './i18n';

export function useCopy<E extends HTMLElement>(value: string) {
  const shown = useRef<E>(null);
  const [status, setStatus] = useState('');

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setStatus(t('copy.copied'));
    } catch {
      const selection = window.getSelection();
      if (shown.current && selection) {
        const range = document.createRange();
        range.selectNodeContents(shown.current);
        selection.removeAllRanges();
        selection.addRange(range);
      }
      setStatus(t('copy.pressCtrlC'));
    }
    window.setTimeout(() => setStatus(''), 2500);
  }

  return { shown, status, copy };
}
