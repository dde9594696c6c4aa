// Customer tokens: what the site's server signs so the widget may show a signed-in customer their own referral panel.
//
// An HS256 JWT, { sub: <the site's customer id>, exp: <unix seconds> }, signed with the SHA-256 hex of the program's
// secret key. We store only that hash, never the secret key, so the hash is the signing key: a leak of our database
// would let someone forge panel tokens (a customer's referral link and counts), but never call the API, which takes
// the secret key itself.
import { sha256Hex } from './hashing';

const encoder = new TextEncoder();
/** Longest lifetime we accept: tokens are meant to be minted per page view. */
export const MAX_TOKEN_SECONDS = 24 * 3600;

const b64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const unb64url = (s: string) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (ch) => ch.charCodeAt(0));
const json = (s: string) => JSON.parse(new TextDecoder().decode(unb64url(s)));

const hmacKey = (signingKey: string, use: 'sign' | 'verify') =>
  crypto.subtle.importKey('raw', encoder.encode(signingKey), { name: 'HMAC', hash: 'SHA-256' }, false, [use]);

/** What the site's server does (see the README for the same in plain Node): sign a token for one customer. */
export async function signCustomerToken(secretKey: string, customerId: string, ttlSeconds = 3600, now = Date.now()): Promise<string> {
  const head = b64url(encoder.encode(JSON.stringify({ alg: 'HS256', typ: 'JWT' })));
  const body = b64url(encoder.encode(JSON.stringify({ sub: customerId, exp: Math.floor(now / 1000) + ttlSeconds })));
  const key = await hmacKey(await sha256Hex(secretKey), 'sign');
  const sig = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(`${head}.${body}`)));
  return `${head}.${body}.${b64url(sig)}`;
}

export type TokenCheck = { ok: true; customerId: string } | { ok: false; problem: 'malformed' | 'forged' | 'expired' | 'too_long' };

/** Checks a token against the program's live secret keys (as stored: their SHA-256 hex); the signature is compared in constant time. */
export async function verifyCustomerToken(token: string, secretKeyHashes: string[], now = Date.now()): Promise<TokenCheck> {
  const [head, body, sig, extra] = token.split('.');
  let header: { alg?: string };
  let claims: { sub?: unknown; exp?: unknown };
  let signature: Uint8Array<ArrayBuffer>;
  try {
    if (!head || !body || !sig || extra !== undefined) throw new Error('parts');
    header = json(head);
    claims = json(body);
    signature = unb64url(sig);
  } catch {
    return { ok: false, problem: 'malformed' };
  }
  // JSON such as `null` or `1` parses, but is no header or claims object.
  if (!header || typeof header !== 'object' || !claims || typeof claims !== 'object') return { ok: false, problem: 'malformed' };
  if (header.alg !== 'HS256' || typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return { ok: false, problem: 'malformed' };
  let genuine = false;
  for (const hash of secretKeyHashes) {
    genuine ||= await crypto.subtle.verify('HMAC', await hmacKey(hash, 'verify'), signature, encoder.encode(`${head}.${body}`));
  }
  if (!genuine) return { ok: false, problem: 'forged' };
  const seconds = now / 1000;
  if (claims.exp <= seconds) return { ok: false, problem: 'expired' };
  if (claims.exp > seconds + MAX_TOKEN_SECONDS + 60) return { ok: false, problem: 'too_long' };
  return { ok: true, customerId: claims.sub };
}
