// The program's written terms for a partner: the current version's text, whether the partner accepted it (with the
// Accept button for its owners), and every version it accepted, by whom and when.
import { portalApi } from '../portal-api';
import { useResource } from '../useResource';
import { useApiSubmit } from '../useApiSubmit';
import { dateTime } from '../display';
import { Loadable } from './Loadable';
import { FormProblems } from './FormProblems';
import { DataTable } from './DataTable';
import { TERMS_ACCEPTED } from './TermsNotice';
import { t } from '../i18n';

export function WrittenTerms({ partnerId }: { partnerId: string }) {
  const standing = useResource(() => portalApi.termsStanding(partnerId), partnerId);
  const history = useResource(() => portalApi.partnerTermsAcceptances(partnerId), partnerId);
  const { busy, error, problems, run } = useApiSubmit();

  const accept = (version: number) =>
    run(async () => {
      await portalApi.acceptTerms(partnerId, version);
      await Promise.all([standing.reload(), history.reload()]);
      dispatchEvent(new Event(TERMS_ACCEPTED));
    });

  return (
    <section aria-labelledby="written-terms-title" class="panel">
      <h2 id="written-terms-title" tabIndex={-1}>{t('terms.written')}</h2>
      <div class="stack">
        <Loadable resource={standing} what={t('what.writtenTerms')}>
          {(s) =>
            !s.terms ? (
              <p class="muted">{t('terms.noneWritten')}</p>
            ) : (
              <div class="stack">
                <p data-testid="terms-standing" class={s.mustAccept ? 'terms-pending' : 'muted'}>
                  {s.mustAccept
                    ? t('terms.waits', { version: s.terms.version, date: dateTime(s.terms.createdAt) }) + (s.acceptedVersion ? ` ${t('terms.acceptedEarlier', { version: s.acceptedVersion })}` : '')
                    : s.acceptedAt ? t('terms.acceptedOn', { version: s.terms.version, date: dateTime(s.acceptedAt) }) : t('terms.acceptedCurrent', { version: s.terms.version })}
                </p>
                <div class="terms-text" tabIndex={0} role="region" aria-label={t('terms.textLabel', { version: s.terms.version })} data-testid="written-terms">{s.terms.body}</div>
                {s.mustAccept && (s.mayAccept ? (
                  <div>
                    <FormProblems error={error} problems={problems} />
                    <button type="button" class="btn btn-primary" aria-busy={busy} onClick={() => accept(s.terms!.version)}>{t('terms.acceptVersion', { version: s.terms.version })}</button>
                  </div>
                ) : (
                  <p class="muted">{t('terms.ownerAccepts')}</p>
                ))}
              </div>
            )
          }
        </Loadable>
        <Loadable resource={history} what={t('what.acceptances')}>
          {(items) =>
            items.length > 0 && (
              <DataTable label={t('terms.history')} testId="terms-history">
                <caption class="table-caption">{t('terms.history')}</caption>
                <thead><tr><th scope="col">{t('terms.version')}</th><th scope="col">{t('word.accepted')}</th><th scope="col">{t('terms.by')}</th></tr></thead>
                <tbody>
                  {items.map((a) => (
                    <tr key={a.version}><th scope="row">{a.version}</th><td>{dateTime(a.acceptedAt)}</td><td>{a.acceptedBy?.name ?? '—'}</td></tr>
                  ))}
                </tbody>
              </DataTable>
            )
          }
        </Loadable>
      </div>
    </section>
  );
}
