// A provider's signing secrets, masked (mode, when added, Remove), and the form that adds one; two at once is how a
// secret is rotated without missing an event.
import { useState } from 'preact/hooks';
import type { Integrations } from '../../../shared/schemas/integrations';
import { portalApi, type BillingMode, type BillingProvider } from '../portal-api';
import { useApiSubmit } from '../useApiSubmit';
import { dateTime } from '../display';
import { DataTable } from './DataTable';
import { FormProblems, problemAt } from './FormProblems';
import type { ProviderGuide } from './BillingProviderGuides';
import { t } from '../i18n';

type Secret = Integrations['providers'][number]['secrets'][number];

interface Props {
  programId: string;
  provider: BillingProvider;
  guide: ProviderGuide;
  billingMode: BillingMode;
  secrets: Secret[];
  onChanged: () => Promise<void>;
}

export function BillingSecrets({ programId, provider, guide, billingMode, secrets, onChanged }: Props) {
  const providerName = guide.name;
  const removing = useApiSubmit();
  const adding = useApiSubmit();
  const [status, setStatus] = useState('');
  const secretProblem = problemAt(adding.problems, 'secret');
  const elsewhere = adding.error && !secretProblem ? adding.error : '';
  const ofMode = secrets.some((s) => s.mode === billingMode);

  async function remove(s: Secret) {
    if (!confirm(t(s.mode === 'live' ? 'secrets.removeConfirmLive' : 'secrets.removeConfirmTest', { hint: s.hint, provider: providerName }))) return;
    await removing.run(async () => {
      setStatus('');
      await portalApi.removeBillingSecret(programId, provider, s.id);
      await onChanged();
      setStatus(t('secrets.removed', { hint: s.hint }));
    });
  }

  async function add(e: Event) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    await adding.run(async () => {
      setStatus('');
      const added = await portalApi.addBillingSecret(programId, provider, f.get('mode') as BillingMode, String(f.get('secret') ?? '').trim());
      form.reset();
      await onChanged();
      setStatus(t(added.mode === 'live' ? 'secrets.addedLive' : 'secrets.addedTest', { hint: added.hint }));
    });
  }

  const idBase = `${provider}-secret`;
  return (
    <div class="billing-secrets">
      <h3 class="setup-heading">{t('secrets.title')}</h3>
      {!ofMode && (
        <p class="notice notice-info" data-testid={`${provider}-no-secret`}>
          {t(billingMode === 'live' ? 'secrets.noneLive' : 'secrets.noneTest', { provider: providerName, destination: t(guide.destination(billingMode)) })}
        </p>
      )}
      {secrets.length > 0 && (
        <DataTable label={t('secrets.label', { provider: providerName })} testId={`${provider}-secrets`}>
          <thead><tr><th scope="col">{t('hooks.secret')}</th><th scope="col">{t('secrets.mode')}</th><th scope="col">{t('hooks.added')}</th><th scope="col"><span class="visually-hidden">{t('common.actions')}</span></th></tr></thead>
          <tbody>
            {secrets.map((s) => (
              <tr key={s.id} data-secret={s.id}>
                <th scope="row" class="code" data-col="hint">{s.hint}</th>
                <td data-col="mode">{t(s.mode === 'live' ? 'mode.live' : 'mode.test')}</td>
                <td class="nowrap">{dateTime(s.createdAt)}</td>
                <td><button type="button" class="btn btn-small btn-danger" onClick={() => void remove(s)} aria-busy={removing.busy} aria-label={t(s.mode === 'live' ? 'secrets.removeLabelLive' : 'secrets.removeLabelTest', { hint: s.hint })}>{t('secrets.remove')}</button></td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <FormProblems error={removing.error} problems={removing.problems} />
      <p class="form-success" role="status">{status}</p>
      <form class="new-invitation" onSubmit={add} aria-label={t('secrets.addLabel', { provider: providerName })} noValidate>
        <h3>{t('secrets.add')}</h3>
        <p class="muted form-hint">
          {t('secrets.rotateHint', { rotate: t(guide.rotate), provider: providerName })}
        </p>
        <div class="form-row secret-row">
          <label class="field">
            <span>{t('secrets.mode')}</span>
            <select name="mode" key={billingMode} defaultValue={billingMode}>
              <option value="test">{t('mode.test')}</option>
              <option value="live">{t('mode.live')}</option>
            </select>
          </label>
          <div class="field-with-error">
            <label class="field">
              <span>{t(guide.secretLabel)}</span>
              <input name="secret" required autoComplete="off" spellcheck={false} placeholder={guide.secretPlaceholder} class="code-input"
                aria-invalid={secretProblem ? true : undefined} aria-describedby={`${idBase}-error`} />
            </label>
            <p class="form-error" id={`${idBase}-error`} role="alert">{secretProblem}</p>
          </div>
        </div>
        <p class="form-error" role="alert">{elsewhere}</p>
        <div>
          <button type="submit" class="btn btn-primary" aria-busy={adding.busy}>{t('secrets.submit')}</button>
        </div>
      </form>
    </div>
  );
}
