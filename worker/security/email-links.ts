// Signed unsubscribe links: an optional email carries a link that turns that email off for its recipient, with no
// sign-in. The signature (HMAC-SHA256 under EMAIL_LINK_SECRET) binds the account and the email, so a link can be
// neither guessed nor changed to another person or another email.
import { toBase64Url } from './hashing';

const encoder = new TextEncoder();

async function mac(secret: string, message: string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)));
}

const message = (accountId: string, topic: string) => `unsubscribe\n${accountId}\n${topic}`;

export async function unsubscribeSignature(secret: string, accountId: string, topic: string): Promise<string> {
  return toBase64Url(await mac(secret, message(accountId, topic)));
}

/** Whether `signature` is the link's signature, compared in constant time. */
export async function isUnsubscribeSignature(secret: string, accountId: string, topic: string, signature: string): Promise<boolean> {
  const expected = encoder.encode(await unsubscribeSignature(secret, accountId, topic));
  const given = encoder.encode(signature);
  if (given.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < given.length; i++) diff |= given[i] ^ expected[i];
  return diff === 0;
}
