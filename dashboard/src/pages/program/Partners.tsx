// The program console's partners, searched, sorted and a page at a time: status and reason, approve, reject, suspend or
// reinstate, the sales representative, and each partner's activity and balance; a manager's CSV exports.
import { useRef, useState } from 'preact/hooks';
import type { ConsolePartner, StatusChangeInput } from '../../../../shared/schemas/partners';
import { api } from '../../api';
import { portalApi, type ConsolePartnerQuery } from '../../portal-api';
import type { PageProps } from '../../routes';
import { useResource } from '../../useResource';
import { useApiSubmit } from '../../useApiSubmit';
import { amount, count, dateTime, wordInSentence, words } from '../../display';
import { Loadable } from '../../components/Loadable';
import { FormProblems } from '../../components/FormProblems';
import { Modal } from '../../components/Modal';
import { CopyLink } from '../../components/CopyLink';
import { StaffInviteForm } from '../../components/StaffInviteForm';
import { DataTable } from '../../components/DataTable';
import { Pager } from '../../components/Pager';
import { SearchBox } from '../../components/SearchBox';
import { ExportLinks } from '../../components/ExportLinks';
import { t, type MessageKey } from '../../i18n';

type Action = StatusChangeInput['action'];
const LABEL: Record<Action, MessageKey> = { approve: 'partners.approve', reject: 'partners.reject', suspend: 'partners.suspend', reinstate: 'partners.reinstate' };
type Sort = NonNullable<ConsolePartnerQuery['sort']>;
const PAGE_SIZE = 50;

