// Billing providers' webhook signatures. Stripe's are checked by the official library (its Web Crypto provider runs on
// Workers) against each of the program's signing secrets, with Stripe's default 300-second tolerance.
import Stripe from 'stripe';
import { StripeEventSchema, type StripeEvent } from '../domain/stripe-events';

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
