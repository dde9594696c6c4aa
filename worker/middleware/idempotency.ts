// Stripe-style Idempotency-Key: the same key and body replay the first answer; the same key with another body is a 409.
import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { ApiError, badRequest } from './errors';
import { sha256Hex } from '../security/hashing';
import { keepAnswer, storedAnswer, type StoredAnswer } from '../db/idempotency';

/** The stored answer, byte for byte (typed as the operation's own answer, which it is). */
function replay<R extends Response>(a: StoredAnswer): R {
  return new Response(a.body, { status: a.status, headers: { 'Content-Type': 'application/json', 'Idempotent-Replayed': 'true' } }) as R;
}

/**
 * Runs `operation` once per Idempotency-Key (scoped to the program and to who calls). Only successful answers are
 * kept, for 24 hours: an error is not, so a retry after fixing its cause can succeed. The operations themselves are
 * idempotent on their business keys too (invoice id, refund id...), so two concurrent first tries still post once;
 * the slower one then answers with the answer that was kept.
 */
export async function idempotent<R extends Response>(c: Context<AppEnv>, programId: string, input: unknown, operation: () => Promise<R>): Promise<R> {
  const key = c.req.header('Idempotency-Key');
  if (key === undefined) return operation();
  if (key.length < 1 || key.length > 255) throw badRequest('Idempotency-Key must be 1 to 255 characters.');
  const caller = c.get('keyKind') ?? `account:${c.get('accountId')}`;
  const requestHash = await sha256Hex(JSON.stringify([caller, c.req.method, new URL(c.req.url).pathname, input]));
  const reused = () => new ApiError(409, 'idempotency_key_reused', 'This Idempotency-Key was used with a different request.');

  const stored = await storedAnswer(c.env.DB, programId, key);
  if (stored) {
    if (stored.requestHash !== requestHash) throw reused();
    return replay<R>(stored);
  }
  const res = await operation();
  if (res.status >= 300) return res;
  const answer = { requestHash, status: res.status, body: await res.clone().text() };
  if (await keepAnswer(c.env.DB, programId, key, answer, Date.now())) return res;
  const first = await storedAnswer(c.env.DB, programId, key);
  if (!first || first.requestHash !== requestHash) throw reused();
  return replay<R>(first);
}
