// The unsubscribe link of an optional email: GET shows a page that asks (a link scanner's visit unsubscribes nobody),
// and POST turns the email off, from that page's button or from a mail client's one-click request (RFC 8058:
// List-Unsubscribe-Post). The link is signed for its account and email (security/email-links.ts); no sign-in needed.
import { Hono, type Context } from 'hono';
import { isOptionalEmail, type Language, type OptionalEmail } from '../../shared/email-templates';
import { requiredSecret, type AppEnv } from '../env';
import { TOPIC_NAMES, UNSUBSCRIBE_PAGE } from '../domain/unsubscribe-texts';
import { emailPreferences, updateEmailPreferences } from '../db/emails';
import { isUnsubscribeSignature } from '../security/email-links';
import { PAGE_HEADERS } from './pages';
import { escapeHtml } from '../../shared/html';

export const unsubscribe = new Hono<AppEnv>();

// The page may post its own form, and nothing else.
const HEADERS = { ...PAGE_HEADERS, 'Content-Security-Policy': PAGE_HEADERS['Content-Security-Policy'].replace("form-action 'none'", "form-action 'self'") };


const page = (language: Language, body: string) => `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(UNSUBSCRIBE_PAGE[language].title)}</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2937}
button{font:inherit;padding:.5rem 1rem;border-radius:6px;border:0;background:#1d4ed8;color:#fff;cursor:pointer}</style></head>
<body><h1>${escapeHtml(UNSUBSCRIBE_PAGE[language].title)}</h1>${body}</body></html>`;

/** The link's account and email, when its signature holds; null otherwise. */
async function verified(c: Context<AppEnv>): Promise<{ accountId: string; topic: OptionalEmail; language: Language } | null> {
  const accountId = c.req.query('a') ?? '';
  const topic = c.req.query('t') ?? '';
  const signature = c.req.query('s') ?? '';
  if (!isOptionalEmail(topic) || !(await isUnsubscribeSignature(requiredSecret(c.env, 'EMAIL_LINK_SECRET'), accountId, topic, signature))) return null;
  const preferences = await emailPreferences(c.env.DB, accountId);
  return preferences ? { accountId, topic, language: preferences.language } : null;
}

const invalid = (c: Context<AppEnv>) => c.html(page('en', `<p>${escapeHtml(UNSUBSCRIBE_PAGE.en.invalid)}</p>`), 400, HEADERS);

unsubscribe.get('/email/unsubscribe', async (c) => {
  const link = await verified(c);
  if (!link) return invalid(c);
  const words = UNSUBSCRIBE_PAGE[link.language];
  const action = `/email/unsubscribe?${new URL(c.req.url).searchParams}`;
  return c.html(page(link.language, `<p>${escapeHtml(words.ask(TOPIC_NAMES[link.language][link.topic]))}</p><form method="post" action="${escapeHtml(action)}"><button type="submit">${escapeHtml(words.button)}</button></form>`), 200, HEADERS);
});

unsubscribe.post('/email/unsubscribe', async (c) => {
  const link = await verified(c);
  if (!link) return invalid(c);
  await updateEmailPreferences(c.env.DB, link.accountId, { emails: { [link.topic]: false } }, Date.now());
  const words = UNSUBSCRIBE_PAGE[link.language];
  return c.html(page(link.language, `<p>${escapeHtml(words.done(TOPIC_NAMES[link.language][link.topic]))}</p><p>${escapeHtml(words.later)}</p>`), 200, HEADERS);
});
