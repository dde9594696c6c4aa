// A referral's audit trail, newest first, as people read it: stage and registration words, amounts with their
// currency, dates, and the owner by name where the reader knows the staff.
import type { ReferralDetail } from '../../../shared/schemas/referrals';
import { format } from '../../../shared/money';
import { dateTime, words } from '../display';

interface Props {
  changes: ReferralDetail['changes'];
  currency: string;
  /** The name of a staff account, for owner changes; else the id shows. */
  nameOf?: (accountId: string) => string | undefined;
}

const FIELD: Record<string, string> = { contract_date: 'contract date', locked_until: 'lock', registration: 'registration', owner: 'sales representative' };

export function ReferralHistory({ changes, currency, nameOf }: Props) {
  function shown(field: string, value: string | null): string {
    if (value === null || value === '') return '(empty)';
    if (field === 'stage' || field === 'registration') return words(value);
    if (field === 'value') return format({ amount: Number(value), currency });
    if (field === 'locked_until') return dateTime(value);
    if (field === 'owner') return nameOf?.(value) ?? value;
    return value;
  }
  return (
    <ol class="audit" data-testid="audit-trail">
      {changes.map((c) => (
        <li key={c.id}>
          <span class="muted">{dateTime(c.at)} · {c.by ?? 'someone'}</span>{' '}
          {c.field === 'created' ? 'registered the referral'
            : c.field === 'won_proposed' ? 'proposed the deal as won'
            : c.field === 'contacts' ? 'erased the contact persons and emails on request'
            : <>changed {FIELD[c.field] ?? c.field} from <strong>{shown(c.field, c.oldValue)}</strong> to <strong>{shown(c.field, c.newValue)}</strong></>}
        </li>
      ))}
    </ol>
  );
}
