// Who carries the program and who does not: partner activity, the top partners by referrals, successes and revenue,
// the lowest, and those with many referrals but no purchase.
import type { ProgramMetrics } from '../../../../shared/schemas/metrics';
import { amount, count, percent } from '../../display';
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
          <thead><tr><th scope="col">Partner</th><th scope="col" class="num">Referrals</th><th scope="col" class="num">Successful</th><th scope="col" class="num">Revenue</th></tr></thead>
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
  const rows: [string, string, string][] = [
    ['Referred in the period', `${percent(now.referringShare)} (${count(now.referring)})`, percent(before.referringShare)],
    ['Referred more than once', `${percent(now.referringMoreThanOnceShare)} (${count(now.referringMoreThanOnce)})`, percent(before.referringMoreThanOnceShare)],
    ['Had a successful referral', `${percent(now.successfulShare)} (${count(now.successful)})`, percent(before.successfulShare)],
    ['Referrals per partner', now.referralsPerPartner.toFixed(2), before.referralsPerPartner.toFixed(2)],
    ['Successful referrals per partner', now.successesPerPartner.toFixed(2), before.successesPerPartner.toFixed(2)],
  ];
  return (
    <DataTable label="Partner activity" testId="metrics-activity" compact>
      <thead><tr><th scope="col">Of the {count(now.partners)} approved partners</th><th scope="col" class="num">This period</th><th scope="col" class="num">Period before</th></tr></thead>
      <tbody>
        {rows.map(([label, a, b]) => <tr key={label}><th scope="row">{label}</th><td class="num">{a}</td><td class="num">{b}</td></tr>)}
      </tbody>
    </DataTable>
  );
}

export function Performers({ m }: { m: ProgramMetrics }) {
  const p = m.performers;
  const none = 'No partner had any in the period.';
  return (
    <section aria-labelledby="performers-title" class="panel">
      <h2 id="performers-title">Partners</h2>
      <ActivityFigures now={m.activity.current} before={m.activity.previous} />
      <div class="metrics-grid">
        <PerformerTable title="Top by referrals" list={p.byReferrals} testId="top-by-referrals" empty={none} />
        <PerformerTable title="Top by successful referrals" list={p.bySuccesses} testId="top-by-successes" empty={none} />
        <PerformerTable title="Top by revenue" list={p.byRevenue} testId="top-by-revenue" empty={none} />
        <PerformerTable title="Lowest performers" list={p.lowest} testId="lowest-performers" empty="No approved partners yet." />
      </div>
      <div class="metrics-callout" data-testid="no-purchase">
        <PerformerTable
          title="Many referrals, no purchase"
          list={p.manyReferralsNoPurchase}
          testId="no-purchase-table"
          empty="No partner has 3 or more referrals without a purchase in the period."
        />
        {p.manyReferralsNoPurchase.length > 0 && <p class="muted">These partners send people who do not buy: worth a call about who they refer and how.</p>}
      </div>
      {m.companies.length > 0 && (
        <div class="metrics-list">
          <h3>Partner companies</h3>
          <DataTable label="Partner companies" testId="metrics-companies" compact>
            <thead><tr><th scope="col">Company</th><th scope="col" class="num">Members</th><th scope="col" class="num">Active members</th><th scope="col" class="num">Referrals</th><th scope="col" class="num">Successful</th></tr></thead>
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
