// Totals of clicks, QR scans and signups across all of a partner's invitations.
import type { PartnerSummary } from '../../../shared/schemas/partners';
import { count } from '../display';
import { t } from '../i18n';

export function Totals({ stats }: { stats: PartnerSummary['stats'] }) {
  return (
    <dl class="totals" data-testid="totals">
      <div data-col="clicks"><dt>{t('stats.clicks')}</dt><dd>{count(stats.clicks)}</dd></div>
      <div data-col="scans"><dt>{t('stats.qrScans')}</dt><dd>{count(stats.scans)}</dd></div>
      <div data-col="signups"><dt>{t('stats.signups')}</dt><dd>{count(stats.signups)}</dd></div>
    </dl>
  );
}
