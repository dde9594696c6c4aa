// The program at a glance for a period: partners, referrals, successful referrals, signups, revenue and commission.
import { useState } from 'preact/hooks';
import { portalApi } from '../../portal-api';
import type { PageProps } from '../../routes';
import { useResource } from '../../useResource';
import { amount, count } from '../../display';
import { Loadable } from '../../components/Loadable';
import { DataTable } from '../../components/DataTable';
import { HeldSignups } from '../../components/HeldSignups';

const today = () => new Date().toISOString().slice(0, 10);

export default function Overview({ id: programId, role }: PageProps) {
  const [from, setFrom] = useState(`${today().slice(0, 8)}01`);
  const [to, setTo] = useState(today());
  const numbers = useResource(() => portalApi.overview(programId, from, to), `${programId}|${from}|${to}`);
  return (
    <main class="page" id="main">
      <section aria-labelledby="overview-title" class="panel">
        <h2 id="overview-title" tabIndex={-1}>Overview</h2>
        <div class="stats-filters">
          <label class="field"><span>From</span><input type="date" value={from} max={to} onChange={(e) => e.currentTarget.value && setFrom(e.currentTarget.value)} /></label>
          <label class="field"><span>To</span><input type="date" value={to} min={from} onChange={(e) => e.currentTarget.value && setTo(e.currentTarget.value)} /></label>
        </div>
        <Loadable resource={numbers} what="the overview">
          {(n) => (
            <>
              <ul class="cards" data-testid="overview">
                <li class="card"><span class="card-label">Partners</span><span class="card-value" data-testid="overview-partners">{count(n.partners.partners)}</span><span class="card-hint">{count(n.partners.affiliates)} waiting for approval · {count(n.partners.joined)} joined in the period</span></li>
                <li class="card"><span class="card-label">Referrals</span><span class="card-value">{count(n.referrals)}</span><span class="card-hint">registered in the period</span></li>
                <li class="card card-available"><span class="card-label">Successful referrals</span><span class="card-value">{count(n.successfulReferrals)}</span><span class="card-hint">won in the period</span></li>
                <li class="card card-paid"><span class="card-label">Signups</span><span class="card-value">{count(n.signups)}</span><span class="card-hint">customers through invitations or locked leads · {count(n.payingCustomers)} paid for the first time</span></li>
                <li class="card card-available"><span class="card-label">Revenue</span><span class="card-value" data-testid="overview-revenue">{amount(n.revenue)}</span><span class="card-hint">paid by referred customers, less refunds</span></li>
                <li class="card card-pending"><span class="card-label">Commission</span><span class="card-value">{amount(n.commission)}</span><span class="card-hint">earned by partners in the period</span></li>
              </ul>
              <p class="muted">{count(n.partners.total)} partners in all: {count(n.partners.suspended)} suspended, {count(n.partners.rejected)} rejected.</p>
              <p class="muted" data-testid="overview-leads">
                Leads: {count(n.leads.awaiting)} awaiting your answer{n.leads.overdue > 0 ? <strong> ({count(n.leads.overdue)} overdue)</strong> : null}; {count(n.leads.slaMisses)} due in the period answered late or not yet.
              </p>
              {n.representatives.length > 0 && (
                <DataTable label="Sales representatives" testId="overview-representatives">
                  <thead><tr><th scope="col">Sales representative</th><th scope="col" class="num">Partners owned</th><th scope="col" class="num">Referrals in the period</th><th scope="col" class="num">Won in the period</th></tr></thead>
                  <tbody>
                    {n.representatives.map((r) => (
                      <tr key={r.id}><th scope="row">{r.name}</th><td class="num">{count(r.partners)}</td><td class="num">{count(r.referrals)}</td><td class="num">{count(r.won)}</td></tr>
                    ))}
                  </tbody>
                </DataTable>
              )}
            </>
          )}
        </Loadable>
      </section>
      <HeldSignups programId={programId} mayDecide={role === 'manager'} />
    </main>
  );
}
