// The metrics' period: the last 7, 30, 90 or 365 days, this month, or any range of UTC days up to a year. The presets
// are the metric windows the worker keeps sums for (worker/domain/metric-windows.ts), so they read fastest.
import { rangeProblem } from '../StatsFilters';
import { t, type MessageKey } from '../../i18n';

export interface Range {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const utcDay = (back = 0) => new Date(Date.now() - back * DAY_MS).toISOString().slice(0, 10);

const PRESETS: { label: MessageKey; range: () => Range }[] = [
  { label: 'metrics.last7', range: () => ({ from: utcDay(6), to: utcDay() }) },
  { label: 'metrics.last30', range: () => ({ from: utcDay(29), to: utcDay() }) },
  { label: 'metrics.last90', range: () => ({ from: utcDay(89), to: utcDay() }) },
  { label: 'metrics.last365', range: () => ({ from: utcDay(364), to: utcDay() }) },
  { label: 'metrics.thisMonth', range: () => ({ from: `${utcDay().slice(0, 8)}01`, to: utcDay() }) },
];

export const lastDays = (n: number): Range => ({ from: utcDay(n - 1), to: utcDay() });

export function PeriodPicker({ value, onChange }: { value: Range; onChange: (r: Range) => void }) {
  // A range the API would refuse (start after end, over a year) is not asked for: the inputs keep the last good one.
  const set = (part: Partial<Range>) => {
    const next = { ...value, ...part };
    if (!rangeProblem({ by: 'invitation', ...next })) onChange(next);
  };
  return (
    <div class="period-picker" role="group" aria-label={t('metrics.period')}>
      <div class="period-presets">
        {PRESETS.map((p) => {
          const r = p.range();
          const current = r.from === value.from && r.to === value.to;
          return (
            <button key={p.label} type="button" class={current ? 'btn btn-small btn-primary' : 'btn btn-small'} aria-pressed={current} onClick={() => onChange(r)}>
              {t(p.label)}
            </button>
          );
        })}
      </div>
      <label class="field"><span>{t('stats.from')}</span><input type="date" name="from" value={value.from} max={value.to} onChange={(e) => e.currentTarget.value && set({ from: e.currentTarget.value })} /></label>
      <label class="field"><span>{t('stats.to')}</span><input type="date" name="to" value={value.to} min={value.from} onChange={(e) => e.currentTarget.value && set({ to: e.currentTarget.value })} /></label>
      <small class="stats-note">{t('metrics.periodNote')}</small>
    </div>
  );
}
