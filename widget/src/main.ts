// edgeref's widget: captures the referral on the site's own origin, greets the invited visitor, reports signups.
import { readConfig, type WidgetConfig } from './config';
import { fetchGreeting, reportSignup, type SignupReport } from './api';
import { clearReferral, dismiss, dismissed, loadReferral, newReferral, referralInUrl, saveReferral } from './storage';
import { showBanner } from './banner';

type Command = 'signup' | 'ready';
type Queued = IArguments | unknown[];
interface EdgerefFn {
  (command: Command, arg?: unknown): Promise<unknown> | void;
  q?: Queued[];
}

declare global {
  interface Window {
    edgeref?: EdgerefFn;
  }
}

const DEFAULT_WINDOW_DAYS = 30;
let hideBanner: (() => void) | null = null;

/** Reads ?ref / ?ref_click and keeps them; first touch keeps an earlier referral still in its window. */
function capture(cfg: WidgetConfig): void {
  const fromUrl = referralInUrl(location.href);
  if (!fromUrl) return;
  const stored = loadReferral();
  if (stored && stored.code.toUpperCase() !== fromUrl.code.toUpperCase()) return; // first touch; the program may say last touch (greet below)
  if (stored && stored.clickId === fromUrl.clickId) return;
  saveReferral(newReferral(fromUrl.code, fromUrl.clickId, DEFAULT_WINDOW_DAYS), cfg.cookieDomain);
}

async function greet(cfg: WidgetConfig): Promise<void> {
  const fromUrl = referralInUrl(location.href);
  const stored = loadReferral();
  const ref = stored ?? fromUrl;
  if (!ref) return;
  const res = await fetchGreeting(cfg, ref);
  if (!res.ok || !res.body || 'error' in res.body) return;
  const greeting = res.body;
  // The program's own window and touch model replace the defaults used at capture.
  const last = greeting.attributionModel === 'last_touch' && fromUrl;
  const base = last ? fromUrl : stored ?? fromUrl;
  if (base) {
    const kept = newReferral(base.code, base.clickId, greeting.attributionWindowDays, stored && !last ? stored.at : Date.now());
    saveReferral(kept, cfg.cookieDomain);
  }
  if (cfg.banner && !dismissed(greeting.code)) {
    hideBanner = showBanner(greeting, cfg.lang, () => dismiss(greeting.code));
  }
}

async function signup(cfg: WidgetConfig, input: { customerId?: string; email?: string; promoCode?: string }) {
  const stored = loadReferral();
  const report: SignupReport = { customerId: String(input.customerId ?? ''), email: String(input.email ?? '') };
  if (stored?.clickId) report.clickId = stored.clickId;
  const typed = input.promoCode?.trim();
  if (typed) report.promoCode = typed;
  else if (stored && !stored.clickId) report.promoCode = stored.code;
  if (!report.clickId && !report.promoCode) return { ok: false, status: 0, body: null, skipped: 'no referral' };
  const res = await reportSignup(cfg, report);
  if (res.ok) {
    clearReferral(cfg.cookieDomain);
    hideBanner?.();
  }
  return res;
}

function boot(): void {
  const cfg = readConfig();
  if (!cfg) return;
  const queued = window.edgeref?.q ?? [];
  const readyCallbacks: (() => void)[] = [];
  let ready = false;
  const runReady = (fn: () => void) => {
    try {
      fn();
    } catch (err) {
      console.warn('[edgeref]', err);
    }
  };
  const edgeref: EdgerefFn = (command, arg) => {
    try {
      if (command === 'signup') {
        return signup(cfg, (arg ?? {}) as Record<string, string>)
          .catch((err) => ({ ok: false, status: 0, body: null, error: String(err) }))
          .then((result) => {
            window.dispatchEvent(new CustomEvent('edgeref:signup', { detail: result }));
            return result;
          });
      }
      if (command === 'ready' && typeof arg === 'function') {
        if (ready) runReady(arg as () => void);
        else readyCallbacks.push(arg as () => void);
      }
    } catch (err) {
      console.warn('[edgeref]', err);
    }
  };
  window.edgeref = edgeref;
  try {
    capture(cfg);
  } catch (err) {
    console.warn('[edgeref] could not store the referral', err);
  }
  for (const args of queued) edgeref(...(Array.from(args) as [Command, unknown]));
  greet(cfg)
    .catch((err) => console.warn('[edgeref] greeting unavailable', err))
    .finally(() => {
      ready = true;
      readyCallbacks.splice(0).forEach(runReady);
    });
}

try {
  boot();
} catch (err) {
  console.warn('[edgeref]', err);
}
