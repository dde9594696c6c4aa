// The sign-in screen: email and password for partner members and program staff.
import { useState } from 'preact/hooks';
import type { Session } from '../../../shared/schemas/session';
import { api } from '../api';
import { t } from '../i18n';
import { LanguagePicker } from '../components/LanguagePicker';

export function SignIn({ onSignedIn, notice }: { onSignedIn: (s: Session) => void; notice?: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(notice ?? '');

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    const fields = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    setError('');
    try {
      onSignedIn(await api.signIn(String(fields.get('email') ?? '').trim(), String(fields.get('password') ?? '')));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  }

  return (
    <main class="signin" id="main">
      <form class="signin-card" onSubmit={submit} aria-labelledby="signin-title">
        <p class="brand">edgeref</p>
        <h1 id="signin-title">{t('signIn.title')}</h1>
        <p class="muted">{t('signIn.intro')}</p>
        <label class="field">
          <span>{t('common.email')}</span>
          <input name="email" type="email" autocomplete="username" required autofocus />
        </label>
        <label class="field">
          <span>{t('common.password')}</span>
          <input name="password" type="password" autocomplete="current-password" required />
        </label>
        <p class="form-error" role="alert">{error}</p>
        <button type="submit" class="btn btn-primary btn-block" aria-busy={busy}>{busy ? t('signIn.busy') : t('signIn.submit')}</button>
      </form>
      <div class="signin-language"><LanguagePicker /></div>
    </main>
  );
}
