// Says on every partner page, until the partner accepts them, that the program published new terms, what waits
// meanwhile, and links to the page where an owner reads and accepts them.
import { useEffect } from 'preact/hooks';
import { PAUSED_ACTIONS } from './pausedActions';
import { portalApi } from '../portal-api';
import { useResource } from '../useResource';
import { BASE, Link } from '../router';
import { t } from '../i18n';

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
  const paused = data.paused.map((a) => t(PAUSED_ACTIONS[a].inSentence));
  return (
    <div class="notice notice-info page-notice terms-notice" role="status" data-testid="terms-notice">
      <p>
        <strong>{data.acceptedVersion === null ? t('termsNotice.first') : t('termsNotice.new', { version: data.terms.version })}</strong>{' '}
        {t(data.mayAccept ? 'termsNotice.readAndAccept' : 'termsNotice.ownerAccepts')}{' '}
        {paused.length > 0 ? t('termsNotice.paused', { paused: paused.join('; ') }) : ''}
      </p>
      {!onTermsPage && <Link class="btn btn-small" href={`${BASE}/partner/${encodeURIComponent(partnerId)}/terms`}>{t(data.mayAccept ? 'termsNotice.readAndAcceptButton' : 'termsNotice.read')}</Link>}
    </div>
  );
}
