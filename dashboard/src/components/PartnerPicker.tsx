// The console's choice of one partner: a search-as-you-type combobox (the WAI-ARIA combobox pattern, list
// autocomplete) that asks the API for ten partners at a time, A to Z, since a program may have tens of thousands. The
// choice is sent in a hidden input, as a <select>'s would be, so the forms around it read it the same way.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { ConsolePartner } from '../../../shared/schemas/partners';
import { portalApi } from '../portal-api';
import { t } from '../i18n';

/** A partner as the picker lists and answers it. */
export type PickedPartner = Pick<ConsolePartner, 'id' | 'displayId' | 'name'>;

const SHOWN = 10;
// Each search is a request: it waits for a pause in the typing.
const PAUSE_MS = 200;

interface Props {
  programId: string;
  /** The visible label. */
  label: string;
  /** What no choice means ("Any partner"), where no choice is allowed; shown in the empty field. */
  emptyLabel?: string;
  /** The hidden input's name: the form field the choice is sent as. */
  name?: string;
  /** A choice is needed to send the form. */
  required?: boolean;
  /** The statuses a partner may be chosen in, as the partner list filters them (e.g. partner,affiliate); without it, every partner the account may see. */
  statuses?: string;
  /** Told the new choice, null when it is cleared. */
  onChange?: (partner: PickedPartner | null) => void;
}

const shown = (p: PickedPartner) => `${p.name} (${p.displayId})`;

/**
 * A labelled field that lists up to ten partners matching what is typed (the first ten A to Z before anything is),
 * worked by arrow keys, Enter, Escape and the mouse; the chosen partner's id is sent as `name` (partnerId).
 */
export function PartnerPicker({ programId, label, emptyLabel, name = 'partnerId', required, statuses, onChange }: Props) {
  const id = useId();
  const [chosen, setChosen] = useState<PickedPartner | null>(null);
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [found, setFound] = useState<PickedPartner[] | null>(null); // null: no answer yet
  const [failed, setFailed] = useState('');
  const [active, setActive] = useState(-1);
  const input = useRef<HTMLInputElement>(null);
  const latest = useRef(0);
  const selectedOnFocus = useRef(false);

  // Only the latest search may write its answer: an older one can answer after a newer one.
  useEffect(() => {
    const ticket = ++latest.current;
    if (!open) return;
    const timer = setTimeout(async () => {
      try {
        const page = await portalApi.consolePartners(programId, { q: query, sort: 'name', limit: SHOWN, status: statuses });
        if (ticket !== latest.current) return;
        setFound(page.items);
        setFailed('');
        setActive(-1);
      } catch (e) {
        if (ticket === latest.current) setFailed(e instanceof Error ? e.message : String(e));
      }
    }, PAUSE_MS);
    return () => clearTimeout(timer);
  }, [open, query, programId, statuses]);

  // A form's reset clears the choice, as it resets a <select>.
  useEffect(() => {
    const form = input.current?.form;
    if (!form) return;
    const reset = () => {
      setChosen(null);
      setText('');
      setOpen(false);
    };
    form.addEventListener('reset', reset);
    return () => form.removeEventListener('reset', reset);
  }, []);

  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-option-${i}`;
  const options = found ?? [];
  const expanded = open && options.length > 0;

  useEffect(() => {
    if (active >= 0) document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  function choose(partner: PickedPartner | null) {
    setChosen(partner);
    setText(partner ? shown(partner) : '');
    setOpen(false);
    if (partner?.id !== chosen?.id) onChange?.(partner);
  }

  /** Opens the list on what is typed, or on the first partners when the field shows the choice. */
  function show() {
    setQuery(chosen && text === shown(chosen) ? '' : text.trim());
    setOpen(true);
  }

  function keyDown(e: KeyboardEvent) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) return show();
      const n = options.length;
      if (n) setActive((i) => (e.key === 'ArrowDown' ? (i + 1) % n : i <= 0 ? n - 1 : i - 1));
    } else if (e.key === 'Enter' && open) {
      e.preventDefault(); // a half-typed name does not send the form
      if (options[active]) choose(options[active]);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      setOpen(false);
      setText(chosen ? shown(chosen) : '');
    }
  }

  // Left with an empty field, the choice is cleared; with a half-typed name, it stays as it was.
  function blur() {
    if (!text.trim()) choose(null);
    else {
      setOpen(false);
      setText(chosen ? shown(chosen) : '');
    }
  }

  const inputId = `${id}-input`;
  const status = !open ? '' : failed ? t('picker.failed', { error: failed }) : found === null ? t('picker.searching') : options.length ? t('partners.count', { count: options.length }) : t('picker.noMatch');

  return (
    <div class="field picker">
      <label for={inputId}>{label}</label>
      <div class="picker-box">
        <input
          ref={input} id={inputId} type="text" role="combobox" autocomplete="off" spellcheck={false}
          aria-autocomplete="list" aria-expanded={expanded} aria-controls={listId} aria-required={required}
          aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
          placeholder={emptyLabel ?? t('partners.searchPlaceholder')} value={text}
          onInput={(e) => { setText(e.currentTarget.value); setQuery(e.currentTarget.value.trim()); setOpen(true); }}
          onKeyDown={keyDown} onBlur={blur} onClick={() => !open && show()}
          // The whole name is selected on focus, so typing replaces it; the click that focused must not undo that.
          onFocus={(e) => { e.currentTarget.select(); selectedOnFocus.current = true; }}
          onMouseUp={(e) => { if (selectedOnFocus.current) e.preventDefault(); selectedOnFocus.current = false; }}
        />
        {chosen && (
          <button type="button" class="picker-clear" aria-label={t('picker.clear', { name: chosen.name })} title={t('picker.clear', { name: chosen.name })}
            onClick={() => { choose(null); input.current?.focus(); }}>
            <span aria-hidden="true">×</span>
          </button>
        )}
        {/* Pressing in the list keeps the focus in the field, where the keyboard works the list. */}
        <ul role="listbox" id={listId} aria-label={label} class="picker-list" hidden={!expanded} onMouseDown={(e) => e.preventDefault()}>
          {options.map((p, i) => (
            <li key={p.id} id={optionId(i)} role="option" aria-selected={i === active} class={p.id === chosen?.id ? 'chosen' : undefined}
              onClick={() => choose(p)} onMouseMove={() => active !== i && setActive(i)}>
              <span class="picker-name">{p.name}</span> <span class="picker-id">{p.displayId}</span>
            </li>
          ))}
        </ul>
        {/* Said by the live region below; shown here, where the list would be. */}
        {open && !expanded && (failed || found !== null) && <p class="picker-list picker-note" aria-hidden="true">{status}</p>}
      </div>
      <span class="visually-hidden" aria-live="polite">{status}</span>
      <input type="hidden" name={name} value={chosen?.id ?? ''} />
    </div>
  );
}
