// Small HTML pages a visitor may see instead of a redirect.

const page = (title: string, body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${title}</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2937}</style></head>
<body><h1>${title}</h1>${body}</body></html>`;

const safe = (code: string) => code.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 32);

export const unknownInvitationPage = (code: string) =>
  page('This invitation is not available', `<p>The link <code>${safe(code)}</code> is unknown. Check it for typing mistakes, or ask the person who shared it for a new one.</p>`);

export const endedInvitationPage = (code: string) =>
  page('This invitation has ended', `<p>The invitation <code>${safe(code)}</code> is no longer active. Ask the person who shared it for a new one.</p>`);
