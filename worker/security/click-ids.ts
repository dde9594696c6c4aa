// Signed click ids: the id handed to the merchant's site names its invitation and click time under a MAC, so a
// genuine click attributes even when its row never reached D1, and a forged or altered one is refused.
//
// 30 bytes, 40 URL-safe characters (base64url, no padding; 240 bits, so no spare bits to vary):
//   [0]      format: 1 = link, 2 = QR scan (later formats or key versions take other values)
//   [1..6]   click time, ms since the epoch, unsigned big-endian (good until the year 10889)
//   [7..10]  the invitation's click_ref, unsigned big-endian
//   [11..17] 56 random bits, so two clicks on one invitation in one millisecond still differ
//   [18..29] HMAC-SHA256 of bytes 0..17 under CLICK_ID_SECRET, truncated to 96 bits (forging one takes ~2^96 tries,
//            each a signup request)
import { fromBase64Url, toBase64Url } from './hashing';

export interface ClickClaim {
  invitationRef: number;
  at: number;
  source: 'link' | 'qr';
}

export type ClickIdCheck =
  | { kind: 'signed'; claim: ClickClaim }
  | { kind: 'forged' } // shaped like a signed id, but the MAC does not match: altered, or made without the secret
  | { kind: 'unsigned' }; // any other shape, e.g. the 21-character ids from before signing: only a row can vouch for it

const BODY = 18;
const MAC = 12;
const SIGNED_SHAPE = /^[A-Za-z0-9_-]{40}$/;
const FORMATS = { 1: 'link', 2: 'qr' } as const;
const encoder = new TextEncoder();

// Importing the key costs more than the MAC itself, and the redirect signs on every click.
const keys = new Map<string, Promise<CryptoKey>>();
function keyFor(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    keys.set(secret, key);
  }
  return key;
}

async function mac(secret: string, body: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign('HMAC', await keyFor(secret), body), 0, MAC);
}

export async function signClickId(secret: string, claim: ClickClaim, random: Uint8Array = crypto.getRandomValues(new Uint8Array(7))): Promise<string> {
  const bytes = new Uint8Array(BODY + MAC);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, claim.source === 'qr' ? 2 : 1);
  view.setUint16(1, Math.floor(claim.at / 2 ** 32));
  view.setUint32(3, claim.at % 2 ** 32);
  view.setUint32(7, claim.invitationRef);
  bytes.set(random.subarray(0, 7), 11);
  bytes.set(await mac(secret, bytes.slice(0, BODY)), BODY);
  return toBase64Url(bytes);
}

export async function readClickId(secret: string, id: string): Promise<ClickIdCheck> {
  if (!SIGNED_SHAPE.test(id)) return { kind: 'unsigned' };
  const bytes = fromBase64Url(id);
  const expected = await mac(secret, bytes.slice(0, BODY));
  let diff = 0; // constant time: how many leading bytes matched must not show in the timing
  for (let i = 0; i < MAC; i++) diff |= expected[i] ^ bytes[BODY + i];
  const source = FORMATS[bytes[0] as keyof typeof FORMATS];
  if (diff !== 0 || !source) return { kind: 'forged' };
  const view = new DataView(bytes.buffer);
  return { kind: 'signed', claim: { source, at: view.getUint16(1) * 2 ** 32 + view.getUint32(3), invitationRef: view.getUint32(7) } };
}
