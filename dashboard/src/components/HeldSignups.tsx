// Signups held for review (possible self-referrals, and customers of a company locked to another partner): a program
// manager approves (the money counts for the invitation's partner), rejects (it is reversed), or awards a lead
// conflict to the partner the lead is locked to.
import { portalApi } from '../portal-api';
import { useResource } from '../useResource';
import { useApiSubmit } from '../useApiSubmit';
import { dateTime } from '../display';
import { Loadable } from './Loadable';
import { FormProblems } from './FormProblems';
import { DataTable } from './DataTable';

export function HeldSignups({ programId, mayDecide }: { programId: string; mayDecide: boolean }) {
  const held = useResource(() => portalApi.heldSignups(programId), programId);
  const { busy, error, problems, run } = useApiSubmit();
  const decide = (customerId: string, decision: 'approve' | 'reject' | 'award_to_lead') =>
    run(async () => {
      await portalApi.decideSignup(programId, customerId, decision);
      await held.reload();
    });
  return (
    <section aria-labelledby="held-title" class="panel">
      <h2 id="held-title">Signups held for review</h2>
      <p class="muted">
        Reported from a browser that one of the partner's members signed in from, or clicked from (possibly a self-referral), or a customer of a
        company locked to another partner by a confirmed lead. Their credit and commission stay pending until you decide. Approve keeps the
        customer with the invitation's partner; a lead conflict can instead be awarded to the partner the lead is locked to, who then earns it.
      </p>
      <Loadable resource={held} what="held signups">
        {(rows) =>
          rows.length === 0 ? (
            <p class="muted">None held.</p>
          ) : (
            <DataTable label="Held signups" testId="held-signups">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Customer</th>
                  <th scope="col">Invitation</th>
                  <th scope="col">Why held</th>
                  <th scope="col">Decision</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.customerId}>
                    <td class="nowrap"><time dateTime={r.createdAt}>{dateTime(r.createdAt)}</time></td>
                    <td>{r.email ?? r.customerId}<span class="status-reason">{r.customerId}</span></td>
                    <td>{r.invitationCode ?? ''}{r.partnerName && <span class="status-reason">{r.partnerName}</span>}</td>
                    <td data-col="held-reason">
                      {r.conflict
                        ? <>Company locked to {r.conflict.partner.name} (lead {r.conflict.company}{r.conflict.lockedUntil ? `, until ${dateTime(r.conflict.lockedUntil)}` : ''})</>
                        : 'Possible self-referral'}
                    </td>
                    <td>
                      {mayDecide ? (
                        <div class="held-decisions">
                          <button type="button" class="btn" aria-busy={busy} onClick={() => decide(r.customerId, 'approve')}>
                            Approve{r.conflict && r.partnerName ? ` for ${r.partnerName}` : ''}
                          </button>
                          {r.conflict && (
                            <button type="button" class="btn" aria-busy={busy} onClick={() => decide(r.customerId, 'award_to_lead')}>Award to {r.conflict.partner.name}</button>
                          )}
                          <button type="button" class="btn" aria-busy={busy} onClick={() => decide(r.customerId, 'reject')}>Reject</button>
                        </div>
                      ) : (
                        'A manager decides'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          )
        }
      </Loadable>
      <FormProblems error={error} problems={problems} />
    </section>
  );
}
