// A form that creates a one-time invite link and shows it, once, to copy and send: for a partner's colleague or a program's sales representative.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useApiSubmit } from '../useApiSubmit';
import { CopyLink } from './CopyLink';
import { FormProblems } from './FormProblems';
import { t, tx } from '../i18n';

export interface SentInvite {
  email: string;
  link: string;
}

interface Props {
  /** The form's accessible name. */
  label: string;
  /** The data-testid of the link shown once it is created. */
  testId: string;
  /** Creates the invite from the form's fields. */
  create: (fields: FormData) => Promise<SentInvite>;
  onInvited: () => void;
  /** The fields, in the row before the submit button. */
  children: ComponentChildren;
}

export function InviteLinkForm({ label, testId, create, onInvited, children }: Props) {
  const { busy, error, problems, run } = useApiSubmit();
  const [sent, setSent] = useState<SentInvite>();
  async function submit(e: Event) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const fields = new FormData(form);
    setSent(undefined);
    await run(async () => {
      setSent(await create(fields));
      form.reset();
      onInvited();
    });
  }
  return (
    <form class="new-invitation" onSubmit={submit} aria-label={label}>
      <div class="form-row">
        {children}
        <button type="submit" class="btn btn-primary" aria-busy={busy}>{t('invite.create')}</button>
      </div>
      <FormProblems error={error} problems={problems} />
      {sent && (
        <div class="invite-link" role="status" data-testid={testId}>
          <p>{tx('invite.sent', { email: <strong>{sent.email}</strong> })}</p>
          <CopyLink link={sent.link} code={sent.email} />
        </div>
      )}
    </form>
  );
}
