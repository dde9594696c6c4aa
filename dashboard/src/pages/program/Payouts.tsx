// The console's payouts: close the period, review each batch, export it for the bank, settle each withdrawal.
import type { PageProps } from '../../routes';
import { PayoutsConsole } from '../../components/PayoutsConsole';
import { t } from '../../i18n';

export default function Payouts({ id: programId, role }: PageProps) {
  return (
    <main class="page" id="main">
      {role === 'manager' ? <PayoutsConsole programId={programId} /> : <p class="notice notice-info">{t('payouts.managersOnly')}</p>}
    </main>
  );
}
