// The program's reward rules: each in the words partners read, a way to add one (per signup, per payment, or per won
// B2B deal), and retiring (rules are never edited).
import { useState } from 'preact/hooks';
import type { RewardRuleInput } from '../../../shared/schemas/rules';
import { parseAmount } from '../../../shared/money';
import { api } from '../api';
import { useApiSubmit } from '../useApiSubmit';
import { useResource } from '../useResource';
import { FormProblems } from './FormProblems';
import { Loadable } from './Loadable';
import { PartnerPicker } from './PartnerPicker';
import { t } from '../i18n';

// "12.5" (percent) reads as 1250 basis points: two decimals, like cents, so the money parser does it without floats.
const bps = (text: string) => parseAmount(text, 'EUR')?.amount ?? null;
const whole = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : null);

export function RewardRules({ programId }: { programId: string }) {
  const rules = useResource(() => api.rewardRules(programId), programId);
  const { busy, error, problems, run } = useApiSubmit();
  const [done, setDone] = useState('');
  const [event, setEvent] = useState<RewardRuleInput['event']>('payment');
  const [kind, setKind] = useState<'percent' | 'flat'>('percent');
  const [recurring, setRecurring] = useState('life');
  const currency = rules.data?.currency ?? 'EUR';

  async function submit(e: Event) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    const get = (name: string) => String(f.get(name) ?? '').trim();
    setDone('');
    await run(async () => {
      const effectiveKind = event === 'signup' ? 'flat' : kind;
      const rate = effectiveKind === 'percent' ? bps(get('rate')) : parseAmount(get('rate'), currency)?.amount ?? null;
      if (rate === null) throw new Error(effectiveKind === 'percent' ? t('rules.enterRate') : t('rules.enterAmount', { currency }));
      const rule: Partial<RewardRuleInput> = {
        partnerId: get('partnerId') || null,
        event,
        kind: effectiveKind,
        amountMinor: effectiveKind === 'flat' ? rate : null,
        percentBps: effectiveKind === 'percent' ? rate : null,
        holdDays: whole(get('holdDays')) ?? 30, // the placeholder's default, the refund window
      };
      if (event !== 'signup') {
        rule.product = get('product') || null;
        // Paid in parts: the rest after the days given, for a payment only if the customer is retained then. A deal
        // is one contract, so it has no retention part (nor recurrence or tiers).
        const firstShare = get('firstShare') ? bps(get('firstShare')) : null;
        const laterDays = whole(get('laterDays'));
        if (firstShare !== null && laterDays) rule.split = [{ shareBps: firstShare, afterDays: 0 }, { shareBps: 10_000 - firstShare, afterDays: laterDays, ...(event === 'payment' ? { retention: true } : {}) }];
      }
      if (event === 'payment') {
        rule.recurringMonths = recurring === 'life' ? null : recurring === 'first' ? 0 : whole(get('months'));
        const tierAt = whole(get('tierAt'));
        const tierRate = get('tierRate') ? (kind === 'percent' ? bps(get('tierRate')) : parseAmount(get('tierRate'), currency)?.amount ?? null) : null;
        if (tierAt && tierRate !== null) rule.tiers = [kind === 'percent' ? { minReferrals: tierAt, percentBps: tierRate } : { minReferrals: tierAt, amountMinor: tierRate }];
      }
      await api.addRewardRule(programId, rule);
      form.reset();
      setDone(t('rules.added'));
      await rules.reload();
    });
  }

  async function retire(ruleId: string) {
    await run(async () => {
      await api.retireRewardRule(programId, ruleId);
      setDone(t('rules.retired'));
      await rules.reload();
    });
  }

  return (
    <section aria-labelledby="rules-title" class="panel" data-testid="reward-rules">
      <h2 id="rules-title" tabIndex={-1}>{t('nav.rewards')}</h2>
      <Loadable resource={rules} what={t('what.rules')}>
        {({ rules: list, secondTierBps }) => (
          <ul class="rules">
            {list.length === 0 && <li class="muted">{t('rules.none')}</li>}
            {list.map((r) => (
              <li key={r.id}>
                <span class="badge badge-id">{r.partner?.displayId ?? t('rules.everyone')}</span> {r.partner && <strong>{r.partner.name}: </strong>}{r.description}{' '}
                <button type="button" class="btn btn-small" disabled={busy} onClick={() => void retire(r.id)}>{t('rules.retire')}</button>
              </li>
            ))}
            <li>{secondTierBps > 0 ? t('rules.secondTier', { percent: secondTierBps / 100 }) : t('rules.secondTierOff')}</li>
          </ul>
        )}
      </Loadable>

      <form class="withdraw-form" onSubmit={submit} noValidate aria-labelledby="new-rule-title">
        <h3 id="new-rule-title">{t('rules.add')}</h3>
        <div class="form-row">
          <PartnerPicker programId={programId} label={t('rules.for')} emptyLabel={t('partners.everyPartner')} />
          <label class="field"><span>{t('rules.when')}</span>
            <select name="event" value={event} onChange={(e) => setEvent((e.currentTarget as HTMLSelectElement).value as RewardRuleInput['event'])}>
              <option value="payment">{t('rules.onPayment')}</option>
              <option value="signup">{t('rules.onSignup')}</option>
              <option value="deal">{t('rules.onDeal')}</option>
            </select>
          </label>
          {event !== 'signup' && (
            <label class="field"><span>{t('rules.commission')}</span>
              <select name="kind" value={kind} onChange={(e) => setKind((e.currentTarget as HTMLSelectElement).value as 'percent' | 'flat')}>
                <option value="percent">{t(event === 'deal' ? 'rules.percentOfDeal' : 'rules.percentOfPayment')}</option>
                <option value="flat">{t('rules.flat')}</option>
              </select>
            </label>
          )}
          <label class="field"><span>{event !== 'signup' && kind === 'percent' ? t('rules.rate') : t('rules.amount', { currency })}</span>
            <input name="rate" type="text" inputMode="decimal" autocomplete="off" />
          </label>
          <label class="field"><span>{t('rules.hold')}</span>
            <input name="holdDays" type="text" inputMode="numeric" placeholder="30" autocomplete="off" />
          </label>
        </div>
        {event === 'payment' && (
          <div class="form-row">
            <label class="field"><span>{t('rules.product')}</span><input name="product" type="text" autocomplete="off" placeholder={t('rules.anyProduct')} /></label>
            <label class="field"><span>{t('rules.recurring')}</span>
              <select name="recurring" value={recurring} onChange={(e) => setRecurring((e.currentTarget as HTMLSelectElement).value)}>
                <option value="life">{t('rules.forLife')}</option>
                <option value="first">{t('rules.firstOnly')}</option>
                <option value="months">{t('rules.firstMonths')}</option>
              </select>
            </label>
            {recurring === 'months' && <label class="field"><span>{t('rules.months')}</span><input name="months" type="text" inputMode="numeric" autocomplete="off" /></label>}
            <label class="field"><span>{t('rules.escalate')}</span><input name="tierAt" type="text" inputMode="numeric" autocomplete="off" placeholder={t('rules.optional')} /></label>
            <label class="field"><span>{t('rules.tierTo', { unit: kind === 'percent' ? '%' : currency })}</span><input name="tierRate" type="text" inputMode="decimal" autocomplete="off" /></label>
            <label class="field"><span>{t('rules.payFirst')}</span><input name="firstShare" type="text" inputMode="decimal" autocomplete="off" placeholder={t('rules.payFirstPlaceholder', { example: 25 })} /></label>
            <label class="field"><span>{t('rules.restRetained')}</span><input name="laterDays" type="text" inputMode="numeric" autocomplete="off" placeholder={t('rules.example', { example: 180 })} /></label>
          </div>
        )}
        {event === 'deal' && (
          <div class="form-row">
            <label class="field"><span>{t('rules.product')}</span><input name="product" type="text" autocomplete="off" placeholder={t('rules.anyProduct')} /></label>
            <label class="field"><span>{t('rules.payFirst')}</span><input name="firstShare" type="text" inputMode="decimal" autocomplete="off" placeholder={t('rules.payFirstPlaceholder', { example: 50 })} /></label>
            <label class="field"><span>{t('rules.rest')}</span><input name="laterDays" type="text" inputMode="numeric" autocomplete="off" placeholder={t('rules.example', { example: 90 })} /></label>
          </div>
        )}
        <button type="submit" class="btn btn-primary" aria-busy={busy}>{busy ? t('rules.adding') : t('rules.submit')}</button>
      </form>
      <FormProblems error={error} problems={problems} />
      <p class="form-success" role="status">{done}</p>
    </section>
  );
}
