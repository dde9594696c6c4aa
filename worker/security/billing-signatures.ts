// Billing providers' webhook signatures. Stripe's are checked by the official library (its Web Crypto provider runs on
// Workers) against each of the program's signing secrets, with Stripe's default 300-second tolerance; Paddle's by the
// small check below (why not Paddle's SDK: PADDLE_TOLERANCE_S).
import Stripe from 'stripe';
import { StripeEventSchema, type StripeEvent } from '../domain/stripe-events';
import { PaddleEventSchema, type PaddleEvent } from '../domain/paddle-events';

const crypto = Stripe.createSubtleCryptoProvider();

/** A secret as the check needs it: opened, with the mode it was set for. */
export interface OpenSecret {
  secret: string;
  mode: 'live' | 'test';
}

export type StripeCheck =
  | { ok: true; event: StripeEvent; secretMode: 'live' | 'test' }
  | { ok: false; problem: string };

/** The event, if one of the secrets signed this body within the tolerance; else why not (never which secret came close). */
export async function verifyStripeEvent(body: string, header: string | undefined, secrets: OpenSecret[]): Promise<StripeCheck> {
  if (!header) return { ok: false, problem: 'The Stripe-Signature header is missing.' };
  if (secrets.length === 0) return { ok: false, problem: 'No Stripe signing secret is set for this program (console: Integrations).' };
  let problem = 'No signing secret of this program signed the event.';
  for (const s of secrets) {
    let event: unknown;
    try {
      event = await Stripe.webhooks.constructEventAsync(body, header, s.secret, Stripe.webhooks.DEFAULT_TOLERANCE, crypto);
    } catch (err) {
      // A stale timestamp is the same for every secret: say so rather than "no secret matched".
      if (err instanceof Error && /timestamp outside the tolerance/i.test(err.message)) problem = 'The signature is older than the 300-second tolerance (a replayed or delayed request).';
      else if (err instanceof SyntaxError) return { ok: false, problem: 'The signed body is not JSON.' };
      continue;
    }
    const parsed = StripeEventSchema.safeParse(event);
    if (!parsed.success) return { ok: false, problem: 'The signed body is not a Stripe event.' };
    return { ok: true, event: parsed.data, secretMode: s.mode };
  }
  return { ok: false, problem };
}

/**
 * Paddle's tolerance. Paddle's SDK allows 5 seconds and cannot be told otherwise (and reads one h1 only, which fails
 * during a secret rotation), so the check is ours: Stripe's 300 seconds, since a replay inside it is a duplicate
 * event id anyway, and a clock that is a few seconds off must not refuse genuine events.
 */
export const PADDLE_TOLERANCE_S = 300;

export type PaddleCheck = { ok: true; event: PaddleEvent; secretMode: 'live' | 'test' } | { ok: false; problem: string };

const hmacKeys = new Map<string, Promise<CryptoKey>>();
const hmacKey = (secret: string) => {
  let key = hmacKeys.get(secret);
  if (!key) hmacKeys.set(secret, (key = globalThis.crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify'])));
  return key;
};
const fromHex = (hex: string) => (/^[0-9a-f]{64}$/i.test(hex) ? new Uint8Array(hex.match(/../g)!.map((b) => parseInt(b, 16))) : null);

/**
 * Paddle's `Paddle-Signature: ts=…;h1=…[;h1=…]`: an HMAC-SHA256 in hex of `<ts>:<raw body>` under the notification
 * destination's secret key, checked with WebCrypto's verify (constant time) for every h1 given and every secret set.
 */
export async function verifyPaddleEvent(body: string, header: string | undefined, secrets: OpenSecret[], now = Date.now()): Promise<PaddleCheck> {
  if (!header) return { ok: false, problem: 'The Paddle-Signature header is missing.' };
  if (secrets.length === 0) return { ok: false, problem: 'No Paddle secret key is set for this program (console: Integrations).' };
  const parts = header.split(';').map((p) => p.trim().split('='));
  const ts = parts.find(([k]) => k === 'ts')?.[1];
  const signatures = parts.filter(([k]) => k === 'h1').map(([, v]) => (v ? fromHex(v) : null)).filter((s): s is Uint8Array<ArrayBuffer> => s !== null);
  if (!ts || !/^\d{1,12}$/.test(ts) || signatures.length === 0) return { ok: false, problem: 'The Paddle-Signature header is not ts=…;h1=….' };
  if (Math.abs(now / 1000 - Number(ts)) > PADDLE_TOLERANCE_S) return { ok: false, problem: `The signature is older than the ${PADDLE_TOLERANCE_S}-second tolerance (a replayed or delayed request).` };
  const signed = new TextEncoder().encode(`${ts}:${body}`);
  for (const s of secrets) {
    const key = await hmacKey(s.secret);
    for (const signature of signatures) {
      if (!(await globalThis.crypto.subtle.verify('HMAC', key, signature, signed))) continue;
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        return { ok: false, problem: 'The signed body is not JSON.' };
      }
      const parsed = PaddleEventSchema.safeParse(json);
      if (!parsed.success) return { ok: false, problem: 'The signed body is not a Paddle event.' };
      return { ok: true, event: parsed.data, secretMode: s.mode };
    }
  }
  return { ok: false, problem: 'No secret key of this program signed the event.' };
}
