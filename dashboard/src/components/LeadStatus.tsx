// A referral's registration as the program's staff read it: the partner's lead awaiting an answer (by when, and
// whether it is late), locked, rejected or found not genuine; or a referral the program sent, with no registration.
import type { Referral } from '../../../shared/schemas/referrals';
import { dateTime } from '../display';
import { t, type MessageKey } from '../i18n';

type Registration = NonNullable<Referral['registration']>;

/** A registration's status in words. */
export const STATUS_WORDS: Record<Registration['status'], MessageKey> = {
  pending: 'leadStatus.pending',
  confirmed: 'word.confirmed',
  rejected: 'word.rejected',
  not_genuine: 'leadStatus.notGenuine',
};

/** The registration in a few words, with the lock for a confirmed lead. */
export function registrationText(r: Pick<Referral, 'registration'>): string {
  const g = r.registration;
  if (!g) return t('lead.sentByProgram');
  if (g.status === 'confirmed') return g.locked ? t('leadStatus.lockedUntil', { date: dateTime(g.lockedUntil!) }) : t('registration.lockRanOut');
  return t(STATUS_WORDS[g.status]);
}

/** The SLA in words: how the deadline stands, or, once decided, whether it was kept. */
export const SLA_WORDS: Record<Registration['sla'], MessageKey> = {
  on_time: 'sla.onTime',
  due_soon: 'sla.dueSoon',
  overdue: 'sla.overdue',
  met: 'sla.met',
  missed: 'sla.missed',
};

export const isOverdue = (r: Pick<Referral, 'registration'>) => r.registration?.status === 'pending' && r.registration.sla === 'overdue';

/** The registration's badge, and a second one when it matched another lead or a customer. */
export function RegistrationBadges({ referral: r }: { referral: Referral }) {
  const g = r.registration;
  const tone = !g ? 'neutral' : g.status === 'confirmed' && g.locked ? 'ok' : g.status === 'pending' ? 'neutral' : 'muted';
  return (
    <span class="badges">
      <span class={`badge badge-registration-${tone}`}>{registrationText(r)}</span>
      {r.duplicates.length > 0 && <span class="badge badge-registration-warn" data-testid="duplicate-flag">{t('match.title')}</span>}
    </span>
  );
}

/** The deadline of a lead's answer and how it stands: late ones are marked in words and with a sign, not by colour alone. */
export function DueCell({ referral: r }: { referral: Referral }) {
  const g = r.registration;
  if (!g) return <span class="muted">—</span>;
  const late = isOverdue(r);
  return (
    <span class="badges">
      <span>{dateTime(g.dueAt)}</span>
      {g.status === 'pending'
        ? <span class={`badge ${late ? 'badge-overdue' : g.sla === 'due_soon' ? 'badge-due-soon' : 'badge-registration-neutral'}`}>{late && <span aria-hidden="true">⚠ </span>}{t(SLA_WORDS[g.sla])}</span>
        : <span class="badge badge-registration-muted">{t(SLA_WORDS[g.sla])}</span>}
    </span>
  );
}
