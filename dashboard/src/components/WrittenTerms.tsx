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
      <h2 id="written-terms-title" tabIndex={-1}>Written terms</h2>
      <div class="stack">
        <Loadable resource={standing} what="the written terms">
          {(s) =>
            !s.terms ? (
              <p class="muted">The program has published no written terms.</p>
            ) : (
              <div class="stack">
                <p data-testid="terms-standing" class={s.mustAccept ? 'terms-pending' : 'muted'}>
                  {s.mustAccept
                    ? `Version ${s.terms.version}, published ${dateTime(s.terms.createdAt)}, waits for your acceptance.${s.acceptedVersion ? ` You accepted version ${s.acceptedVersion}.` : ''}`
                    : `You accepted version ${s.terms.version}${s.acceptedAt ? ` on ${dateTime(s.acceptedAt)}` : ''}: the current one.`}
                </p>
                <div class="terms-text" tabIndex={0} role="region" aria-label={`Terms, version ${s.terms.version}`} data-testid="written-terms">{s.terms.body}</div>
                {s.mustAccept && (s.mayAccept ? (
                  <div>
                    <FormProblems error={error} problems={problems} />
                    <button type="button" class="btn btn-primary" aria-busy={busy} onClick={() => accept(s.terms!.version)}>Accept version {s.terms.version}</button>
                  </div>
                ) : (
                  <p class="muted">An owner of your partner account accepts the terms.</p>
                ))}
              </div>
            )
          }
        </Loadable>
        <Loadable resource={history} what="the acceptances">
          {(items) =>
            items.length > 0 && (
              <DataTable label="Terms you accepted" testId="terms-history">
                <caption class="table-caption">Terms you accepted</caption>
                <thead><tr><th scope="col">Version</th><th scope="col">Accepted</th><th scope="col">By</th></tr></thead>
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
