// The effectiveness table: one row per invitation, member or campaign, and the totals; a row opens onto its days.
import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Stats } from '../../../shared/schemas/invitations';
import { amount, count, day, percent } from '../display';
import { DataTable } from './DataTable';
import { Loadable } from './Loadable';
import { useResource } from '../useResource';
import { t, type MessageKey } from '../i18n';

type Group = Stats['groups'][number];
type Days = NonNullable<Group['days']>;
type Counts = Stats['totals'];

const GROUP_HEADINGS: Record<Stats['by'], MessageKey> = { invitation: 'stats.byInvitation', member: 'stats.byMember', campaign: 'stats.byCampaign' };
const GROUP_CAPTIONS: Record<Stats['by'], MessageKey> = { invitation: 'stats.captionInvitation', member: 'stats.captionMember', campaign: 'stats.captionCampaign' };

function CountCells({ counts: c }: { counts: Counts }) {
  return (
    <>
      <td class="num" data-col="clicks">{count(c.clicks)}</td>
      <td class="num" data-col="scans">{count(c.scans)}</td>
      <td class="num" data-col="signups">{count(c.signups)}</td>
      <td class="num" data-col="conversion">{percent(c.conversionRate)}</td>
      <td class="num" data-col="credits">{amount(c.credits)}</td>
      <td class="num" data-col="commission">{amount(c.commission)}</td>
    </>
  );
}

function DayTable({ group, days }: { group: Group; days: Days }) {
  return (
    <table class="table table-days">
      <caption class="visually-hidden">{t('stats.daysOf', { name: group.label })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('stats.day')}</th>
          <th scope="col" class="num">{t('stats.uniqueClicks')}</th>
          <th scope="col" class="num">{t('stats.scans')}</th>
          <th scope="col" class="num">{t('stats.signups')}</th>
          <th scope="col" class="num">{t('stats.credits')}</th>
          <th scope="col" class="num">{t('stats.commission')}</th>
        </tr>
      </thead>
      <tbody>
        {days.map((d) => (
          <tr key={d.day} data-day={d.day}>
            <th scope="row" class="nowrap"><time dateTime={d.day}>{day(d.day)}</time></th>
            <td class="num" data-col="clicks">{count(d.clicks)}</td>
            <td class="num" data-col="scans">{count(d.scans)}</td>
            <td class="num" data-col="signups">{count(d.signups)}</td>
            <td class="num" data-col="credits">{amount(d.credits)}</td>
            <td class="num" data-col="commission">{amount(d.commission)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * A row's days, asked for when the row first opens, each row on its own: the totals come without them, since a year
 * of a partner's invitations is thousands of days that most visits never open. Read again, in place, whenever the
 * totals are (an invitation changed), so an open row's days add up to its totals.
 */
function GroupDays({ group, stats, load }: { group: Group; stats: Stats; load: (key: string | null) => Promise<Stats> }) {
  const days = useResource(async () => (await load(group.key)).groups.find((g) => g.key === group.key)?.days ?? [], `${stats.by}:${group.key ?? ''}`);
  const readFor = useRef(stats);
  useEffect(() => {
    if (readFor.current === stats) return;
    readFor.current = stats;
    void days.reload();
  }, [stats]);
  return <Loadable resource={days} what={t('what.days')}>{(d) => <DayTable group={group} days={d} />}</Loadable>;
}

/** `loadDays` answers the same stats with the days of the group of that key. */
export function EffectivenessTable({ stats, busy, loadDays }: { stats: Stats; busy: boolean; loadDays: (key: string | null) => Promise<Stats> }) {
  // Which groups show their days; keyed by grouping too, since a member id and a campaign could share a key.
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  // The rows whose days were read for these totals: a closed row keeps them, to open again without asking. Once the
  // totals are read again only the open rows keep theirs, read again too, so no row shows days older than its totals.
  const [read, setRead] = useState<{ stats: Stats; rows: ReadonlySet<string> }>({ stats, rows: new Set() });
  const kept = read.stats === stats ? read.rows : open;
  const range = stats.from === stats.to ? day(stats.from) : `${day(stats.from)} – ${day(stats.to)}`;
  if (stats.groups.length === 0) return <p class="muted">{t('stats.nothing', { range })}</p>;

  function toggle(id: string) {
    const next = new Set(open);
    if (!next.delete(id)) next.add(id);
    setOpen(next);
    setRead({ stats, rows: new Set([...kept, id]) });
  }

  return (
    <DataTable label={t('stats.effectiveness')} testId="effectiveness-table" busy={busy}>
      <caption class="table-caption">{t(GROUP_CAPTIONS[stats.by], { range })}</caption>
      <thead>
        <tr>
          <th scope="col">{t(GROUP_HEADINGS[stats.by])}</th>
          <th scope="col" class="num">{t('stats.uniqueClicks')}</th>
          <th scope="col" class="num">{t('stats.scans')}</th>
          <th scope="col" class="num">{t('stats.signups')}</th>
          <th scope="col" class="num">{t('stats.conversion')}</th>
          <th scope="col" class="num">{t('stats.credits')}</th>
          <th scope="col" class="num">{t('stats.commission')}</th>
        </tr>
      </thead>
      <tbody>
        {stats.groups.map((g, n) => {
          const id = `${stats.by}:${g.key ?? ''}`;
          const shown = open.has(id);
          return (
            <Fragment key={id}>
              <tr data-group={g.label}>
                <th scope="row">
                  <button type="button" class="disclosure" aria-expanded={shown} aria-controls={`stats-days-${n}`} onClick={() => toggle(id)}>
                    {g.label}
                  </button>
                </th>
                <CountCells counts={g.totals} />
              </tr>
              <tr class="days-row" id={`stats-days-${n}`} hidden={!shown}>
                <td colSpan={7}>{kept.has(id) && <GroupDays group={g} stats={stats} load={loadDays} />}</td>
              </tr>
            </Fragment>
          );
        })}
      </tbody>
      <tfoot>
        <tr data-testid="effectiveness-totals">
          <th scope="row">{t('stats.total')}</th>
          <CountCells counts={stats.totals} />
        </tr>
      </tfoot>
    </DataTable>
  );
}
