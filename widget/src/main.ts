// edgeref's capture core: keeps the referral first-party on the site, keeps and sends signup reports, and imports
// its chunks (the UI, the signups' delivery) only when it needs them. Within its gzip budget
// (test/build/widget-size.test.ts), so it is written tersely.
import type { ApiResult, Identity, Ui, UiContext } from './contract';
import { DAY, forgetReports, keepReport, loadReferral, now, referralIn, saveReferral, undelivered, type SignupReport, type StoredReferral } from './storage';
import { result, skipped } from './answer';
import type * as Signups from './signups';

// window.edgeref's public types are the ones site owners get: widget/public/edgeref.d.ts.

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

function boot(): void {
  // Configuration: data-* attributes on our own <script> tag.
  const script = document.currentScript as HTMLScriptElement;
  const d = script.dataset;
  const base = new URL(script.src).origin; // where widget.js came from: its chunks come from there too
  const queued = window.edgeref?.q;
  let consent = d.consent != 'required';
  let ref: StoredReferral | null | undefined; // held in memory until consent allows storing it

  // A simple CORS request: the publishable key rides in the query and the body is text/plain, so there is no
  // preflight; credentials are omitted, so the site's cookies never reach us. The Origin check stays.
  const request = (path: `${string}?${string}`, body?: unknown) =>
    fetch(`${d.api || base}/api/v1${path}&key=${d.program}`, {
      credentials: 'omit',
      method: (body && 'POST') as string | undefined, // undefined: GET
      body: JSON.stringify(body),
      keepalive: true,
    });
  const save = () => saveReferral(ref, d.cookieDomain);
  // What the chunks get: the UI its UiContext, the signups chunk its SignupsContext.
  const ctx: UiContext & Signups.SignupsContext = {
    call: (path, body) => request(path, body).then(result),
    d,
    request,
    spend: () => ((ref = null), save()),
  };

  // A chunk is a script from our origin (served with CORS, for import()), fetched only when it is needed. Once imported
  // it stays; one that failed is tried afresh next time under a new #fragment: browsers other than a recent Chromium
  // keep a failed import() of a URL for the page's life (whatwg/html#6768), and their HTTP cache ignores fragments.
  const chunks: Record<string, Promise<any>> = {};
  const load = (name: 'ui' | 'signups') =>
    (chunks[name] ||= import(/* @vite-ignore */ `${base}/widget-${name}.js#${now()}`).catch((err) => {
      throw ((chunks[name] = undefined as any), err);
    }));
  // widget-ui.js stays an IIFE that sets window.edgerefUI, for cores from before import(), which add it as a <script>.
  const withUi = (fn: (u: Ui) => unknown) =>
    load('ui')
      .then(() => fn(window.edgerefUI!))
      .catch(warn);

  // The UI chunk greets the visitor (who invited them, and the program's window and touch model for the stored
  // referral) and shows the banner; once the banner is dismissed or switched off, pages no longer load it.
  // With consent: the referral in hand, else one stored on an earlier visit, is kept and greeted.
  const keep = () => consent && (ref ||= loadReferral()) && (save(), ref.done || withUi((u) => u.greet(ctx, ref!, save)));

  /** Reads ?ref / ?ref_click; first touch keeps an earlier referral still in its window unless the program says last touch. */
  const capture = (href?: string) => {
    const found = referralIn(href);
    const stored = ref || (consent && loadReferral());
    if (
      found &&
      (stored && ((stored.code == found.code && (!found.clickId || stored.clickId == found.clickId)) || !stored.last)
        ? !ref && (ref = stored) // else nothing new
        : (ref = { ...found, at: now(), expires: now() + 30 * DAY })) // until the greeting brings the program's window
    )
      keep();
  };

  /** On submit, forms marked data-edgeref-signup get hidden inputs with the click id and code, for the site's own server. */
  const fillForm = ({ target: f }: { target: any }) => {
    if (consent && ref && 'edgerefSignup' in f.dataset)
      [['edgeref_click', ref.clickId], ['edgeref_code', ref.code]].map(
        ([name, value]) => ((f[name!] || f.appendChild(Object.assign(document.createElement('input'), { type: 'hidden', name }))).value = value || ''),
      );
  };

  /** Sends what earlier pages left undelivered: the signups chunk, imported only when there is some. */
  const resend = () => consent && Object.keys(undelivered())[0] && load('signups').then((m: typeof Signups) => m.resend(ctx)).catch(warn);

  const signup = async (input: SignupReport) => {
    const r = ref || loadReferral();
    const report = { ...input, clickId: r?.clickId, promoCode: input.promoCode?.trim() || (r?.clickId ? undefined : r?.code) };
    if (!consent || !(report.clickId || report.promoCode)) return skipped(); // no referral, or no consent
    keepReport(report, now() + 7 * DAY);
    // The first attempt leaves at once, with keepalive, so it gets through even if the page unloads before the signups
    // chunk arrives; the chunk then waits for its answer and retries. Should the chunk fail to import, that first
    // answer is the outcome, and the report stays kept for a later page.
    const sent = request('/signups?', report).catch(skipped);
    return load('signups').then((m: typeof Signups) => m.deliver(ctx, report, sent), () => sent.then(result));
  };

  const commands: Record<string, (arg: any) => unknown> = {
    signup: (arg) =>
      signup(arg)
        .catch(skipped)
        .then((detail) => (dispatchEvent(new CustomEvent('edgeref:signup', { detail })), detail)),
    // Kept on ctx, where the UI sees it: a signed-in customer gets no invitation to sign up.
    identify: (arg: Identity) => (ctx.i = arg),
    // Withdrawn, it forgets any report not yet delivered, and the referral (as spending it does).
    consent: (given) => ((consent = !!given) ? (keep(), resend()) : (forgetReports(), ctx.spend())),
    open: () => ctx.i && withUi((u) => u.panel(ctx, ctx.i!)),
    // Calls back once the core runs, with the value for a checkout's client reference (Stripe's client_reference_id,
    // Paddle.js's customData.edgeref): the click id, when the visitor came through one (docs/BILLING.md). A separate
    // 'checkout' command would not fit the core's budget.
    ready: (fn) => fn(ref?.clickId),
  };

  // Every command's promise settles without rejecting: none may surface as an unhandled rejection on the page.
  const edgeref = safe((command: string, arg?: any) => commands[command]?.(arg));

  // A single-page app's router may rewrite the URL before this async script runs, or at any moment after:
  // the navigation entry keeps the URL the visitor landed on, and history changes are watched.
  const scan = safe(() => capture(location.href));
  (['pushState', 'replaceState'] as const).map((m) => {
    const original = history[m];
    history[m] = (...a) => (original.apply(history, a), scan());
  });
  addEventListener('popstate', scan);
  addEventListener('submit', fillForm, true);
  capture(performance.getEntriesByType('navigation')[0]?.name); // else the current URL
  keep();
  resend();
  window.edgeref = edgeref as Edgeref;
  queued?.map((args) => edgeref.apply(0, args as any));
}

safe(boot)();
