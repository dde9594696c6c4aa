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
import { t } from '../../i18n';

export default function Keys({ id: programId, role }: PageProps) {
  const keys = useResource(() => portalApi.keys(programId), programId);
  const { busy, error, problems, run } = useApiSubmit();
  const [created, setCreated] = useState<ApiKeyCreated>();
  const [status, setStatus] = useState('');

  if (role !== 'manager') {
    return <main class="page" id="main"><section class="panel"><h2 tabIndex={-1}>{t('nav.keys')}</h2><p class="muted">{t('keys.managersOnly')}</p></section></main>;
  }

  const create = (kind: ApiKey['kind']) => run(async () => {
    setStatus('');
    setCreated(await portalApi.createKey(programId, kind));
    await keys.reload();
  });

  async function revoke(k: ApiKey) {
    if (!confirm(t('keys.revokeConfirm', { key: k.hint }))) return;
    await run(async () => {
      await portalApi.revokeKey(programId, k.id);
      setStatus(t('keys.revoked', { key: k.hint }));
      if (created?.id === k.id) setCreated(undefined);
      await keys.reload();
    });
  }

  return (
    <main class="page" id="main">
      <section aria-labelledby="keys-title" class="panel">
        <h2 id="keys-title" tabIndex={-1}>{t('nav.keys')}</h2>
        <p class="muted">{t('keys.intro')}</p>
        <div class="row-buttons">
          <button type="button" class="btn" onClick={() => void create('publishable')} aria-busy={busy}>{t('keys.newPublishable')}</button>
          <button type="button" class="btn" onClick={() => void create('secret')} aria-busy={busy}>{t('keys.newSecret')}</button>
        </div>
        <FormProblems error={error} problems={problems} />
        <p class="form-success" role="status">{status}</p>
        {created && (
          <OneTimeSecret value={created.key} copyLabel={t('keys.copy')} testId="new-key">
            <strong>{t(created.kind === 'secret' ? 'keys.copyNowSecret' : 'keys.copyNowPublishable')}</strong> {t('keys.shownOnce')}
          </OneTimeSecret>
        )}
        <Loadable resource={keys} what={t('what.keys')}>
          {(list) => (
            <DataTable label={t('nav.keys')} testId="keys">
              <thead><tr><th scope="col">{t('keys.key')}</th><th scope="col">{t('keys.kind')}</th><th scope="col">{t('keys.created')}</th><th scope="col">{t('common.status')}</th><th scope="col"><span class="visually-hidden">{t('common.actions')}</span></th></tr></thead>
              <tbody>
                {list.map((k) => (
                  <tr key={k.id} data-key={k.id}>
                    <th scope="row" class="code">{k.hint}</th>
                    <td>{words(k.kind)}</td>
                    <td class="nowrap">{dateTime(k.createdAt)}</td>
                    <td>{k.revokedAt ? t('keys.revokedOn', { date: dateTime(k.revokedAt) }) : t('keys.live')}</td>
                    <td>{!k.revokedAt && <button type="button" class="btn btn-small" onClick={() => void revoke(k)} aria-label={t('keys.revokeLabel', { key: k.hint })}>{t('keys.revoke')}</button>}</td>
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
