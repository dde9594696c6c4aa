// The signed-in person's own emails: the language they come in, and the optional ones for this side of the dashboard
// (a partner's or a program's) as checkboxes. Mail that must go out (approval, payouts) is not listed: it always goes.
import { useState } from 'preact/hooks';
import { LANGUAGE_NAMES, LANGUAGES, OPTIONAL_EMAIL_LABELS, type Language, type OptionalEmail } from '../../../shared/email-templates';
import type { EmailPreferences } from '../../../shared/schemas/emails';
import { api } from '../api';
import { useResource } from '../useResource';
import { useApiSubmit } from '../useApiSubmit';
import { Loadable } from './Loadable';
import { FormProblems } from './FormProblems';

export function EmailPreferencesSection({ audience }: { audience: 'partner' | 'manager' }) {
  const preferences = useResource(() => api.emailPreferences(), 'email-preferences');
  return (
    <section aria-labelledby="emails-title" class="panel">
      <h2 id="emails-title">Your emails</h2>
      <Loadable resource={preferences} what="your email settings">
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
      setStatus('Saved.');
      onSaved();
    });
  }
  return (
    <form onSubmit={submit} class="stack" aria-label="Your emails">
      <p class="muted">Approval, payouts and other emails about your account always come. Choose the others here, or with the unsubscribe link in each.</p>
      <label class="field">
        <span>Language of your emails</span>
        <select name="language">
          {LANGUAGES.map((l) => <option key={l} value={l} selected={preferences.language === l}>{LANGUAGE_NAMES[l]}</option>)}
        </select>
      </label>
      {optional.length > 0 && (
        <fieldset>
          <legend>Email me when</legend>
          {optional.map((o) => (
            <label key={o.topic} class="check">
              <input type="checkbox" name={o.topic} defaultChecked={o.enabled} />
              <span>{OPTIONAL_EMAIL_LABELS[o.topic]}</span>
            </label>
          ))}
        </fieldset>
      )}
      <FormProblems error={error} problems={problems} />
      <p class="form-success" role="status">{status}</p>
      <div><button type="submit" class="btn btn-primary" aria-busy={busy}>Save email settings</button></div>
    </form>
  );
}
