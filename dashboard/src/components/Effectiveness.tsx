// The effectiveness section: which invitations, members or campaigns bring visits, signups and money, and on which days.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, oneGroup, type StatsQuery } from '../api';
import { useResource } from '../useResource';
import { Loadable } from './Loadable';
import { lastThirtyDays, rangeProblem, StatsFilters } from './StatsFilters';
import { EffectivenessTable } from './EffectivenessTable';
import { t } from '../i18n';

/** `changes` goes up whenever an invitation changes, since a rename or a new owner regroups the numbers. */
export function Effectiveness({ partnerId, changes }: { partnerId: string; changes: number }) {
  const [query, setQuery] = useState<StatsQuery>(lastThirtyDays);
  const problem = rangeProblem(query);
  const stats = useResource(async () => {
    if (problem) throw new Error(problem);
    try {
      return await api.stats(partnerId, query);
    } catch (e) {
      // A 400's problems say what is wrong with the query more plainly than its summary line.
      if (e instanceof ApiError && e.problems.length > 0) throw new Error(e.problems.map((p) => p.message).join('; '));
      throw e;
    }
  }, `${partnerId}|${query.by}|${query.from}|${query.to}`);

  // Reloaded in place, without clearing the table, so an edit elsewhere does not make it flicker.
  useEffect(() => {
    if (changes > 0) void stats.reload();
  }, [changes]);

  return (
    <section aria-labelledby="effectiveness-title" class="panel" data-testid="effectiveness">
      <h2 id="effectiveness-title">{t('stats.effectiveness')}</h2>
      <StatsFilters value={query} onChange={setQuery} />
      {problem ? <p class="form-error" role="alert">{problem}</p> : (
        <Loadable resource={stats} what={t('what.effectiveness')}>
          {(s) => <EffectivenessTable stats={s} busy={stats.loading} loadDays={(key) => api.stats(partnerId, { by: s.by, from: s.from, to: s.to, ...oneGroup(key) })} />}
        </Loadable>
      )}
    </section>
  );
}
