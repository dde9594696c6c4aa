// Clicks, scans and signups per day over the last 30 days, as a uPlot line chart with a table for screen readers.
import { useEffect } from 'preact/hooks';
import type { Stats } from '../../../shared/schemas/invitations';
import { api } from '../api';
import { useResource } from '../useResource';
import { count, day } from '../display';
import { t } from '../i18n';
import { Loadable } from './Loadable';
import { lastThirtyDays } from './StatsFilters';
import { DataTable } from './DataTable';
import { LineChart, type Line } from './LineChart';

interface Series {
  days: string[];
  clicks: number[];
  scans: number[];
  signups: number[];
}

/** The API's days over every day of the range: it leaves out the days nothing happened, and a quiet day is a zero, not a gap. */
function perDay(stats: Stats): Series {
  const byDay = new Map<string, { clicks: number; scans: number; signups: number }>();
  for (let t = Date.parse(`${stats.from}T00:00:00Z`); t <= Date.parse(`${stats.to}T00:00:00Z`); t += 86_400_000) {
    byDay.set(new Date(t).toISOString().slice(0, 10), { clicks: 0, scans: 0, signups: 0 });
  }
  for (const d of stats.days) {
    if (byDay.has(d.day)) byDay.set(d.day, { clicks: d.clicks, scans: d.scans, signups: d.signups });
  }
  const days = [...byDay.keys()];
  return { days, clicks: days.map((d) => byDay.get(d)!.clicks), scans: days.map((d) => byDay.get(d)!.scans), signups: days.map((d) => byDay.get(d)!.signups) };
}

function Chart({ series }: { series: Series }) {
  const lines: Line[] = [
    { label: t('stats.clicks'), colour: '--chart-clicks', values: series.clicks },
    { label: t('stats.scans'), colour: '--chart-scans', values: series.scans, dashed: true },
    { label: t('stats.signups'), colour: '--chart-signups', values: series.signups },
  ];
  return <LineChart days={series.days} lines={lines} />;
}

export function ActivityChart({ partnerId, changes }: { partnerId: string; changes: number }) {
  const stats = useResource(() => api.stats(partnerId, { ...lastThirtyDays(), by: 'invitation' }), partnerId);
  useEffect(() => {
    if (changes > 0) void stats.reload();
  }, [changes]);
  return (
    <section aria-labelledby="activity-title" class="panel" data-testid="activity-chart">
      <h2 id="activity-title">{t('chart.title')}</h2>
      <Loadable resource={stats} what={t('what.chart')}>
        {(s) => {
          const series = perDay(s);
          return (
            <>
              <Chart series={series} />
              <details class="chart-data">
                <summary>{t('chart.numbers')}</summary>
                <DataTable label={t('chart.tableLabel')} compact>
                  <thead><tr><th scope="col">{t('stats.day')}</th><th scope="col" class="num">{t('stats.clicks')}</th><th scope="col" class="num">{t('stats.scans')}</th><th scope="col" class="num">{t('stats.signups')}</th></tr></thead>
                  <tbody>
                    {series.days.map((d, i) => (
                      <tr key={d}><th scope="row">{day(d)}</th><td class="num">{count(series.clicks[i])}</td><td class="num">{count(series.scans[i])}</td><td class="num">{count(series.signups[i])}</td></tr>
                    ))}
                  </tbody>
                </DataTable>
              </details>
            </>
          );
        }}
      </Loadable>
    </section>
  );
}
