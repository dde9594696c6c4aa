// Program settings: destination, allowed origins, attribution, signup credit, withdrawal minimum, reporting period,
// partner discount, what waits for new terms' acceptance; the written terms partners accept, published as new versions
// (components/ConsoleTerms.tsx); and the signed-in person's own emails.
// (Reward rules have their own page.)
import { useState } from 'preact/hooks';
import type { ProgramSettings, ProgramSettingsPatch } from '../../../../shared/schemas/console';
import { portalApi } from '../../portal-api';
import type { PageProps } from '../../routes';
import { useResource } from '../../useResource';
import { useApiSubmit } from '../../useApiSubmit';
import { inputFromMinor, minorFromInput } from '../../../../shared/money';
import { Loadable } from '../../components/Loadable';
import { FormProblems } from '../../components/FormProblems';
import { EmailPreferencesSection } from '../../components/EmailPreferencesForm';
import { ConsoleTerms } from '../../components/ConsoleTerms';
import { PAUSABLE_ACTIONS, type PausableAction } from '../../../../shared/terms-pauses';
import { PAUSED_ACTIONS } from '../../components/pausedActions';
import { t } from '../../i18n';

export default function Settings({ id: programId, role }: PageProps) {
  const settings = useResource(() => portalApi.settings(programId), programId);
  const readOnly = role !== 'manager';
  return (
    <main class="page" id="main">
      <section aria-labelledby="settings-title" class="panel">
        <h2 id="settings-title" tabIndex={-1}>{t('settings.title')}</h2>
        {readOnly && <p class="muted">{t('settings.managersOnly')}</p>}
        <Loadable resource={settings} what={t('what.settings')}>
          {(s) => <SettingsForm key={JSON.stringify(s)} programId={programId} settings={s} readOnly={readOnly} onSaved={() => void settings.reload()} />}
        </Loadable>
      </section>
      <ConsoleTerms key={settings.data?.pausedUntilTermsAccepted.join()} programId={programId} readOnly={readOnly} />
      <EmailPreferencesSection audience="manager" />
    </main>
  );
}

