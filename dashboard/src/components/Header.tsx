// The top bar: which partner or program is shown, a switcher when there are several, the language, the account and Sign out.
import type { Workspace } from '../workspaces';
import { t } from '../i18n';
import { LanguagePicker } from './LanguagePicker';

interface Props {
  accountName: string;
  current: Workspace;
  workspaces: Workspace[];
  onSwitch: (key: string) => void;
  onSignOut: () => void;
}

export function Header({ accountName, current, workspaces, onSwitch, onSignOut }: Props) {
  const partners = workspaces.filter((w) => w.kind === 'partner');
  const programs = workspaces.filter((w) => w.kind === 'program');
  return (
    <header class="topbar">
      <div class="topbar-inner">
        <div class="identity">
          <span class="brand">edgeref</span>
          <h1 class="title">
            {current.name}
            {current.kind === 'partner'
              ? <span class="badge badge-id" data-testid="display-id">{current.displayId}</span>
              : <span class="badge badge-muted">{t('header.console')}</span>}
          </h1>
        </div>
        <div class="account">
          {workspaces.length > 1 && (
            <label class="switcher">
              <span>{t('header.viewing')}</span>
              <select value={current.key} onChange={(e) => onSwitch(e.currentTarget.value)}>
                {partners.length > 0 && (
                  <optgroup label={t('header.partners')}>
                    {partners.map((w) => <option key={w.key} value={w.key}>{w.kind === 'partner' ? `${w.name} (${w.displayId})` : w.name}</option>)}
                  </optgroup>
                )}
                {programs.length > 0 && (
                  <optgroup label={t('header.programs')}>
                    {programs.map((w) => <option key={w.key} value={w.key}>{w.name}</option>)}
                  </optgroup>
                )}
              </select>
            </label>
          )}
          <LanguagePicker />
          <span class="account-name" data-testid="account-name">{accountName}</span>
          <button type="button" class="btn" onClick={onSignOut}>{t('header.signOut')}</button>
        </div>
      </div>
    </header>
  );
}
