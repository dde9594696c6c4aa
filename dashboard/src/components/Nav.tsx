// The menu of the current partner's or program's pages: one row, which scrolls sideways within itself on a phone.
import { useEffect, useRef } from 'preact/hooks';
import { Link, pageHref } from '../router';
import type { PageRoute } from '../routes';
import { t } from '../i18n';

export function Nav({ kind, id, routes, current }: { kind: 'partner' | 'program'; id: string; routes: PageRoute[]; current: string }) {
  const list = useRef<HTMLUListElement>(null);
  // On a phone the current page's link may lie beyond the row's edge: it is scrolled into sight, so people see where they are.
  useEffect(() => {
    list.current?.querySelector('[aria-current=page]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [current]);
  return (
    <nav class="nav" aria-label={t(kind === 'partner' ? 'nav.partnerPages' : 'nav.consolePages')}>
      <ul ref={list}>
        {routes.map((r) => (
          <li key={r.path}>
            <Link href={pageHref(kind, id, r.path)} aria-current={r.path === current ? 'page' : undefined}>{r.label}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