function SettingsForm({ programId, settings: s, readOnly, onSaved }: { programId: string; settings: ProgramSettings; readOnly: boolean; onSaved: () => void }) {
  const { busy, error, problems, run } = useApiSubmit();
  const [status, setStatus] = useState('');
  async function submit(e: Event) {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const text = (k: string) => String(f.get(k) ?? '').trim();
    setStatus('');
    await run(async () => {
      const next: Required<ProgramSettingsPatch> = {
        destinationUrl: text('destinationUrl'),
        allowedOrigins: text('allowedOrigins').split(/[\s,]+/).filter(Boolean),
        attributionWindowDays: Number(text('attributionWindowDays')),
        attributionModel: text('attributionModel') as ProgramSettings['attributionModel'],
        signupCreditMinor: minorFromInput(text('signupCredit'), s.currency) ?? 0,
        withdrawalMinimumMinor: minorFromInput(text('withdrawalMinimum'), s.currency) ?? 0,
        reportingPeriod: text('reportingPeriod') as ProgramSettings['reportingPeriod'],
        partnerDiscountBps: Math.round(Number(text('partnerDiscount')) * 100),
        secondTierBps: Math.round(Number(text('secondTier')) * 100),
        referrerCreditMinor: minorFromInput(text('referrerCredit'), s.currency) ?? 0,
        browserSignups: text('browserSignups') as ProgramSettings['browserSignups'],
        unconfirmedSignupDays: Number(text('unconfirmedSignupDays')),
        leadSlaHours: Number(text('leadSlaHours')),
        leadLockDays: Number(text('leadLockDays')),
        unclaimedRewardDays: Number(text('unclaimedRewardDays')),
        inactiveDays: Number(text('inactiveDays')),
        pausedUntilTermsAccepted: PAUSABLE_ACTIONS.filter((a) => f.getAll('pausedUntilTermsAccepted').includes(a)),
      };
      const before: Required<ProgramSettingsPatch> = {
        destinationUrl: s.destinationUrl, allowedOrigins: s.allowedOrigins, attributionWindowDays: s.attributionWindowDays,
        attributionModel: s.attributionModel, signupCreditMinor: s.signupCredit.amount, withdrawalMinimumMinor: s.withdrawalMinimum.amount,
        reportingPeriod: s.reportingPeriod, partnerDiscountBps: s.partnerDiscountBps, secondTierBps: s.secondTierBps,
        referrerCreditMinor: s.referrerCredit.amount, browserSignups: s.browserSignups, unconfirmedSignupDays: s.unconfirmedSignupDays, leadSlaHours: s.leadSlaHours, leadLockDays: s.leadLockDays, unclaimedRewardDays: s.unclaimedRewardDays, inactiveDays: s.inactiveDays,
        pausedUntilTermsAccepted: PAUSABLE_ACTIONS.filter((a) => s.pausedUntilTermsAccepted.includes(a)),
      };
      const patch = Object.fromEntries(Object.entries(next).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k as keyof typeof before])));
      if (Object.keys(patch).length === 0) return setStatus(t('common.nothingChanged'));
      await portalApi.updateSettings(programId, patch);
      setStatus(t('common.saved'));
      onSaved();
    });
  }
  return (
    <form onSubmit={submit} class="stack" aria-label={t('settings.title')} noValidate>
      <fieldset disabled={readOnly}>
        <legend>{t('settings.where')}</legend>
        <label class="field"><span>{t('settings.destination')}</span><input name="destinationUrl" type="url" defaultValue={s.destinationUrl} spellcheck={false} /></label>
        <label class="field">
          <span>{t('settings.origins')}</span>
          <textarea name="allowedOrigins" rows={2} defaultValue={s.allowedOrigins.join('\n')} spellcheck={false} aria-describedby="origins-hint" />
          <small id="origins-hint">{t('settings.originsHint')}</small>
        </label>
      </fieldset>
      <fieldset disabled={readOnly}>
        <legend>{t('settings.attribution')}</legend>
        <div class="form-row">
          <label class="field"><span>{t('settings.window')}</span><input name="attributionWindowDays" type="number" min={1} max={365} defaultValue={String(s.attributionWindowDays)} /></label>
          <label class="field">
            <span>{t('settings.model')}</span>
            <select name="attributionModel">
              <option value="first_touch" selected={s.attributionModel === 'first_touch'}>{t('settings.firstTouch')}</option>
              <option value="last_touch" selected={s.attributionModel === 'last_touch'}>{t('settings.lastTouch')}</option>
            </select>
          </label>
        </div>
        <div class="form-row">
          <label class="field">
            <span>{t('settings.browserSignups')}</span>
            <select name="browserSignups" aria-describedby="browser-signups-hint">
              <option value="await_confirmation" selected={s.browserSignups === 'await_confirmation'}>{t('settings.awaitConfirmation')}</option>
              <option value="trusted" selected={s.browserSignups === 'trusted'}>{t('settings.trusted')}</option>
            </select>
            <small id="browser-signups-hint">{t('settings.browserSignupsHint')}</small>
          </label>
          <label class="field"><span>{t('settings.unconfirmedDays')}</span><input name="unconfirmedSignupDays" type="number" min={1} max={365} defaultValue={String(s.unconfirmedSignupDays)} /></label>
          <label class="field"><span>{t('settings.leadSla')}</span><input name="leadSlaHours" type="number" min={1} max={2160} defaultValue={String(s.leadSlaHours)} /></label>
          <label class="field"><span>{t('settings.leadLock')}</span><input name="leadLockDays" type="number" min={1} max={3650} defaultValue={String(s.leadLockDays)} /></label>
          <label class="field"><span>{t('settings.unclaimedDays')}</span><input name="unclaimedRewardDays" type="number" min={7} max={3650} defaultValue={String(s.unclaimedRewardDays)} /></label>
          <label class="field"><span>{t('settings.inactiveDays')}</span><input name="inactiveDays" type="number" min={7} max={365} defaultValue={String(s.inactiveDays)} /></label>
        </div>
      </fieldset>
      <fieldset disabled={readOnly}>
        <legend>{t('settings.money', { currency: s.currency })}</legend>
        <div class="form-row">
          <label class="field"><span>{t('settings.signupCredit')}</span><input name="signupCredit" inputMode="decimal" defaultValue={inputFromMinor(s.signupCredit.amount, s.currency)} /></label>
          <label class="field"><span>{t('settings.referrerCredit')}</span><input name="referrerCredit" inputMode="decimal" defaultValue={inputFromMinor(s.referrerCredit.amount, s.currency)} /></label>
          <label class="field"><span>{t('settings.withdrawalMinimum')}</span><input name="withdrawalMinimum" inputMode="decimal" defaultValue={inputFromMinor(s.withdrawalMinimum.amount, s.currency)} /></label>
          <label class="field">
            <span>{t('settings.reportingPeriod')}</span>
            <select name="reportingPeriod">
              {(['weekly', 'monthly', 'quarterly'] as const).map((p) => <option key={p} value={p} selected={s.reportingPeriod === p}>{t(`settings.${p}`)}</option>)}
            </select>
          </label>
          <label class="field"><span>{t('settings.partnerDiscount')}</span><input name="partnerDiscount" type="number" min={0} max={100} step="0.01" defaultValue={String(s.partnerDiscountBps / 100)} /></label>
          <label class="field"><span>{t('settings.secondTier')}</span><input name="secondTier" type="number" min={0} max={20} step="0.01" defaultValue={String(s.secondTierBps / 100)} aria-describedby="second-tier-hint" /><small id="second-tier-hint">{t('settings.secondTierHint')}</small></label>
        </div>
      </fieldset>
      <fieldset disabled={readOnly} aria-describedby="paused-hint">
        <legend>{t('settings.pause')}</legend>
        <small id="paused-hint" class="muted">{t('settings.pauseHint')}</small>
        {PAUSABLE_ACTIONS.map((a: PausableAction) => (
          <label key={a} class="check">
            <input type="checkbox" name="pausedUntilTermsAccepted" value={a} defaultChecked={s.pausedUntilTermsAccepted.includes(a)} />
            <span>{t(PAUSED_ACTIONS[a].label)}</span>
          </label>
        ))}
      </fieldset>
      <FormProblems error={error} problems={problems} />
      <p class="form-success" role="status">{status}</p>
      {!readOnly && <div><button type="submit" class="btn btn-primary" aria-busy={busy}>{t('settings.save')}</button></div>}
    </form>
  );
}
