// An invitation link with a Copy button; where the clipboard is refused, the link is selected for Ctrl+C.
import { useRef, useState } from 'preact/hooks';

export function CopyLink({ link, code }: { link: string; code: string }) {
  const anchor = useRef<HTMLAnchorElement>(null);
  const [status, setStatus] = useState('');

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setStatus('Copied');
    } catch {
      // No clipboard access (insecure origin, denied permission): select the text so the user can copy it.
      const selection = window.getSelection();
      if (anchor.current && selection) {
        const range = document.createRange();
        range.selectNodeContents(anchor.current);
        selection.removeAllRanges();
        selection.addRange(range);
      }
      setStatus('Press Ctrl+C to copy');
    }
    window.setTimeout(() => setStatus(''), 2500);
  }

  return (
    <div class="copy-link">
      <a ref={anchor} href={link} class="link-text" target="_blank" rel="noopener">{link}</a>
      <button type="button" class="btn btn-small" onClick={copy} aria-label={`Copy link for ${code}`}>Copy</button>
      <span class="copy-status" role="status">{status}</span>
    </div>
  );
}
