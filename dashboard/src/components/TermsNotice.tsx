// Says on every partner page, until the partner accepts them, that the program published new terms, what waits
// meanwhile, and links to the page where an owner reads and accepts them.
import { useEffect } from 'preact/hooks';
import { PAUSABLE_ACTION_LABELS } from '../../../shared/terms-pauses';
import { portalApi } from '../portal-api';
import { useResource } from '../useResource';
import { BASE, Link } from '../router';

/** Dispatched on window when the terms were accepted, so the notice (outside the page) reads the standing again. */
export const TERMS_ACCEPTED = 'edgeref:terms-accepted';

export function TermsNotice({ partnerId, onTermsPage }: { partnerId: string; onTermsPage: boolean }) {
  const { data, reload } = useResource(() => portalApi.termsStanding(partnerId), partnerId);
  useEffect(() => {
    const again = () => void reload();
    addEventListener(TERMS_ACCEPTED, again);
    return () => removeEventListener(TERMS_ACCEPTED, again);
  }, [reload]);
  if (!data?.mustAccept || !data.terms) return null;
  const paused = data.paused.map((a) => PAUSABLE_ACTION_LABELS[a].toLowerCase());
  return (
    <div class="notice notice-info page-notice terms-notice" role="status" data-testid="terms-notice">
      <p>
        <strong>{data.acceptedVersion === null ? 'The program has published terms for partners.' : `The program has published new terms (version ${data.terms.version}).`}</strong>{' '}
        {data.mayAccept ? 'Read and accept them.' : 'An owner of your partner account reads and accepts them.'}{' '}
        {paused.length > 0 ? `Until then, this is paused: ${paused.join('; ')}. Your invitations keep working and you keep earning commission.` : ''}
      </p>
      {!onTermsPage && <Link class="btn btn-small" href={`${BASE}/partner/${encodeURIComponent(partnerId)}/terms`}>{data.mayAccept ? 'Read and accept' : 'Read the terms'}</Link>}
    </div>
  );
}
