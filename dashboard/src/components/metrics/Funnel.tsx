// Visits → signups → paying (→ won, for registered deals) for the program, its campaigns and its invitations.
import type { ProgramMetrics } from '../../../../shared/schemas/metrics';
import { count, percent } from '../../display';
import { t } from '../../i18n';
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
  <thead>
    <tr>
      <th scope="col">{first}</th><th scope="col" class="num">{t('metrics.visits')}</th><th scope="col" class="num">{t('metrics.signups')}</th>
      <th scope="col" class="num">{t('metrics.perVisit')}</th><th scope="col" class="num">{t('metrics.paying')}</th><th scope="col" class="num">{t('metrics.perSignup')}</th>
    </tr>
  </thead>
);

export function Funnel({ m }: { m: ProgramMetrics }) {
  const f = m.funnel.program;
  return (
    <section aria-labelledby="funnel-title" class="panel">
      <h2 id="funnel-title">{t('metrics.funnel')}</h2>
      <ol class="funnel" data-testid="funnel">
        <li><span class="card-label">{t('metrics.visits')}</span><span class="funnel-value">{count(f.visits)}</span></li>
        <li><span class="card-label">{t('metrics.signups')}</span><span class="funnel-value">{count(f.signups)}</span><span class="card-hint">{t('metrics.ofVisits', { rate: rate(f.signupRate) })}</span></li>
        <li><span class="card-label">{t('metrics.paying')}</span><span class="funnel-value">{count(f.paying)}</span><span class="card-hint">{t('metrics.ofSignups', { rate: rate(f.payingRate) })}</span></li>
        <li><span class="card-label">{t('metrics.dealsWon')}</span><span class="funnel-value">{count(f.won)}</span><span class="card-hint">{t('metrics.wonHint')}</span></li>
      </ol>
      <div class="metrics-grid metrics-grid-wide">
        <div class="metrics-list">
          <h3>{t('metrics.byCampaign')}</h3>
          {m.funnel.campaigns.length === 0 ? <p class="muted">{t('metrics.noVisits')}</p> : (
            <DataTable label={t('metrics.funnelByCampaign')} testId="funnel-campaigns" compact>
              {head(t('metrics.campaign'))}
              <tbody>{m.funnel.campaigns.map((c) => <tr key={c.campaign ?? ''}><th scope="row">{c.campaign ?? <span class="muted">{t('metrics.noCampaign')}</span>}</th><StepCells s={c} /></tr>)}</tbody>
            </DataTable>
          )}
        </div>
        <div class="metrics-list">
          <h3>{t('metrics.byInvitation')}</h3>
          {m.funnel.invitations.length === 0 ? <p class="muted">{t('metrics.noVisits')}</p> : (
            <DataTable label={t('metrics.funnelByInvitation')} testId="funnel-invitations" compact>
              {head(t('metrics.invitation'))}
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
