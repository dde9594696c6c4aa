// The referral card /r/:code/card: a printable A6 page with the QR code, promo code, link, partner and signup credit.
import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from '../env';
import { format, isPositive } from '../../shared/money';
import { codeKey } from '../domain/codes';
import { invitationLink, qrLink } from '../domain/links';
import { referralCardFacts, type ReferralCardFacts } from '../db/cards';
import { qrSvg } from '../qr/render';
import { endedInvitationPage, unknownInvitationPage } from './pages';

// Our own page, with no script and nothing fetched: only inline style (and the inline SVG) may render.
const CARD_HEADERS = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    styleSrc: ["'unsafe-inline'"],
    imgSrc: ['data:'],
    baseUri: ["'none'"],
    formAction: ["'none'"],
    frameAncestors: ["'none'"],
  },
  referrerPolicy: 'no-referrer',
});

export const cards = new Hono<AppEnv>();

cards.get('/r/:code/card', CARD_HEADERS, async (c) => {
  const code = c.req.param('code');
  const card = await referralCardFacts(c.env.DB, codeKey(code));
  if (!card) return c.html(unknownInvitationPage(code), 404);
  if (!card.active) return c.html(endedInvitationPage(code), 410);
  const origin = new URL(c.req.url).origin;
  // Q rather than M: a printed card gets creased and scuffed, and still has to scan.
  const svg = await qrSvg(qrLink(origin, card.code), { ecc: 'Q' });
  const link = invitationLink(origin, card.code);
  return c.html(cardPage(card, svg, link), 200, { 'Cache-Control': 'public, max-age=300' });
});

/** The link as people type it: browsers add the scheme themselves. */
const typeable = (link: string) => link.replace(/^https?:\/\//, '');

// Big letters, but a 32-character code must still fit on one line of the card, and a long program name two or three lines.
const codeFontMm = (code: string) => Math.min(12, 74 / (0.68 * code.length)).toFixed(1);
const titleFontMm = (title: string) => Math.max(5, Math.min(8, (8 * 20) / title.length)).toFixed(1);

const cardPage = (card: ReferralCardFacts, svg: string, link: string) => html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${card.programName} referral card: ${card.code}</title>
<style>${raw(CARD_CSS)}</style></head>
<body><main class="card">
<header class="band">
${card.partnerName ? html`<p class="by" data-testid="partner">Invited by ${card.partnerName}</p>` : ''}
<h1 style="font-size:${titleFontMm(`Join ${card.programName}`)}mm">Join ${card.programName}</h1>
${isPositive(card.signupCredit) ? html`<p class="credit" data-testid="credit">and get <strong>${format(card.signupCredit)}</strong> credit when you sign up</p>` : ''}
</header>
<section class="body">
<figure class="qr" role="img" aria-label="QR code that opens ${link}">${raw(svg)}</figure>
<p class="hint">Scan the code, or visit</p>
<p class="link" data-testid="link">${typeable(link)}</p>
<p class="hint">or sign up with the promo code</p>
<p class="code" data-testid="code" style="font-size:${codeFontMm(card.code)}mm">${card.code}</p>
</section>
</main></body></html>`;

const CARD_CSS = `
@page{size:105mm 148mm;margin:0} /* A6; Chromium ignores the A6 keyword */
*{box-sizing:border-box}
html{background:#e5e7eb}
body{margin:0;min-height:100vh;display:grid;place-items:center;padding:24px;color:#111827;
  font:16px/1.3 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
  -webkit-print-color-adjust:exact;print-color-adjust:exact}
p,h1,figure{margin:0}
.card{width:105mm;height:148mm;background:#fff;border-radius:4mm;overflow:hidden;display:flex;flex-direction:column;
  box-shadow:0 1px 2px rgba(0,0,0,.08),0 12px 32px rgba(17,24,39,.18)}
.band{flex:none;background:#1e3a8a;color:#fff;padding:6mm 8mm 5.5mm;text-align:center;text-wrap:balance}
.by{font-size:3.4mm;opacity:.85;letter-spacing:.02em}
h1{line-height:1.1;font-weight:800;margin-top:1.5mm;overflow-wrap:anywhere}
.credit{font-size:3.8mm;margin-top:1.5mm}
.credit strong{background:#fbbf24;color:#1e1b4b;border-radius:1mm;padding:0 1.2mm;white-space:nowrap}
.body{flex:1;min-height:0;display:flex;flex-direction:column;align-items:center;justify-content:center;padding:3mm 8mm 6mm;text-align:center}
.body>*{flex:none}
.body>.qr{flex:0 1 62mm;min-height:30mm;aspect-ratio:1} /* the code shrinks (within scanning size) to make room for long names */
.qr svg{display:block;width:100%;height:100%}
.hint{font-size:3.1mm;color:#6b7280;margin-top:1.5mm}
.link{text-wrap:balance;font:600 4mm/1.25 ui-monospace,"SF Mono",Menlo,Consolas,"DejaVu Sans Mono",monospace;color:#1e3a8a;overflow-wrap:anywhere;margin-top:.5mm}
.code{font-family:ui-monospace,"SF Mono",Menlo,Consolas,"DejaVu Sans Mono",monospace;font-weight:800;letter-spacing:.08em;line-height:1.1;
  margin-top:1.5mm;padding:1.5mm 4mm;border:.6mm dashed #1e3a8a;border-radius:2mm;color:#111827;max-width:100%;overflow-wrap:anywhere}
@media print{html{background:none}body{display:block;min-height:0;padding:0}.card{border-radius:0;box-shadow:none}}
`;
