// A referral's registration as the program's staff read it: the partner's lead awaiting an answer (by when, and
// whether it is late), locked, rejected or found not genuine; or a referral the program sent, with no registration.
import type { Referral } from '../../../shared/schemas/referrals';
import { dateTime } from '../display';

type Registration = NonNullable<Referral['registration']>;

/** A registration's status in words. */
export const STATUS_WORDS: Record<Registration['status'], string> = {
  pending: 'Awaiting confirmation',
  confirmed: 'Confirmed',
  rejected: 'Rejected',
  not_genuine: 'Not genuine: lock lifted',
};

/** The registration in a few words, with the lock for a confirmed lead. */
export function registrationText(r: Pick<Referral, 'registration'>): string {
  const g = r.registration;
  if (!g) return 'Sent by the program';
  if (g.status === 'confirmed') return g.locked ? `Confirmed, locked until ${dateTime(g.lockedUntil!)}` : 'Confirmed; the lock ran out';
  return STATUS_WORDS[g.status];
}

/** The SLA in words: how the deadline stands, or, once decided, whether it was kept. */
export const SLA_WORDS: Record<Registration['sla'], string> = {
  on_time: 'On time',
  due_soon: 'Due soon',
  overdue: 'Overdue',
  met: 'Answered in time',
  missed: 'Answered late',
};

export const isOverdue = (r: Pick<Referral, 'registration'>) => r.registration?.status === 'pending' && r.registration.sla === 'overdue';

/** The registration's badge, and a second one when it matched another lead or a customer. */
export function RegistrationBadges({ referral: r }: { referral: Referral }) {
  const g = r.registration;
  const tone = !g ? 'neutral' : g.status === 'confirmed' && g.locked ? 'ok' : g.status === 'pending' ? 'neutral' : 'muted';
  return (
    <span class="badges">
      <span class={`badge badge-registration-${tone}`}>{registrationText(r)}</span>
      {r.duplicates.length > 0 && <span class="badge badge-registration-warn" data-testid="duplicate-flag">Possible duplicate</span>}
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
        ? <span class={`badge ${late ? 'badge-overdue' : g.sla === 'due_soon' ? 'badge-due-soon' : 'badge-registration-neutral'}`}>{late && <span aria-hidden="true">⚠ </span>}{SLA_WORDS[g.sla]}</span>
        : <span class="badge badge-registration-muted">{SLA_WORDS[g.sla]}</span>}
    </span>
  );
}
