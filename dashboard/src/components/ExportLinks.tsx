// The console's CSV exports: a download link per file (program managers only; the API refuses anyone else).
import { portalApi } from '../portal-api';
import { t } from '../i18n';

const FILES = ['partners', 'referrals', 'customers', 'ledger', 'withdrawals'] as const;

export function ExportLinks({ programId }: { programId: string }) {
  return (
    <section aria-labelledby="exports-title" class="panel" data-testid="exports">
      <h2 id="exports-title">{t('exports.title')}</h2>
      <p class="muted">{t('exports.intro')}</p>
      <ul>
        {FILES.map((file) => (
          <li key={file}>
            <a href={portalApi.exportCsvUrl(programId, file)} download data-export={file}>{t(`exports.${file}`)}</a> <span class="muted">({t(`exports.${file}What`)})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
