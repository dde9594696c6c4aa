// The route kit: what every router shares. JSON responses, path parameters, the standard error sets, and a route builder
// that fills in the tag, the security and those errors, so a route states only what is its own.
import { createRoute, z, type RouteConfig } from '@hono/zod-openapi';
import type { Money } from '../../shared/money';
import { ErrorSchema } from '../../shared/schemas/common';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv, ProgramRow } from '../env';
import { notFound, refused } from '../middleware/errors';
import { idempotent } from '../middleware/idempotency';
import { recordTopUp } from '../flows/top-ups';
import { currencyProblem } from '../domain/withdrawals';
import { termsProblem } from '../domain/terms-acceptance';
import { termsStanding } from '../db/terms-acceptances';
import type { PausableAction } from '../../shared/terms-pauses';

/** A JSON response of the document: its schema and what it means. */
export const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

/** A path segment naming one thing: an id of up to `max` characters. */
export const idParam = (name: string, max = 64) => z.string().min(1).max(max).openapi({ param: { name, in: 'path' } });
/** A path segment naming a period, batch, withdrawal or rule (period and batch ids carry the program id and a time). */
export const pathParam = (name: string) => idParam(name, 80);
/** The merchant's own customer id, in a path. */
export const customerIdParam = (description?: string) =>
  z.string().min(1).max(200).openapi({ param: { name: 'customerId', in: 'path' }, ...(description ? { description } : {}) });

export const partnerParams = z.object({ partnerId: idParam('partnerId') });

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(d)), 'not a date');
/** The most UTC days a range of stats or metrics covers at once: a year and a day, so any calendar year fits. */
export const MAX_RANGE_DAYS = 367;

/**
 * A query of UTC days `from`..`to` (YYYY-MM-DD, both included) beside `shape`: by default the 30 days up to today, the
 * start not after the end, at most MAX_RANGE_DAYS days.
 */
export function dayRangeQuery<S extends z.ZodRawShape>(shape: S) {
  return z
    .object({
      ...shape,
      from: day.optional().openapi({ description: 'First day (UTC), default 29 days before `to`' }),
      to: day.optional().openapi({ description: 'Last day (UTC), default today' }),
    })
    .transform((q) => {
      const given = q as { from?: string; to?: string };
      const to = given.to ?? isoDay(Date.now());
      return { ...q, to, from: given.from ?? isoDay(Date.parse(to) - 29 * DAY_MS) };
    })
    .refine((q) => q.from <= q.to, { message: 'must not be after `to`', path: ['from'] })
    .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= (MAX_RANGE_DAYS - 1) * DAY_MS, { message: `at most ${MAX_RANGE_DAYS} days at a time`, path: ['from'] });
}

export const programParams = z.object({ programId: idParam('programId') });

/** The partner side: members and program staff, signed in. To anyone else the partner does not exist. */
export const partnerErrors = {
  401: json(ErrorSchema, 'Not signed in'),
  404: json(ErrorSchema, 'No such partner, or not yours'),
};
/** The partner's money: only its owners and finance members move it, within the program's rules. */
export const partnerMoneyErrors = {
  400: json(ErrorSchema, 'Invalid input'),
  403: json(ErrorSchema, 'Only the owner or a finance member may move money'),
  409: json(ErrorSchema, 'A request is already open, the interval reviewed is paid or not due, the price changed, the Idempotency-Key was used for another request, or the program pauses this until the partner accepts its current terms (terms_not_accepted)'),
  422: json(ErrorSchema, 'Below the minimum, above the available balance, no payout method, or another currency'),
};
/** What the program pauses until the partner accepts its current terms: answered before anything is written. */
export const termsPausedError = json(ErrorSchema, "terms_not_accepted: the program pauses this until an owner of the partner accepts its current terms");

/** A referral's stage change, on the partner's path and the console's alike. */
export const stageChangeErrors = {
  400: json(ErrorSchema, 'Invalid change'),
  409: json(ErrorSchema, 'A won deal no longer changes, the lead is not locked, or it changed meanwhile'),
  422: json(ErrorSchema, 'Won without a value or contract date, or an owner who is not staff'),
};

/** The program console: its staff may look, its managers may change. */
export const consoleErrors = {
  401: json(ErrorSchema, 'Not signed in'),
  403: json(ErrorSchema, 'Staff, but not a program manager'),
  404: json(ErrorSchema, 'No such program, or not staff of it'),
};
/** The console's money (periods, batches, withdrawals, top-ups, the ledger check): managers only. */
export const payoutErrors = {
  401: json(ErrorSchema, 'Not signed in'),
  403: json(ErrorSchema, 'Program staff, but not a program manager'),
  404: json(ErrorSchema, 'No such program (or not staff of it), period, batch or withdrawal'),
};
/** The site owner's server, by its secret key. */
export const secretKeyErrors = {
  401: json(ErrorSchema, 'Missing or wrong key'),
  403: json(ErrorSchema, 'Not the secret key'),
};

/** The conversions the site's server reports (payments, refunds, subscriptions, top-ups, client payments). */
export const conversionErrors = {
  400: json(ErrorSchema, 'Invalid input'),
  ...secretKeyErrors,
  404: json(ErrorSchema, 'No such customer, invoice or partner in this program'),
  409: json(ErrorSchema, 'The id was reported before with different facts, or the Idempotency-Key was used for another request'),
  422: json(ErrorSchema, 'Another currency than the program\'s, or a refund beyond what was paid'),
};

