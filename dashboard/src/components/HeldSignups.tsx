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
import { t } from '../i18n';

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
      <h2 id="held-title">{t('held.title')}</h2>
      <p class="muted">{t('held.intro')}</p>
      <Loadable resource={held} what={t('what.held')}>
        {(rows) =>
          rows.length === 0 ? (
            <p class="muted">{t('held.none')}</p>
          ) : (
            <DataTable label={t('held.label')} testId="held-signups">
              <thead>
                <tr>
                  <th scope="col">{t('held.when')}</th>
                  <th scope="col">{t('referral.customer')}</th>
                  <th scope="col">{t('clients.invitation')}</th>
                  <th scope="col">{t('held.why')}</th>
                  <th scope="col">{t('held.decision')}</th>
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
                        ? r.conflict.lockedUntil
                          ? t('held.conflictUntil', { partner: r.conflict.partner.name, company: r.conflict.company, date: dateTime(r.conflict.lockedUntil) })
                          : t('held.conflict', { partner: r.conflict.partner.name, company: r.conflict.company })
                        : t('held.selfReferral')}
                    </td>
                    <td>
                      {mayDecide ? (
                        <div class="held-decisions">
                          <button type="button" class="btn" aria-busy={busy} onClick={() => decide(r.customerId, 'approve')}>
                            {r.conflict && r.partnerName ? t('held.approveFor', { partner: r.partnerName }) : t('held.approve')}
                          </button>
                          {r.conflict && (
                            <button type="button" class="btn" aria-busy={busy} onClick={() => decide(r.customerId, 'award_to_lead')}>{t('held.award', { partner: r.conflict.partner.name })}</button>
                          )}
                          <button type="button" class="btn" aria-busy={busy} onClick={() => decide(r.customerId, 'reject')}>{t('partners.reject')}</button>
                        </div>
                      ) : (
                        t('held.managerDecides')
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
