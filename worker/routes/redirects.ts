// The invitation link /r/:code: look the invitation up (cached), hand the click to the batch writer, redirect.
import { Hono } from 'hono';
import { nanoid } from 'nanoid';
import type { AppEnv } from '../env';
import { codeKey } from '../domain/codes';
import { destinationFor, referrerDomain } from '../domain/links';
import { redirectTarget } from '../db/invitations';
import { invitationCache } from '../edge/invitation-cache';
import { recentVisitors } from '../edge/recent-visitors';
import { clickWriter } from '../edge/click-writer';
import { visitorClass } from '../edge/visitor-classes';
import { requestVisitorHash } from '../security/visitor';
import { endedInvitationPage, PAGE_HEADERS, unknownInvitationPage } from './pages';

export const redirects = new Hono<AppEnv>();

redirects.get('/r/:code', async (c) => {
  const code = c.req.param('code');
  const target = await invitationCache.get(codeKey(code), (key) => redirectTarget(c.env.DB, key));
  if (!target) return c.html(unknownInvitationPage(code), 404, PAGE_HEADERS);
  if (!target.invitation.active) return c.html(endedInvitationPage(code), 410, PAGE_HEADERS);

  const { invitation } = target;
  const url = new URL(c.req.url);
  const now = Date.now();
  const ua = c.req.header('User-Agent') ?? null;
  const visitor = visitorClass(c.req.method, ua);
  const visitorHash = await requestVisitorHash(c);
  const id = nanoid();
  const repeatOf = visitor.isBot ? null : recentVisitors.firstClick(invitation.id, visitorHash, id, now);
  // The visitor does not wait for the write: it joins a batch, flushed under the waitUntil of the request that started it.
  const flush = clickWriter.add(c.env.DB, {
    id,
    programId: invitation.programId,
    invitationId: invitation.id,
    source: url.searchParams.get('src') === 'qr' ? 'qr' : 'link',
    referrerDomain: referrerDomain(c.req.header('Referer')),
    country: (c.req.raw.cf?.country as string | undefined) ?? null,
    device: visitor.device,
    browser: visitor.browser,
    visitorHash,
    isBot: visitor.isBot,
    repeatOf,
    createdAt: now,
  });
  if (flush) c.executionCtx.waitUntil(flush);
  const to = destinationFor(invitation.destinationUrl ?? target.programDestination, invitation.code, repeatOf ?? id, url.searchParams);
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  return c.redirect(to, 302);
});

/** The baseline for `npm run bench`: a bare 302 with no work, answered only when BENCH is set. */
redirects.get('/__bench/302', (c) => (c.env.BENCH === '1' ? c.redirect('https://example.com/', 302) : c.notFound()));
