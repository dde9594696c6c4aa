// The console's payouts: close the period, review each batch, export it for the bank, settle each withdrawal.
import type { PageProps } from '../../routes';
import { PayoutsConsole } from '../../components/PayoutsConsole';

export default function Payouts({ id: programId, role }: PageProps) {
  return (
    <main class="page" id="main">
      {role === 'manager' ? <PayoutsConsole programId={programId} /> : <p class="notice notice-info">Payouts are run by the program's managers.</p>}
    </main>
  );
}
