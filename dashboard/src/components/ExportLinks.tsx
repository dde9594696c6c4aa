// The console's CSV exports: a download link per file (program managers only; the API refuses anyone else).
import { portalApi } from '../portal-api';

const FILES = [
  ['partners', 'Partners', 'status, sales representative, accepted terms'],
  ['referrals', 'Referrals and leads', 'stage, registration, value, owner'],
  ['customers', 'Customers', 'who referred them and how; no email once erased'],
  ['ledger', 'Ledger', 'every entry, its amount and why'],
  ['withdrawals', 'Withdrawals', 'payouts requested, paid and failed'],
] as const;

export function ExportLinks({ programId }: { programId: string }) {
  return (
    <section aria-labelledby="exports-title" class="panel" data-testid="exports">
      <h2 id="exports-title">Exports</h2>
      <p class="muted">CSV files of the whole program, for a spreadsheet or your accounting; amounts are decimals with their currency.</p>
      <ul>
        {FILES.map(([file, label, what]) => (
          <li key={file}>
            <a href={portalApi.exportCsvUrl(programId, file)} download data-export={file}>{label}</a> <span class="muted">({what})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
