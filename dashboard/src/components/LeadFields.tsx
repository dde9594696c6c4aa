// The fields of a referral as people enter it (company, domain, contacts, product, value, requirement, notes), for
// the partner's lead registration and the console's forms alike, and what they say as the API's input.
import type { ComponentChildren } from 'preact';
import type { ReferralInput } from '../../../shared/schemas/referrals';
import { minorFromInput } from '../../../shared/money';
import { t } from '../i18n';

/** The fields; `before` and `after` go in the first row with them (a partner picker, an owner picker). */
export function LeadFields({ currency, before, after }: { currency: string; before?: ComponentChildren; after?: ComponentChildren }) {
  return (
    <>
      <div class="form-row">
        {before}
        <label class="field"><span>{t('common.company')}</span><input name="customerName" aria-required="true" autocomplete="organization" /></label>
        <label class="field"><span>{t('lead.domain')}</span><input name="domain" autocomplete="off" placeholder="globex.se" /></label>
        <label class="field"><span>{t('lead.contactPersons')}</span><input name="contactPersons" autocomplete="off" /></label>
        <label class="field"><span>{t('lead.contactEmails')}</span><input name="contactEmails" autocomplete="off" placeholder="nina@globex.se" /></label>
        <label class="field"><span>{t('lead.product')}</span><input name="product" autocomplete="off" /></label>
        <label class="field"><span>{t('lead.value', { currency })}</span><input name="value" inputMode="decimal" autocomplete="off" placeholder={t('lead.valuePlaceholder')} /></label>
        {after}
      </div>
      <label class="field"><span>{t('lead.requirement')}</span><input name="requirement" autocomplete="off" /></label>
      <label class="field"><span>{t('lead.notes')}</span><textarea name="notes" rows={2} /></label>
    </>
  );
}

/** The form's fields as the API's input; contact emails may be separated by spaces, commas or semicolons. */
export function leadInputFrom(f: FormData, currency: string): ReferralInput {
  const text = (k: string) => String(f.get(k) ?? '').trim() || undefined;
  return {
    customerName: text('customerName') ?? '', domain: text('domain'), contactPersons: text('contactPersons'),
    contactEmails: (text('contactEmails') ?? '').split(/[\s,;]+/).filter(Boolean), product: text('product'), requirement: text('requirement'),
    valueMinor: minorFromInput(text('value'), currency), notes: text('notes'),
  };
}
