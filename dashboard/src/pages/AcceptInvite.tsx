// A colleague's invite link: join the partner with a new account, or with an existing one by its password.
import { portalApi } from '../portal-api';
import { useResource } from '../useResource';
import { useApiSubmit } from '../useApiSubmit';
import { words } from '../display';
import { Loadable } from '../components/Loadable';
import { FormProblems } from '../components/FormProblems';

export default function AcceptInvite({ token, onAccepted }: { token: string; onAccepted: (partnerId: string) => Promise<void> }) {
  const invite = useResource(() => portalApi.lookupInvite(token), token);
  const { busy, error, problems, run } = useApiSubmit();

  async function submit(e: Event) {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    await run(async () => {
      const name = String(f.get('name') ?? '').trim() || undefined;
      const { partnerId } = await portalApi.acceptInvite(token, { name, password: String(f.get('password') ?? '') });
      await onAccepted(partnerId);
    });
  }

  return (
    <main class="signin" id="main">
      <div class="signin-card">
        <p class="brand">edgeref</p>
        <Loadable resource={invite} what="the invite">
          {(i) => (
            <form onSubmit={submit} class="stack" aria-label="Accept the invite">
              <h1>Join {i.partnerName}</h1>
              <p class="muted">You are invited as <strong>{words(i.role).toLowerCase()}</strong> with <strong>{i.email}</strong>.</p>
              {!i.accountExists && <label class="field"><span>Your name</span><input name="name" required autocomplete="name" autofocus /></label>}
              <label class="field">
                <span>{i.accountExists ? 'Your password' : 'Choose a password'}</span>
                <input name="password" type="password" required minLength={8} autocomplete={i.accountExists ? 'current-password' : 'new-password'} autofocus={i.accountExists} />
              </label>
              <FormProblems error={error} problems={problems} />
              <button type="submit" class="btn btn-primary btn-block" aria-busy={busy}>{i.accountExists ? 'Sign in and join' : 'Create account and join'}</button>
            </form>
          )}
        </Loadable>
      </div>
    </main>
  );
}
