// "My clients": the customers this partner brought, with each subscription's plan, status, amount and expiry.
import { useState } from 'preact/hooks';
import { portalApi } from '../../portal-api';
import type { PageProps } from '../../routes';
import { useResource } from '../../useResource';
import { amount, customerLabel, dateTime, words } from '../../display';
import { Loadable } from '../../components/Loadable';
import { PayForClient } from '../../components/PayForClient';
import { DataTable } from '../../components/DataTable';
import { Link, pageHref } from '../../router';

export default function Clients({ id: partnerId, role }: PageProps) {
  const clients = useResource(() => portalApi.clients(partnerId), partnerId);
  const [paying, setPaying] = useState<{ externalId: string; label: string; plan: string } | null>(null);
  const [paid, setPaid] = useState('');
  // Owners and finance members may spend the balance; the server checks this too.
  const mayPay = role === 'owner' || role === 'finance';
  return (
    <main class="page" id="main">
      <section aria-labelledby="clients-title" class="panel">
        <h2 id="clients-title" tabIndex={-1}>My clients</h2>
        <p class="muted page-intro">Customers who signed up through your invitations, or from a company your confirmed lead locks to you. Subscriptions are as the program's site reports them. <ToReferrals partnerId={partnerId} /></p>
        <Loadable resource={clients} what="clients">
          {(list) => list.length === 0 ? <p class="muted">No clients yet: they appear here when someone signs up through one of your invitations.</p> : (
            <DataTable label="Clients" testId="clients">
              <thead>
                <tr>
                  <th scope="col">Client</th><th scope="col">Since</th><th scope="col">Invitation</th>
                  <th scope="col">Plan</th><th scope="col">Status</th><th scope="col" class="num">Amount</th><th scope="col">Expires</th>
                  {mayPay && <th scope="col"><span class="visually-hidden">Pay</span></th>}
                </tr>
              </thead>
              <tbody>
                {list.flatMap((c) => {
                  const subs = c.subscriptions.length > 0 ? c.subscriptions : [null];
                  return subs.map((s, i) => (
                    <tr key={`${c.id}-${i}`} data-client={c.externalId}>
                      <th scope="row">{i === 0 ? customerLabel(c) : <span class="visually-hidden">{customerLabel(c)}</span>}</th>
                      <td class="nowrap">{i === 0 ? dateTime(c.since) : ''}</td>
                      <td class={c.invitationCode ? 'code' : undefined}>{i === 0 ? (c.invitationCode ?? (c.leadCompany ? `Lead: ${c.leadCompany}` : '—')) : ''}</td>
                      <td>{s?.plan ?? <span class="muted">No subscription reported</span>}</td>
                      <td>{s && <span class={`badge badge-sub-${s.status}`}>{words(s.status)}</span>}</td>
                      <td class="num">{s?.amount ? amount(s.amount) : ''}</td>
                      <td class="nowrap">{s?.expiresAt ? dateTime(s.expiresAt) : ''}</td>
                      {mayPay && (
                        <td>
                          {s?.amount && (
                            <button type="button" class="btn btn-small" onClick={() => setPaying({ externalId: c.externalId, label: customerLabel(c), plan: s.plan })}>
                              Pay from balance…
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
        <p class="form-success" role="status">{paid}</p>
      </section>
      <PayForClient
        partnerId={partnerId}
        client={paying}
        onClose={() => setPaying(null)}
        onPaid={(message) => {
          setPaying(null);
          setPaid(message);
          void clients.reload();
        }}
      />
    </main>
  );
}

/** The leads a partner registered are not clients until they sign up: they are on the Referrals page. */
function ToReferrals({ partnerId }: { partnerId: string }) {
  return <>Companies you registered as leads, and deals the program sent you, are under <Link href={pageHref('partner', partnerId, 'referrals')}>Referrals</Link>.</>;
}