const SESSION = [{ session: [] }];
const SECRET_KEY = [{ secretKey: [] }];
const PUBLISHABLE_KEY = [{ publishableKey: [] }];

type Responses = RouteConfig['responses'];
/** Path, query or header parameters: an object schema, possibly refined or transformed (as the document allows). */
type Params = z.ZodObject | z.ZodPipe;

/** What a route may add to its path, name, summary and responses. */
interface Extra {
  /** Path parameters, when the route has more than its mount's (which it then must repeat). */
  params?: Params;
  query?: Params;
  headers?: Params;
  /** A JSON request body, required unless `optionalBody`. */
  body?: z.ZodType;
  optionalBody?: boolean;
  description?: string;
  /** Run before validation, for one operation of a path others share without it (the session's GET). */
  middleware?: MiddlewareHandler<AppEnv>;
}

type JsonBody<S> = { required: boolean; content: { 'application/json': { schema: S } } };
/** The request a route's Extra describes: the mount's path parameters unless its own, and what else it names. */
type RequestOf<P, X extends Extra> = (X['params'] extends Params ? { params: X['params'] } : P extends Params ? { params: P } : {}) &
  (X['query'] extends Params ? { query: X['query'] } : {}) &
  (X['headers'] extends Params ? { headers: X['headers'] } : {}) &
  (X['body'] extends z.ZodType ? { body: JsonBody<X['body']> } : {});

/**
 * A builder of routes that share a tag, a security, a set of errors and (for a mount with path parameters, such as
 * `/partners/{partnerId}`) those parameters. `route.get(path, operationId, summary, responses, extra?)` declares one
 * operation; its own responses come after the shared ones, so it may describe one of them more precisely. Every
 * operation is named (its operationId), so that an SDK generated from the document reads well.
 */
export function routes<E extends Responses, P extends Params | undefined = undefined>(tag: string, security: Record<string, string[]>[] | null, errors: E, mountParams?: P) {
  const verb =
    <M extends 'get' | 'post' | 'put' | 'patch' | 'delete'>(method: M) =>
    <Path extends string, R extends Responses, X extends Extra = {}>(path: Path, operationId: string, summary: string, responses: R, extra?: X) => {
      const { params = mountParams, query, headers, body, optionalBody, description, middleware } = extra ?? {};
      const request = {
        ...(params ? { params } : {}),
        ...(query ? { query } : {}),
        ...(headers ? { headers } : {}),
        ...(body ? { body: { required: !optionalBody, content: { 'application/json': { schema: body } } } } : {}),
      } as RequestOf<P, X>;
      return createRoute({
        method,
        path,
        operationId,
        summary,
        ...(description ? { description } : {}),
        tags: [tag],
        security: security ?? [],
        request,
        responses: { ...errors, ...responses },
        ...(middleware ? { middleware } : {}),
      });
    };
  return { get: verb('get'), post: verb('post'), put: verb('put'), patch: verb('patch'), delete: verb('delete') };
}

/** A route of `/partners/{partnerId}`: signed in, with the partner side's errors. */
export const partnerRoute = (tag: string) => routes(tag, SESSION, partnerErrors, partnerParams);
/** A route of `/programs/{programId}`: signed in, with the console's errors (or the set given). */
export const consoleRoute = <E extends Responses = typeof consoleErrors>(errors: E = consoleErrors as unknown as E) => routes('Program console', SESSION, errors, programParams);
/** A route the site owner's server calls with its secret key. */
export const secretKeyRoute = <E extends Responses>(tag: string, errors: E) => routes(tag, SECRET_KEY, errors);
/** A route the widget calls with the publishable key. */
export const widgetRoute = (tag: string) => routes(tag, PUBLISHABLE_KEY, {});
/** A route for any signed-in account. */
export const signedInRoute = (tag: string) => routes(tag, SESSION, {});
/** A route anyone may call (a link's page, signing in): `security: []` in the document. */
export const publicRoute = (tag: string) => routes(tag, null, {});

/**
 * What the site's server or a manager reports with an amount: answered once per Idempotency-Key, and only in the
 * program's currency (an input may leave its amount out).
 */
export function idempotentAmount<R extends Response>(c: Context<AppEnv>, program: ProgramRow, input: { amount?: Money | null }, answer: () => Promise<R>): Promise<R> {
  return idempotent(c, program.id, input, async () => {
    if (input.amount && input.amount.currency !== program.currency) throw refused(currencyProblem(input.amount.currency, program.currency));
    return answer();
  });
}

/**
 * A top-up, recorded by the site's server or by a manager in the console: 201 when recorded now and 200 when the
 * reference was recorded before.
 */
export function answerTopUp(c: Context<AppEnv>, program: ProgramRow, input: { partnerId: string; amount: Money; reference: string }) {
  return idempotentAmount(c, program, input, async () => {
    const r = await recordTopUp(c.env.DB, program, input);
    if (r.kind === 'unknown_partner') throw notFound('Partner');
    const body = { partnerId: r.partnerId, reference: input.reference, created: r.created, balance: r.balance };
    return r.created ? c.json(body, 201) : c.json(body, 200);
  });
}

/**
 * Refuses (409 terms_not_accepted) what the program's setting pauses until the partner accepts the current terms,
 * before the action writes anything.
 */
export async function refuseWhileTermsPending(c: Context<AppEnv>, partnerId: string, action: PausableAction): Promise<void> {
  const problem = termsProblem(action, await termsStanding(c.env.DB, partnerId));
  if (problem) throw refused(problem);
}
