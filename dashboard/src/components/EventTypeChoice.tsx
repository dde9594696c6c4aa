// The event types a webhook endpoint receives, as checkboxes named "eventTypes": none checked means every type.
import { EVENT_TYPES, type EventType } from '../../../shared/event-types';
import { t } from '../i18n';

interface Props {
  /** A page-unique id, from which the hint's and the error's ids are made. */
  id: string;
  /** The types checked at first; null: every type, so none is checked. */
  checked: EventType[] | null;
  /** The API's message about this field, shown under it. */
  problem?: string;
}

export function EventTypeChoice({ id, checked, problem }: Props) {
  return (
    <fieldset class="event-types" aria-describedby={`${id}-hint ${id}-error`}>
      <legend>{t('types.legend')}</legend>
      <small class="muted" id={`${id}-hint`}>{t('types.hint')}</small>
      <div class="event-type-list">
        {EVENT_TYPES.map((type) => (
          <label key={type} class="check">
            <input type="checkbox" name="eventTypes" value={type} defaultChecked={checked?.includes(type) ?? false} />
            <span class="event-type">{type}</span>
          </label>
        ))}
      </div>
      <p class="form-error" id={`${id}-error`} role="alert">{problem}</p>
    </fieldset>
  );
}

/** The types checked in a form, or undefined when none is: the API's "every type". */
export function checkedEventTypes(form: FormData): EventType[] | undefined {
  const types = form.getAll('eventTypes').map(String) as EventType[];
  return types.length > 0 ? types : undefined;
}

/** How an endpoint's types read in a list: "All events" for null. */
export const eventTypesText = (types: readonly string[] | null) => (types === null ? t('types.all') : types.join(', '));
