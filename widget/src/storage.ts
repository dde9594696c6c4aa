// The referral, kept first-party on the site: in a cookie and in localStorage, for the attribution window.

export interface StoredReferral {
  code: string;
  clickId: string | null;
  at: number; // when the visitor arrived, ms
  expires: number; // end of the attribution window, ms
}

const KEY = 'edgeref_ref';
const DAY_MS = 86_400_000;

function valid(r: unknown): r is StoredReferral {
  const v = r as StoredReferral;
  return !!v && typeof v.code === 'string' && typeof v.expires === 'number' && v.expires > Date.now();
}

function parse(text: string | null | undefined): StoredReferral | null {
  if (!text) return null;
  try {
    const r = JSON.parse(text);
    return valid(r) ? r : null;
  } catch {
    return null;
  }
}

function readCookie(): string | null {
  const m = document.cookie.match(/(?:^|;\s*)edgeref_ref=([^;]*)/);
  return m ? decodeURIComponent(m[1]) : null;
}

function safeLocal(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage blocked (privacy mode, sandboxed frame)
  }
}

/** Whichever copy survived: the cookie, or localStorage. */
export function loadReferral(): StoredReferral | null {
  return parse(readCookie()) ?? parse(safeLocal()?.getItem(KEY));
}

export function saveReferral(r: StoredReferral, cookieDomain: string | null): void {
  const value = JSON.stringify(r);
  const maxAge = Math.max(0, Math.round((r.expires - Date.now()) / 1000));
  const parts = [`${KEY}=${encodeURIComponent(value)}`, `Max-Age=${maxAge}`, 'Path=/', 'SameSite=Lax'];
  if (cookieDomain) parts.push(`Domain=${cookieDomain}`);
  if (location.protocol === 'https:') parts.push('Secure');
  document.cookie = parts.join('; ');
  safeLocal()?.setItem(KEY, value);
}

export function clearReferral(cookieDomain: string | null): void {
  document.cookie = `${KEY}=; Max-Age=0; Path=/${cookieDomain ? `; Domain=${cookieDomain}` : ''}`;
  safeLocal()?.removeItem(KEY);
}

export function newReferral(code: string, clickId: string | null, windowDays: number, now = Date.now()): StoredReferral {
  return { code, clickId, at: now, expires: now + windowDays * DAY_MS };
}

/** The referral in the page's URL: ?ref=<code>&ref_click=<id>, with ?via= accepted for ref. */
export function referralInUrl(href: string): { code: string; clickId: string | null } | null {
  const params = new URL(href).searchParams;
  const code = params.get('ref') ?? params.get('via');
  if (!code) return null;
  return { code, clickId: params.get('ref_click') };
}

export function dismissed(code: string): boolean {
  return safeLocal()?.getItem(`edgeref_dismissed_${code.toUpperCase()}`) === '1';
}

export function dismiss(code: string): void {
  safeLocal()?.setItem(`edgeref_dismissed_${code.toUpperCase()}`, '1');
}
