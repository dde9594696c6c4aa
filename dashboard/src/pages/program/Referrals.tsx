// The program console's referrals and leads: search, sortable columns, pages, and the filters that need an answer
// (awaiting confirmation, overdue, possible duplicates, by stage or partner); open one to decide on it, move it or
// read its history; send a partner a referral. A sales representative sees their own and their partners', and no
// decisions.
import { useRef, useState } from 'preact/hooks';
import type { Referral, Stage } from '../../../../shared/schemas/referrals';
import { portalApi, type ConsoleReferralQuery } from '../../portal-api';
import type { PageProps } from '../../routes';
import { useResource } from '../../useResource';
import { amount, dateTime, words } from '../../display';
import { Loadable } from '../../components/Loadable';
import { DataTable } from '../../components/DataTable';
import { Pager } from '../../components/Pager';
import { SearchBox } from '../../components/SearchBox';
import { DueCell, isOverdue, RegistrationBadges } from '../../components/LeadStatus';
import { ConsoleReferralDialog } from '../../components/ConsoleReferralDialog';
import { SendReferralForm } from '../../components/SendReferralForm';
import { PartnerPicker } from '../../components/PartnerPicker';
import { t, type MessageKey } from '../../i18n';

type Sort = NonNullable<ConsoleReferralQuery['sort']>;
const STAGES: Stage[] = ['new', 'in_progress', 'won', 'lost', 'junk'];
const PAGE_SIZE = 20;
// Newest, highest and latest first; names and stages from the top of the alphabet and the pipeline.
const DESCENDING: Sort[] = ['registeredAt', 'value', 'updatedAt'];

interface Filters {
  pending: boolean;
  overdue: boolean;
  duplicate: boolean;
  stage: Stage | '';
  partnerId: string;
}

