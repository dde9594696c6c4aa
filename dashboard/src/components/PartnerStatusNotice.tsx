// Says plainly, on every partner page, when the partner is waiting for approval, rejected or suspended, and why.
import { portalApi } from '../portal-api';
import { useResource } from '../useResource';

export function PartnerStatusNotice({ partnerId }: { partnerId: string }) {
  const { data } = useResource(() => portalApi.profile(partnerId), partnerId);
  if (!data || data.status === 'partner') return null;
  const text = {
    affiliate: `Your application is waiting for the program manager's approval. Until then you are an affiliate (${data.displayId}) and your invitations do not bring signups yet; once approved your id becomes P${data.displayId.slice(1)}.`,
    rejected: 'Your application was not approved, so your invitations do not bring signups.',
    suspended: 'Your partnership is suspended: your invitations do not bring signups or commission until it is reinstated.',
  }[data.status];
  return (
    <div class={`notice page-notice ${data.status === 'affiliate' ? 'notice-info' : 'notice-error'}`} role="status" data-testid="partner-status">
      <p>
        <strong>{text}</strong>
        {data.statusReason && <> Reason given: “{data.statusReason}”</>}
      </p>
    </div>
  );
}
