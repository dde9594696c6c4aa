// The local mailbox of `npm start`: every email the Worker sent. wrangler dev simulates the send_email binding by
// writing each raw message to a temporary .eml file and logging its path; the mailbox copies each one it sees in the
// log into its own folder (kept across restarts), and reads them back with postal-mime, the parser miniflare uses.
import { copyFile, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import PostalMime, { type Email } from 'postal-mime';

export interface StoredMessage {
  id: string;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  messageId: string | null;
  /** Every header, lower-cased names, as sent. */
  headers: Record<string, string>;
  text: string;
  html: string;
  /** The List-Unsubscribe URL, when the email has one. */
  unsubscribe: string | null;
}

const EML_PATH = /(\/\S+\/files\/email\/[\w-]+\.eml)/;
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

export class Mailbox {
  private parsed = new Map<string, StoredMessage>();
  private copies: Promise<unknown>[] = [];
  private partial = '';

  constructor(readonly dir: string) {}

  /** Reads wrangler dev's output as it comes, and keeps every message the send_email binding logs. */
  watch(output: NodeJS.ReadableStream): void {
    output.on('data', (d: Buffer) => {
      const lines = (this.partial + d.toString()).split('\n');
      this.partial = lines.pop() ?? '';
      for (const line of lines) {
        const path = line.replace(ANSI, '').match(EML_PATH)?.[1];
        if (path) this.copies.push(this.keep(path));
      }
    });
  }

  private async keep(path: string): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    // Named by arrival, so the folder lists in order.
    await copyFile(path, join(this.dir, `${Date.now().toString().padStart(15, '0')}-${basename(path)}`));
  }

  /** Every message, newest first. */
  async messages(): Promise<StoredMessage[]> {
    await Promise.allSettled(this.copies);
    let files: string[];
    try {
      files = (await readdir(this.dir)).filter((f) => f.endsWith('.eml'));
    } catch {
      return [];
    }
    const all = await Promise.all(files.map((f) => this.read(f)));
    return all.sort((a, b) => (a.id < b.id ? 1 : -1));
  }

  async raw(id: string): Promise<string | null> {
    if (!/^[\w-]+$/.test(id)) return null;
    return readFile(join(this.dir, `${id}.eml`), 'utf8').catch(() => null);
  }

  private async read(file: string): Promise<StoredMessage> {
    const cached = this.parsed.get(file);
    if (cached) return cached;
    const path = join(this.dir, file);
    const [raw, info] = await Promise.all([readFile(path), stat(path)]);
    const email: Email = await PostalMime.parse(raw);
    const headers = Object.fromEntries(email.headers.map((h) => [h.key, h.value]));
    const message: StoredMessage = {
      id: file.replace(/\.eml$/, ''),
      receivedAt: info.mtime.toISOString(),
      from: email.from ? `${email.from.name ? `${email.from.name} ` : ''}<${email.from.address}>` : '',
      to: (email.to ?? []).map((a) => a.address ?? '').filter(Boolean),
      subject: email.subject ?? '',
      messageId: email.messageId ?? null,
      headers,
      text: email.text ?? '',
      html: email.html ?? '',
      unsubscribe: headers['list-unsubscribe']?.match(/<([^>]+)>/)?.[1] ?? null,
    };
    this.parsed.set(file, message);
    return message;
  }
}
