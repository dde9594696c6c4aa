/** @jsxRuntime classic */
/** @jsx h */
// The invited-visitor banner: who invited them and the credit waiting for them. Dismissable, and remembered so.
import { h } from 'preact';
import { format } from '../../../shared/money';
import type { Greeting } from '../../../shared/schemas/customers';
import type { UiContext } from '../contract';
import { DAY, type StoredReferral } from '../storage';
import { language, type Words } from './i18n';
import { mount } from './shadow';

/** The sentence with the partner's name and the credit in bold, from the translated template. */
function invitedText(template: string, partner: string, credit: string) {
  return template.split(/(\{partner\}|\{credit\})/).map((part) =>
    part == '{partner}' ? <strong>{partner}</strong> : part == '{credit}' ? <strong>{credit}</strong> : part,
  );
}

/** The banner's view; a plain function, since it keeps no state. */
function banner(words: Words, tag: string, greeting: Greeting, dismiss: () => void) {
  return (
    <div class="banner" role="region" aria-label={words.invitation} data-edgeref="banner">
      <svg class="gift" aria-hidden="true" viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
        <rect x="3" y="8" width="18" height="4" rx="1" />
        <path d="M12 8v13M19 12v7a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2v-7M7.5 8a2.5 2.5 0 0 1 0-5C10 3 12 8 12 8s2-5 4.5-5a2.5 2.5 0 0 1 0 5" />
      </svg>
      <p class="text">{invitedText(words.invited, greeting.advocate == 'customer' ? words.friend : greeting.partnerName, format(greeting.credit, tag))}</p>
      <button type="button" class="close" aria-label={words.dismiss} onClick={dismiss}>
        ×
      </button>
    </div>
  );
}

const greeted = new WeakSet<StoredReferral>();
let hide: (() => void) | undefined;

/** Greets the visitor once per referral: the program's window and touch model go onto it, then the banner shows. */
export async function greet(ctx: UiContext, ref: StoredReferral, save: () => void): Promise<void> {
  if (greeted.has(ref)) return;
  greeted.add(ref);
  const q = new URLSearchParams({ code: ref.code });
  if (ref.clickId) q.set('clickId', ref.clickId);
  const res = await ctx.call(`/greeting?${q}`);
  if (!res.ok) return;
  const greeting = res.body as Greeting;
  ref.expires = ref.at + greeting.attributionWindowDays * DAY;
  ref.last = greeting.attributionModel == 'last_touch' ? 1 : undefined;
  // No banner when it is switched off (?.: a core cached from before a deploy passes no d), nor for a signed-in
  // customer, whom it would ask to sign up; both are for good, so later pages do not load the UI for it.
  if (ctx.d?.banner == 'off' || ctx.i) ref.done = 1;
  save();
  if (ref.done) return;
  hide?.();
  const { tag, words } = language(ctx.d?.lang || document.documentElement.lang);
  const dismiss = () => {
    ref.done = 1;
    save();
    remove();
  };
  const { remove } = mount('edgeref-banner', tag, banner(words, tag, greeting, dismiss));
  hide = remove;
}

// The banner has done its work once the visitor signed up.
addEventListener('edgeref:signup', (e) => (e as CustomEvent<{ ok: boolean }>).detail.ok && hide?.());
