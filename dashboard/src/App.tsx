// The dashboard shell: finds out who is signed in, then routes to sign-in, a public page (registration, invite),
// or a page of the partner or program named in the address (/dashboard/partner/<id>/<page>).
import { useEffect, useState } from 'preact/hooks';
import type { Session } from '../../shared/schemas/session';
import { api, ApiError, onUnauthorized } from './api';
import { workspacesOf, type Workspace } from './workspaces';
import { BASE, Lazy, navigate, usePath } from './router';
import { partnerRoutes, programRoutes, publicRoutes } from './routes';
import { Header } from './components/Header';
import { Nav } from './components/Nav';
import { PartnerStatusNotice } from './components/PartnerStatusNotice';
import { TermsNotice } from './components/TermsNotice';
import { SignIn } from './pages/SignIn';
import { t, useLanguage } from './i18n';

// undefined while the session is being checked, null when signed out.
type SessionState = Session | null | undefined;

const routesOf = (w: Workspace) => (w.kind === 'partner' ? partnerRoutes : programRoutes);
export const homeOf = (w: Workspace) => `${BASE}/${w.kind}/${encodeURIComponent(w.id)}/${routesOf(w)[0].path}`;

export function App() {
  const [session, setSession] = useState<SessionState>(undefined);
  const [notice, setNotice] = useState<string>();
  const path = usePath();
  // Read here, at the root, so that choosing another language re-renders every page in it.
  const lang = useLanguage();
  const [section, rawId, page] = path.split('?')[0].slice(BASE.length).split('/').filter(Boolean);
  const id = rawId && decodeURIComponent(rawId);

  useEffect(() => {
    onUnauthorized(() => {
      setNotice(t('app.sessionEnded'));
      setSession(null);
    });
    api.session().then(setSession, (e) => {
      if (!(e instanceof ApiError && e.status === 401)) setNotice(e instanceof Error ? e.message : String(e));
      setSession(null);
    });
  }, []);

  const workspaces = session ? workspacesOf(session) : [];
  const current = workspaces.find((w) => w.kind === section && w.id === id);
  const route = current && routesOf(current).find((r) => r.path === page);
  const isPublic = (section === 'join' || section === 'accept' || section === 'staff-invite') && !!id;

  // An address that names nothing this account may see goes to its first workspace's first page.
  useEffect(() => {
    if (session && !isPublic && !route && workspaces.length > 0) navigate(current ? homeOf(current) : homeOf(workspaces[0]), true);
  }, [session, path]);

  useEffect(() => {
    document.title = current && route ? `${route.label} · ${current.name} · edgeref` : `${t(isPublic ? 'app.titleJoin' : 'app.titleSignIn')} · edgeref`;
  }, [current?.key, route?.path, isPublic, lang]);

  /** After registering or accepting an invite the account is signed in: load its session and open the partner or program. */
  async function enter(id: string, workspace: 'partner' | 'program' = 'partner') {
    const s = await api.session();
    setNotice(undefined);
    setSession(s);
    navigate(workspace === 'program' ? `${BASE}/program/${encodeURIComponent(id)}/overview` : `${BASE}/partner/${encodeURIComponent(id)}/profile`);
  }

  if (isPublic) {
    return section === 'join'
      ? <Lazy load={publicRoutes.join} props={{ programId: id!, onRegistered: enter }} />
      : <Lazy load={publicRoutes.accept} props={{ token: id!, kind: section === 'staff-invite' ? ('staff' as const) : ('member' as const), onAccepted: enter }} />;
  }

  if (session === undefined) return <p class="splash" aria-busy="true">{t('common.loading')}</p>;

  if (session === null) {
    return <SignIn notice={notice} onSignedIn={(s) => { setNotice(undefined); setSession(s); }} />;
  }

  async function signOut() {
    try {
      await api.signOut();
      setNotice(undefined);
      setSession(null);
    } catch (e) {
      // The cookie is still set when this fails, so do not pretend the user is signed out.
      setNotice(t('app.signOutFailed', { error: e instanceof Error ? e.message : String(e) }));
    }
  }

  if (workspaces.length === 0) {
    return (
      <main class="signin" id="main">
        <div class="signin-card">
          <h1>{t('app.nothingTitle')}</h1>
          <p>{t('app.nothingText', { name: session.account.name })}</p>
          <button type="button" class="btn" onClick={signOut}>{t('header.signOut')}</button>
        </div>
      </main>
    );
  }

  if (!current || !route) return <p class="splash" aria-busy="true">{t('common.loading')}</p>;

  return (
    <>
      <a class="skip-link" href="#main">{t('app.skip')}</a>
      <Header accountName={session.account.name} current={current} workspaces={workspaces} onSwitch={(key) => navigate(homeOf(workspaces.find((w) => w.key === key)!))} onSignOut={signOut} />
      <Nav kind={current.kind} id={current.id} routes={routesOf(current)} current={route.path} />
      {notice && <div class="notice notice-error page-notice" role="alert">{notice}</div>}
      {current.kind === 'partner' && <PartnerStatusNotice key={current.id} partnerId={current.id} />}
      {current.kind === 'partner' && <TermsNotice key={current.id} partnerId={current.id} onTermsPage={route.path === 'terms'} />}
      <Lazy key={`${current.key}/${route.path}`} load={route.load} props={{ id: current.id, role: current.role }} />
    </>
  );
}
