// Previous and next through the pages of a list, with where the reader is.
import { t } from '../i18n';

export function Pager({ page, pages, label, onPage }: { page: number; pages: number; label: string; onPage: (page: number) => void }) {
  return (
    <nav class="pager" aria-label={label}>
      <button type="button" class="btn btn-small" disabled={page <= 1} onClick={() => onPage(page - 1)}>{t('pager.previous')}</button>
      <span>{t('pager.position', { page, pages })}</span>
      <button type="button" class="btn btn-small" disabled={page >= pages} onClick={() => onPage(page + 1)}>{t('pager.next')}</button>
    </nav>
  );
}
