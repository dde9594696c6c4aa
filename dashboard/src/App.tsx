// The dashboard shell: finds out who is signed in, then shows sign-in, a partner's home or a program's console.
import { useEffect, useState } from 'preact/hooks';
import type { Session } from '../../shared/schemas';
import { api, ApiError, onUnauthorized } from './api';
import { workspacesOf } from './workspaces';
import { Header } from './components/Header';
import { SignIn } from './pages/SignIn';
import { PartnerHome } from './pages/PartnerHome';
import { ProgramHome } from './pages/ProgramHome';

// undefined while the session is being checked, null when signed out.
type SessionState = Session | null | undefined;

export function App() {
  const [session, setSession] = useState<SessionState>(undefined);
  const [notice, setNotice] = useState<string>();
  const [currentKey, setCurrentKey] = useState<string>();

  useEffect(() => {
    onUnauthorized(() => {
      setNotice('Your session has ended. Sign in again.');
      setSession(null);
    });
    api.session().then(setSession, (e) => {
      if (!(e instanceof ApiError && e.status === 401)) setNotice(e instanceof Error ? e.message : String(e));
      setSession(null);
    });
  }, []);

  const workspaces = session ? workspacesOf(session) : [];
  const current = workspaces.find((w) => w.key === currentKey) ?? workspaces[0];

  useEffect(() => {
    document.title = current ? `${current.name} · edgeref` : 'Sign in · edgeref';
  }, [current?.key, session]);

  if (session === undefined) return <p class="splash" aria-busy="true">Loading…</p>;

  if (session === null) {
    return <SignIn notice={notice} onSignedIn={(s) => { setNotice(undefined); setCurrentKey(undefined); setSession(s); }} />;
  }

  async function signOut() {
    try {
      await api.signOut();
      setNotice(undefined);
      setSession(null);
    } catch (e) {
      // The cookie is still set when this fails, so do not pretend the user is signed out.
      setNotice(`Could not sign out: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  if (!current) {
    return (
      <main class="signin" id="main">
        <div class="signin-card">
          <h1>Nothing to show yet</h1>
          <p>{session.account.name}, your account is not a member of any partner or program.</p>
          <button type="button" class="btn" onClick={signOut}>Sign out</button>
        </div>
      </main>
    );
  }

  return (
    <>
      <a class="skip-link" href="#main">Skip to content</a>
      <Header accountName={session.account.name} current={current} workspaces={workspaces} onSwitch={setCurrentKey} onSignOut={signOut} />
      {notice && <div class="notice notice-error page-notice" role="alert">{notice}</div>}
      {current.kind === 'partner'
        ? <PartnerHome key={current.key} partnerId={current.id} />
        : <ProgramHome key={current.key} programId={current.id} />}
    </>
  );
}
