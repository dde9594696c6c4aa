// Webhook signing secrets: made in the Standard Webhooks format, sealed (AES-GCM) for storage, and used to sign deliveries.
// They are encrypted at rest rather than hashed, because each delivery needs the secret itself to sign.
import { Webhook } from 'standardwebhooks';
import { fromBase64Url, toBase64Url } from './hashing';

const SECRET_PREFIX = 'whsec_';
const SEALED_VERSION = 'v1';
const IV_BYTES = 12;
// HKDF's info names this use, so the same Worker secret used elsewhere would give an unrelated key.
const KEY_INFO = 'edgeref webhook signing secrets v1';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A new signing secret: `whsec_` and the base64 of 24 random bytes (192 bits), as Standard Webhooks receivers expect. */
export function newWebhookSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return SECRET_PREFIX + btoa(String.fromCharCode(...bytes));
}

// Deriving the key costs more than sealing one secret, and a delivery batch opens many.
const keys = new Map<string, Promise<CryptoKey>>();
function sealingKey(key: string): Promise<CryptoKey> {
  if (!key) throw new Error('The key that seals webhook secrets is empty: set it with `npx wrangler secret put`.');
  let derived = keys.get(key);
  if (!derived) {
    derived = crypto.subtle
      .importKey('raw', encoder.encode(key), 'HKDF', false, ['deriveKey'])
      .then((material) =>
        crypto.subtle.deriveKey(
          { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: encoder.encode(KEY_INFO) },
          material,
          { name: 'AES-GCM', length: 256 },
          false,
          ['encrypt', 'decrypt'],
        ),
      );
    keys.set(key, derived);
  }
  return derived;
}

/** `secret` encrypted under `key` (a Worker secret) as `v1.<iv>.<ciphertext>`, both base64url; a fresh IV each time. */
export async function sealSecret(secret: string, key: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await sealingKey(key), encoder.encode(secret));
  return `${SEALED_VERSION}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(sealed))}`;
}

/** The secret `sealSecret` sealed; throws when `key` is not the one it was sealed under, or the sealed text was altered. */
export async function openSecret(sealed: string, key: string): Promise<string> {
  const [version, iv, ciphertext, ...rest] = sealed.split('.');
  if (version !== SEALED_VERSION || !iv || !ciphertext || rest.length) throw new Error('Not a sealed webhook secret (expected v1.<iv>.<ciphertext>).');
  const cryptoKey = await sealingKey(key);
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64Url(iv) }, cryptoKey, fromBase64Url(ciphertext));
  } catch {
    throw new Error('The sealed webhook secret could not be opened: the key is not the one it was sealed under, or it was altered.');
  }
  return decoder.decode(plain);
}

/**
 * The `webhook-signature` header: one `v1,<signature>` per secret, space-separated. During a rotation it carries the
 * new secret's signature and the previous one's, so a receiver holding either verifies.
 */
export function signWebhook(secrets: string[], id: string, timestamp: Date, body: string): string {
  if (secrets.length === 0) throw new Error('A webhook needs at least one signing secret.');
  return secrets.map((secret) => new Webhook(secret).sign(id, timestamp, body)).join(' ');
}

/** The headers of a delivery. The timestamp is in whole seconds, the same one the signature covers. */
export function webhookHeaders(secrets: string[], id: string, timestamp: Date, body: string): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': signWebhook(secrets, id, timestamp, body),
    'content-type': 'application/json',
  };
}
