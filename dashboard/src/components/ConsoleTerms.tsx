// The console's written terms: the current version and how many partners accepted it, publishing the next version
// (which asks every partner to accept it), and the acceptances, listed a page at a time and as a CSV download.
import { useState } from 'preact/hooks';
import type { TermsAcceptancePage } from '../../../shared/schemas/terms';
import { PAUSABLE_ACTION_LABELS } from '../../../shared/terms-pauses';
import { portalApi } from '../portal-api';
import { useResource } from '../useResource';
import { useApiSubmit } from '../useApiSubmit';
import { dateTime } from '../display';
import { Loadable } from './Loadable';
import { FormProblems } from './FormProblems';
import { DataTable } from './DataTable';

export function ConsoleTerms({ programId, readOnly }: { programId: string; readOnly: boolean }) {
  const summary = useResource(() => portalApi.programTerms(programId), programId);
  return (
    <section aria-labelledby="terms-title" class="panel">
      <h2 id="terms-title">Partner terms</h2>
      <Loadable resource={summary} what="terms">
        {(s) => (
          <div class="stack terms-summary">
            <p class="muted" data-testid="terms-acceptance-count">
              {s.terms
                ? `Version ${s.terms.version}, published ${dateTime(s.terms.createdAt)}: ${s.accepted} of ${s.partners} ${s.partners === 1 ? 'partner has' : 'partners have'} accepted it.`
                : 'No terms yet: the registration link does not take registrations until terms are published.'}
            </p>
            <p class="muted">
              Publishing makes a new version, and every partner is asked to accept it in the portal and by email.{' '}
              {s.pausedUntilTermsAccepted.length > 0
                ? `Until a partner accepts, this waits: ${s.pausedUntilTermsAccepted.map((a) => PAUSABLE_ACTION_LABELS[a].toLowerCase()).join('; ')} (see the settings above). What it earned keeps earning.`
                : 'Nothing waits for the acceptance (see the settings above).'}
            </p>
            <TermsForm key={s.terms?.version ?? 0} programId={programId} body={s.terms?.body ?? ''} version={s.terms?.version ?? 0} readOnly={readOnly} onPublished={() => void summary.reload()} />
            {s.terms && <Acceptances key={s.terms.version} programId={programId} />}
          </div>
        )}
      </Loadable>
    </section>
  );
}

function TermsForm({ programId, body, version, readOnly, onPublished }: { programId: string; body: string; version: number; readOnly: boolean; onPublished: () => void }) {
  const { busy, error, problems, run } = useApiSubmit();
  async function submit(e: Event) {
    e.preventDefault();
    const text = String(new FormData(e.currentTarget as HTMLFormElement).get('body') ?? '');
    await run(async () => {
      await portalApi.publishTerms(programId, text);
      onPublished();
    });
  }
  return (
    <form onSubmit={submit} class="stack" aria-label="Partner terms">
      <label class="field"><span>Terms text</span><textarea name="body" rows={8} defaultValue={body} readOnly={readOnly} /></label>
      <FormProblems error={error} problems={problems} />
      {!readOnly && <div><button type="submit" class="btn btn-primary" aria-busy={busy}>Publish as version {version + 1}</button></div>}
    </form>
  );
}

/** The latest acceptances, more on request, and the whole list as CSV. */
function Acceptances({ programId }: { programId: string }) {
  const first = useResource(() => portalApi.termsAcceptances(programId), programId);
  const [more, setMore] = useState<TermsAcceptancePage['items']>([]);
  const [next, setNext] = useState<string | null | undefined>(undefined);
  const { busy, error, run } = useApiSubmit();
  return (
    <Loadable resource={first} what="acceptances">
      {(page) => {
        const items = [...page.items, ...more];
        const cursor = next === undefined ? page.next : next;
        return (
          <div class="stack">
            <h3 class="section-gap">Acceptances</h3>
            {items.length === 0 ? (
              <p class="muted">No partner has accepted any version yet.</p>
            ) : (
              <DataTable label="Acceptances of the terms" testId="terms-acceptances">
                <thead><tr><th scope="col">Partner</th><th scope="col">Version</th><th scope="col">Accepted</th><th scope="col">By</th></tr></thead>
                <tbody>
                  {items.map((a) => (
                    <tr key={`${a.partnerId}:${a.version}`}>
                      <th scope="row">{a.partnerName} <span class="code muted">{a.displayId}</span></th>
                      <td class="num">{a.version}</td>
                      <td>{dateTime(a.acceptedAt)}</td>
                      <td>{a.acceptedBy?.name ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </DataTable>
            )}
            <FormProblems error={error} problems={[]} />
            {cursor && (
              <div>
                <button type="button" class="btn" aria-busy={busy} onClick={() => run(async () => {
                  const p = await portalApi.termsAcceptances(programId, cursor);
                  setMore((m) => [...m, ...p.items]);
                  setNext(p.next);
                })}>Show more</button>
              </div>
            )}
            <p><a href={portalApi.termsAcceptancesCsvUrl(programId)} download>Download every acceptance as CSV</a></p>
          </div>
        );
      }}
    </Loadable>
  );
}
