// The referral, kept first-party on the site: in a cookie and in localStorage, for the attribution window.

export interface StoredReferral {
  code: string;
  clickId?: string;
  at: number; // when the visitor arrived, ms
  expires: number; // end of the attribution window, ms
  last?: 1; // the program counts the last touch, so a newer link replaces this one
  done?: 1; // greeted, and the banner dismissed (or switched off): pages no longer load the UI for it
}

const KEY = 'edgeref_ref';
export const DAY = 864e5;

/** The referral in a copy, if it parses and is still in its window; blocked storage (privacy mode, sandboxed frames) throws here too. */
const parse = (read: () => string | null): StoredReferral | null => {
  try {
    const r = JSON.parse(read()!);
    return r.expires > Date.now() ? r : null;
  } catch {
    return null;
  }
};

/** Whichever copy survived: the cookie, or localStorage. */
export const loadReferral = (): StoredReferral | null =>
  parse(() => decodeURIComponent(document.cookie.match(/(?:^|; )edgeref_ref=([^;]*)/)![1])) || parse(() => localStorage.getItem(KEY));

/** Writes both copies; null removes them. */
export function saveReferral(r: StoredReferral | null, domain?: string): void {
  const value = r ? JSON.stringify(r) : '';
  document.cookie = `${KEY}=${encodeURIComponent(value)}; Max-Age=${r ? ((r.expires - Date.now()) / 1e3) | 0 : 0}; Path=/${domain ? '; Domain=' + domain : ''}${location.protocol == 'https:' ? '; Secure' : ''}`;
  try {
    r ? localStorage.setItem(KEY, value) : localStorage.removeItem(KEY);
  } catch {
    // blocked: the cookie copy stands alone
  }
}

/** The referral in a URL: ?ref=<code>&ref_click=<id>, with ?via= accepted for ref. */
export function referralIn(href = ''): { code: string; clickId?: string } | null {
  const p = new URL(href, location as unknown as string).searchParams;
  const code = p.get('ref') || p.get('via');
  return code ? { code: code.toUpperCase(), clickId: p.get('ref_click') || undefined } : null; // codes are case-insensitive
}
