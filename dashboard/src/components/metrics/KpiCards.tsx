// The period's pipeline as cards, each with its change from the period before.
import type { ProgramMetrics } from '../../../../shared/schemas/metrics';
import { amount, count, percent } from '../../display';
import { t } from '../../i18n';

/** "+25.0%", "−10.0%", "no change", or "new" when the period before had none. */
function changeText(change: number | null): string {
  if (change === null) return t('metrics.new');
  if (change === 0) return t('metrics.noChange');
  return `${change > 0 ? '+' : '−'}${percent(Math.abs(change))}`;
}

function Change({ value, days }: { value: number | null; days: number }) {
  const tone = value === null || value > 0 ? 'up' : value < 0 ? 'down' : 'flat';
  return <span class={`card-change card-change-${tone}`}>{changeText(value)} <span class="muted">{t('metrics.vsBefore', { days })}</span></span>;
}

export function KpiCards({ m, days }: { m: ProgramMetrics; days: number }) {
  const { current: n, change } = m.pipeline;
  return (
    <ul class="cards" data-testid="overview">
      <li class="card">
        <span class="card-label">{t('metrics.partners')}</span>
        <span class="card-value" data-testid="overview-partners">{count(n.partners)}</span>
        <Change value={change.partners} days={days} />
        <span class="card-hint">{t('metrics.partnersHint', { waiting: m.partners.affiliates, joined: n.joined })}</span>
      </li>
      <li class="card">
        <span class="card-label">{t('metrics.referrals')}</span>
        <span class="card-value" data-testid="overview-referrals">{count(n.referrals)}</span>
        <Change value={change.referrals} days={days} />
        <span class="card-hint">{t('metrics.referralsHint', { signups: n.signups, leads: n.leads })}</span>
      </li>
      <li class="card card-available">
        <span class="card-label">{t('metrics.successes')}</span>
        <span class="card-value" data-testid="overview-successes">{count(n.successes)}</span>
        <Change value={change.successes} days={days} />
        <span class="card-hint">{t('metrics.successesHint', { paying: n.paying, won: n.won })}</span>
      </li>
      <li class="card card-paid">
        <span class="card-label">{t('metrics.revenue')}</span>
        <span class="card-value" data-testid="overview-revenue">{amount(n.revenue)}</span>
        <Change value={change.revenue} days={days} />
        <span class="card-hint">{t('metrics.revenueHint', { commission: amount(n.commission) })}</span>
      </li>
    </ul>
  );
}
