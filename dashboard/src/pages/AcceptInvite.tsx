// An invite link: a colleague joins a partner, or a sales representative joins a program's staff, with a new account
// or with an existing one by its password.
import { portalApi } from '../portal-api';
import { useResource } from '../useResource';
import { useApiSubmit } from '../useApiSubmit';
import { wordInSentence } from '../display';
import { t, tx } from '../i18n';
import { Loadable } from '../components/Loadable';
import { FormProblems } from '../components/FormProblems';

type Kind = 'member' | 'staff';
type Workspace = 'partner' | 'program';

interface Invite {
  joins: string; // the partner's or the program's name
  email: string;
  role: string;
  name: string; // the name the inviter gave, if any
  accountExists: boolean;
}

interface Accept {
  name?: string;
  password: string;
}

/** The two kinds of invite, read and accepted alike: what they join, and where the new member lands. */
const KINDS: Record<Kind, { workspace: Workspace; lookup: (token: string) => Promise<Invite>; accept: (token: string, input: Accept) => Promise<string> }> = {
  member: {
    workspace: 'partner',
    lookup: async (token) => {
      const i = await portalApi.lookupInvite(token);
      return { joins: i.partnerName, email: i.email, role: i.role, name: '', accountExists: i.accountExists };
    },
    accept: async (token, input) => (await portalApi.acceptInvite(token, input)).partnerId,
  },
  staff: {
    workspace: 'program',
    lookup: async (token) => {
      const i = await portalApi.lookupStaffInvite(token);
      return { joins: i.programName, email: i.email, role: i.role, name: i.name, accountExists: i.accountExists };
    },
    accept: async (token, input) => (await portalApi.acceptStaffInvite(token, input)).programId,
  },
};

export default function AcceptInvite({ token, kind = 'member', onAccepted }: { token: string; kind?: Kind; onAccepted: (id: string, workspace: Workspace) => Promise<void> }) {
  const invite = useResource(() => KINDS[kind].lookup(token), `${kind}:${token}`);
  const { busy, error, problems, run } = useApiSubmit();

  async function submit(e: Event) {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    await run(async () => {
      const name = String(f.get('name') ?? '').trim() || undefined;
      const id = await KINDS[kind].accept(token, { name, password: String(f.get('password') ?? '') });
      await onAccepted(id, KINDS[kind].workspace);
    });
  }

  return (
    <main class="signin" id="main">
      <div class="signin-card">
        <p class="brand">edgeref</p>
        <Loadable resource={invite} what={t('what.invite')}>
          {(i) => (
            <form onSubmit={submit} class="stack" aria-label={t('accept.formLabel')}>
              <h1>{t('accept.title', { name: i.joins })}</h1>
              <p class="muted">{tx('accept.intro', { role: <strong>{wordInSentence(i.role)}</strong>, email: <strong>{i.email}</strong> })}</p>
              {/* A staff invite names the person already: left empty, the account keeps that name. */}
              {!i.accountExists && <label class="field"><span>{t('common.yourName')}</span><input name="name" required={!i.name} placeholder={i.name || undefined} autocomplete="name" autofocus /></label>}
              <label class="field">
                <span>{t(i.accountExists ? 'accept.yourPassword' : 'accept.choosePassword')}</span>
                <input name="password" type="password" required minLength={8} autocomplete={i.accountExists ? 'current-password' : 'new-password'} autofocus={i.accountExists} />
              </label>
              <FormProblems error={error} problems={problems} />
              <button type="submit" class="btn btn-primary btn-block" aria-busy={busy}>{t(i.accountExists ? 'accept.signInAndJoin' : 'accept.createAndJoin')}</button>
            </form>
          )}
        </Loadable>
      </div>
    </main>
  );
}
