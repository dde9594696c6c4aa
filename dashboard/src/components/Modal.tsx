// A native modal <dialog>: traps focus, closes on Escape, and focuses its first autofocus field when shown.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/** wide: for a dialog with tables and several forms. */
export function Modal({ open, title, onClose, children, testId, wide }: { open: boolean; title: string; onClose: () => void; children: ComponentChildren; testId?: string; wide?: boolean }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current!;
    if (open && !d.open) d.showModal();
    else if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={dialog} class={wide ? 'modal modal-wide' : 'modal'} aria-label={title} onClose={onClose} data-testid={testId}>
      {open && children}
    </dialog>
  );
}
