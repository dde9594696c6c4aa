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
    if (!confirm(`Remove the ${s.mode}-mode secret ${s.hint}? Events ${providerName} signs with it are no longer accepted.`)) return;
    await removing.run(async () => {
      setStatus('');
      await portalApi.removeBillingSecret(programId, provider, s.id);
      await onChanged();
      setStatus(`Removed the secret ${s.hint}.`);
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
      setStatus(`Added the ${added.mode}-mode secret ${added.hint}.`);
    });
  }

  const idBase = `${provider}-secret`;
  return (
    <div class="billing-secrets">
      <h3 class="setup-heading">Signing secrets</h3>
      {!ofMode && (
        <p class="notice notice-info" data-testid={`${provider}-no-secret`}>
          No {billingMode}-mode signing secret yet: {providerName}'s events are not accepted until you add the secret of your {guide.destination(billingMode)}.
        </p>
      )}
      {secrets.length > 0 && (
        <DataTable label={`${providerName} signing secrets`} testId={`${provider}-secrets`}>
          <thead><tr><th scope="col">Secret</th><th scope="col">Mode</th><th scope="col">Added</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
          <tbody>
            {secrets.map((s) => (
              <tr key={s.id} data-secret={s.id}>
                <th scope="row" class="code" data-col="hint">{s.hint}</th>
                <td data-col="mode">{s.mode === 'live' ? 'Live' : 'Test'}</td>
                <td class="nowrap">{dateTime(s.createdAt)}</td>
                <td><button type="button" class="btn btn-small btn-danger" onClick={() => void remove(s)} aria-busy={removing.busy} aria-label={`Remove the ${s.mode}-mode secret ${s.hint}`}>Remove</button></td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <FormProblems error={removing.error} problems={removing.problems} />
      <p class="form-success" role="status">{status}</p>
      <form class="new-invitation" onSubmit={add} aria-label={`Add a ${providerName} signing secret`} noValidate>
        <h3>Add a signing secret</h3>
        <p class="muted form-hint">
          To rotate a secret without missing an event: {guide.rotate}, add the new one here while the old one stays, and remove the old one once
          {' '}{providerName} signs with the new one only. Every secret set here is accepted.
        </p>
        <div class="form-row secret-row">
          <label class="field">
            <span>Mode</span>
            <select name="mode" key={billingMode} defaultValue={billingMode}>
              <option value="test">Test</option>
              <option value="live">Live</option>
            </select>
          </label>
          <div class="field-with-error">
            <label class="field">
              <span>{guide.secretLabel}</span>
              <input name="secret" required autoComplete="off" spellcheck={false} placeholder={guide.secretPlaceholder} class="code-input"
                aria-invalid={secretProblem ? true : undefined} aria-describedby={`${idBase}-error`} />
            </label>
            <p class="form-error" id={`${idBase}-error`} role="alert">{secretProblem}</p>
          </div>
        </div>
        <p class="form-error" role="alert">{elsewhere}</p>
        <div>
          <button type="submit" class="btn btn-primary" aria-busy={adding.busy}>Add secret</button>
        </div>
      </form>
    </div>
  );
}
