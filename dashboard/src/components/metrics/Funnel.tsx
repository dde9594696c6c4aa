// Visits → signups → paying (→ won, for registered deals) for the program, its campaigns and its invitations.
import type { ProgramMetrics } from '../../../../shared/schemas/metrics';
import { count, percent } from '../../display';
import { DataTable } from '../DataTable';

type Steps = ProgramMetrics['funnel']['campaigns'][number];
const rate = (r: number | null) => (r === null ? '—' : percent(r));

function StepCells({ s }: { s: Omit<Steps, 'campaign'> }) {
  return (
    <>
      <td class="num">{count(s.visits)}</td><td class="num">{count(s.signups)}</td><td class="num">{rate(s.signupRate)}</td>
      <td class="num">{count(s.paying)}</td><td class="num">{rate(s.payingRate)}</td>
    </>
  );
}

const head = (first: string) => (
  <thead><tr><th scope="col">{first}</th><th scope="col" class="num">Visits</th><th scope="col" class="num">Signups</th><th scope="col" class="num">per visit</th><th scope="col" class="num">Paying</th><th scope="col" class="num">per signup</th></tr></thead>
);

export function Funnel({ m }: { m: ProgramMetrics }) {
  const f = m.funnel.program;
  return (
    <section aria-labelledby="funnel-title" class="panel">
      <h2 id="funnel-title">Funnel</h2>
      <ol class="funnel" data-testid="funnel">
        <li><span class="card-label">Visits</span><span class="funnel-value">{count(f.visits)}</span></li>
        <li><span class="card-label">Signups</span><span class="funnel-value">{count(f.signups)}</span><span class="card-hint">{rate(f.signupRate)} of visits</span></li>
        <li><span class="card-label">Paying</span><span class="funnel-value">{count(f.paying)}</span><span class="card-hint">{rate(f.payingRate)} of signups</span></li>
        <li><span class="card-label">Deals won</span><span class="funnel-value">{count(f.won)}</span><span class="card-hint">registered deals, no visit needed</span></li>
      </ol>
      <div class="metrics-grid metrics-grid-wide">
        <div class="metrics-list">
          <h3>By campaign</h3>
          {m.funnel.campaigns.length === 0 ? <p class="muted">No visits or signups in the period.</p> : (
            <DataTable label="Funnel by campaign" testId="funnel-campaigns" compact>
              {head('Campaign')}
              <tbody>{m.funnel.campaigns.map((c) => <tr key={c.campaign ?? ''}><th scope="row">{c.campaign ?? <span class="muted">No campaign</span>}</th><StepCells s={c} /></tr>)}</tbody>
            </DataTable>
          )}
        </div>
        <div class="metrics-list">
          <h3>By invitation</h3>
          {m.funnel.invitations.length === 0 ? <p class="muted">No visits or signups in the period.</p> : (
            <DataTable label="Funnel by invitation" testId="funnel-invitations" compact>
              {head('Invitation')}
              <tbody>
                {m.funnel.invitations.map((i) => <tr key={i.invitationId}><th scope="row"><span class="code">{i.code}</span> <span class="muted">{i.partnerName}</span></th><StepCells s={i} /></tr>)}
              </tbody>
            </DataTable>
          )}
        </div>
      </div>
    </section>
  );
}
