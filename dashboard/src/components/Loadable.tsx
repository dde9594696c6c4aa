// Shows a resource's loading or error state, or its content once loaded.
import type { ComponentChildren } from 'preact';
import type { Resource } from '../useResource';
import { t } from '../i18n';

interface Props<T> {
  resource: Resource<T>;
  /** What is loading, as it reads in "Loading {what}…" (already in the reader's language). */
  what: string;
  children: (data: T) => ComponentChildren;
}

export function Loadable<T>({ resource, what, children }: Props<T>) {
  const { data, error, reload } = resource;
  if (error && data === undefined) {
    return (
      <div class="notice notice-error" role="alert">
        <span>{t('load.failed', { what, error })}</span>
        <button type="button" class="btn btn-small" onClick={() => void reload()}>{t('load.retry')}</button>
      </div>
    );
  }
  if (data === undefined) return <p class="muted" aria-busy="true">{t('load.loading', { what })}</p>;
  return <>{children(data)}</>;
}
