// "My clients": the customers this partner brought, a page at a time with a search box, with each subscription's
// plan, status, amount and expiry.
import { useState } from 'preact/hooks';
import { portalApi } from '../../portal-api';
import type { PageProps } from '../../routes';
import { useResource } from '../../useResource';
import { amount, customerLabel, dateTime, words } from '../../display';
import { Loadable } from '../../components/Loadable';
import { PayForClient } from '../../components/PayForClient';
import { DataTable } from '../../components/DataTable';
import { Pager } from '../../components/Pager';
import { SearchBox } from '../../components/SearchBox';
import { Link, pageHref } from '../../router';
import { t, tx } from '../../i18n';

const PAGE_SIZE = 50;

export default function Clients({ id: partnerId, role }: PageProps) {
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const clients = useResource(() => portalApi.clients(partnerId, { q: search, page, pageSize: PAGE_SIZE }), `${partnerId}|${search}|${page}`);
  const [paying, setPaying] = useState<{ externalId: string; label: string; plan: string } | null>(null);
  const [paid, setPaid] = useState('');
  // Owners and finance members may spend the balance; the server checks this too.
  const mayPay = role === 'owner' || role === 'finance';
  const pages = clients.data ? Math.max(1, Math.ceil(clients.data.total / PAGE_SIZE)) : 1;
  return (
    <main class="page" id="main">
      <section aria-labelledby="clients-title" class="panel">
        <h2 id="clients-title" tabIndex={-1}>{t('nav.clients')}</h2>
        <p class="muted page-intro">{t('clients.intro')} <ToReferrals partnerId={partnerId} /></p>
        <div class="toolbar">
          <SearchBox placeholder={t('clients.searchPlaceholder')} hint={t('clients.searchHint')} hintId="search-hint" onSearch={(s) => { setSearch(s); setPage(1); }} />
          <p class="muted" role="status" aria-live="polite">{clients.data ? t('clients.count', { count: clients.data.total }) : ''}</p>
        </div>
        <Loadable resource={clients} what={t('what.clients')}>
          {({ items }) => items.length === 0 ? <p class="muted">{search ? t('clients.noMatch', { search }) : t('clients.none')}</p> : (
            <DataTable label={t('clients.label')} testId="clients" busy={clients.loading}>
              <thead>
                <tr>
                  <th scope="col">{t('clients.client')}</th><th scope="col">{t('clients.since')}</th><th scope="col">{t('clients.invitation')}</th>
                  <th scope="col">{t('clients.plan')}</th><th scope="col">{t('common.status')}</th><th scope="col" class="num">{t('common.amount')}</th><th scope="col">{t('clients.expires')}</th>
                  {mayPay && <th scope="col"><span class="visually-hidden">{t('clients.pay')}</span></th>}
                </tr>
              </thead>
              <tbody>
                {items.flatMap((c) => {
                  const subs = c.subscriptions.length > 0 ? c.subscriptions : [null];
                  return subs.map((s, i) => (
                    <tr key={`${c.id}-${i}`} data-client={c.externalId}>
                      <th scope="row">{i === 0 ? customerLabel(c) : <span class="visually-hidden">{customerLabel(c)}</span>}</th>
                      <td class="nowrap">{i === 0 ? dateTime(c.since) : ''}</td>
                      <td class={c.invitationCode ? 'code' : undefined}>{i === 0 ? (c.invitationCode ?? (c.leadCompany ? t('clients.lead', { company: c.leadCompany }) : '—')) : ''}</td>
                      <td>{s?.plan ?? <span class="muted">{t('clients.noSubscription')}</span>}</td>
                      <td>{s && <span class={`badge badge-sub-${s.status}`}>{words(s.status)}</span>}</td>
                      <td class="num">{s?.amount ? amount(s.amount) : ''}</td>
                      <td class="nowrap">{s?.expiresAt ? dateTime(s.expiresAt) : ''}</td>
                      {mayPay && (
                        <td>
                          {s?.amount && (
                            <button type="button" class="btn btn-small" onClick={() => setPaying({ externalId: c.externalId, label: customerLabel(c), plan: s.plan })}>
                              {t('clients.payFromBalance')}
                            </button>
                          )}
                        </td>
                      )}
                    </tr>
                  ));
                })}
              </tbody>
            </DataTable>
          )}
        </Loadable>
        <Pager page={page} pages={pages} label={t('clients.pages')} onPage={setPage} />
        <p class="form-success" role="status">{paid}</p>
      </section>
      <PayForClient
        partnerId={partnerId}
        client={paying}
        onClose={() => setPaying(null)}
        onPaid={(message) => {
          setPaying(null);
          setPaid(message);
          // The page the partner is on, reloaded: the paid subscription's new expiry shows where they paid it.
          void clients.reload();
        }}
      />
    </main>
  );
}

/** The leads a partner registered are not clients until they sign up: they are on the Referrals page. */
function ToReferrals({ partnerId }: { partnerId: string }) {
  return <>{tx('clients.toReferrals', { link: <Link href={pageHref('partner', partnerId, 'referrals')}>{t('nav.referrals')}</Link> })}</>;
}
