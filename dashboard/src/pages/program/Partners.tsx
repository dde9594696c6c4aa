// The program console's partners, searched, sorted and a page at a time: status and reason, approve, reject, suspend or
// reinstate, the sales representative, and each partner's activity and balance; a manager's CSV exports.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConsolePartner, StatusChangeInput } from '../../../../shared/schemas/partners';
import { api } from '../../api';
import { portalApi, type ConsolePartnerQuery } from '../../portal-api';
import type { PageProps } from '../../routes';
import { useResource } from '../../useResource';
import { useApiSubmit } from '../../useApiSubmit';
import { amount, count, dateTime, words } from '../../display';
import { Loadable } from '../../components/Loadable';
import { FormProblems } from '../../components/FormProblems';
import { Modal } from '../../components/Modal';
import { CopyLink } from '../../components/CopyLink';
import { StaffInviteForm } from '../../components/StaffInviteForm';
import { DataTable } from '../../components/DataTable';
import { Pager } from '../../components/Pager';
import { ExportLinks } from '../../components/ExportLinks';

type Action = StatusChangeInput['action'];
const LABEL: Record<Action, string> = { approve: 'Approve', reject: 'Reject', suspend: 'Suspend', reinstate: 'Reinstate' };
type Sort = NonNullable<ConsolePartnerQuery['sort']>;
const PAGE_SIZE = 50;

export default function Partners({ id: programId, role }: PageProps) {
  // A manager may look at one representative's partners, or at those nobody owns.
  const [owner, setOwner] = useState('');
  const [q, setQ] = useState('');
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

  // The search runs as people stop typing, from the first page.
  useEffect(() => {
    const t = setTimeout(() => { setSearch(q.trim()); setPage(1); }, 250);
    return () => clearTimeout(t);
  }, [q]);

  // Newest first by date joined; names, numbers, statuses and representatives from the top.
  function sortBy(column: Sort) {
    if (column === sort) setOrder(order === 'asc' ? 'desc' : 'asc');
    else { setSort(column); setOrder(column === 'createdAt' ? 'desc' : 'asc'); }
    setPage(1);
  }

  const header = (key: Sort, label: string) => (
    <th scope="col" aria-sort={sort === key ? (order === 'asc' ? 'ascending' : 'descending') : undefined}>
      <button type="button" class="sort" onClick={() => sortBy(key)} data-sort={key}>
        {label}<span aria-hidden="true">{sort === key ? (order === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );

  const total = records.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const first = (page - 1) * PAGE_SIZE + 1;
  const shown = !records.data ? '' : total === 0 ? 'No partners' : records.data.items.length === 0 ? `${count(total)} partners`
    : `${count(first)}–${count(first + records.data.items.length - 1)} of ${count(total)} partners`;

  function changed(p: ConsolePartner, message: string) {
    setStatus(message);
    void records.reload();
    void activity.reload();
  }

  async function assign(p: ConsolePartner, accountId: string) {
    setError('');
    try {
      const updated = await portalApi.assignSalesRep(programId, p.id, accountId || null);
      changed(updated, `${p.name}: sales representative ${updated.salesRep ? updated.salesRep.name : 'removed'}.`);
    } catch (e) {
      setError(`Could not assign: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  return (
    <main class="page" id="main">
      <section aria-labelledby="partners-title" class="panel">
        <h2 id="partners-title" tabIndex={-1}>Partners</h2>
        {settings.data && (
          <div class="registration-link">
            <p class="muted">Registration link for new partners:</p>
            <CopyLink link={settings.data.registrationLink} code="the registration link" />
          </div>
        )}
        <div class="toolbar">
          <label class="field search">
            <span>Search</span>
            <input type="search" name="q" value={q} onInput={(e) => setQ(e.currentTarget.value)} placeholder="Name, company, email, P123456…" aria-describedby="partner-search-hint" />
            <small id="partner-search-hint">Part of a name, company or member's email, or an id such as P123456</small>
          </label>
          {manager && (
            <label class="field">
              <span>Sales representative</span>
              <select name="owner" value={owner} onChange={(e) => { setOwner(e.currentTarget.value); setPage(1); }}>
                <option value="">Every partner</option>
                <option value="none">Nobody's yet</option>
                {(staff.data ?? []).filter((s) => s.role === 'sales_rep').map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
              </select>
            </label>
          )}
        </div>
        <p class="form-error" role="alert">{error}</p>
        <p class="form-success" role="status">{status}</p>
        <p class="muted" aria-live="polite" data-testid="partners-shown">{shown}</p>
        <Loadable resource={records} what="partners">
          {(data) => data.items.length === 0 ? (
            <p class="muted" data-testid="no-partners">{search ? 'No partner matches this search.' : manager ? (owner ? 'No partner is owned by this representative.' : 'No partners yet. Share the registration link.') : 'No partners are assigned to you yet: a program manager assigns partners to their sales representative.'}</p>
          ) : (
            <DataTable label="Partners" testId="console-partners" busy={records.loading}>
              <thead>
                <tr>
                  {header('number', 'ID')}{header('name', 'Partner')}{header('status', 'Status')}{header('salesRep', 'Sales representative')}{header('createdAt', 'Joined')}
                  <th scope="col" class="num">Clicks</th><th scope="col" class="num">Signups</th><th scope="col" class="num">Available</th>
                  <th scope="col"><span class="visually-hidden">Actions</span></th>
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
                          <select aria-label={`Sales representative for ${p.name}`} value={p.salesRep?.id ?? ''} onChange={(e) => void assign(p, e.currentTarget.value)}>
                            <option value="">None</option>
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
                              <button key={action} type="button" class="btn btn-small" aria-label={`${LABEL[action]} ${p.name}`}
                                onClick={(e) => { opener.current = e.currentTarget; setDeciding({ partner: p, action }); }}>{LABEL[action]}</button>
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
        <Pager page={page} pages={pages} label="Pages of partners" onPage={setPage} />
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
      onDone(p, `${p.name} is now ${words(p.status).toLowerCase()} (${p.displayId}).`);
    });
  }
  const title = deciding ? `${LABEL[deciding.action]} ${deciding.partner.name}` : '';
  return (
    <Modal open={deciding !== null} title={title} onClose={onClose} testId="status-dialog">
      <form class="modal-form" onSubmit={submit}>
        <h3>{title}</h3>
        {deciding?.action === 'approve' && <p class="modal-hint muted">{deciding.partner.displayId} becomes P{deciding.partner.displayId.slice(1)}: a partner who earns commission.</p>}
        <label class="field">
          <span>Reason{needsReason ? '' : ' (optional)'}</span>
          <textarea name="reason" rows={3} required={needsReason} autofocus aria-describedby="reason-hint" />
          <small id="reason-hint">{needsReason ? 'The partner reads this.' : 'Kept with the change.'}</small>
        </label>
        <FormProblems error={error} problems={problems} />
        <div class="modal-actions">
          <button type="button" class="btn" onClick={onClose}>Cancel</button>
          <button type="submit" class="btn btn-primary" aria-busy={busy}>{deciding ? LABEL[deciding.action] : ''}</button>
        </div>
      </form>
    </Modal>
  );
}
