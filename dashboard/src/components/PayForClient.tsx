// Paying one billing interval of a client's subscription from the balance: the price with the partner discount and
// the date it runs until are shown first, and only that interval at that price is paid.
import { useEffect, useState } from 'preact/hooks';
import { compare } from '../../../shared/money';
import type { Quote } from '../../../shared/schemas/billing';
import { api } from '../api';
import { amount, longDay } from '../display';
import { useApiSubmit } from '../useApiSubmit';
import { FormProblems } from './FormProblems';
import { Modal } from './Modal';
import { t } from '../i18n';

interface Props {
  partnerId: string;
  client: { externalId: string; label: string; plan: string } | null;
  onClose: () => void;
  onPaid: (message: string) => void;
}

export function PayForClient({ partnerId, client, onClose, onPaid }: Props) {
  const [quote, setQuote] = useState<Quote | null>(null);
  const [key, setKey] = useState('');
  const { busy, error, problems, run, clear } = useApiSubmit();

  useEffect(() => {
    setQuote(null);
    clear();
    if (!client) return;
    setKey(crypto.randomUUID()); // one payment per confirmation, however often the button is pressed
    void run(async () => setQuote(await api.quote(partnerId, client.externalId, client.plan)));
  }, [client?.externalId, client?.plan]);

  async function confirm(e: Event) {
    e.preventDefault();
    if (!client || !quote) return;
    await run(async () => {
      const paid = await api.payForClient(partnerId, client.externalId, client.plan, quote, key);
      onPaid(t('pay.paid', { amount: amount(quote.price), client: client.label, plan: client.plan, date: longDay(paid.paidUntil) }));
    });
  }

  const short = quote ? compare(quote.price, quote.available) > 0 : false;
  return (
    <Modal open={client !== null} title={t('pay.title')} onClose={onClose} testId="pay-for-client">
      <form class="modal-form" onSubmit={confirm}>
        <h3>{t('pay.heading', { client: client?.label ?? '', plan: client?.plan ?? '' })}</h3>
        {quote ? (
          <dl class="facts">
            <div><dt>{t('pay.listPrice')}</dt><dd>{t(quote.interval === 'year' ? 'pay.perYear' : 'pay.perMonth', { amount: amount(quote.listPrice) })}</dd></div>
            <div><dt>{t('pay.discount', { percent: quote.discountBps / 100 })}</dt><dd>−{amount(quote.discount)}</dd></div>
            <div><dt>{t('pay.youPay')}</dt><dd data-testid="quote-price">{amount(quote.price)}</dd></div>
            <div><dt>{t('word.available')}</dt><dd>{amount(quote.available)}</dd></div>
            <div><dt>{t('pay.runsUntil')}</dt><dd data-testid="quote-paid-until">{longDay(quote.paidUntil)}</dd></div>
          </dl>
        ) : (
          !error && <p class="muted" aria-busy="true">{t('pay.quoting')}</p>
        )}
        {short && <p class="notice notice-error">{t('pay.short')}</p>}
        <FormProblems error={error} problems={problems} />
        <div class="modal-actions">
          <button type="button" class="btn" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" class="btn btn-primary" disabled={!quote || short || busy} aria-busy={busy}>{busy ? t('pay.paying') : t('pay.confirm')}</button>
        </div>
      </form>
    </Modal>
  );
}
