// The program's registration page: read and accept its written terms, and join as an affiliate.
import { useState } from 'preact/hooks';
import { preferredLanguage } from '../../../shared/email-templates';
import { portalApi } from '../portal-api';
import { useResource } from '../useResource';
import { useApiSubmit } from '../useApiSubmit';
import { Loadable } from '../components/Loadable';
import { FormProblems } from '../components/FormProblems';

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
        <Loadable resource={info} what="the program">
          {(p) => (
            <>
              <h1>Join the {p.programName} partner program</h1>
              {!p.terms ? <p role="alert" class="form-error">This program does not take registrations yet.</p> : (
                <form onSubmit={submit} class="stack" aria-label="Register as a partner">
                  <p class="muted">You start as an affiliate. Once the program manager approves you, you become a partner and earn commission.</p>
                  <label class="field"><span>Your name</span><input name="name" required autocomplete="name" autofocus /></label>
                  <label class="field"><span>Email</span><input name="email" type="email" required autocomplete="email" /></label>
                  <label class="field">
                    <span>Password</span>
                    <input name="password" type="password" required minLength={8} autocomplete="new-password" aria-describedby="password-hint" />
                    <small id="password-hint">At least 8 characters. Already have an account? Use its password.</small>
                  </label>
                  <label class="field"><span>Partner name</span><input name="partnerName" required autocomplete="organization" aria-describedby="partner-hint" /><small id="partner-hint">How the program and your customers see you</small></label>
                  <label class="field"><span>Company (optional)</span><input name="company" autocomplete="off" /></label>
                  <section aria-labelledby="terms-heading" class="terms">
                    <h2 id="terms-heading">Partner terms, version {p.terms.version}</h2>
                    <div class="terms-text" tabIndex={0} role="region" aria-labelledby="terms-heading" data-testid="terms">{p.terms.body}</div>
                  </section>
                  <label class="check">
                    <input type="checkbox" name="accept" required checked={accepted} onChange={(e) => setAccepted(e.currentTarget.checked)} />
                    <span>I accept the partner terms (version {p.terms.version})</span>
                  </label>
                  <FormProblems error={error} problems={problems} />
                  {/* A disabled button says nothing by itself: the reason stands under it, and is its description. */}
                  <div class="stack-tight">
                    <button type="submit" class="btn btn-primary btn-block" aria-busy={busy} disabled={!accepted} aria-describedby={accepted ? undefined : 'register-hint'}>{busy ? 'Registering…' : 'Register'}</button>
                    {!accepted && <small id="register-hint" class="muted">Accept the partner terms above to register.</small>}
                  </div>
                  <p class="muted">Already a partner? <a href="/dashboard/">Sign in</a></p>
                </form>
              )}
            </>
          )}
        </Loadable>
      </div>
    </main>
  );
}
