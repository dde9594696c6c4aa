// QR codes of invitation links, as SVG or PNG, sized and coloured by query. The encoded link carries ?src=qr,
// so a scan is told apart from a click.
import { Hono } from 'hono';
import { createFactory } from 'hono/factory';
import { validator } from 'hono/validator';
import { z } from '@hono/zod-openapi';
import type { AppEnv } from '../env';
import { validationHook } from '../middleware/errors';
import { codeKey } from '../domain/codes';
import { qrLink } from '../domain/links';
import { redirectTarget } from '../db/invitations';
import { invitationCache } from '../edge/invitation-cache';
import { ERROR_CORRECTION_LEVELS, QR_DEFAULTS, qrPng, qrSvg, scannable, type QrOptions } from '../qr/render';
import { endedInvitationPage, unknownInvitationPage } from './pages';

// Not in the OpenAPI document: like /r/:code, these are links people open, not the versioned API.
export const QrQuery = z
  .object({
    size: z.coerce.number().int().min(64).max(2048).optional(),
    margin: z.coerce.number().int().min(0).max(16).default(QR_DEFAULTS.margin),
    ecc: z.string().toUpperCase().pipe(z.enum(ERROR_CORRECTION_LEVELS)).default(QR_DEFAULTS.ecc),
    dark: z.string().regex(/^[0-9a-f]{6}$/i, 'a colour as RRGGBB, without #').default(QR_DEFAULTS.dark),
    light: z.string().regex(/^[0-9a-f]{6}([0-9a-f]{2})?$/i, 'a colour as RRGGBB or RRGGBBAA, without #').default(QR_DEFAULTS.light),
  })
  .refine((q) => scannable(q.dark, q.light), {
    path: ['dark'],
    message: 'dark must be clearly darker than light (contrast 3:1 or more), or phones cannot scan the code',
    when: (payload) => payload.issues.length === 0, // a colour that is not even RRGGBB is reported once, above
  });

const qrQuery = validator('query', (value, c) => {
  const parsed = QrQuery.safeParse(value);
  return parsed.success ? parsed.data : validationHook(parsed, c)!;
});

/** Both formats load the same way: the invitation (cached, so a printed code costs no D1 read), then its scan link. */
const qrHandlers = (contentType: string, render: (link: string, opts: QrOptions) => Promise<string | Uint8Array<ArrayBuffer>>) =>
  createFactory<AppEnv>().createHandlers(qrQuery, async (c) => {
    const code = c.req.param('code') ?? '';
    const target = await invitationCache.get(codeKey(code), (key) => redirectTarget(c.env.DB, key));
    if (!target) return c.html(unknownInvitationPage(code), 404);
    if (!target.invitation.active) return c.html(endedInvitationPage(code), 410);
    const body = await render(qrLink(new URL(c.req.url).origin, target.invitation.code), c.req.valid('query'));
    return c.body(body, 200, { 'Content-Type': contentType, 'Cache-Control': 'public, max-age=300' });
  });

export const qr = new Hono<AppEnv>();

qr.get('/r/:code/qr.svg', ...qrHandlers('image/svg+xml', qrSvg));
qr.get('/r/:code/qr.png', ...qrHandlers('image/png', qrPng));
