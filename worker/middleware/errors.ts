// Error shaping: every failure leaves the API as { error: { code, message, details } }.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from '@hono/zod-openapi';

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details?: unknown) => new ApiError(400, 'invalid_request', message, details);
export const unauthorized = (message = 'A valid key or session is required.') => new ApiError(401, 'unauthorized', message);
export const forbidden = (message = 'Not allowed.') => new ApiError(403, 'forbidden', message);
export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found.`);
/** A rule's refusal (from domain/), answered as it says. */
export const refused = (p: { status: 409 | 422; code: string; message: string; details?: unknown }) => new ApiError(p.status, p.code, p.message, p.details);

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

export function onError(err: Error, c: Context) {
  if (err instanceof ApiError) return c.json(errorBody(err.code, err.message, err.details), err.status);
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const code = status === 400 ? 'invalid_request' : status === 401 ? 'unauthorized' : 'http_error';
    return c.json(errorBody(code, err.message || 'Request failed.'), status);
  }
  console.error('unhandled error', err);
  return c.json(errorBody('internal_error', 'Something went wrong on our side.'), 500);
}

export function onNotFound(c: Context) {
  return c.json(errorBody('not_found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}.`), 404);
}

/** The zod-openapi hook: a failed validation becomes a 400 listing each problem. */
export function validationHook(result: { success: boolean; error?: z.ZodError; target?: string }, c: Context) {
  if (!result.success && result.error) {
    const details = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const [first] = details;
    const more = details.length > 1 ? ` (and ${details.length - 1} more)` : '';
    const message = first ? `${first.path || 'input'}: ${first.message}${more}` : 'The request is not valid.';
    return c.json(errorBody('invalid_request', message, details), 400);
  }
}
