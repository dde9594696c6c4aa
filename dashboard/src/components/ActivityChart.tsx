// Clicks, scans and signups per day over the last 30 days, as a uPlot line chart with a table for screen readers.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Stats } from '../../../shared/schemas/invitations';
import { api } from '../api';
import { useResource } from '../useResource';
import { count, day, shortDay } from '../display';
import { t } from '../i18n';
import { Loadable } from './Loadable';
import { lastThirtyDays } from './StatsFilters';
import { DataTable } from './DataTable';

interface Series {
  days: string[];
  clicks: number[];
  scans: number[];
  signups: number[];
}

/** Sums the groups day by day, over every day of the range: a quiet day is a zero, not a gap. */
function perDay(stats: Stats): Series {
  const byDay = new Map<string, { clicks: number; scans: number; signups: number }>();
  for (let t = Date.parse(`${stats.from}T00:00:00Z`); t <= Date.parse(`${stats.to}T00:00:00Z`); t += 86_400_000) {
    byDay.set(new Date(t).toISOString().slice(0, 10), { clicks: 0, scans: 0, signups: 0 });
  }
  for (const g of stats.groups) {
    for (const d of g.days) {
      const t = byDay.get(d.day);
      if (t) byDay.set(d.day, { clicks: t.clicks + d.clicks, scans: t.scans + d.scans, signups: t.signups + d.signups });
    }
  }
  const days = [...byDay.keys()];
  return { days, clicks: days.map((d) => byDay.get(d)!.clicks), scans: days.map((d) => byDay.get(d)!.scans), signups: days.map((d) => byDay.get(d)!.signups) };
}

/** The chart's colours from the stylesheet's custom properties, which differ in light and dark mode: a canvas cannot read CSS. */
function colours(el: Element) {
  const css = getComputedStyle(el);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return { text: v('--muted'), grid: v('--chart-grid'), clicks: v('--chart-clicks'), scans: v('--chart-scans'), signups: v('--chart-signups') };
}

function Chart({ series }: { series: Series }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current!;
    const width = () => Math.max(280, el.clientWidth);
    const draw = () => {
      const c = colours(el);
      const axis = { stroke: c.text, grid: { stroke: c.grid }, ticks: { stroke: c.grid } };
      return new uPlot(
        {
          width: width(),
          height: 240,
          // Days are UTC days, and read the reader's way ("Jul 3", "3. Juli"), not in uPlot's English.
          tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'),
          scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.1))] } },
          axes: [{ ...axis, values: (_, ticks) => ticks.map((s) => shortDay(s * 1000)) }, { ...axis, values: (_, ticks) => ticks.map((t) => (Number.isInteger(t) ? count(t) : '')) }],
          series: [
            {},
            { label: t('stats.clicks'), stroke: c.clicks, width: 2 },
            { label: t('stats.scans'), stroke: c.scans, width: 2, dash: [6, 4] },
            { label: t('stats.signups'), stroke: c.signups, width: 2 },
          ],
        },
        [series.days.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000), series.clicks, series.scans, series.signups],
        el,
      );
    };
    let plot = draw();
    const resize = () => plot.setSize({ width: width(), height: 240 });
    // Switching between light and dark mode redraws the chart in the other colours.
    const scheme = matchMedia('(prefers-color-scheme: dark)');
    const recolour = () => {
      plot.destroy();
      plot = draw();
    };
    addEventListener('resize', resize);
    scheme.addEventListener('change', recolour);
    return () => {
      removeEventListener('resize', resize);
      scheme.removeEventListener('change', recolour);
      plot.destroy();
    };
  }, [series]);
  return <div ref={box} class="chart" aria-hidden="true" />;
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
