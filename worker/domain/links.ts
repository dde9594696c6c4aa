// Invitation links: where a click is sent, and the links and QR codes an invitation is shared through.

/** The destination with ref and ref_click added; the destination's own query parameters and the link's extra ones are kept. */
export function destinationFor(destination: string, code: string, clickId: string, passThrough: URLSearchParams): string {
  const url = new URL(destination);
  for (const [k, v] of passThrough) {
    if (k !== 'ref' && k !== 'ref_click' && k !== 'src') url.searchParams.append(k, v);
  }
  url.searchParams.set('ref', code);
  url.searchParams.set('ref_click', clickId);
  return url.toString();
}

export function invitationLink(origin: string, code: string): string {
  return `${origin}/r/${encodeURIComponent(code)}`;
}

/** The link a QR code carries: marked so that a scan is told apart from a click. */
export function qrLink(origin: string, code: string): string {
  return `${invitationLink(origin, code)}?src=qr`;
}

/** Only the domain of the referring page is kept. */
export function referrerDomain(referer: string | null | undefined): string | null {
  if (!referer) return null;
  try {
    return new URL(referer).hostname || null;
  } catch {
    return null;
  }
}

/**
 * An invitation may send visitors elsewhere than the program's destination, but only to the program's own
 * origins: its destination's origin and its allowed origins. Anything else would be an open redirect.
 */
export function destinationAllowed(url: string, programDestination: string, allowedOrigins: string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  if (parsed.username || parsed.password) return false;
  return parsed.origin === new URL(programDestination).origin || allowedOrigins.includes(parsed.origin);
}
