// Client-side routing under /dashboard/: the path in the address bar, links that do not reload, and pages loaded lazily.
import type { ComponentChildren, ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from './i18n';

export const BASE = '/dashboard';

/** The address of one of a partner's or a program's pages: /dashboard/partner/<id>/<page>. */
export const pageHref = (kind: 'partner' | 'program', id: string, page: string) => `${BASE}/${kind}/${encodeURIComponent(id)}/${page}`;
const CHANGE = 'edgeref:navigate';

export function navigate(path: string, replace = false): void {
  if (path === location.pathname + location.search) return;
  history[replace ? 'replaceState' : 'pushState'](null, '', path);
  dispatchEvent(new Event(CHANGE));
}

/** The current path and query, re-rendering on navigation and on the browser's back and forward. */
export function usePath(): string {
  const [path, setPath] = useState(location.pathname + location.search);
  useEffect(() => {
    const update = () => setPath(location.pathname + location.search);
    addEventListener('popstate', update);
    addEventListener(CHANGE, update);
    return () => {
      removeEventListener('popstate', update);
      removeEventListener(CHANGE, update);
    };
  }, []);
  return path;
}

/** An ordinary link (it opens in a new tab, copies, and works with the keyboard) that navigates in place when clicked. */
export function Link(props: JSX.HTMLAttributes<HTMLAnchorElement> & { href: string; children: ComponentChildren }) {
  function click(e: MouseEvent) {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    focusNextPage = true;
    navigate(props.href);
  }
  return <a {...props} onClick={click} />;
}

// Set by a link click: once the new page has rendered, its heading gets focus, so a screen reader announces it
// and Tab starts from the top of it. (Not on the first load, where the browser's own focus is right.)
let focusNextPage = false;

function FocusHeading() {
  useEffect(() => {
    if (!focusNextPage) return;
    focusNextPage = false;
    document.querySelector<HTMLElement>('main h2, main h1')?.focus();
  }, []);
  return null;
}

type PageModule<P> = { default: ComponentType<P> };
const loaded = new Map<() => Promise<unknown>, ComponentType<any>>();

/** Renders the default export of a lazily imported module, loading it the first time only. */
export function Lazy<P extends object>({ load, props }: { load: () => Promise<PageModule<P>>; props: P }) {
  const [Page, setPage] = useState<ComponentType<P> | undefined>(() => loaded.get(load));
  const [error, setError] = useState<string>();
  useEffect(() => {
    const cached = loaded.get(load);
    if (cached) {
      setPage(() => cached);
      return;
    }
    let live = true;
    setPage(undefined);
    load().then(
      (m) => {
        loaded.set(load, m.default);
        if (live) setPage(() => m.default);
      },
      (e) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [load]);
  if (error) return <main class="page" id="main"><p class="notice notice-error" role="alert">{t('app.pageFailed', { error })}</p></main>;
  if (!Page) return <main class="page" id="main"><p class="muted" aria-busy="true">{t('common.loading')}</p></main>;
  return (
    <>
      <Page {...props} />
      <FocusHeading />
    </>
  );
}
