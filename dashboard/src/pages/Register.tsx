// The program's registration page: read and accept its written terms, and join as an affiliate.
import { useState } from 'preact/hooks';
import { preferredLanguage } from '../../../shared/email-templates';
import { portalApi } from '../portal-api';
import { useResource } from '../useResource';
import { useApiSubmit } from '../useApiSubmit';
import { Loadable } from '../components/Loadable';
import { FormProblems } from '../components/FormProblems';
import { t, tx } from '../i18n';

export default function Register({ programId, onRegistered }: { programId: string; onRegistered: (partnerId: string) => Promise<void> }) {
  const info = useResource(() => portalApi.registration(programId), programId);
  const { busy, error, problems, run } = useApiSubmit();
  const [accepted, setAccepted] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const text = (k: string) => String(f.get(k) ?? '').trim();
    await run(async () => {
      const { partnerId } = await portalApi.register(programId, {
        name: text('name'), email: text('email'), password: String(f.get('password') ?? ''),
        partnerName: text('partnerName'), company: text('company') || null, termsVersion: info.data!.terms!.version,
        recruiter: new URLSearchParams(location.search).get('recruiter') ?? undefined,
        // A new account's emails come in the browser's language when edgeref speaks it (changeable under Profile).
        language: preferredLanguage(navigator.languages ?? [navigator.language]),
      });
      await onRegistered(partnerId);
    });
  }

  return (
    <main class="signin" id="main">
      <div class="signin-card register-card">
        <p class="brand">edgeref</p>
        <Loadable resource={info} what={t('what.program')}>
          {(p) => (
            <>
              <h1>{t('register.title', { program: p.programName })}</h1>
              {!p.terms ? <p role="alert" class="form-error">{t('register.closed')}</p> : (
                <form onSubmit={submit} class="stack" aria-label={t('register.formLabel')}>
                  <p class="muted">{t('register.intro')}</p>
                  <label class="field"><span>{t('common.yourName')}</span><input name="name" required autocomplete="name" autofocus /></label>
                  <label class="field"><span>{t('common.email')}</span><input name="email" type="email" required autocomplete="email" /></label>
                  <label class="field">
                    <span>{t('common.password')}</span>
                    <input name="password" type="password" required minLength={8} autocomplete="new-password" aria-describedby="password-hint" />
                    <small id="password-hint">{t('register.passwordHint')}</small>
                  </label>
                  <label class="field"><span>{t('register.partnerName')}</span><input name="partnerName" required autocomplete="organization" aria-describedby="partner-hint" /><small id="partner-hint">{t('register.partnerNameHint')}</small></label>
                  <label class="field"><span>{t('common.optional', { label: t('common.company') })}</span><input name="company" autocomplete="off" /></label>
                  <section aria-labelledby="terms-heading" class="terms">
                    <h2 id="terms-heading">{t('register.termsTitle', { version: p.terms.version })}</h2>
                    <div class="terms-text" tabIndex={0} role="region" aria-labelledby="terms-heading" data-testid="terms">{p.terms.body}</div>
                  </section>
                  <label class="check">
                    <input type="checkbox" name="accept" required checked={accepted} onChange={(e) => setAccepted(e.currentTarget.checked)} />
                    <span>{t('register.accept', { version: p.terms.version })}</span>
                  </label>
                  <FormProblems error={error} problems={problems} />
                  {/* A disabled button says nothing by itself: the reason stands under it, and is its description. */}
                  <div class="stack-tight">
                    <button type="submit" class="btn btn-primary btn-block" aria-busy={busy} disabled={!accepted} aria-describedby={accepted ? undefined : 'register-hint'}>{busy ? t('register.busy') : t('register.submit')}</button>
                    {!accepted && <small id="register-hint" class="muted">{t('register.acceptFirst')}</small>}
                  </div>
                  <p class="muted">{tx('register.signIn', { link: <a href="/dashboard/">{t('signIn.submit')}</a> })}</p>
                </form>
              )}
            </>
          )}
        </Loadable>
      </div>
    </main>
  );
}
