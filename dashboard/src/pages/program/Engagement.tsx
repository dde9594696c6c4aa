// Engagement: the partners behind each engagement trigger (inactive, referrals without success, close to the next
// tier), whether and when each was emailed, and a button to email one now or again (managers only).
import { useState } from 'preact/hooks';
import { portalApi, type EngagementQuery } from '../../portal-api';
import type { EngagementPage, EngagementRow } from '../../../../shared/schemas/engagement';
import type { PageProps } from '../../routes';
import { useResource } from '../../useResource';
import { useApiSubmit } from '../../useApiSubmit';
import { count, dateTime, day, periodSpan } from '../../display';
import { Loadable } from '../../components/Loadable';
import { FormProblems } from '../../components/FormProblems';
import { DataTable } from '../../components/DataTable';
import { t, type MessageKey } from '../../i18n';

type Kind = EngagementQuery['kind'];
const KINDS: { kind: Kind; label: MessageKey }[] = [
  { kind: 'inactive', label: 'engagement.inactive' },
  { kind: 'no_success', label: 'engagement.noSuccess' },
  { kind: 'near_tier', label: 'engagement.nearTier' },
];
const PAGE = 50;

export default function Engagement({ id: programId, role }: PageProps) {
  const [kind, setKind] = useState<Kind>('inactive');
  const [offset, setOffset] = useState(0);
  const list = useResource(() => portalApi.engagement(programId, { kind, limit: PAGE, offset }), `${programId}:${kind}:${offset}`);
  const { busy, error, problems, run } = useApiSubmit();
  const [status, setStatus] = useState('');

  if (role !== 'manager') {
    return <main class="page" id="main"><section class="panel"><h2 tabIndex={-1}>{t('nav.engagement')}</h2><p class="muted">{t('engagement.managersOnly')}</p></section></main>;
  }

  async function nudge(r: EngagementRow) {
    const resend = r.notice !== null;
    if (resend && !confirm(t('engagement.resendConfirm', { partner: r.name }))) return;
    setStatus('');
    await run(async () => {
      await portalApi.nudge(programId, r.partnerId, kind, resend);
      setStatus(t('engagement.sent', { partner: r.name }));
      await list.reload();
    });
  }

  const choose = (k: Kind) => {
    setKind(k);
    setOffset(0);
    setStatus('');
  };

  return (
    <main class="page" id="main">
      <section aria-labelledby="engagement-title" class="panel">
        <h2 id="engagement-title" tabIndex={-1}>{t('nav.engagement')}</h2>
        <p class="muted">{t('engagement.intro')}</p>
        <div class="period-presets" role="group" aria-label={t('engagement.kind')}>
          {KINDS.map((k) => (
            <button key={k.kind} type="button" class={k.kind === kind ? 'btn btn-small btn-primary' : 'btn btn-small'} aria-pressed={k.kind === kind} onClick={() => choose(k.kind)}>
              {t(k.label)}
            </button>
          ))}
        </div>
        <FormProblems error={error} problems={problems} />
        <p class="form-success" role="status">{status}</p>
        <Loadable resource={list} what={t('what.engagement')}>
          {(page) => <EngagementTable page={page} busy={busy} onNudge={(r) => void nudge(r)} offset={offset} onPage={setOffset} />}
        </Loadable>
      </section>
    </main>
  );
}

function intro(page: EngagementPage): string {
  if (page.kind === 'inactive') return t('engagement.inactiveIntro', { days: page.inactiveDays });
  const [from, to] = page.period ? periodSpan(page.period).split(' – ') : ['', ''];
  return t(page.kind === 'no_success' ? 'engagement.noSuccessIntro' : 'engagement.nearTierIntro', { from, to });
}

function Notified({ r }: { r: EngagementRow }) {
  if (!r.notice) return <span class="muted">{t('engagement.notYet')}</span>;
  const date = dateTime(r.notice.lastSentAt);
  return <>{r.notice.sends > 1 ? t('engagement.notifiedTimes', { date, sends: r.notice.sends }) : t('engagement.notifiedOn', { date })}</>;
}

function EngagementTable({ page, busy, onNudge, offset, onPage }: { page: EngagementPage; busy: boolean; onNudge: (r: EngagementRow) => void; offset: number; onPage: (offset: number) => void }) {
  const label = t(KINDS.find((k) => k.kind === page.kind)!.label);
  return (
    <>
      <p class="muted">{intro(page)}</p>
      {page.data.length === 0 ? (
        <p class="muted" data-testid="engagement-empty">{t('engagement.empty')}</p>
      ) : (
        <DataTable label={label} testId={`engagement-${page.kind}`}>
          <thead>
            <tr>
              <th scope="col">{t('engagement.partner')}</th>
              {page.kind === 'inactive' ? (
                <><th scope="col">{t('engagement.lastSignIn')}</th><th scope="col">{t('engagement.lastReferral')}</th><th scope="col" class="num">{t('engagement.quietDays')}</th></>
              ) : (
                <><th scope="col" class="num">{t('engagement.referrals')}</th><th scope="col" class="num">{t('engagement.successes')}</th></>
              )}
              {page.kind === 'near_tier' && <th scope="col">{t('engagement.needed')}</th>}
              <th scope="col">{t('engagement.notified')}</th>
              <th scope="col"><span class="visually-hidden">{t('common.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {page.data.map((r) => (
              <tr key={r.partnerId} data-partner={r.partnerId}>
                <th scope="row">{r.name} <span class="muted">{r.displayId}</span></th>
                {page.kind === 'inactive' ? (
                  <>
                    <td class="nowrap">{r.lastSignInAt ? dateTime(r.lastSignInAt) : t('engagement.never')}</td>
                    <td class="nowrap">{r.lastReferralDay ? day(r.lastReferralDay) : t('engagement.never')}</td>
                    <td class="num">{count(r.inactiveDays ?? 0)}</td>
                  </>
                ) : (
                  <><td class="num">{count(r.referrals ?? 0)}</td><td class="num">{count(r.successes ?? 0)}</td></>
                )}
                {page.kind === 'near_tier' && <td>{t('engagement.neededValue', { needed: r.needed ?? 0, tier: r.tierMinReferrals ?? 0 })}</td>}
                <td class="nowrap" data-testid="notified"><Notified r={r} /></td>
                <td>
                  <button type="button" class="btn btn-small" aria-busy={busy} onClick={() => onNudge(r)} aria-label={t(r.notice ? 'engagement.resendLabel' : 'engagement.sendLabel', { partner: r.name })}>
                    {t(r.notice ? 'engagement.resend' : 'engagement.send')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {(offset > 0 || page.hasMore) && (
        <div class="row-buttons">
          {offset > 0 && <button type="button" class="btn" onClick={() => onPage(Math.max(0, offset - PAGE))}>{t('engagement.previous')}</button>}
          {page.hasMore && <button type="button" class="btn" onClick={() => onPage(offset + PAGE)}>{t('engagement.next')}</button>}
        </div>
      )}
    </>
  );
}
