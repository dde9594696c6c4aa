// The invites someone sent (a partner's colleagues, or a program's sales representatives): to whom, their status and
// when they went out; an open one can be withdrawn by whoever may.
import { dateTime, words } from '../display';
import { DataTable } from './DataTable';
import { t } from '../i18n';

export interface SentInvite {
  id: string;
  email: string;
  status: string;
  createdAt: string;
}

interface Props<I extends SentInvite> {
  label: string;
  testId: string;
  invites: I[];
  /** One more column, before the email: its heading and what it shows (the role, or the name). */
  detail: { heading: string; first?: boolean; of: (i: I) => string };
  /** Withdraws an open invite; absent when the reader may not. */
  withdraw?: (i: I) => Promise<unknown>;
}

export function InvitesTable<I extends SentInvite>({ label, testId, invites, detail, withdraw }: Props<I>) {
  if (invites.length === 0) return null;
  return (
    <DataTable label={label} testId={testId}>
      <thead>
        <tr>
          {detail.first && <th scope="col">{detail.heading}</th>}
          <th scope="col">{t('common.email')}</th>
          {!detail.first && <th scope="col">{detail.heading}</th>}
          <th scope="col">{t('common.status')}</th><th scope="col">{t('invite.sentColumn')}</th><th scope="col"><span class="visually-hidden">{t('common.actions')}</span></th>
        </tr>
      </thead>
      <tbody>
        {invites.map((i) => (
          <tr key={i.id}>
            {detail.first ? <><th scope="row">{detail.of(i)}</th><td>{i.email}</td></> : <><th scope="row">{i.email}</th><td>{detail.of(i)}</td></>}
            <td>{words(i.status)}</td><td class="nowrap">{dateTime(i.createdAt)}</td>
            <td>{withdraw && i.status === 'pending' && (
              <button type="button" class="btn btn-small" aria-label={t('invite.withdrawLabel', { email: i.email })} onClick={() => void withdraw(i)}>{t('invite.withdraw')}</button>
            )}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
