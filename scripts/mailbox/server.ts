// The local mailbox's pages: a list of every email the Worker sent, each message with its headers, its text and its
// HTML (in a sandboxed frame), its raw MIME, and the same as JSON for scripts and tests (/messages.json).
import { createServer, type Server } from 'node:http';
import type { Mailbox, StoredMessage } from './mailbox';
import { escapeHtml } from '../../shared/html';


const STYLE = `body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1f2937}header{background:#111827;color:#fff;padding:12px 20px}
header a{color:#fff;text-decoration:none;font-weight:600}main{padding:16px 20px;max-width:1100px}table{border-collapse:collapse;width:100%}
td,th{text-align:left;padding:8px;border-bottom:1px solid #e5e7eb;vertical-align:top}th{font-size:13px;color:#6b7280}
a{color:#1d4ed8}dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0 0 16px}dt{color:#6b7280}dd{margin:0;word-break:break-all}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f9fafb;border:1px solid #e5e7eb;padding:12px;border-radius:6px}iframe{width:100%;height:560px;border:1px solid #e5e7eb;border-radius:6px}
.empty{color:#6b7280}@media (max-width:600px){td:nth-child(1),th:nth-child(1){display:none}}`;

const page = (title: string, body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><header><a href="/">edgeref local mailbox</a></header><main>${body}</main></body></html>`;

function listPage(messages: StoredMessage[]): string {
  if (messages.length === 0) return page('Mailbox', '<h1>Mailbox</h1><p class="empty">No email yet. Register a partner on the dashboard, or approve one, and its email arrives here.</p>');
  const rows = messages
    .map((m) => `<tr><td>${escapeHtml(new Date(m.receivedAt).toLocaleString('en-GB'))}</td><td>${escapeHtml(m.to.join(', '))}</td><td><a href="/messages/${m.id}">${escapeHtml(m.subject)}</a></td></tr>`)
    .join('');
  return page('Mailbox', `<h1>Mailbox</h1><p>${messages.length} emails sent by edgeref, newest first. Nothing here left this machine.</p><table><thead><tr><th>Received</th><th>To</th><th>Subject</th></tr></thead><tbody>${rows}</tbody></table>`);
}

function messagePage(m: StoredMessage): string {
  // Names and subjects decoded; the other headers as they were sent.
  const shown: [string, string | undefined][] = [
    ['From', m.from], ['To', m.to.join(', ')], ['Subject', m.subject], ['Date', m.headers.date], ['Message-ID', m.messageId ?? undefined],
    ['List-Unsubscribe', m.headers['list-unsubscribe']], ['List-Unsubscribe-Post', m.headers['list-unsubscribe-post']],
  ];
  const headers = shown.filter(([, v]) => v).map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v!)}</dd>`).join('');
  return page(
    m.subject,
    `<h1>${escapeHtml(m.subject)}</h1><dl>${headers}</dl><p><a href="/messages/${m.id}.eml">Raw message</a></p>
<h2>HTML</h2><iframe sandbox title="The HTML part" srcdoc="${escapeHtml(m.html)}"></iframe><h2>Plain text</h2><pre>${escapeHtml(m.text)}</pre>`,
  );
}

export function startMailbox(port: number, mailbox: Mailbox): Promise<Server> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status: number, type: string, body: string) => {
      // The frame shows the email's own HTML: no script runs there (sandbox), and nothing is fetched from elsewhere.
      res.writeHead(status, { 'Content-Type': type, 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'" });
      res.end(body);
    };
    try {
      if (req.method !== 'GET') return send(405, 'text/plain', 'Read only');
      if (url.pathname === '/') return send(200, 'text/html; charset=utf-8', listPage(await mailbox.messages()));
      if (url.pathname === '/messages.json') return send(200, 'application/json', JSON.stringify(await mailbox.messages()));
      const raw = url.pathname.match(/^\/messages\/([\w-]+)\.eml$/);
      if (raw) {
        const text = await mailbox.raw(raw[1]);
        return text === null ? send(404, 'text/plain', 'No such message') : send(200, 'text/plain; charset=utf-8', text);
      }
      const one = url.pathname.match(/^\/messages\/([\w-]+)$/);
      const found = one && (await mailbox.messages()).find((m) => m.id === one[1]);
      if (found) return send(200, 'text/html; charset=utf-8', messagePage(found));
      send(404, 'text/plain', 'Not found');
    } catch (err) {
      send(500, 'text/plain', String(err));
    }
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}
