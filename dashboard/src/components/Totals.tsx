// Totals of clicks, QR scans and signups across all of a partner's invitations.
import type { PartnerSummary } from '../../../shared/schemas/partners';
import { count } from '../display';

export function Totals({ stats }: { stats: PartnerSummary['stats'] }) {
  return (
    <dl class="totals" data-testid="totals">
      <div data-col="clicks"><dt>Clicks</dt><dd>{count(stats.clicks)}</dd></div>
      <div data-col="scans"><dt>QR scans</dt><dd>{count(stats.scans)}</dd></div>
      <div data-col="signups"><dt>Signups</dt><dd>{count(stats.signups)}</dd></div>
    </dl>
  );
}