export default function Partners({ id: programId, role }: PageProps) {
  // A manager may look at one representative's partners, or at those nobody owns.
  const [owner, setOwner] = useState('');
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<Sort>('createdAt');
  const [order, setOrder] = useState<'asc' | 'desc'>('desc');
  const [page, setPage] = useState(1);
  const query: ConsolePartnerQuery = { q: search || undefined, sort, order, page, limit: PAGE_SIZE, salesRep: owner || undefined };
  const records = useResource(() => portalApi.consolePartners(programId, query), `${programId}|${JSON.stringify(query)}`);
  const activity = useResource(() => api.programPartners(programId), programId);
  const staff = useResource(() => portalApi.staff(programId), programId);
  const settings = useResource(() => portalApi.settings(programId), programId);
  const [deciding, setDeciding] = useState<{ partner: ConsolePartner; action: Action } | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const opener = useRef<HTMLElement | null>(null);
  const manager = role === 'manager';

  // Newest first by date joined; names, numbers, statuses and representatives from the top.
  function sortBy(column: Sort) {
    if (column === sort) setOrder(order === 'asc' ? 'desc' : 'asc');
    else { setSort(column); setOrder(column === 'createdAt' ? 'desc' : 'asc'); }
    setPage(1);
  }

  const header = (key: Sort, label: MessageKey) => (
    <th scope="col" aria-sort={sort === key ? (order === 'asc' ? 'ascending' : 'descending') : undefined}>
      <button type="button" class="sort" onClick={() => sortBy(key)} data-sort={key}>
        {t(label)}<span aria-hidden="true">{sort === key ? (order === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );

  const total = records.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const first = (page - 1) * PAGE_SIZE + 1;
  const shown = !records.data ? '' : total === 0 ? t('partners.none') : records.data.items.length === 0 ? t('partners.count', { count: total })
    : t('partners.range', { first, last: first + records.data.items.length - 1, total });

  function changed(p: ConsolePartner, message: string) {
    setStatus(message);
    void records.reload();
    void activity.reload();
  }

  async function assign(p: ConsolePartner, accountId: string) {
    setError('');
    try {
      const updated = await portalApi.assignSalesRep(programId, p.id, accountId || null);
      changed(updated, updated.salesRep ? t('partners.repAssigned', { name: p.name, rep: updated.salesRep.name }) : t('partners.repRemoved', { name: p.name }));
    } catch (e) {
      setError(t('partners.assignFailed', { error: e instanceof Error ? e.message : String(e) }));
    }
  }

  return (
    <main class="page" id="main">
      <section aria-labelledby="partners-title" class="panel">
        <h2 id="partners-title" tabIndex={-1}>{t('nav.partners')}</h2>
        {settings.data && (
          <div class="registration-link">
            <p class="muted">{t('partners.registrationLink')}</p>
            <CopyLink link={settings.data.registrationLink} code={t('partners.theRegistrationLink')} />
          </div>
        )}
        <div class="toolbar">
          <SearchBox placeholder={t('partners.searchPlaceholder')} hint={t('partners.searchHint')} hintId="partner-search-hint" onSearch={(s) => { setSearch(s); setPage(1); }} />
          {manager && (
            <label class="field">
              <span>{t('partners.salesRep')}</span>
              <select name="owner" value={owner} onChange={(e) => { setOwner(e.currentTarget.value); setPage(1); }}>
                <option value="">{t('partners.everyPartner')}</option>
                <option value="none">{t('partners.nobodys')}</option>
                {(staff.data ?? []).filter((s) => s.role === 'sales_rep').map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
              </select>
            </label>
          )}
        </div>
        <p class="form-error" role="alert">{error}</p>
        <p class="form-success" role="status">{status}</p>
        <p class="muted" aria-live="polite" data-testid="partners-shown">{shown}</p>
        <Loadable resource={records} what={t('what.partners')}>
          {(data) => data.items.length === 0 ? (
            <p class="muted" data-testid="no-partners">{t(search ? 'partners.noSearchMatch' : manager ? (owner ? 'partners.noneOfRep' : 'partners.noneYet') : 'partners.noneAssigned')}</p>
          ) : (
            <DataTable label={t('nav.partners')} testId="console-partners" busy={records.loading}>
              <thead>
                <tr>
                  {header('number', 'partners.id')}{header('name', 'console.partner')}{header('status', 'common.status')}{header('salesRep', 'partners.salesRep')}{header('createdAt', 'partners.joined')}
                  <th scope="col" class="num">{t('stats.clicks')}</th><th scope="col" class="num">{t('stats.signups')}</th><th scope="col" class="num">{t('word.available')}</th>
                  <th scope="col"><span class="visually-hidden">{t('common.actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((p) => {
                  const a = activity.data?.find((x) => x.id === p.id);
                  return (
                    <tr key={p.id} data-partner={p.displayId} data-email={p.email}>
                      <td class="code" data-col="id">{p.displayId}</td>
                      <th scope="row">{p.name}<span class="invitation-name"> · {p.email}</span></th>
                      <td data-col="status">
                        <span class={`badge badge-${p.status}`}>{words(p.status)}</span>
                        {p.statusReason && (p.status === 'rejected' || p.status === 'suspended') && <span class="invitation-name">{p.statusReason}</span>}
                      </td>
                      <td>
                        {manager ? (
                          <select aria-label={t('partners.repFor', { name: p.name })} value={p.salesRep?.id ?? ''} onChange={(e) => void assign(p, e.currentTarget.value)}>
                            <option value="">{t('common.none')}</option>
                            {(staff.data ?? []).map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
                          </select>
                        ) : (p.salesRep?.name ?? '—')}
                      </td>
                      <td data-col="joined">{dateTime(p.createdAt)}</td>
                      <td class="num">{a ? count(a.stats.clicks) : ''}</td>
                      <td class="num">{a ? count(a.stats.signups) : ''}</td>
                      <td class="num">{a ? amount(a.balance.available) : ''}</td>
                      <td>
                        {manager && (
                          <div class="row-actions">
                            {p.actions.map((action) => (
                              <button key={action} type="button" class="btn btn-small" aria-label={t('partners.actionLabel', { action: t(LABEL[action]), name: p.name })}
                                onClick={(e) => { opener.current = e.currentTarget; setDeciding({ partner: p, action }); }}>{t(LABEL[action])}</button>
                            ))}
                          </div>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </DataTable>
          )}
        </Loadable>
        <Pager page={page} pages={pages} label={t('partners.pages')} onPage={setPage} />
      </section>
      {manager && <StaffInviteForm programId={programId} onInvited={() => void staff.reload()} />}
      {manager && <ExportLinks programId={programId} />}
      <StatusDialog programId={programId} deciding={deciding}
        onDone={(p, message) => { setDeciding(null); changed(p, message); opener.current?.focus(); }}
        onClose={() => { setDeciding(null); opener.current?.focus(); }} />
    </main>
  );
}

function StatusDialog({ programId, deciding, onDone, onClose }: {
  programId: string; deciding: { partner: ConsolePartner; action: Action } | null;
  onDone: (p: ConsolePartner, message: string) => void; onClose: () => void;
}) {
  const { busy, error, problems, run } = useApiSubmit();
  const needsReason = deciding?.action === 'reject' || deciding?.action === 'suspend';
  async function submit(e: Event) {
    e.preventDefault();
    if (!deciding) return;
    const reason = String(new FormData(e.currentTarget as HTMLFormElement).get('reason') ?? '').trim();
    await run(async () => {
      const p = await portalApi.changeStatus(programId, deciding.partner.id, { action: deciding.action, reason: reason || undefined });
      onDone(p, t('partners.nowStatus', { name: p.name, status: wordInSentence(p.status), id: p.displayId }));
    });
  }
  const title = deciding ? t('partners.actionLabel', { action: t(LABEL[deciding.action]), name: deciding.partner.name }) : '';
  return (
    <Modal open={deciding !== null} title={title} onClose={onClose} testId="status-dialog">
      <form class="modal-form" onSubmit={submit}>
        <h3>{title}</h3>
        {deciding?.action === 'approve' && <p class="modal-hint muted">{t('partners.approveHint', { id: deciding.partner.displayId, partnerId: `P${deciding.partner.displayId.slice(1)}` })}</p>}
        <label class="field">
          <span>{t(needsReason ? 'partners.reason' : 'partners.reasonOptional')}</span>
          <textarea name="reason" rows={3} required={needsReason} autofocus aria-describedby="reason-hint" />
          <small id="reason-hint">{t(needsReason ? 'partners.reasonRead' : 'partners.reasonKept')}</small>
        </label>
        <FormProblems error={error} problems={problems} />
        <div class="modal-actions">
          <button type="button" class="btn" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" class="btn btn-primary" aria-busy={busy}>{deciding ? t(LABEL[deciding.action]) : ''}</button>
        </div>
      </form>
    </Modal>
  );
}
