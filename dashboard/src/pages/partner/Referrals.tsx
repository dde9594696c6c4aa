// The partner's referrals: one search box, sortable columns, server-side pages; register a lead (told at once if it
// matched another); open one to see its registration, edit its stage, value and notes, and read its audit trail.
import { useRef, useState } from 'preact/hooks';
import type { Referral, ReferralQuery } from '../../../../shared/schemas/referrals';
import { api } from '../../api';
import { portalApi } from '../../portal-api';
import type { PageProps } from '../../routes';
import { useResource } from '../../useResource';
import { useApiSubmit } from '../../useApiSubmit';
import { amount, dateTime, words } from '../../display';
import { Loadable } from '../../components/Loadable';
import { FormProblems } from '../../components/FormProblems';
import { matchWords, ReferralEditor, RegistrationBadge } from '../../components/ReferralEditor';
import { DataTable } from '../../components/DataTable';
import { Pager } from '../../components/Pager';
import { SearchBox } from '../../components/SearchBox';
import { LeadFields, leadInputFrom } from '../../components/LeadFields';
import { Link, pageHref } from '../../router';
import { t, tx, type MessageKey } from '../../i18n';

type Sort = NonNullable<ReferralQuery['sort']>;
const COLUMNS: [Sort, MessageKey][] = [['customerName', 'referral.customer'], ['stage', 'referral.stage'], ['type', 'referral.type'], ['value', 'referral.value'], ['owner', 'invitation.owner'], ['registeredAt', 'referral.registered']];
const PAGE_SIZE = 10;

export default function Referrals({ id: partnerId }: PageProps) {
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<Sort>('registeredAt');
  const [dir, setDir] = useState<'asc' | 'desc'>('desc');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<Referral | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  // The program's currency, which referral values are in, comes with the partner's balance.
  const currency = useResource(() => api.partner(partnerId).then((s) => s.balance.available.currency), partnerId).data ?? 'EUR';
  const list = useResource(() => portalApi.referrals(partnerId, { q: search, sort, dir, page, pageSize: PAGE_SIZE }), `${partnerId}|${search}|${sort}|${dir}|${page}`);

  function sortBy(column: Sort) {
    if (column === sort) setDir(dir === 'asc' ? 'desc' : 'asc');
    else { setSort(column); setDir(column === 'registeredAt' || column === 'value' ? 'desc' : 'asc'); }
    setPage(1);
  }

  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;
  // With no referral at all, the pointer to My clients goes in the empty list's place, where the eye lands; else in the intro.
  const empty = !search && list.data?.items.length === 0;

  return (
    <main class="page" id="main">
      <section aria-labelledby="referrals-title" class="panel">
        <h2 id="referrals-title" tabIndex={-1}>{t('nav.referrals')}</h2>
        <p class="muted page-intro">{t('referrals.intro')}{!empty && <> <ToClients partnerId={partnerId} /></>}</p>
        <NewReferral partnerId={partnerId} currency={currency} onCreated={() => void list.reload()} />
        <div class="toolbar">
          <SearchBox placeholder={t('referrals.searchPlaceholder')} hint={t('referrals.searchHint')} hintId="search-hint" onSearch={(s) => { setSearch(s); setPage(1); }} />
          <p class="muted" role="status" aria-live="polite">{list.data ? t('referrals.count', { count: list.data.total }) : ''}</p>
        </div>
        <Loadable resource={list} what={t('what.referrals')}>
          {(data) => data.items.length === 0 ? <p class="muted">{search ? t('referrals.noMatch', { search }) : <>{t('referrals.none')} <ToClients partnerId={partnerId} /></>}</p> : (
            <DataTable label={t('nav.referrals')} testId="referrals" busy={list.loading}>
              <thead>
                <tr>
                  {COLUMNS.slice(0, 3).map(([key, label]) => (
                    <th key={key} scope="col" class={key === 'value' ? 'num' : undefined} aria-sort={sort === key ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                      <button type="button" class="sort" onClick={() => sortBy(key)} data-sort={key}>
                        {t(label)}<span aria-hidden="true">{sort === key ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                      </button>
                    </th>
                  ))}
                  <th scope="col">{t('referral.registration')}</th>
                  {COLUMNS.slice(3).map(([key, label]) => (
                    <th key={key} scope="col" class={key === 'value' ? 'num' : undefined} aria-sort={sort === key ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                      <button type="button" class="sort" onClick={() => sortBy(key)} data-sort={key}>
                        {t(label)}<span aria-hidden="true">{sort === key ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                      </button>
                    </th>
                  ))}
                  <th scope="col">{t('lead.notes')}</th>
                  <th scope="col"><span class="visually-hidden">{t('common.actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((r) => (
                  <tr key={r.id} data-referral={r.customerName}>
                    <th scope="row" data-col="customer">{r.customerName}{r.contactPersons && <span class="invitation-name"> · {r.contactPersons}</span>}</th>
                    <td data-col="stage"><span class={`badge badge-stage-${r.stage}`}>{words(r.stage)}</span></td>
                    <td data-col="type">{words(r.type)}</td>
                    <td data-col="registration" class="nowrap"><RegistrationBadge referral={r} /></td>
                    <td class="num" data-col="value">{r.value ? amount(r.value) : '—'}</td>
                    <td data-col="owner">{r.owner?.name ?? '—'}</td>
                    <td class="nowrap">{dateTime(r.registeredAt)}</td>
                    <td data-col="notes" class="notes">{r.notes ?? ''}</td>
                    <td>
                      <button type="button" class="btn btn-small" aria-label={t('referrals.openLabel', { name: r.customerName })}
                        onClick={(e) => { opener.current = e.currentTarget; setOpen(r); }}>{t('common.open')}</button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          )}
        </Loadable>
        <Pager page={page} pages={pages} label={t('referrals.pages')} onPage={setPage} />
      </section>
      <ReferralEditor partnerId={partnerId} currency={currency} referral={open}
        onSaved={() => void list.reload()}
        onClose={() => { setOpen(null); opener.current?.focus(); }} />
    </main>
  );
}

/** Partners used to other tools look for the customers their links brought under "Referrals": this points them on. */
function ToClients({ partnerId }: { partnerId: string }) {
  return <>{tx('referrals.toClients', { link: <Link href={pageHref('partner', partnerId, 'clients')}>{t('nav.clients')}</Link> })}</>;
}

function NewReferral({ partnerId, currency, onCreated }: { partnerId: string; currency: string; onCreated: () => void }) {
  const { busy, error, problems, run } = useApiSubmit();
  const [status, setStatus] = useState('');
  async function submit(e: Event) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    setStatus('');
    await run(async () => {
      const created = await portalApi.createReferral(partnerId, leadInputFrom(f, currency));
      form.reset();
      setStatus(created.duplicates.length > 0
        ? t('referrals.registeredDuplicate', { name: created.customerName, matches: created.duplicates.map((m) => matchWords(m, 'match.oneOfYourLeads')).join('; ') })
        : t('referrals.registered', { name: created.customerName, date: dateTime(created.registration!.dueAt) }));
      onCreated();
    });
  }
  return (
    <details class="new-invitation">
      <summary class="disclosure-summary">{t('referrals.register')}</summary>
      <form onSubmit={submit} class="stack" aria-label={t('referrals.register')}>
        <p class="muted">{t('referrals.registerIntro')}</p>
        <LeadFields currency={currency} />
        <FormProblems error={error} problems={problems} />
        <p class="form-success" role="status">{status}</p>
        <div><button type="submit" class="btn btn-primary" aria-busy={busy}>{t('register.submit')}</button></div>
      </form>
    </details>
  );
}
