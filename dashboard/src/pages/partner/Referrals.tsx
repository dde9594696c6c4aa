// The partner's referrals: one search box, sortable columns, server-side pages; register a lead (told at once if it
// matched another); open one to see its registration, edit its stage, value and notes, and read its audit trail.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Referral, ReferralQuery } from '../../../../shared/schemas/referrals';
import { api } from '../../api';
import { portalApi } from '../../portal-api';
import type { PageProps } from '../../routes';
import { useResource } from '../../useResource';
import { useApiSubmit } from '../../useApiSubmit';
import { amount, count, dateTime, words } from '../../display';
import { Loadable } from '../../components/Loadable';
import { FormProblems } from '../../components/FormProblems';
import { ReferralEditor, RegistrationBadge } from '../../components/ReferralEditor';
import { DataTable } from '../../components/DataTable';
import { Pager } from '../../components/Pager';
import { LeadFields, leadInputFrom } from '../../components/LeadFields';
import { Link, pageHref } from '../../router';

type Sort = NonNullable<ReferralQuery['sort']>;
const COLUMNS: [Sort, string][] = [['customerName', 'Customer'], ['stage', 'Stage'], ['type', 'Type'], ['value', 'Value'], ['owner', 'Owner'], ['registeredAt', 'Registered']];
const PAGE_SIZE = 10;

export default function Referrals({ id: partnerId }: PageProps) {
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<Sort>('registeredAt');
  const [dir, setDir] = useState<'asc' | 'desc'>('desc');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<Referral | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  // The program's currency, which referral values are in, comes with the partner's balance.
  const currency = useResource(() => api.partner(partnerId).then((s) => s.balance.available.currency), partnerId).data ?? 'EUR';
  const list = useResource(() => portalApi.referrals(partnerId, { q: search, sort, dir, page, pageSize: PAGE_SIZE }), `${partnerId}|${search}|${sort}|${dir}|${page}`);

  // The search runs as people stop typing, from the first page.
  useEffect(() => {
    const t = setTimeout(() => { setSearch(q.trim()); setPage(1); }, 250);
    return () => clearTimeout(t);
  }, [q]);

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
        <h2 id="referrals-title" tabIndex={-1}>Referrals</h2>
        <p class="muted page-intro">Leads and deals: the companies you register with the program, and those it sends you, with their stage.{!empty && <> <ToClients partnerId={partnerId} /></>}</p>
        <NewReferral partnerId={partnerId} currency={currency} onCreated={() => void list.reload()} />
        <div class="toolbar">
          <label class="field search">
            <span>Search</span>
            <input type="search" name="q" value={q} onInput={(e) => setQ(e.currentTarget.value)} placeholder="Customer, contact, stage, notes, owner…" aria-describedby="search-hint" />
            <small id="search-hint">Matches every field except the registration date</small>
          </label>
          <p class="muted" role="status" aria-live="polite">{list.data ? `${count(list.data.total)} referral${list.data.total === 1 ? '' : 's'}` : ''}</p>
        </div>
        <Loadable resource={list} what="referrals">
          {(data) => data.items.length === 0 ? <p class="muted">{search ? `No referral matches “${search}”.` : <>No referrals yet. Register the first one above. <ToClients partnerId={partnerId} /></>}</p> : (
            <DataTable label="Referrals" testId="referrals" busy={list.loading}>
              <thead>
                <tr>
                  {COLUMNS.slice(0, 3).map(([key, label]) => (
                    <th key={key} scope="col" class={key === 'value' ? 'num' : undefined} aria-sort={sort === key ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                      <button type="button" class="sort" onClick={() => sortBy(key)} data-sort={key}>
                        {label}<span aria-hidden="true">{sort === key ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                      </button>
                    </th>
                  ))}
                  <th scope="col">Registration</th>
                  {COLUMNS.slice(3).map(([key, label]) => (
                    <th key={key} scope="col" class={key === 'value' ? 'num' : undefined} aria-sort={sort === key ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                      <button type="button" class="sort" onClick={() => sortBy(key)} data-sort={key}>
                        {label}<span aria-hidden="true">{sort === key ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                      </button>
                    </th>
                  ))}
                  <th scope="col">Notes</th>
                  <th scope="col"><span class="visually-hidden">Actions</span></th>
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
                      <button type="button" class="btn btn-small" aria-label={`Open ${r.customerName}`}
                        onClick={(e) => { opener.current = e.currentTarget; setOpen(r); }}>Open</button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          )}
        </Loadable>
        <Pager page={page} pages={pages} label="Pages of referrals" onPage={setPage} />
      </section>
      <ReferralEditor partnerId={partnerId} currency={currency} referral={open}
        onSaved={() => void list.reload()}
        onClose={() => { setOpen(null); opener.current?.focus(); }} />
    </main>
  );
}

/** Partners used to other tools look for the customers their links brought under "Referrals": this points them on. */
function ToClients({ partnerId }: { partnerId: string }) {
  return <>Looking for customers who signed up through your links? They are under <Link href={pageHref('partner', partnerId, 'clients')}>My clients</Link>.</>;
}

/** What a duplicate matched, as the partner reads it. */
function matchWords(m: Referral['duplicates'][number]): string {
  const what = m.against === 'own_lead' ? 'one of your own leads' : m.against === 'other_lead' ? "a lead already registered" : 'an existing customer';
  return `${what} (${m.exact ? 'same' : 'similar'} ${m.on === 'contact' ? 'contact' : m.on})`;
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
        ? `Registered ${created.customerName}, flagged as a possible duplicate: it matches ${created.duplicates.map(matchWords).join('; ')}. The program decides whether it can be confirmed for you.`
        : `Registered ${created.customerName}. The program confirms or rejects it by ${dateTime(created.registration!.dueAt)}.`);
      onCreated();
    });
  }
  return (
    <details class="new-invitation">
      <summary class="disclosure-summary">Register a referral</summary>
      <form onSubmit={submit} class="stack" aria-label="Register a referral">
        <p class="muted">A lead you register is checked against the program's leads and customers at once; the program confirms or rejects it within its deadline, and a confirmed lead is locked to you.</p>
        <LeadFields currency={currency} />
        <FormProblems error={error} problems={problems} />
        <p class="form-success" role="status">{status}</p>
        <div><button type="submit" class="btn btn-primary" aria-busy={busy}>Register</button></div>
      </form>
    </details>
  );
}
