// The program's exchange rates (currency, day, rate), which convert payments in other currencies into the program's
// own: listed, removed after a confirm, and set for a day through a form whose field problems show next to each field.
import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { portalApi, type ExchangeRate } from '../portal-api';
import { useResource } from '../useResource';
import { useApiSubmit } from '../useApiSubmit';
import { day } from '../display';
import { DataTable } from './DataTable';
import { FormProblems, problemAt } from './FormProblems';
import { Loadable } from './Loadable';
import { t } from '../i18n';

/** Today as the API's rate days are written: a UTC calendar day, YYYY-MM-DD. */
const today = () => new Date().toISOString().slice(0, 10);
const FIELDS = ['currency', 'asOf', 'rate'] as const;

export function ExchangeRates({ programId }: { programId: string }) {
  const rates = useResource(() => portalApi.exchangeRates(programId), programId);
  const settings = useResource(() => portalApi.settings(programId), programId);
  const own = settings.data?.currency;
  const removing = useApiSubmit();
  const setting = useApiSubmit();
  const [status, setStatus] = useState('');
  const problem = Object.fromEntries(FIELDS.map((f) => [f, problemAt(setting.problems, f)])) as Record<(typeof FIELDS)[number], string | undefined>;
  const elsewhere = setting.error && !FIELDS.some((f) => problem[f]) ? setting.error : '';
  const reads = (r: ExchangeRate) => t('rates.reads', { currency: r.currency, rate: r.rate, own: own ?? t('rates.programCurrency') });

  async function remove(r: ExchangeRate) {
    if (!confirm(t('rates.removeConfirm', { currency: r.currency, day: day(r.asOf), reads: reads(r) }))) return;
    await removing.run(async () => {
      setStatus('');
      await portalApi.removeExchangeRate(programId, r.currency, r.asOf);
      await rates.reload();
      setStatus(t('rates.removed', { currency: r.currency, day: day(r.asOf) }));
    });
  }

  async function set(e: Event) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    const currency = String(f.get('currency') ?? '').trim().toUpperCase();
    const asOf = String(f.get('asOf') ?? '');
    const rate = String(f.get('rate') ?? '').trim();
    await setting.run(async () => {
      setStatus('');
      // The currency and day are the address of the rate: an empty one would not reach the API.
      const missing = [currency ? null : 'currency', asOf ? null : 'asOf'].filter((p) => p !== null).map((path) => ({ path, message: t('rates.required') }));
      if (missing.length) throw new ApiError(400, 'invalid_request', `${missing[0].path}: ${missing[0].message}`, missing);
      const kept = await portalApi.setExchangeRate(programId, currency, asOf, rate);
      form.reset();
      await rates.reload();
      setStatus(t('rates.set', { currency: kept.currency, day: day(kept.asOf), reads: reads(kept) }));
    });
  }

  const field = (name: (typeof FIELDS)[number]) => ({
    name,
    'aria-invalid': problem[name] ? true : undefined,
    'aria-describedby': `rate-${name}-error`,
  });
  const error = (name: (typeof FIELDS)[number]) => <p class="form-error" id={`rate-${name}-error`} role="alert">{problem[name]}</p>;

  return (
    <section class="panel" aria-labelledby="exchange-rates-title" data-testid="exchange-rates">
      <h2 id="exchange-rates-title">{t('rates.title')}</h2>
      <p class="muted setup-text">{t('rates.intro', { own: own ? ` (${own})` : '' })}</p>
      <Loadable resource={rates} what={t('what.rates')}>
        {(list) =>
          list.length === 0 ? (
            <p class="muted" data-testid="exchange-rates-empty">{t('rates.none')}</p>
          ) : (
            <DataTable label={t('rates.title')} testId="exchange-rates-table" busy={rates.loading}>
              <thead><tr><th scope="col">{t('rates.currency')}</th><th scope="col">{t('stats.day')}</th><th scope="col">{t('rates.rate')}</th><th scope="col"><span class="visually-hidden">{t('common.actions')}</span></th></tr></thead>
              <tbody>
                {list.map((r) => (
                  <tr key={`${r.currency}/${r.asOf}`} data-rate={`${r.currency}/${r.asOf}`}>
                    <th scope="row" class="code" data-col="currency">{r.currency}</th>
                    <td class="nowrap" data-col="day">{day(r.asOf)}</td>
                    <td class="nowrap" data-col="rate">{reads(r)}</td>
                    <td><button type="button" class="btn btn-small btn-danger" onClick={() => void remove(r)} aria-busy={removing.busy} aria-label={t('rates.removeLabel', { currency: r.currency, day: day(r.asOf) })}>{t('secrets.remove')}</button></td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          )
        }
      </Loadable>
      <FormProblems error={removing.error} problems={removing.problems} />
      <p class="form-success" role="status">{status}</p>
      <form class="new-invitation" onSubmit={set} aria-label={t('rates.formLabel')} noValidate>
        <h3>{t('rates.formTitle')}</h3>
        <p class="muted form-hint">
          {t('rates.hint', { own: own ?? t('rates.unitsOfProgram') })}
        </p>
        <div class="form-row rate-row">
          <div class="field-with-error">
            <label class="field">
              <span>{t('rates.currency')}</span>
              <input {...field('currency')} required maxLength={3} autoComplete="off" spellcheck={false} placeholder="USD" class="code-input currency-input" />
            </label>
            {error('currency')}
          </div>
          <div class="field-with-error">
            <label class="field">
              <span>{t('stats.day')}</span>
              <input {...field('asOf')} type="date" required defaultValue={today()} />
            </label>
            {error('asOf')}
          </div>
          <div class="field-with-error">
            <label class="field">
              <span>{own ? t('rates.rateOwn', { own }) : t('rates.rate')}</span>
              <input {...field('rate')} required inputMode="decimal" autoComplete="off" placeholder="0.9215" class="code-input" />
            </label>
            {error('rate')}
          </div>
        </div>
        <p class="form-error" role="alert">{elsewhere}</p>
        <div>
          <button type="submit" class="btn btn-primary" aria-busy={setting.busy}>{t('rates.submit')}</button>
        </div>
      </form>
    </section>
  );
}
