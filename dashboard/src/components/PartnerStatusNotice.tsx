// Says plainly, on every partner page, when the partner is waiting for approval, rejected or suspended, and why.
import { portalApi } from '../portal-api';
import { useResource } from '../useResource';
import { t } from '../i18n';

export function PartnerStatusNotice({ partnerId }: { partnerId: string }) {
  const { data } = useResource(() => portalApi.profile(partnerId), partnerId);
  if (!data || data.status === 'partner') return null;
  const text = {
    affiliate: t('status.affiliate', { id: data.displayId, partnerId: `P${data.displayId.slice(1)}` }),
    rejected: t('status.rejected'),
    suspended: t('status.suspended'),
  }[data.status];
  return (
    <div class={`notice page-notice ${data.status === 'affiliate' ? 'notice-info' : 'notice-error'}`} role="status" data-testid="partner-status">
      <p>
        <strong>{text}</strong>
        {data.statusReason && <> {t('status.reason', { reason: data.statusReason })}</>}
      </p>
    </div>
  );
}
