// The top bar: which partner or program is shown, a switcher when there are several, the account and Sign out.
import type { Workspace } from '../workspaces';

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
              : <span class="badge badge-muted">Program console</span>}
          </h1>
        </div>
        <div class="account">
          {workspaces.length > 1 && (
            <label class="switcher">
              <span>Viewing</span>
              <select value={current.key} onChange={(e) => onSwitch(e.currentTarget.value)}>
                {partners.length > 0 && (
                  <optgroup label="Partners">
                    {partners.map((w) => <option key={w.key} value={w.key}>{w.kind === 'partner' ? `${w.name} (${w.displayId})` : w.name}</option>)}
                  </optgroup>
                )}
                {programs.length > 0 && (
                  <optgroup label="Programs">
                    {programs.map((w) => <option key={w.key} value={w.key}>{w.name}</option>)}
                  </optgroup>
                )}
              </select>
            </label>
          )}
          <span class="account-name" data-testid="account-name">{accountName}</span>
          <button type="button" class="btn" onClick={onSignOut}>Sign out</button>
        </div>
      </div>
    </header>
  );
}
