// What a call to edgeref's API comes to, for the capture core and the signups chunk alike: an ApiResult, or skipped.
import type { ApiResult } from './contract';

/** The outcome of a call that got no answer: not sent (no referral, no consent), or a network error. */
export const skipped = (error?: unknown) => ({ ok: false, error });
export type Skipped = ReturnType<typeof skipped>;

/** edgeref's answer as callers get it, with its JSON body (null when there is none); skipped, without json(), passes through. */
export const result = async <R extends Response | Skipped>(r: R): Promise<R extends Response ? ApiResult : ApiResult | Skipped> =>
  (r as any).json ? { ok: r.ok, status: (r as Response).status, body: await (r as Response).json().catch(() => null) } : (r as any);
