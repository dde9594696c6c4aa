// API keys: the publishable key for the widget and the secret key for the site's server. A new key is shown once.
import { useState } from 'preact/hooks';
import type { ApiKey, ApiKeyCreated } from '../../../../shared/schemas/console';
import { portalApi } from '../../portal-api';
import type { PageProps } from '../../routes';
import { useResource } from '../../useResource';
import { useApiSubmit } from '../../useApiSubmit';
import { dateTime, words } from '../../display';
import { Loadable } from '../../components/Loadable';
import { FormProblems } from '../../components/FormProblems';
import { DataTable } from '../../components/DataTable';
import { OneTimeSecret } from '../../components/OneTimeSecret';

export default function Keys({ id: programId, role }: PageProps) {
  const keys = useResource(() => portalApi.keys(programId), programId);
  const { busy, error, problems, run } = useApiSubmit();
  const [created, setCreated] = useState<ApiKeyCreated>();
  const [status, setStatus] = useState('');

  if (role !== 'manager') {
    return <main class="page" id="main"><section class="panel"><h2 tabIndex={-1}>Keys</h2><p class="muted">Only program managers see and manage keys.</p></section></main>;
  }

  const create = (kind: ApiKey['kind']) => run(async () => {
    setStatus('');
    setCreated(await portalApi.createKey(programId, kind));
    await keys.reload();
  });

  async function revoke(k: ApiKey) {
    if (!confirm(`Revoke ${k.hint}? Anything using it stops working at once.`)) return;
    await run(async () => {
      await portalApi.revokeKey(programId, k.id);
      setStatus(`Revoked ${k.hint}.`);
      if (created?.id === k.id) setCreated(undefined);
      await keys.reload();
    });
  }

  return (
    <main class="page" id="main">
      <section aria-labelledby="keys-title" class="panel">
        <h2 id="keys-title" tabIndex={-1}>Keys</h2>
        <p class="muted">The publishable key (pk_…) goes in the widget's script tag and works only from the allowed origins. The secret key (sk_…) is for your server only.</p>
        <div class="row-buttons">
          <button type="button" class="btn" onClick={() => void create('publishable')} aria-busy={busy}>New publishable key</button>
          <button type="button" class="btn" onClick={() => void create('secret')} aria-busy={busy}>New secret key</button>
        </div>
        <FormProblems error={error} problems={problems} />
        <p class="form-success" role="status">{status}</p>
        {created && (
          <OneTimeSecret value={created.key} copyLabel="Copy key" testId="new-key">
            <strong>Copy this {created.kind} key now.</strong> It is shown only this once: only a hash of it is stored.
          </OneTimeSecret>
        )}
        <Loadable resource={keys} what="keys">
          {(list) => (
            <DataTable label="Keys" testId="keys">
              <thead><tr><th scope="col">Key</th><th scope="col">Kind</th><th scope="col">Created</th><th scope="col">Status</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
              <tbody>
                {list.map((k) => (
                  <tr key={k.id} data-key={k.id}>
                    <th scope="row" class="code">{k.hint}</th>
                    <td>{words(k.kind)}</td>
                    <td class="nowrap">{dateTime(k.createdAt)}</td>
                    <td>{k.revokedAt ? `Revoked ${dateTime(k.revokedAt)}` : 'Live'}</td>
                    <td>{!k.revokedAt && <button type="button" class="btn btn-small" onClick={() => void revoke(k)} aria-label={`Revoke ${k.hint}`}>Revoke</button>}</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          )}
        </Loadable>
      </section>
    </main>
  );
}
