// A table in its own scrolling region: wide tables scroll sideways on a phone, and the region is named and focusable so keyboard users can scroll it.
import type { ComponentChildren } from 'preact';

interface Props {
  /** The region's accessible name. */
  label: string;
  /** The table's data-testid, by which end-to-end tests find it. */
  testId?: string;
  /** While the rows are being replaced: dims them and tells assistive technology. */
  busy?: boolean;
  /** The smaller type and padding of a table of days. */
  compact?: boolean;
  /** The caption, thead, tbody and tfoot. */
  children: ComponentChildren;
}

export function DataTable({ label, testId, busy, compact, children }: Props) {
  return (
    <div class="table-scroll" role="region" aria-label={label} tabIndex={0}>
      <table class={compact ? 'table table-days' : 'table'} data-testid={testId} aria-busy={busy}>
        {children}
      </table>
    </div>
  );
}
