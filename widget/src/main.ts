// edgeref's capture core: keeps the referral first-party on the site, reports signups, and loads the UI only to show it.
// Kept under 1,500 bytes gzip (test/e2e/widget-size.test.ts), so it is written tersely.
import type { ApiResult, Identity, Ui, UiContext } from './contract';
import { DAY, loadReferral, referralIn, saveReferral, type StoredReferral } from './storage';

// window.edgeref's public types are the ones site owners get: widget/public/edgeref.d.ts.
type Args = [string, any?];

const warn = (err: unknown) => console.warn('[edgeref]', err);
/** Nothing of ours may throw into the host page. */
const safe =
  <A extends unknown[], R>(fn: (...a: A) => R) =>
  (...a: A): R | void => {
    try {
      return fn(...a);
    } catch (err) {
      warn(err);
    }
  };
const skipped = (error?: unknown) => ({ ok: false, error });

function boot(): void {
  // Configuration: data-* attributes on our own <script> tag.
  const script = document.currentScript as HTMLScriptElement;
  const d = script.dataset;
  const key = d.program;
  const base = new URL(script.src).origin; // where widget.js came from: the UI chunk comes from there too
  const api = d.api || base;
  const domain = d.cookieDomain;
  const queued = window.edgeref?.q || [];
  let consent = d.consent != 'required';
  let ref: StoredReferral | null = null; // held in memory until consent allows storing it
  let identity: Identity | undefined;
  let loading: Promise<Ui> | undefined;

  // A simple CORS request: the publishable key rides in the query and the body is text/plain, so there is no
  // preflight; credentials are omitted, so the site's cookies never reach us. The Origin check stays.
  const call = (path: `${string}?${string}`, body?: unknown): Promise<ApiResult> =>
    fetch(`${api}/api/v1${path}&key=${key}`, {
      credentials: 'omit',
      method: (body && 'POST') as string | undefined, // undefined: GET
      body: JSON.stringify(body),
      keepalive: true,
    }).then(async (r) => ({ ok: r.ok, status: r.status, body: await r.json().catch(() => null) }));
  const ctx: UiContext = { call, lang: d.lang };
  const save = () => saveReferral(ref, domain);

  // The UI (Preact) is a second script from our origin, fetched only when a banner or panel is shown.
  const ui = () =>
    (loading ||= new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = base + '/widget-ui.js';
      s.onload = () => resolve(window.edgerefUI!);
      s.onerror = () => reject((loading = undefined));
      (document.head as ParentNode).append(s);
    }));

  // The UI chunk greets the visitor (who invited them, and the program's window and touch model for the stored
  // referral) and shows the banner; once the banner is dismissed or switched off, pages no longer load it.
  // With consent: the referral in hand, else one stored on an earlier visit, is kept and greeted.
  const keep = () => {
    if (!consent || !(ref ||= loadReferral())) return;
    save();
    if (!ref.done) ui().then((u) => u.greet(ctx, ref!, save, d.banner != 'off')).catch(warn);
  };

  /** Reads ?ref / ?ref_click; first touch keeps an earlier referral still in its window unless the program says last touch. */
  const capture = (href?: string) => {
    const found = referralIn(href);
    if (!found) return;
    const stored = ref || (consent && loadReferral());
    if (stored && ((stored.code == found.code && (!found.clickId || stored.clickId == found.clickId)) || !stored.last)) {
      if (ref) return; // nothing new
      ref = stored;
    } else ref = { ...found, at: Date.now(), expires: Date.now() + 30 * DAY }; // until the greeting brings the program's window
    keep();
  };

  /** On submit, forms marked data-edgeref-signup get hidden inputs with the click id and code, for the site's own server. */
  const fillForm = ({ target: f }: Event) => {
    if (consent && ref && (f as Element).matches('[data-edgeref-signup]'))
      for (const [name, value] of [['edgeref_click', ref.clickId], ['edgeref_code', ref.code]] as const)
        ((f as Element).querySelector<HTMLInputElement>(`[name=${name}]`) || (f as Element).appendChild(Object.assign(document.createElement('input'), { type: 'hidden', name }))).value = value || '';
  };

  const signup = async (input: { promoCode?: string } = {}) => {
    const r = ref || loadReferral();
    const report = { ...input, clickId: r?.clickId, promoCode: input.promoCode?.trim() || (r && !r.clickId ? r.code : undefined) };
    if (!consent || !(report.clickId || report.promoCode)) return skipped(); // no referral, or no consent
    const res = await call('/signups?', report);
    if (res.ok) {
      ref = null;
      save();
    }
    return res;
  };

  const commands: Record<string, (arg: any) => unknown> = {
    signup: (arg) =>
      signup(arg)
        .catch(skipped)
        .then((detail) => (dispatchEvent(new CustomEvent('edgeref:signup', { detail })), detail)),
    identify: (arg: Identity) => (identity = arg),
    consent: (given) => ((consent = !!given) ? keep() : saveReferral(null, domain)),
    open: () => identity && ui().then((u) => u.panel(ctx, identity!)).catch(warn),
    ready: (fn) => fn(),
  };

  // Every command's promise settles without rejecting: none may surface as an unhandled rejection on the page.
  const edgeref = safe((command: string, arg?: any) => commands[command]?.(arg));

  // A single-page app's router may rewrite the URL before this async script runs, or at any moment after:
  // the navigation entry keeps the URL the visitor landed on, and history changes are watched.
  const scan = safe(() => capture(location.href));
  for (const m of ['pushState', 'replaceState'] as const) {
    const original = history[m];
    history[m] = function (this: History, ...a: Parameters<History['pushState']>) {
      original.apply(this, a);
      scan();
    };
  }
  addEventListener('popstate', scan);
  addEventListener('submit', fillForm, true);
  capture(performance.getEntriesByType('navigation')[0]?.name); // else the current URL
  keep();
  window.edgeref = edgeref as Edgeref;
  for (const args of queued) edgeref(...(Array.from(args) as Args));
}

safe(boot)();
