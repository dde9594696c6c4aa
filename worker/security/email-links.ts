// The links in emails, made under EMAIL_LINK_SECRET (HMAC-SHA256). An optional email's unsubscribe link is signed for
// its account and email, so it can be neither guessed nor changed to another person or another email. An invite's
// token is derived from the invite's id, so the email that carries it is written from the id alone: the token itself
// is never stored (only its SHA-256, to find the invite), and nobody without the secret can make one.
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

/** The token of an invite link (member or staff): 256 bits, base64url, the same each time for one invite. */
export async function inviteToken(secret: string, inviteId: string): Promise<string> {
  return toBase64Url(await mac(secret, `invite\n${inviteId}`));
}
