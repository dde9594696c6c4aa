// Small HTML pages a visitor may see instead of a redirect, with a policy that lets them load nothing but their own style.

/** The page has no script and no resources: only its inline style may apply. */
export const PAGE_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

const page = (title: string, body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${title}</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2937}</style></head>
<body><h1>${title}</h1>${body}</body></html>`;

const safe = (code: string) => code.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 32);

export const unknownInvitationPage = (code: string) =>
  page('This invitation is not available', `<p>The link <code>${safe(code)}</code> is unknown. Check it for typing mistakes, or ask the person who shared it for a new one.</p>`);

export const endedInvitationPage = (code: string) =>
  page('This invitation has ended', `<p>The invitation <code>${safe(code)}</code> is no longer active. Ask the person who shared it for a new one.</p>`);
