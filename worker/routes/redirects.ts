// The invitation link /r/:code (record the click, send the visitor on) and its QR codes.
import { Hono } from 'hono';
import { nanoid } from 'nanoid';
import { isbot } from 'isbot';
import type { AppEnv } from '../env';
import { codeKey } from '../domain/codes';
import { destinationFor, qrLink, referrerDomain } from '../domain/links';
import { redirectTarget } from '../db/invitations';
import { insertClick } from '../db/clicks';
import { withRetry } from '../db/retry';
import { sha256Hex } from '../security/hashing';
import { qrPng, qrSvg } from '../qr/render';

export const redirects = new Hono<AppEnv>();

const notFoundPage = (code: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Invitation not found</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2937}</style></head>
<body><h1>This invitation is not available</h1><p>The link <code>${code.replace(/[^A-Za-z0-9_-]/g, '')}</code> is unknown or no longer active. Ask the person who shared it for a new one.</p></body></html>`;

redirects.get('/r/:code', async (c) => {
  const code = c.req.param('code');
  const target = await redirectTarget(c.env.DB, codeKey(code));
  if (!target || !target.invitation.active) return c.html(notFoundPage(code), 404);

  const url = new URL(c.req.url);
  const { invitation } = target;
  const clickId = nanoid();
  const ua = c.req.header('User-Agent') ?? null;
  const click = {
    id: clickId,
    programId: invitation.programId,
    invitationId: invitation.id,
    source: url.searchParams.get('src') === 'qr' ? ('qr' as const) : ('link' as const),
    referrerDomain: referrerDomain(c.req.header('Referer')),
    country: (c.req.raw.cf?.country as string | undefined) ?? null,
    userAgent: ua,
    isBot: c.req.method === 'HEAD' || !ua || isbot(ua),
    createdAt: Date.now(),
  };
  // The visitor does not wait for the write; it is retried until it lands (the insert is idempotent on the click id).
  c.executionCtx.waitUntil(
    (async () => {
      const visitorHash = await sha256Hex(`${c.env.VISITOR_SALT}|${c.req.header('CF-Connecting-IP') ?? ''}|${ua ?? ''}`);
      await withRetry(() => insertClick(c.env.DB, { ...click, visitorHash }));
    })().catch((err) => console.error('click lost after retries', clickId, err)),
  );
  const to = destinationFor(invitation.destinationUrl ?? target.programDestination, invitation.code, clickId, url.searchParams);
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  return c.redirect(to, 302);
});

async function qrTarget(c: { env: AppEnv['Bindings']; req: { param: (k: 'code') => string; url: string } }) {
  const target = await redirectTarget(c.env.DB, codeKey(c.req.param('code')));
  if (!target || !target.invitation.active) return null;
  return qrLink(new URL(c.req.url).origin, target.invitation.code);
}

redirects.get('/r/:code/qr.svg', async (c) => {
  const link = await qrTarget(c);
  if (!link) return c.html(notFoundPage(c.req.param('code')), 404);
  return c.body(await qrSvg(link), 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=300' });
});

redirects.get('/r/:code/qr.png', async (c) => {
  const link = await qrTarget(c);
  if (!link) return c.html(notFoundPage(c.req.param('code')), 404);
  return c.body(await qrPng(link), 200, { 'Content-Type': 'image/png', 'Cache-Control': 'public, max-age=300' });
});
