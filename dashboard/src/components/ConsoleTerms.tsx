// The console's written terms: the current version and how many partners accepted it, publishing the next version
// (which asks every partner to accept it), and the acceptances, listed a page at a time and as a CSV download.
import { useState } from 'preact/hooks';
import type { TermsAcceptancePage } from '../../../shared/schemas/terms';
import { PAUSED_ACTIONS } from './pausedActions';
import { portalApi } from '../portal-api';
import { useResource } from '../useResource';
import { useApiSubmit } from '../useApiSubmit';
import { dateTime } from '../display';
import { Loadable } from './Loadable';
import { FormProblems } from './FormProblems';
import { DataTable } from './DataTable';
import { t } from '../i18n';

export function ConsoleTerms({ programId, readOnly }: { programId: string; readOnly: boolean }) {
  const summary = useResource(() => portalApi.programTerms(programId), programId);
  return (
    <section aria-labelledby="terms-title" class="panel">
      <h2 id="terms-title">{t('consoleTerms.title')}</h2>
      <Loadable resource={summary} what={t('what.terms')}>
        {(s) => (
          <div class="stack terms-summary">
            <p class="muted" data-testid="terms-acceptance-count">
              {s.terms
                ? t('consoleTerms.count', { version: s.terms.version, date: dateTime(s.terms.createdAt), accepted: s.accepted, count: s.partners })
                : t('consoleTerms.none')}
            </p>
            <p class="muted">
              {t('consoleTerms.publishing')}{' '}
              {s.pausedUntilTermsAccepted.length > 0
                ? t('consoleTerms.waits', { paused: s.pausedUntilTermsAccepted.map((a) => t(PAUSED_ACTIONS[a].inSentence)).join('; ') })
                : t('consoleTerms.nothingWaits')}
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
    <form onSubmit={submit} class="stack" aria-label={t('consoleTerms.title')}>
      <label class="field"><span>{t('consoleTerms.text')}</span><textarea name="body" rows={8} defaultValue={body} readOnly={readOnly} /></label>
      <FormProblems error={error} problems={problems} />
      {!readOnly && <div><button type="submit" class="btn btn-primary" aria-busy={busy}>{t('consoleTerms.publish', { version: version + 1 })}</button></div>}
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
    <Loadable resource={first} what={t('what.acceptancesConsole')}>
      {(page) => {
        const items = [...page.items, ...more];
        const cursor = next === undefined ? page.next : next;
        return (
          <div class="stack">
            <h3 class="section-gap">{t('consoleTerms.acceptances')}</h3>
            {items.length === 0 ? (
              <p class="muted">{t('consoleTerms.noAcceptances')}</p>
            ) : (
              <DataTable label={t('consoleTerms.tableLabel')} testId="terms-acceptances">
                <thead><tr><th scope="col">{t('console.partner')}</th><th scope="col">{t('terms.version')}</th><th scope="col">{t('word.accepted')}</th><th scope="col">{t('terms.by')}</th></tr></thead>
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
                })}>{t('consoleTerms.more')}</button>
              </div>
            )}
            <p><a href={portalApi.termsAcceptancesCsvUrl(programId)} download>{t('consoleTerms.csv')}</a></p>
          </div>
        );
      }}
    </Loadable>
  );
}
