// edgeref's capture core: keeps the referral first-party on the site, reports signups until edgeref has them, and
// loads the UI only to show it. Within its gzip budget (test/build/widget-size.test.ts), so it is written tersely.
import type { ApiResult, Identity, Ui, UiContext } from './contract';
import { DAY, keepReport, loadReferral, referralIn, saveReferral, undelivered, type SignupReport, type StoredReferral } from './storage';

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
const skipped = (error?: unknown) => ({ ok: false, error });
const now = Date.now;

function boot(): void {
  // Configuration: data-* attributes on our own <script> tag.
  const script = document.currentScript as HTMLScriptElement;
  const d = script.dataset;
  const base = new URL(script.src).origin; // where widget.js came from: the UI chunk comes from there too
  const queued = window.edgeref?.q;
  let consent = d.consent != 'required';
  let ref: StoredReferral | null | undefined; // held in memory until consent allows storing it
  let identity: Identity | undefined;
  let loading: Promise<Ui> | undefined;

  // A simple CORS request: the publishable key rides in the query and the body is text/plain, so there is no
  // preflight; credentials are omitted, so the site's cookies never reach us. The Origin check stays.
  const request = (path: `${string}?${string}`, body?: unknown) =>
    fetch(`${d.api || base}/api/v1${path}&key=${d.program}`, {
      credentials: 'omit',
      method: (body && 'POST') as string | undefined, // undefined: GET
      body: JSON.stringify(body),
      keepalive: true,
    });
  const result = async (r: Response): Promise<ApiResult> => ({ ok: r.ok, status: r.status, body: await r.json().catch(() => null) });
  const ctx: UiContext = { call: (path, body) => request(path, body).then(result), d };
  const save = () => saveReferral(ref, d.cookieDomain);

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
  const keep = () => consent && (ref ||= loadReferral()) && (save(), ref.done || ui().then((u) => u.greet(ctx, ref!, save)).catch(warn));

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
    if (consent && ref && f.matches('[data-edgeref-signup]'))
      for (const [name, value] of [['edgeref_click', ref.clickId], ['edgeref_code', ref.code]])
        (f[name!] || f.appendChild(Object.assign(document.createElement('input'), { type: 'hidden', name }))).value = value || '';
  };

  /**
   * Delivers a signup report; edgeref takes it idempotently on the customer id, so a retry is safe. The report stays
   * stored (storage.ts) until edgeref answers, so one still undelivered when the page unloads goes on the next page.
   * A network error (a 503 without CORS headers reads as one), a 5xx or a 429 is retried, 4 attempts in all, after
   * its Retry-After (seconds) or a backoff with full jitter (up to 1, 2, 4 s); a Retry-After beyond 30 s leaves the
   * report to a later page. Any other answer is final: the report is forgotten, and a success spends the referral.
   */
  const deliver = (report: SignupReport, n = 0, wait = 0): Promise<ApiResult | ReturnType<typeof skipped>> =>
    request('/signups?', report)
      .catch(skipped)
      .then((r: any) =>
        r.status < 500 && r.status - 429 // answered, and not with a 429: final
          ? (keepReport(report), r.ok && ((ref = null), save()), result(r))
          : (wait = r.headers?.get('Retry-After') * 1e3 || (Math.random() * 1e3) << n) > 3e4 || n > 2
            ? r.json ? result(r) : r // left to a later page: the last failure, an answer or skipped's { ok: false, error }
            : new Promise((f) => setTimeout(f, wait)).then(() => deliver(report, n + 1)),
      );

  /** Sends what earlier pages left undelivered, and forgets reports older than 7 days. */
  const resend = () => consent && Object.values(undelivered()).map(([r, until]) => (until > now() ? deliver(r).catch(warn) : keepReport(r)));

  const signup = async (input: SignupReport) => {
    const r = ref || loadReferral();
    const report = { ...input, clickId: r?.clickId, promoCode: input.promoCode?.trim() || (r && !r.clickId ? r.code : undefined) };
    if (!consent || !(report.clickId || report.promoCode)) return skipped(); // no referral, or no consent
    keepReport(report, now() + 7 * DAY);
    return deliver(report);
  };

  const commands: Record<string, (arg: any) => unknown> = {
    signup: (arg) =>
      signup(arg)
        .catch(skipped)
        .then((detail) => (dispatchEvent(new CustomEvent('edgeref:signup', { detail })), detail)),
    identify: (arg: Identity) => (identity = arg),
    // Withdrawn, it forgets the referral and any report not yet delivered.
    consent: (given) => ((consent = !!given) ? (keep(), resend()) : (keepReport(), (ref = null), save())),
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
    history[m] = (...a) => (original.apply(history, a), scan());
  }
  addEventListener('popstate', scan);
  addEventListener('submit', fillForm, true);
  capture(performance.getEntriesByType('navigation')[0]?.name); // else the current URL
  keep();
  resend();
  window.edgeref = edgeref as Edgeref;
  queued?.map((args) => edgeref.apply(0, args as any));
}

safe(boot)();
