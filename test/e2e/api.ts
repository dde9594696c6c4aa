// What the e2e tests do against the running system without a browser: sign in through the API, and read the local
// mailbox (scripts/mailbox) for a message.
import { expect, inject } from 'vitest';
import type { StoredMessage } from '../../scripts/mailbox/mailbox';

/** Signs in through the API and returns the session cookie (name=value), for calls made as that person. */
export async function signInApi(email: string, password: string): Promise<string> {
  const W = inject('edgerefOrigin');
  const res = await fetch(`${W}/api/v1/session`, { method: 'POST', headers: { Origin: W, 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }) });
  expect(res.status).toBe(200);
  return res.headers.get('Set-Cookie')!.split(';')[0];
}

/** The first message to `to` that `match` accepts, once it has arrived (within `timeout` ms, else expect.poll's). */
export async function mailTo(to: string, match: (m: StoredMessage) => boolean, timeout?: number): Promise<StoredMessage> {
  const find = async () => ((await (await fetch(`${inject('mailboxOrigin')}/messages.json`)).json()) as StoredMessage[]).find((m) => m.to.includes(to) && match(m));
  await expect.poll(find, timeout === undefined ? {} : { timeout }).toBeDefined();
  return (await find())!;
}
