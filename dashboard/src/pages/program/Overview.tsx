// The program at a glance for a period, compared with the period before: the pipeline and its trend, partner activity
// and who performs best and worst, partner companies, the funnel, leads and payouts (GET …/metrics, docs/METRICS.md).
import { useState } from 'preact/hooks';
import { portalApi } from '../../portal-api';
import type { PageProps } from '../../routes';
import { useResource } from '../../useResource';
import { amount, count } from '../../display';
import { t, tx } from '../../i18n';
import { Loadable } from '../../components/Loadable';
import { DataTable } from '../../components/DataTable';
import { HeldSignups } from '../../components/HeldSignups';
import { lastDays, PeriodPicker } from '../../components/metrics/PeriodPicker';
import { KpiCards } from '../../components/metrics/KpiCards';
import { TrendChart } from '../../components/metrics/TrendChart';
import { Performers } from '../../components/metrics/Performers';
import { Funnel } from '../../components/metrics/Funnel';
import '../../metrics.css';

const daysIn = (r: { from: string; to: string }) => Math.round((Date.parse(r.to) - Date.parse(r.from)) / 86_400_000) + 1;

export default function Overview({ id: programId, role }: PageProps) {
  const [range, setRange] = useState(lastDays(30));
  const metrics = useResource(() => portalApi.metrics(programId, range.from, range.to), `${programId}|${range.from}|${range.to}`);
  return (
    <main class="page" id="main">
      <section aria-labelledby="overview-title" class="panel">
        <h2 id="overview-title" tabIndex={-1}>{t('nav.overview')}</h2>
        <PeriodPicker value={range} onChange={setRange} />
        <Loadable resource={metrics} what={t('what.metrics')}>
          {(m) => (
            <>
              <KpiCards m={m} days={daysIn(m)} />
              <p class="muted" data-testid="overview-leads">
                {tx('metrics.leadsLine', {
                  awaiting: count(m.leads.awaiting),
                  overdue: m.leads.overdue > 0 ? <strong>{t('metrics.overdue', { count: m.leads.overdue })}</strong> : '',
                  misses: count(m.leads.slaMisses),
                })}
              </p>
              <p class="muted" data-testid="overview-payouts">
                {t('metrics.payoutsLine', {
                  count: m.payouts.paidCount,
                  paid: amount(m.payouts.paid),
                  before: amount(m.payouts.previousPaid),
                  open: amount(m.payouts.open),
                  openCount: m.payouts.openCount,
                })}
              </p>
            </>
          )}
        </Loadable>
      </section>
      {metrics.data && (
        <>
          <TrendChart series={metrics.data.series} />
          <Performers m={metrics.data} />
          <Funnel m={metrics.data} />
          {metrics.data.representatives.length > 0 && (
            <section aria-labelledby="reps-title" class="panel">
              <h2 id="reps-title">{t('metrics.reps')}</h2>
              <DataTable label={t('metrics.reps')} testId="overview-representatives">
                <thead><tr><th scope="col">{t('metrics.rep')}</th><th scope="col" class="num">{t('metrics.repPartners')}</th><th scope="col" class="num">{t('metrics.repReferrals')}</th><th scope="col" class="num">{t('metrics.repWon')}</th></tr></thead>
                <tbody>
                  {metrics.data.representatives.map((r) => (
                    <tr key={r.id}><th scope="row">{r.name}</th><td class="num">{count(r.partners)}</td><td class="num">{count(r.referrals)}</td><td class="num">{count(r.won)}</td></tr>
                  ))}
                </tbody>
              </DataTable>
            </section>
          )}
        </>
      )}
      <HeldSignups programId={programId} mayDecide={role === 'manager'} />
    </main>
  );
}
