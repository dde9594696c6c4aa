// The period day by day: referrals and successful referrals (left axis) and visits (right axis), as a uPlot chart
// with the same numbers in a table for screen readers.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ProgramMetrics } from '../../../../shared/schemas/metrics';
import { amount, count, day, shortDay } from '../../display';
import { t } from '../../i18n';
import { DataTable } from '../DataTable';

type Day = ProgramMetrics['series'][number];

/** The chart's colours from the stylesheet's custom properties (they differ in light and dark mode; a canvas cannot read CSS). */
function colours(el: Element) {
  const css = getComputedStyle(el);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return { text: v('--muted'), grid: v('--chart-grid'), referrals: v('--chart-clicks'), successes: v('--chart-signups'), visits: v('--chart-scans') };
}

const whole = (ticks: number[]) => ticks.map((t) => (Number.isInteger(t) ? count(t) : ''));

function Chart({ series }: { series: Day[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current!;
    const width = () => Math.max(280, el.clientWidth);
    const upTo = (max: number): uPlot.Range.MinMax => [0, Math.max(4, Math.ceil(max * 1.1))];
    const draw = () => {
      const c = colours(el);
      const axis = { stroke: c.text, grid: { stroke: c.grid }, ticks: { stroke: c.grid } };
      return new uPlot(
        {
          width: width(),
          height: 260,
          scales: { x: { time: true }, y: { range: (_u, _min, max) => upTo(max) }, visits: { range: (_u, _min, max) => upTo(max) } },
          axes: [
            { ...axis, values: (_, ticks) => ticks.map((s) => shortDay(s * 1000)) },
            { ...axis, values: (_, ticks) => whole(ticks) },
            { ...axis, scale: 'visits', side: 1, grid: { show: false }, values: (_, ticks) => whole(ticks) },
          ],
          series: [
            {},
            { label: t('metrics.referrals'), stroke: c.referrals, width: 2 },
            { label: t('metrics.successful'), stroke: c.successes, width: 2 },
            { label: t('metrics.visitsRight'), stroke: c.visits, width: 1.5, dash: [6, 4], scale: 'visits' },
          ],
        },
        [series.map((d) => Date.parse(`${d.day}T00:00:00Z`) / 1000), series.map((d) => d.referrals), series.map((d) => d.successes), series.map((d) => d.visits)],
        el,
      );
    };
    let plot = draw();
    const resize = () => plot.setSize({ width: width(), height: 260 });
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
  return <div ref={box} class="chart" aria-hidden="true" data-testid="metrics-chart" />;
}

export function TrendChart({ series }: { series: Day[] }) {
  return (
    <section aria-labelledby="trend-title" class="panel">
      <h2 id="trend-title">{t('metrics.trendTitle')}</h2>
      <Chart series={series} />
      <details class="chart-data">
        <summary>{t('metrics.byDay')}</summary>
        <DataTable label={t('metrics.byDayLabel')} compact>
          <thead><tr><th scope="col">{t('metrics.day')}</th><th scope="col" class="num">{t('metrics.referrals')}</th><th scope="col" class="num">{t('metrics.successful')}</th><th scope="col" class="num">{t('metrics.visits')}</th><th scope="col" class="num">{t('metrics.revenue')}</th></tr></thead>
          <tbody>
            {series.map((d) => (
              <tr key={d.day}><th scope="row">{day(d.day)}</th><td class="num">{count(d.referrals)}</td><td class="num">{count(d.successes)}</td><td class="num">{count(d.visits)}</td><td class="num">{amount(d.revenue)}</td></tr>
            ))}
          </tbody>
        </DataTable>
      </details>
    </section>
  );
}
