// The period's pipeline as cards, each with its change from the period before.
import type { ProgramMetrics } from '../../../../shared/schemas/metrics';
import { amount, count, percent } from '../../display';

/** "+25.0%", "−10.0%", "no change", or "new" when the period before had none. */
export function changeText(change: number | null): string {
  if (change === null) return 'new';
  if (change === 0) return 'no change';
  return `${change > 0 ? '+' : '−'}${percent(Math.abs(change))}`;
}

function Change({ value, days }: { value: number | null; days: number }) {
  const tone = value === null || value > 0 ? 'up' : value < 0 ? 'down' : 'flat';
  return <span class={`card-change card-change-${tone}`}>{changeText(value)} <span class="muted">vs the {days} days before</span></span>;
}

export function KpiCards({ m, days }: { m: ProgramMetrics; days: number }) {
  const { current: n, change } = m.pipeline;
  return (
    <ul class="cards" data-testid="overview">
      <li class="card">
        <span class="card-label">Partners</span>
        <span class="card-value" data-testid="overview-partners">{count(n.partners)}</span>
        <Change value={change.partners} days={days} />
        <span class="card-hint">{count(m.partners.affiliates)} waiting for approval · {count(n.joined)} applied in the period</span>
      </li>
      <li class="card">
        <span class="card-label">Referrals</span>
        <span class="card-value" data-testid="overview-referrals">{count(n.referrals)}</span>
        <Change value={change.referrals} days={days} />
        <span class="card-hint">{count(n.signups)} signups · {count(n.leads)} registered deals</span>
      </li>
      <li class="card card-available">
        <span class="card-label">Successful referrals</span>
        <span class="card-value" data-testid="overview-successes">{count(n.successes)}</span>
        <Change value={change.successes} days={days} />
        <span class="card-hint">{count(n.paying)} paid for the first time · {count(n.won)} deals won</span>
      </li>
      <li class="card card-paid">
        <span class="card-label">Revenue</span>
        <span class="card-value" data-testid="overview-revenue">{amount(n.revenue)}</span>
        <Change value={change.revenue} days={days} />
        <span class="card-hint">paid by partners' customers, less refunds · {amount(n.commission)} commission earned</span>
      </li>
    </ul>
  );
}
