// The partner's profile: status and id, accepted terms, the onboarding details (contact, company, payout, tax, billing),
// and the signed-in member's own emails.
import { useState } from 'preact/hooks';
import type { PartnerProfile, PartnerProfilePatch } from '../../../../shared/schemas/partners';
import { portalApi } from '../../portal-api';
import type { PageProps } from '../../routes';
import { useResource } from '../../useResource';
import { useApiSubmit } from '../../useApiSubmit';
import { dateTime, words } from '../../display';
import { Loadable } from '../../components/Loadable';
import { FormProblems } from '../../components/FormProblems';
import { EmailPreferencesSection } from '../../components/EmailPreferencesForm';

const TEXT_FIELDS = ['name', 'email', 'company', 'contactName', 'contactPhone', 'payoutDetails', 'taxId', 'billingAddress'] as const;

export default function Profile({ id: partnerId }: PageProps) {
  const profile = useResource(() => portalApi.profile(partnerId), partnerId);
  return (
    <main class="page" id="main">
      <section aria-labelledby="profile-title" class="panel">
        <h2 id="profile-title" tabIndex={-1}>Profile</h2>
        <Loadable resource={profile} what="the profile">
          {(p) => (
            <>
              <dl class="facts">
                <div><dt>Partner id</dt><dd class="code" data-testid="profile-display-id">{p.displayId}</dd></div>
                <div><dt>Status</dt><dd><span class={`badge badge-${p.status}`}>{words(p.status)}</span></dd></div>
                <div><dt>Terms accepted</dt><dd>{p.termsVersion ? `Version ${p.termsVersion}${p.termsAcceptedAt ? `, ${dateTime(p.termsAcceptedAt)}` : ''}` : '—'}</dd></div>
                <div><dt>Sales representative</dt><dd>{p.salesRep?.name ?? '—'}</dd></div>
              </dl>
              <DetailsForm key={p.id} partnerId={partnerId} profile={p} onSaved={() => void profile.reload()} />
            </>
          )}
        </Loadable>
      </section>
      <EmailPreferencesSection audience="partner" />
    </main>
  );
}

function DetailsForm({ partnerId, profile, onSaved }: { partnerId: string; profile: PartnerProfile; onSaved: () => void }) {
  const { busy, error, problems, run } = useApiSubmit();
  const [status, setStatus] = useState('');
  async function submit(e: Event) {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    setStatus('');
    const patch: PartnerProfilePatch = {};
    for (const k of TEXT_FIELDS) {
      const v = String(f.get(k) ?? '').trim();
      if (v !== (profile[k] ?? '')) (patch as Record<string, string | null>)[k] = v === '' ? null : v;
    }
    const method = String(f.get('payoutMethod') ?? '') || null;
    if (method !== profile.payoutMethod) patch.payoutMethod = method as PartnerProfile['payoutMethod'];
    if (Object.keys(patch).length === 0) return setStatus('Nothing changed.');
    await run(async () => {
      await portalApi.updateProfile(partnerId, patch);
      setStatus('Saved.');
      onSaved();
    });
  }
  const field = (name: (typeof TEXT_FIELDS)[number], label: string, attrs: Record<string, string> = {}) => (
    <label class="field"><span>{label}</span><input name={name} defaultValue={profile[name] ?? ''} {...attrs} /></label>
  );
  return (
    <form onSubmit={submit} class="stack" aria-label="Onboarding details" noValidate>
      <fieldset>
        <legend>Contact</legend>
        <div class="form-row">
          {field('name', 'Partner name', { autocomplete: 'organization' })}
          {field('company', 'Company (legal name)')}
          {field('contactName', 'Contact person', { autocomplete: 'name' })}
          {field('email', 'Email', { type: 'email', autocomplete: 'email' })}
          {field('contactPhone', 'Phone', { type: 'tel', autocomplete: 'tel' })}
        </div>
      </fieldset>
      <fieldset>
        <legend>Payouts</legend>
        <div class="form-row">
          <label class="field">
            <span>Payout method</span>
            <select name="payoutMethod">
              <option value="" selected={!profile.payoutMethod}>Not chosen yet</option>
              <option value="bank_account" selected={profile.payoutMethod === 'bank_account'}>Bank account</option>
              <option value="card" selected={profile.payoutMethod === 'card'}>Card</option>
            </select>
          </label>
          {field('payoutDetails', 'Account or card details', { autocomplete: 'off', placeholder: 'IBAN and BIC, or card reference' })}
          {field('taxId', 'Tax id', { autocomplete: 'off' })}
        </div>
        <label class="field"><span>Billing address</span><textarea name="billingAddress" rows={3} defaultValue={profile.billingAddress ?? ''} autocomplete="street-address" /></label>
      </fieldset>
      <FormProblems error={error} problems={problems} />
      <p class="form-success" role="status">{status}</p>
      <div><button type="submit" class="btn btn-primary" aria-busy={busy}>Save details</button></div>
    </form>
  );
}
