// edgeref's signups chunk (widget-signups.js): sees signup reports through to edgeref's answer. The capture core
// keeps a report and sends its first attempt itself, then imports this module from our origin to wait for the answer,
// retry, and send on a later page what an earlier one left undelivered. Its exports are its contract with the core.
import type { ApiResult } from './contract';
import { result, skipped, type Skipped } from './answer';
import { forgetReport, now, undelivered, type SignupReport } from './storage';

/** What the capture core lends this chunk. */
export interface SignupsContext {
  /** Calls edgeref's API (see request() in main.ts): the answer, or a rejection on a network error. */
  request(path: `${string}?${string}`, body?: unknown): Promise<Response>;
  /** Spends the stored referral: a successful report has used it. */
  spend(): void;
}

/** An attempt under way: edgeref's answer, or skipped's { ok: false, error } for a network error. */
export type Attempt = Promise<Response | Skipped>;

const send = (ctx: SignupsContext, report: SignupReport): Attempt => ctx.request('/signups?', report).catch(skipped);

/**
 * Sees a report through from its attempt under way, `sent`; edgeref takes it idempotently on the customer id, so a
 * retry is safe. The report stays stored until edgeref answers, so one still undelivered when the page unloads goes
 * on the next page. A network error (a 503 without CORS headers reads as one), a 5xx or a 429 is retried, 4 attempts
 * in all, after its Retry-After (seconds) or a backoff with full jitter (up to 1, 2, 4 s); a Retry-After beyond 30 s
 * leaves the report to a later page. Any other answer is final: the report is forgotten, and a success spends the
 * referral. Resolves with the final answer, or the last failure (an answer, or skipped's { ok: false, error }).
 */
export async function deliver(ctx: SignupsContext, report: SignupReport, sent: Attempt): Promise<ApiResult | Skipped> {
  for (let attempt = 1; ; attempt++) {
    const r = await sent;
    if ('status' in r && r.status < 500 && r.status != 429) {
      forgetReport(report);
      if (r.ok) ctx.spend();
      return result(r);
    }
    const wait = Number('headers' in r && r.headers.get('Retry-After')) * 1e3 || Math.random() * 1e3 * 2 ** (attempt - 1);
    if (attempt == 4 || wait > 3e4) return result(r); // left to a later page
    await new Promise((f) => setTimeout(f, wait));
    sent = send(ctx, report);
  }
}

/** Sends what earlier pages left undelivered, and forgets reports given up on (older than 7 days). */
export const resend = (ctx: SignupsContext) =>
  Promise.all(Object.values(undelivered()).map(([report, until]) => (until > now() ? deliver(ctx, report, send(ctx, report)) : forgetReport(report))));
