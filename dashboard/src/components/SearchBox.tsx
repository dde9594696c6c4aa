// The search box above a paged list: a labelled field with its hint, which searches once people stop typing.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';

interface Props {
  placeholder: string;
  /** What the search matches, under the field. */
  hint: string;
  /** The hint's id, unique on the page. */
  hintId: string;
  /** Told the trimmed text a moment after the last keystroke (each search is a request), to list from the first page. */
  onSearch: (search: string) => void;
}

export function SearchBox({ placeholder, hint, hintId, onSearch }: Props) {
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => onSearch(q.trim()), 250);
    return () => clearTimeout(timer);
  }, [q]);
  return (
    <label class="field search">
      <span>{t('search.label')}</span>
      <input type="search" name="q" value={q} onInput={(e) => setQ(e.currentTarget.value)} placeholder={placeholder} aria-describedby={hintId} />
      <small id={hintId}>{hint}</small>
    </label>
  );
}
