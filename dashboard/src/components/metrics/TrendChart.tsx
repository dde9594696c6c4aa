// The period day by day: referrals and successful referrals (left axis) and visits (right axis), as a uPlot chart
// with the same numbers in a table for screen readers.
import type { ProgramMetrics } from '../../../../shared/schemas/metrics';
import { amount, count, day } from '../../display';
import { t } from '../../i18n';
import { DataTable } from '../DataTable';
import { LineChart, type Line } from '../LineChart';

type Day = ProgramMetrics['series'][number];

function Chart({ series }: { series: Day[] }) {
  const lines: Line[] = [
    { label: t('metrics.referrals'), colour: '--chart-clicks', values: series.map((d) => d.referrals) },
    { label: t('metrics.successful'), colour: '--chart-signups', values: series.map((d) => d.successes) },
    { label: t('metrics.visitsRight'), colour: '--chart-scans', values: series.map((d) => d.visits), dashed: true, right: true },
  ];
  return <LineChart days={series.map((d) => d.day)} lines={lines} height={260} testId="metrics-chart" />;
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
