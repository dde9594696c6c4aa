// The invitation link /r/:code: look the invitation up (cached), sign a click id, hand the click to the queue, redirect.
import { Hono } from 'hono';
import { requiredSecret, type AppEnv } from '../env';
import { codeKey } from '../domain/codes';
import { destinationFor, referrerDomain } from '../domain/links';
import { redirectTarget } from '../db/invitations';
import type { NewClick } from '../db/clicks';
import { invitationCache } from '../edge/invitation-cache';
import { recentVisitors } from '../edge/recent-visitors';
import { visitorClass } from '../edge/visitor-classes';
import { requestVisitorHash } from '../security/visitor';
import { signClickId } from '../security/click-ids';
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
  const source = url.searchParams.get('src') === 'qr' ? 'qr' : 'link';
  const [visitorHash, id] = await Promise.all([
    requestVisitorHash(c),
    // The id itself names the invitation and the time under our MAC, so the referral survives a lost row.
    signClickId(requiredSecret(c.env, 'CLICK_ID_SECRET'), { invitationRef: target.clickRef, at: now, source }),
  ]);
  const repeatOf = visitor.isBot ? null : recentVisitors.firstClick(invitation.id, visitorHash, id, now);
  const click: NewClick = {
    id,
    programId: invitation.programId,
    invitationId: invitation.id,
    source,
    referrerDomain: referrerDomain(c.req.header('Referer')),
    country: (c.req.raw.cf?.country as string | undefined) ?? null,
    device: visitor.device,
    browser: visitor.browser,
    visitorHash,
    isBot: visitor.isBot,
    repeatOf,
    createdAt: now,
  };
  // Once send() resolves the queue holds the click durably: the only window for losing it is this one hand-off.
  // The visitor is sent on even if the queue fails, as the signed id still attributes their signup.
  try {
    await c.env.CLICKS.send(click);
  } catch (err) {
    console.error('click hand-off to the queue failed; the signed id still attributes', err);
  }
  const to = destinationFor(invitation.destinationUrl ?? target.programDestination, invitation.code, repeatOf ?? id, url.searchParams);
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  return c.redirect(to, 302);
});
