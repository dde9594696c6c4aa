// The effectiveness filters: group by invitation, member or campaign, over a range of UTC days.
import type { StatsGrouping, StatsQuery } from '../api';
import { t, type MessageKey } from '../i18n';

const DAY_MS = 86_400_000;
// The API answers at most this many days at a time.
const MAX_DAYS = 367;

const GROUPINGS: { value: StatsGrouping; label: MessageKey }[] = [
  { value: 'invitation', label: 'stats.byInvitation' },
  { value: 'member', label: 'stats.byMember' },
  { value: 'campaign', label: 'stats.byCampaign' },
];

/** A UTC calendar day as YYYY-MM-DD, `back` days before today: stats days are UTC days, whatever the viewer's zone. */
function utcDay(back = 0, now = Date.now()): string {
  return new Date(now - back * DAY_MS).toISOString().slice(0, 10);
}

/** The last 30 days up to today, as the API's own default. */
export const lastThirtyDays = (): StatsQuery => ({ by: 'invitation', from: utcDay(29), to: utcDay() });

/** Why a range cannot be asked for, in words, or undefined when it can. Caught here so typing a date does not flash API errors. */
export function rangeProblem({ from, to }: StatsQuery): string | undefined {
  if (!from || !to) return t('stats.rangeMissing');
  if (from > to) return t('stats.rangeReversed');
  if ((Date.parse(to) - Date.parse(from)) / DAY_MS + 1 > MAX_DAYS) return t('stats.rangeTooLong', { days: MAX_DAYS });
  return undefined;
}

export function StatsFilters({ value, onChange }: { value: StatsQuery; onChange: (q: StatsQuery) => void }) {
  const set = (part: Partial<StatsQuery>) => onChange({ ...value, ...part });
  return (
    <div class="stats-filters" role="group" aria-label={t('stats.filters')}>
      <label class="field">
        <span>{t('stats.groupBy')}</span>
        <select name="statsBy" value={value.by} onChange={(e) => set({ by: e.currentTarget.value as StatsGrouping })}>
          {GROUPINGS.map((g) => <option key={g.value} value={g.value}>{t(g.label)}</option>)}
        </select>
      </label>
      <label class="field">
        <span>{t('stats.from')}</span>
        <input name="from" type="date" value={value.from} max={value.to || undefined} onChange={(e) => set({ from: e.currentTarget.value })} />
      </label>
      <label class="field">
        <span>{t('stats.to')}</span>
        <input name="to" type="date" value={value.to} min={value.from || undefined} onChange={(e) => set({ to: e.currentTarget.value })} />
      </label>
      <small class="stats-note">{t('stats.note')}</small>
    </div>
  );
}
