// The billing events received, newest first: when, which event, what became of it and why, how often it was delivered;
// a status filter, "Load more" pages, and a replay of a refused, ignored or waiting event after what stopped it was fixed.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { BillingEvent } from '../../../shared/schemas/integrations';
import { portalApi, type BillingEventStatus } from '../portal-api';
import { useApiSubmit } from '../useApiSubmit';
import { dateTime, wordInSentence, words } from '../display';
import { DataTable } from './DataTable';
import { t, type MessageKey } from '../i18n';

const PAGE_SIZE = 25;
const STATUSES: [BillingEventStatus, MessageKey][] = [
  ['applied', 'events.applied'],
  ['waiting', 'events.waiting'],
  ['refused', 'events.refused'],
  ['ignored', 'events.ignored'],
  ['received', 'events.received'],
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
    setStatus(t('events.refreshed'));
  }

  const replay = (e: BillingEvent) => replaying.run(async () => {
    setStatus('');
    const now = await portalApi.replayBillingEvent(programId, e.id);
    setLog((l) => l && { ...l, events: l.events.map((x) => (x.id === now.id ? now : x)) });
    setStatus(t(now.reason ? 'events.replayedReason' : 'events.replayed', { type: e.type, status: wordInSentence(now.status), reason: now.reason ?? '' }));
  });

  return (
    <section aria-labelledby="billing-events-title" class="panel" data-testid="billing-events-log">
      <div class="toolbar">
        <h2 id="billing-events-title">{t('events.title')}</h2>
        <div class="toolbar-actions">
          <label class="field">
            <span>{t('common.status')}</span>
            <select name="status" value={filter} onChange={(e) => setFilter(e.currentTarget.value as BillingEventStatus | '')}>
              <option value="">{t('events.all')}</option>
              {STATUSES.map(([s]) => <option key={s} value={s}>{words(s)}</option>)}
            </select>
          </label>
          <button type="button" class="btn btn-small" onClick={() => void refresh()} aria-busy={loading}>{t('log.refresh')}</button>
        </div>
      </div>
      <p class="muted">{t('events.intro')}</p>
      <details class="status-legend">
        <summary class="disclosure-summary">{t('events.legend')}</summary>
        <dl>
          {STATUSES.map(([s, meaning]) => (
            <div key={s}><dt><span class={`badge badge-billing-${s}`}>{words(s)}</span></dt><dd>{t(meaning)}</dd></div>
          ))}
        </dl>
      </details>
      <p class="form-error" role="alert">{replaying.error || (log && loadError ? t('events.loadFailed', { error: loadError }) : '')}</p>
      <p class="form-success" role="status">{status}</p>
      {!log && loadError && (
        <div class="notice notice-error" role="alert">
          <span>{t('events.loadFailedFirst', { error: loadError })}</span>
          <button type="button" class="btn btn-small" onClick={() => void load()}>{t('load.retry')}</button>
        </div>
      )}
      {!log && !loadError && <p class="muted" aria-busy="true">{t('events.loading')}</p>}
      {log && log.events.length === 0 && (
        <p class="muted" data-testid="billing-events-empty">
          {filter ? t('events.noneOf', { status: wordInSentence(filter) }) : t('events.none')}
        </p>
      )}
      {log && log.events.length > 0 && <EventsTable events={log.events} busy={loading} onReplay={(e) => void replay(e)} />}
      {log?.more && (
        <div class="pager">
          <button type="button" class="btn" onClick={() => void load(log)} aria-busy={loading}>{t('events.more')}</button>
        </div>
      )}
    </section>
  );
}

function EventsTable({ events, busy, onReplay }: { events: BillingEvent[]; busy: boolean; onReplay: (e: BillingEvent) => void }) {
  return (
    <DataTable label={t('events.title')} testId="billing-events" busy={busy}>
      <thead>
        <tr>
          <th scope="col">{t('events.received_')}</th>
          <th scope="col">{t('log.event')}</th>
          <th scope="col">{t('common.status')}</th>
          <th scope="col">{t('events.whatHappened')}</th>
          <th scope="col" class="num">{t('events.deliveries')}</th>
          <th scope="col"><span class="visually-hidden">{t('common.actions')}</span></th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.id} data-event={e.eventId}>
            <td class="nowrap" data-col="received">{dateTime(e.receivedAt)}</td>
            <th scope="row">
              <span class="event-type">{e.type}</span>
              {!e.livemode && <span class="badge">{t('mode.test')}</span>}
              <span class="status-reason code">{e.eventId}</span>
            </th>
            <td data-col="status">
              <span class={`badge badge-billing-${e.status}`}>{words(e.status)}</span>
              {e.status === 'waiting' && e.nextAttemptAt && <span class="status-reason nowrap">{t('events.nextTry', { date: dateTime(e.nextAttemptAt) })}</span>}
            </td>
            <td class="billing-reason" data-col="reason">{e.reason ?? '—'}</td>
            <td class="num" data-col="deliveries" title={e.deliveries > 1 ? t('events.duplicatesTitle') : undefined}>
              {e.deliveries === 1 ? t('events.once') : t('events.times', { count: e.deliveries })}
              {e.deliveries > 1 && <span class="status-reason">{t('events.duplicates')}</span>}
            </td>
            <td>
              {e.replayable && <button type="button" class="btn btn-small" onClick={() => onReplay(e)} aria-label={t('log.replayLabel', { type: e.type, id: e.eventId })}>{t('log.replay')}</button>}
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
