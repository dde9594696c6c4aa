// The program console's partner list: each partner's status, activity and balance.
import type { PartnerSummary } from '../../../shared/schemas';
import { amount, count, words } from '../display';

export function PartnersTable({ partners }: { partners: PartnerSummary[] }) {
  if (partners.length === 0) return <p class="muted">No partners in this program yet.</p>;
  return (
    <div class="table-scroll" role="region" aria-label="Partners" tabIndex={0}>
      <table class="table" data-testid="partners">
        <thead>
          <tr>
            <th scope="col">ID</th>
            <th scope="col">Name</th>
            <th scope="col">Status</th>
            <th scope="col" class="num">Clicks</th>
            <th scope="col" class="num">Scans</th>
            <th scope="col" class="num">Signups</th>
            <th scope="col" class="num">Available</th>
            <th scope="col" class="num">Pending</th>
          </tr>
        </thead>
        <tbody>
          {partners.map((p) => (
            <tr key={p.id} data-partner={p.displayId}>
              <td class="code">{p.displayId}</td>
              <th scope="row">{p.name}</th>
              <td><span class={`badge badge-${p.status}`}>{words(p.status)}</span></td>
              <td class="num" data-col="clicks">{count(p.stats.clicks)}</td>
              <td class="num" data-col="scans">{count(p.stats.scans)}</td>
              <td class="num" data-col="signups">{count(p.stats.signups)}</td>
              <td class="num" data-col="available">{amount(p.balance.available)}</td>
              <td class="num" data-col="pending">{amount(p.balance.pending)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
