// Shows a resource's loading or error state, or its content once loaded.
import type { ComponentChildren } from 'preact';
import type { Resource } from '../useResource';

interface Props<T> {
  resource: Resource<T>;
  what: string;
  children: (data: T) => ComponentChildren;
}

export function Loadable<T>({ resource, what, children }: Props<T>) {
  const { data, error, reload } = resource;
  if (error && data === undefined) {
    return (
      <div class="notice notice-error" role="alert">
        <span>Could not load {what}: {error}</span>
        <button type="button" class="btn btn-small" onClick={() => void reload()}>Try again</button>
      </div>
    );
  }
  if (data === undefined) return <p class="muted" aria-busy="true">Loading {what}…</p>;
  return <>{children(data)}</>;
}
