// A referral's audit trail, newest first, as people read it: stage and registration words, amounts with their
// currency, dates, and the owner by name where the reader knows the staff.
import type { ReferralDetail } from '../../../shared/schemas/referrals';
import { format } from '../../../shared/money';
import { dateTime, words } from '../display';
import { locale, t, tx, type MessageKey } from '../i18n';

interface Props {
  changes: ReferralDetail['changes'];
  currency: string;
  /** The name of a staff account, for owner changes; else the id shows. */
  nameOf?: (accountId: string) => string | undefined;
}

const FIELD: Record<string, MessageKey> = {
  contract_date: 'history.contractDate', locked_until: 'history.lock', registration: 'history.registration', owner: 'history.owner',
  stage: 'history.stage', value: 'history.value', notes: 'history.notes',
};

export function ReferralHistory({ changes, currency, nameOf }: Props) {
  function shown(field: string, value: string | null): string {
    if (value === null || value === '') return t('history.empty');
    if (field === 'stage' || field === 'registration') return words(value);
    if (field === 'value') return format({ amount: Number(value), currency }, locale());
    if (field === 'locked_until') return dateTime(value);
    if (field === 'owner') return nameOf?.(value) ?? value;
    return value;
  }
  return (
    <ol class="audit" data-testid="audit-trail">
      {changes.map((c) => (
        <li key={c.id}>
          <span class="muted">{dateTime(c.at)} · {c.by ?? t('history.someone')}</span>{' '}
          {c.field === 'created' ? t('history.created')
            : c.field === 'won_proposed' ? t('history.wonProposed')
            : c.field === 'contacts' ? t('history.contactsErased')
            : tx('history.changed', { field: FIELD[c.field] ? t(FIELD[c.field]) : c.field, from: <strong>{shown(c.field, c.oldValue)}</strong>, to: <strong>{shown(c.field, c.newValue)}</strong> })}
        </li>
      ))}
    </ol>
  );
}
