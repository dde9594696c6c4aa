// The fields of a referral as people enter it (company, domain, contacts, product, value, requirement, notes), for
// the partner's lead registration and the console's forms alike, and what they say as the API's input.
import type { ComponentChildren } from 'preact';
import type { ReferralInput } from '../../../shared/schemas/referrals';
import { minorFromInput } from '../../../shared/money';

/** The fields; `before` and `after` go in the first row with them (a partner picker, an owner picker). */
export function LeadFields({ currency, before, after }: { currency: string; before?: ComponentChildren; after?: ComponentChildren }) {
  return (
    <>
      <div class="form-row">
        {before}
        <label class="field"><span>Company</span><input name="customerName" aria-required="true" autocomplete="organization" /></label>
        <label class="field"><span>Company website or domain</span><input name="domain" autocomplete="off" placeholder="globex.se" /></label>
        <label class="field"><span>Contact persons</span><input name="contactPersons" autocomplete="off" /></label>
        <label class="field"><span>Contact emails</span><input name="contactEmails" autocomplete="off" placeholder="nina@globex.se" /></label>
        <label class="field"><span>Product</span><input name="product" autocomplete="off" /></label>
        <label class="field"><span>Value ({currency})</span><input name="value" inputMode="decimal" autocomplete="off" placeholder="1200.00" /></label>
        {after}
      </div>
      <label class="field"><span>Requirement</span><input name="requirement" autocomplete="off" /></label>
      <label class="field"><span>Notes</span><textarea name="notes" rows={2} /></label>
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
