// The billing events received, newest first: when, which event, what became of it and why, how often it was delivered;
// a status filter, "Load more" pages, and a replay of a refused, ignored or waiting event after what stopped it was fixed.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { BillingEvent } from '../../../shared/schemas/integrations';
import { portalApi, type BillingEventStatus } from '../portal-api';
import { useApiSubmit } from '../useApiSubmit';
import { count, dateTime, words } from '../display';
import { DataTable } from './DataTable';

const PAGE_SIZE = 25;
const STATUSES: [BillingEventStatus, string][] = [
  ['applied', 'Applied: it moved money or linked a customer'],
  ['waiting', 'Waiting: it needs another event first'],
  ['refused', 'Refused: it could not be applied'],
  ['ignored', 'Ignored: it concerns no referred customer'],
  ['received', 'Received: being applied now'],
];

interface Log {
  events: BillingEvent[];
  more: boolean;
}

export function BillingEventLog({ programId }: { programId: string }) {
  const [filter, setFilter] = useState<BillingEventStatus | ''>('');
  const [log, setLog] = useState<Log>();
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState('');
  const [status, setStatus] = useState('');
  const replaying = useApiSubmit();
  // Only the latest request may write: a quick change of filter must not show the page of the one before.
  const latest = useRef(0);

  async function load(from?: Log) {
    const ticket = ++latest.current;
    setLoading(true);
    setLoadError('');
    try {
      const last = from?.events.at(-1);
      const page = await portalApi.billingEvents(programId, { status: filter || undefined, before: last?.id, limit: PAGE_SIZE });
      if (ticket === latest.current) setLog({ events: [...(from?.events ?? []), ...page], more: page.length === PAGE_SIZE });
    } catch (e) {
      if (ticket === latest.current) setLoadError(e instanceof Error ? e.message : String(e));
    } finally {
      if (ticket === latest.current) setLoading(false);
    }
  }

  useEffect(() => {
    setLog(undefined);
    void load();
  }, [programId, filter]);

  async function refresh() {
    setStatus('');
    await load();
    setStatus('Events refreshed.');
  }

  const replay = (e: BillingEvent) => replaying.run(async () => {
    setStatus('');
    const now = await portalApi.replayBillingEvent(programId, e.id);
    setLog((l) => l && { ...l, events: l.events.map((x) => (x.id === now.id ? now : x)) });
    setStatus(`Replayed ${e.type}: ${words(now.status).toLowerCase()}${now.reason ? `. ${now.reason}` : '.'}`);
  });

  return (
    <section aria-labelledby="billing-events-title" class="panel" data-testid="billing-events-log">
      <div class="toolbar">
        <h2 id="billing-events-title">Events received</h2>
        <div class="toolbar-actions">
          <label class="field">
            <span>Status</span>
            <select name="status" value={filter} onChange={(e) => setFilter(e.currentTarget.value as BillingEventStatus | '')}>
              <option value="">All</option>
              {STATUSES.map(([s]) => <option key={s} value={s}>{words(s)}</option>)}
            </select>
          </label>
          <button type="button" class="btn btn-small" onClick={() => void refresh()} aria-busy={loading}>Refresh</button>
        </div>
      </div>
      <p class="muted">
        What edgeref did with each event your billing sent, newest first. When an event was refused (or ignored) because something was missing, fix that
        (a signing secret's mode, the billing mode, a reward rule) and replay it.
      </p>
      <details class="status-legend">
        <summary class="disclosure-summary">What the statuses mean</summary>
        <dl>
          {STATUSES.map(([s, meaning]) => (
            <div key={s}><dt><span class={`badge badge-billing-${s}`}>{words(s)}</span></dt><dd>{meaning.split(': ')[1]}</dd></div>
          ))}
        </dl>
      </details>
      <p class="form-error" role="alert">{replaying.error || (log && loadError ? `Could not load events: ${loadError}` : '')}</p>
      <p class="form-success" role="status">{status}</p>
      {!log && loadError && (
        <div class="notice notice-error" role="alert">
          <span>Could not load the events received: {loadError}</span>
          <button type="button" class="btn btn-small" onClick={() => void load()}>Try again</button>
        </div>
      )}
      {!log && !loadError && <p class="muted" aria-busy="true">Loading the events received…</p>}
      {log && log.events.length === 0 && (
        <p class="muted" data-testid="billing-events-empty">
          {filter ? `No ${filter} events.` : 'No events yet. Once your billing sends its first event, it appears here.'}
        </p>
      )}
      {log && log.events.length > 0 && <EventsTable events={log.events} busy={loading} onReplay={(e) => void replay(e)} />}
      {log?.more && (
        <div class="pager">
          <button type="button" class="btn" onClick={() => void load(log)} aria-busy={loading}>Load more</button>
        </div>
      )}
    </section>
  );
}

function EventsTable({ events, busy, onReplay }: { events: BillingEvent[]; busy: boolean; onReplay: (e: BillingEvent) => void }) {
  return (
    <DataTable label="Events received" testId="billing-events" busy={busy}>
      <thead>
        <tr>
          <th scope="col">Received</th>
          <th scope="col">Event</th>
          <th scope="col">Status</th>
          <th scope="col">What happened</th>
          <th scope="col" class="num">Deliveries</th>
          <th scope="col"><span class="visually-hidden">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.id} data-event={e.eventId}>
            <td class="nowrap" data-col="received">{dateTime(e.receivedAt)}</td>
            <th scope="row">
              <span class="event-type">{e.type}</span>
              {!e.livemode && <span class="badge">Test</span>}
              <span class="status-reason code">{e.eventId}</span>
            </th>
            <td data-col="status">
              <span class={`badge badge-billing-${e.status}`}>{words(e.status)}</span>
              {e.status === 'waiting' && e.nextAttemptAt && <span class="status-reason nowrap">Next try {dateTime(e.nextAttemptAt)}</span>}
            </td>
            <td class="billing-reason" data-col="reason">{e.reason ?? '—'}</td>
            <td class="num" data-col="deliveries" title={e.deliveries > 1 ? 'Every delivery after the first was a duplicate that changed nothing' : undefined}>
              {e.deliveries === 1 ? 'Once' : `${count(e.deliveries)}×`}
              {e.deliveries > 1 && <span class="status-reason">duplicates changed nothing</span>}
            </td>
            <td>
              {e.replayable && <button type="button" class="btn btn-small" onClick={() => onReplay(e)} aria-label={`Replay ${e.type} ${e.eventId}`}>Replay</button>}
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
