// An invitation link with a Copy button; where the clipboard is refused, the link is selected for Ctrl+C.
import { useCopy } from '../useCopy';
import { t } from '../i18n';

export function CopyLink({ link, code }: { link: string; code: string }) {
  const { shown, status, copy } = useCopy<HTMLAnchorElement>(link);

  return (
    <div class="copy-link">
      <a ref={shown} href={link} class="link-text" target="_blank" rel="noopener">{link}</a>
      <button type="button" class="btn btn-small" onClick={copy} aria-label={t('copy.linkFor', { what: code })}>{t('copy.copy')}</button>
      <span class="copy-status" role="status">{status}</span>
    </div>
  );
}
