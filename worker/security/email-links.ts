// The links in emails, made under EMAIL_LINK_SECRET (HMAC-SHA256). An optional email's unsubscribe link is signed for
// its account and email, so it can be neither guessed nor changed to another person or another email. An invite's
// token is derived from the invite's id, so the email that carries it is written from the id alone: the token itself
// is never stored (only its SHA-256, to find the invite), and nobody without the secret can make one.
import { fromBase64Url, toBase64Url } from './hashing';

const encoder = new TextEncoder();

const hmacKey = (secret: string) => crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);

async function mac(secret: string, message: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(message)));
}

const message = (accountId: string, topic: string) => `unsubscribe\n${accountId}\n${topic}`;

export async function unsubscribeSignature(secret: string, accountId: string, topic: string): Promise<string> {
  return toBase64Url(await mac(secret, message(accountId, topic)));
}

/** Whether `signature` is the link's signature (WebCrypto's verify compares in constant time). */
export async function isUnsubscribeSignature(secret: string, accountId: string, topic: string, signature: string): Promise<boolean> {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = fromBase64Url(signature);
  } catch {
    return false;
  }
  return crypto.subtle.verify('HMAC', await hmacKey(secret), bytes, encoder.encode(message(accountId, topic)));
}

/** The token of an invite link (member or staff): 256 bits, base64url, the same each time for one invite. */
export async function inviteToken(secret: string, inviteId: string): Promise<string> {
  return toBase64Url(await mac(secret, `invite\n${inviteId}`));
}