export default function Referrals({ id: programId, role }: PageProps) {
  const manager = role === 'manager';
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<Sort>('registeredAt');
  const [dir, setDir] = useState<'asc' | 'desc'>('desc');
  const [page, setPage] = useState(1);
  const [filters, setFilters] = useState<Filters>({ pending: false, overdue: false, duplicate: false, stage: '', partnerId: '' });
  const [open, setOpen] = useState<Referral | null>(null);
  const opener = useRef<HTMLElement | null>(null);

  const settings = useResource(() => portalApi.settings(programId), programId);
  const staff = useResource(() => portalApi.staff(programId), programId);
  const currency = settings.data?.currency ?? 'EUR';
  const query: ConsoleReferralQuery = {
    q: search, sort, dir, page, pageSize: PAGE_SIZE, stage: filters.stage || undefined, partnerId: filters.partnerId || undefined,
    status: filters.pending ? 'pending' : undefined, overdue: filters.overdue ? 'true' : undefined, duplicate: filters.duplicate ? 'true' : undefined,
  };
  const list = useResource(() => portalApi.consoleReferrals(programId, query), `${programId}|${JSON.stringify(query)}`);

  function filter(change: Partial<Filters>) {
    setFilters({ ...filters, ...change });
    setPage(1);
  }

  function sortBy(column: Sort) {
    if (column === sort) setDir(dir === 'asc' ? 'desc' : 'asc');
    else { setSort(column); setDir(DESCENDING.includes(column) ? 'desc' : 'asc'); }
    setPage(1);
  }

  const header = (key: Sort, label: MessageKey, numeric = false) => (
    <th scope="col" class={numeric ? 'num' : undefined} aria-sort={sort === key ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <button type="button" class="sort" onClick={() => sortBy(key)} data-sort={key}>
        {t(label)}<span aria-hidden="true">{sort === key ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );

  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;
  const filtered = filters.pending || filters.overdue || filters.duplicate || filters.stage || filters.partnerId || search;

  return (
    <main class="page" id="main">
      <section aria-labelledby="referrals-title" class="panel">
        <h2 id="referrals-title" tabIndex={-1}>{t('nav.referrals')}</h2>
        <SendReferralForm programId={programId} currency={currency} staff={manager ? staff.data ?? [] : null} onSent={() => void list.reload()} />
        <div class="toolbar referral-filters">
          <SearchBox placeholder={t('console.searchPlaceholder')} hint={t('console.searchHint')} hintId="search-hint" onSearch={(s) => { setSearch(s); setPage(1); }} />
          <label class="field">
            <span>{t('referral.stage')}</span>
            <select name="stage" value={filters.stage} onChange={(e) => filter({ stage: e.currentTarget.value as Stage | '' })}>
              <option value="">{t('console.anyStage')}</option>
              {STAGES.map((s) => <option key={s} value={s}>{words(s)}</option>)}
            </select>
          </label>
          <PartnerPicker programId={programId} label={t('console.partner')} emptyLabel={t('console.anyPartner')} onChange={(p) => filter({ partnerId: p?.id ?? '' })} />
          <fieldset class="filter-checks">
            <legend>{t('console.showOnly')}</legend>
            <label class="check"><input type="checkbox" name="pending" checked={filters.pending} onChange={(e) => filter({ pending: e.currentTarget.checked })} /> {t('console.awaitingConfirmation')}</label>
            <label class="check"><input type="checkbox" name="overdue" checked={filters.overdue} onChange={(e) => filter({ overdue: e.currentTarget.checked })} /> {t('console.overdue')}</label>
            <label class="check"><input type="checkbox" name="duplicate" checked={filters.duplicate} onChange={(e) => filter({ duplicate: e.currentTarget.checked })} /> {t('console.possibleDuplicates')}</label>
          </fieldset>
        </div>
        <p class="muted" role="status" aria-live="polite">{list.data ? t('referrals.count', { count: list.data.total }) : ''}</p>
        <Loadable resource={list} what={t('what.referrals')}>
          {(data) => data.items.length === 0 ? (
            <p class="muted" data-testid="no-referrals">
              {t(filtered ? 'console.noFilterMatch' : manager ? 'console.noReferralsManager' : 'console.noReferralsRep')}
            </p>
          ) : (
            <DataTable label={t('nav.referrals')} testId="console-referrals" busy={list.loading}>
              <thead>
                <tr>
                  {header('customerName', 'common.company')}
                  {header('partner', 'console.partner')}
                  {header('stage', 'referral.stage')}
                  <th scope="col">{t('referral.registration')}</th>
                  {header('dueAt', 'console.due')}
                  {header('value', 'referral.value', true)}
                  {header('owner', 'invitation.owner')}
                  {header('registeredAt', 'referral.registered')}
                  <th scope="col"><span class="visually-hidden">{t('common.actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((r) => (
                  <tr key={r.id} data-referral={r.customerName} data-partner={r.partner.name} class={isOverdue(r) ? 'overdue' : undefined}>
                    <th scope="row" data-col="company">{r.customerName}{r.domain && <span class="invitation-name"> · {r.domain}</span>}</th>
                    <td data-col="partner">{r.partner.name}</td>
                    <td data-col="stage"><span class={`badge badge-stage-${r.stage}`}>{words(r.stage)}</span></td>
                    <td data-col="registration"><RegistrationBadges referral={r} /></td>
                    <td data-col="due"><DueCell referral={r} /></td>
                    <td class="num" data-col="value">{r.value ? amount(r.value) : '—'}</td>
                    <td data-col="owner">{r.owner?.name ?? '—'}</td>
                    <td>{dateTime(r.registeredAt)}</td>
                    <td>
                      <button type="button" class="btn btn-small" aria-label={t('console.openLabel', { name: r.customerName, partner: r.partner.name })}
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
      <ConsoleReferralDialog programId={programId} currency={currency} manager={manager} staff={staff.data ?? []} referral={open}
        onSaved={() => void list.reload()}
        onClose={() => { setOpen(null); opener.current?.focus(); }} />
    </main>
  );
}
