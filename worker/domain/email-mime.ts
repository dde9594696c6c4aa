// An email as the MIME message the send_email binding takes: plain text and HTML alternatives, built with mimetext,
// with our own Message-ID (so a message sent twice is recognisably one) and the unsubscribe headers of RFC 8058.
import { createMimeMessage } from 'mimetext/browser';
import type { RenderedEmail } from './email-texts';

export interface Envelope {
  from: { name: string; addr: string };
  to: string;
  /** The email's own id: the Message-ID is <id@sender's domain>. */
  id: string;
  /** The signed one-click unsubscribe link of an optional email. */
  unsubscribe: string | null;
}

export function mimeMessage(e: Envelope, content: RenderedEmail): string {
  const m = createMimeMessage();
  m.setSender({ name: e.from.name, addr: e.from.addr });
  m.setRecipient(e.to);
  m.setSubject(content.subject);
  m.setHeader('Message-ID', `<${e.id}@${e.from.addr.split('@')[1]}>`);
  m.setHeader('Auto-Submitted', 'auto-generated');
  if (e.unsubscribe) {
    m.setHeader('List-Unsubscribe', `<${e.unsubscribe}>`);
    m.setHeader('List-Unsubscribe-Post', 'List-Unsubscribe=One-Click');
  }
  // Base64 of the UTF-8 (mimetext's encoder), in lines of 76 characters (RFC 2045): any language's text, and HTML of
  // any length, survives any relay.
  const base64Lines = (text: string) => m.toBase64(text).replace(/.{76}/g, '$&\r\n');
  m.addMessage({ contentType: 'text/plain', encoding: 'base64', data: base64Lines(content.text) });
  m.addMessage({ contentType: 'text/html', encoding: 'base64', data: base64Lines(content.html) });
  return m.asRaw();
}
