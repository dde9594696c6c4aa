// The signed-in person's own emails: the language they come in, and the optional ones for this side of the dashboard
// (a partner's or a program's) as checkboxes. Mail that must go out (approval, payouts) is not listed: it always goes.
import { useState } from 'preact/hooks';
import { LANGUAGE_NAMES, LANGUAGES, type Language, type OptionalEmail } from '../../../shared/email-templates';
import type { EmailPreferences } from '../../../shared/schemas/emails';
import { api } from '../api';
import { useResource } from '../useResource';
import { useApiSubmit } from '../useApiSubmit';
import { Loadable } from './Loadable';
import { FormProblems } from './FormProblems';
import { t, type MessageKey } from '../i18n';

/** The optional emails by name (shared/email-templates.ts has them in English for the API's own use). */
const TOPICS: Record<OptionalEmail, MessageKey> = {
  new_signup: 'emails.newSignup',
  commission_earned: 'emails.commissionEarned',
  commission_available: 'emails.commissionAvailable',
  referral_stage_changed: 'emails.stageChanged',
  period_summary: 'emails.periodSummary',
  new_application: 'emails.newApplication',
  partner_inactive: 'emails.partnerInactive',
  partner_no_success: 'emails.partnerNoSuccess',
  partner_near_tier: 'emails.partnerNearTier',
};

export function EmailPreferencesSection({ audience }: { audience: 'partner' | 'manager' }) {
  const preferences = useResource(() => api.emailPreferences(), 'email-preferences');
  return (
    <section aria-labelledby="emails-title" class="panel">
      <h2 id="emails-title">{t('emails.title')}</h2>
      <Loadable resource={preferences} what={t('what.emailSettings')}>
        {(p) => <EmailPreferencesForm key={JSON.stringify(p)} preferences={p} audience={audience} onSaved={() => void preferences.reload()} />}
      </Loadable>
    </section>
  );
}

function EmailPreferencesForm({ preferences, audience, onSaved }: { preferences: EmailPreferences; audience: 'partner' | 'manager'; onSaved: () => void }) {
  const { busy, error, problems, run } = useApiSubmit();
  const [status, setStatus] = useState('');
  const optional = preferences.emails.filter((e) => e.audience === audience);
  async function submit(e: Event) {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const emails = Object.fromEntries(optional.map((o) => [o.topic, f.get(o.topic) === 'on'])) as Partial<Record<OptionalEmail, boolean>>;
    setStatus('');
    await run(async () => {
      await api.updateEmailPreferences({ language: String(f.get('language')) as Language, emails });
      setStatus(t('common.saved'));
      onSaved();
    });
  }
  return (
    <form onSubmit={submit} class="stack" aria-label={t('emails.title')}>
      <p class="muted">{t('emails.intro')}</p>
      <label class="field">
        <span>{t('emails.language')}</span>
        <select name="language">
          {LANGUAGES.map((l) => <option key={l} value={l} selected={preferences.language === l}>{LANGUAGE_NAMES[l]}</option>)}
        </select>
      </label>
      {optional.length > 0 && (
        <fieldset>
          <legend>{t('emails.when')}</legend>
          {optional.map((o) => (
            <label key={o.topic} class="check">
              <input type="checkbox" name={o.topic} defaultChecked={o.enabled} />
              <span>{t(TOPICS[o.topic])}</span>
            </label>
          ))}
        </fieldset>
      )}
      <FormProblems error={error} problems={problems} />
      <p class="form-success" role="status">{status}</p>
      <div><button type="submit" class="btn btn-primary" aria-busy={busy}>{t('emails.save')}</button></div>
    </form>
  );
}
