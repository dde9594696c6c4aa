// Who carries the program and who does not: partner activity, the top partners by referrals, successes and revenue,
// the lowest, and those with many referrals but no purchase.
import type { ProgramMetrics } from '../../../../shared/schemas/metrics';
import { amount, count, percent } from '../../display';
import { locale, t } from '../../i18n';
import { DataTable } from '../DataTable';

type Performer = ProgramMetrics['performers']['byReferrals'][number];
type Activity = ProgramMetrics['activity']['current'];

function Who({ p }: { p: Performer }) {
  return (
    <th scope="row">
      {p.name} <span class="muted">{p.displayId}{p.company && p.company !== p.name ? ` · ${p.company}` : ''}</span>
    </th>
  );
}

function PerformerTable({ title, list, testId, empty }: { title: string; list: Performer[]; testId: string; empty: string }) {
  return (
    <div class="metrics-list">
      <h3>{title}</h3>
      {list.length === 0 ? (
        <p class="muted">{empty}</p>
      ) : (
        <DataTable label={title} testId={testId} compact>
          <thead><tr><th scope="col">{t('metrics.partner')}</th><th scope="col" class="num">{t('metrics.referrals')}</th><th scope="col" class="num">{t('metrics.successful')}</th><th scope="col" class="num">{t('metrics.revenue')}</th></tr></thead>
          <tbody>
            {list.map((p) => (
              <tr key={p.partnerId}><Who p={p} /><td class="num">{count(p.referrals)}</td><td class="num">{count(p.successes)}</td><td class="num">{amount(p.revenue)}</td></tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </div>
  );
}

function ActivityFigures({ now, before }: { now: Activity; before: Activity }) {
  const two = (n: number) => n.toLocaleString(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const rows: [string, string, string][] = [
    [t('metrics.referredIn'), `${percent(now.referringShare)} (${count(now.referring)})`, percent(before.referringShare)],
    [t('metrics.referredMore'), `${percent(now.referringMoreThanOnceShare)} (${count(now.referringMoreThanOnce)})`, percent(before.referringMoreThanOnceShare)],
    [t('metrics.hadSuccess'), `${percent(now.successfulShare)} (${count(now.successful)})`, percent(before.successfulShare)],
    [t('metrics.referralsPer'), two(now.referralsPerPartner), two(before.referralsPerPartner)],
    [t('metrics.successesPer'), two(now.successesPerPartner), two(before.successesPerPartner)],
  ];
  return (
    <DataTable label={t('metrics.activityLabel')} testId="metrics-activity" compact>
      <thead><tr><th scope="col">{t('metrics.ofApproved', { count: now.partners })}</th><th scope="col" class="num">{t('metrics.thisPeriod')}</th><th scope="col" class="num">{t('metrics.periodBefore')}</th></tr></thead>
      <tbody>
        {rows.map(([label, a, b]) => <tr key={label}><th scope="row">{label}</th><td class="num">{a}</td><td class="num">{b}</td></tr>)}
      </tbody>
    </DataTable>
  );
}

export function Performers({ m }: { m: ProgramMetrics }) {
  const p = m.performers;
  const none = t('metrics.noneInPeriod');
  return (
    <section aria-labelledby="performers-title" class="panel">
      <h2 id="performers-title">{t('metrics.partnersTitle')}</h2>
      <ActivityFigures now={m.activity.current} before={m.activity.previous} />
      <div class="metrics-grid">
        <PerformerTable title={t('metrics.topReferrals')} list={p.byReferrals} testId="top-by-referrals" empty={none} />
        <PerformerTable title={t('metrics.topSuccesses')} list={p.bySuccesses} testId="top-by-successes" empty={none} />
        <PerformerTable title={t('metrics.topRevenue')} list={p.byRevenue} testId="top-by-revenue" empty={none} />
        <PerformerTable title={t('metrics.lowest')} list={p.lowest} testId="lowest-performers" empty={t('metrics.noApproved')} />
      </div>
      <div class="metrics-callout" data-testid="no-purchase">
        <PerformerTable
          title={t('metrics.noPurchase')}
          list={p.manyReferralsNoPurchase}
          testId="no-purchase-table"
          empty={t('metrics.noPurchaseEmpty')}
        />
        {p.manyReferralsNoPurchase.length > 0 && <p class="muted">{t('metrics.noPurchaseHint')}</p>}
      </div>
      {m.companies.length > 0 && (
        <div class="metrics-list">
          <h3>{t('metrics.companies')}</h3>
          <DataTable label={t('metrics.companies')} testId="metrics-companies" compact>
            <thead><tr><th scope="col">{t('common.company')}</th><th scope="col" class="num">{t('metrics.members')}</th><th scope="col" class="num">{t('metrics.activeMembers')}</th><th scope="col" class="num">{t('metrics.referrals')}</th><th scope="col" class="num">{t('metrics.successful')}</th></tr></thead>
            <tbody>
              {m.companies.map((c) => (
                <tr key={c.partnerId}><th scope="row">{c.company ?? c.name}</th><td class="num">{count(c.members)}</td><td class="num">{count(c.activeMembers)}</td><td class="num">{count(c.referrals)}</td><td class="num">{count(c.successes)}</td></tr>
              ))}
            </tbody>
          </DataTable>
        </div>
      )}
    </section>
  );
}
