// What the widget keeps first-party on the site: the referral (a cookie and localStorage, for the attribution window),
// and the signup reports edgeref has not answered yet (localStorage only: a cookie would carry the email to the site).

export interface StoredReferral {
  code: string;
  clickId?: string;
  at: number; // when the visitor arrived, ms
  expires: number; // end of the attribution window, ms
  last?: 1; // the program counts the last touch, so a newer link replaces this one
  done?: 1; // greeted, and the banner dismissed (or switched off): pages no longer load the UI for it
}

/** A signup report as edgeref('signup') sends it. */
export interface SignupReport {
  customerId: string;
  email: string;
  promoCode?: string;
  clickId?: string;
}

/** Undelivered signup reports by customer id, each with the time it is given up at, ms. */
type Reports = Record<string, [SignupReport, number]>;

const KEY = 'edgeref_ref';
const REPORTS = 'edgeref_signups';
export const DAY = 864e5;
export const now = () => Date.now();

/** The JSON that `read` gives, or nothing: a missing or broken value, and blocked storage (privacy mode, sandboxed frames), throw here. */
const json = (read: () => string) => {
  try {
    return JSON.parse(read());
  } catch {}
};

/** Writes localStorage; blocked, it keeps nothing. */
const write = (key: string, value: string) => {
  try {
    localStorage[key] = value;
  } catch {}
};

/**
 * Whichever copy of the referral survived and is still in its window: the cookie's, or localStorage's. The cookie
 * header is read as a query string: URLSearchParams finds our cookie by its exact name and undoes encodeURIComponent.
 */
export const loadReferral = (): StoredReferral | undefined =>
  [() => new URLSearchParams(document.cookie.replace(/; /g, '&')).get(KEY)!, () => localStorage[KEY]].map(json).find((r) => r?.expires > now());

/** Writes both copies; null empties them (Max-Age comes out 0, which deletes the cookie, and localStorage keeps "null", which loads as nothing). */
export function saveReferral(r: StoredReferral | null | undefined, domain?: string): void {
  const value = JSON.stringify(r);
  document.cookie = `${KEY}=${encodeURIComponent(value)};Max-Age=${((r?.expires! - now()) / 1e3) | 0};Path=/${domain ? ';Domain=' + domain : ''}${location.protocol == 'https:' ? ';Secure' : ''}`;
  write(KEY, value);
}

/** The referral in a URL: ?ref=<code>&ref_click=<id>, with ?via= accepted for ref. */
export function referralIn(href = ''): { code: string; clickId?: string } | '' | null {
  const p = new URL(href, location as unknown as string).searchParams;
  const code = p.get('ref') || p.get('via');
  return code && { code: code.toUpperCase(), clickId: p.get('ref_click') || undefined }; // codes are case-insensitive
}

/** The undelivered signup reports. */
export const undelivered = (): Reports => json(() => localStorage[REPORTS]) || {};

/** Keeps a report until `until` (the capture core, before its first attempt). */
export const keepReport = (report: SignupReport, until: number) => write(REPORTS, JSON.stringify({ ...undelivered(), [report.customerId]: [report, until] }));

/** Forgets a report: answered, or given up. */
export function forgetReport(report: SignupReport): void {
  const all = undelivered();
  delete all[report.customerId];
  write(REPORTS, JSON.stringify(all));
}

/** Forgets every report: consent withdrawn. */
export const forgetReports = () => write(REPORTS, '{}');
