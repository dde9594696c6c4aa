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
import { t } from '../../i18n';

const TEXT_FIELDS = ['name', 'email', 'company', 'contactName', 'contactPhone', 'payoutDetails', 'taxId', 'billingAddress'] as const;

export default function Profile({ id: partnerId }: PageProps) {
  const profile = useResource(() => portalApi.profile(partnerId), partnerId);
  return (
    <main class="page" id="main">
      <section aria-labelledby="profile-title" class="panel">
        <h2 id="profile-title" tabIndex={-1}>{t('nav.profile')}</h2>
        <Loadable resource={profile} what={t('what.profile')}>
          {(p) => (
            <>
              <dl class="facts">
                <div><dt>{t('profile.id')}</dt><dd class="code" data-testid="profile-display-id">{p.displayId}</dd></div>
                <div><dt>{t('common.status')}</dt><dd><span class={`badge badge-${p.status}`}>{words(p.status)}</span></dd></div>
                <div><dt>{t('profile.terms')}</dt><dd>{p.termsVersion ? t('profile.termsVersion', { version: p.termsVersion }) + (p.termsAcceptedAt ? `, ${dateTime(p.termsAcceptedAt)}` : '') : '—'}</dd></div>
                <div><dt>{t('profile.salesRep')}</dt><dd>{p.salesRep?.name ?? '—'}</dd></div>
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
    if (Object.keys(patch).length === 0) return setStatus(t('common.nothingChanged'));
    await run(async () => {
      await portalApi.updateProfile(partnerId, patch);
      setStatus(t('common.saved'));
      onSaved();
    });
  }
  const field = (name: (typeof TEXT_FIELDS)[number], label: string, attrs: Record<string, string> = {}) => (
    <label class="field"><span>{label}</span><input name={name} defaultValue={profile[name] ?? ''} {...attrs} /></label>
  );
  return (
    <form onSubmit={submit} class="stack" aria-label={t('profile.details')} noValidate>
      <fieldset>
        <legend>{t('profile.contact')}</legend>
        <div class="form-row">
          {field('name', t('register.partnerName'), { autocomplete: 'organization' })}
          {field('company', t('profile.company'))}
          {field('contactName', t('profile.contactName'), { autocomplete: 'name' })}
          {field('email', t('common.email'), { type: 'email', autocomplete: 'email' })}
          {field('contactPhone', t('profile.phone'), { type: 'tel', autocomplete: 'tel' })}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('nav.payouts')}</legend>
        <div class="form-row">
          <label class="field">
            <span>{t('profile.payoutMethod')}</span>
            <select name="payoutMethod">
              <option value="" selected={!profile.payoutMethod}>{t('profile.notChosen')}</option>
              <option value="bank_account" selected={profile.payoutMethod === 'bank_account'}>{t('profile.bankAccount')}</option>
              <option value="card" selected={profile.payoutMethod === 'card'}>{t('profile.card')}</option>
            </select>
          </label>
          {field('payoutDetails', t('profile.payoutDetails'), { autocomplete: 'off', placeholder: t('profile.payoutDetailsPlaceholder') })}
          {field('taxId', t('profile.taxId'), { autocomplete: 'off' })}
        </div>
        <label class="field"><span>{t('profile.billingAddress')}</span><textarea name="billingAddress" rows={3} defaultValue={profile.billingAddress ?? ''} autocomplete="street-address" /></label>
      </fieldset>
      <FormProblems error={error} problems={problems} />
      <p class="form-success" role="status">{status}</p>
      <div><button type="submit" class="btn btn-primary" aria-busy={busy}>{t('profile.save')}</button></div>
    </form>
  );
}
