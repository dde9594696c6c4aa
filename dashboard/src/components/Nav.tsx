// The menu of the current partner's or program's pages.
import { BASE, Link } from '../router';
import type { PageRoute } from '../routes';

export function Nav({ kind, id, routes, current }: { kind: 'partner' | 'program'; id: string; routes: PageRoute[]; current: string }) {
  return (
    <nav class="nav" aria-label={kind === 'partner' ? 'Partner pages' : 'Program console pages'}>
      <ul>
        {routes.map((r) => (
          <li key={r.path}>
            <Link href={`${BASE}/${kind}/${encodeURIComponent(id)}/${r.path}`} aria-current={r.path === current ? 'page' : undefined}>{r.label}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
