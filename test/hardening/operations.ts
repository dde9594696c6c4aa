// Every operation of the OpenAPI document the Worker serves, with its schemas resolved, and the request a principal makes.
import { createExecutionContext, env } from 'cloudflare:test';
import worker from '../../worker/index';
import { BASE, call } from '../worker/helpers';
import type { Principal, World } from './world';

export type Schema = Record<string, any>;

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Schema;
}

export interface Operation {
  /** e.g. "POST /api/v1/partners/{partnerId}/withdrawals" */
  key: string;
  method: string;
  path: string;
  security: string[];
  params: Parameter[];
  body: Schema | null;
  bodyRequired: boolean;
}

function resolve(doc: any, schema: Schema): Schema {
  if (schema?.$ref) return resolve(doc, doc.components.schemas[schema.$ref.split('/').pop()]);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Schema = { ...schema };
  if (out.properties) out.properties = Object.fromEntries(Object.entries(out.properties).map(([k, v]) => [k, resolve(doc, v as Schema)]));
  if (out.items) out.items = resolve(doc, out.items);
  if (out.anyOf) out.anyOf = out.anyOf.map((s: Schema) => resolve(doc, s));
  return out;
}

/** Fetches the document from the Worker and lists its operations. */
export async function operations(): Promise<Operation[]> {
  const doc = await (await call('/api/v1/openapi.json')).json<any>();
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(methods)) {
      const body = op.requestBody?.content?.['application/json']?.schema;
      ops.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        security: (op.security ?? []).flatMap((s: Record<string, unknown>) => Object.keys(s)),
        params: (op.parameters ?? []).map((p: any) => ({ name: p.name, in: p.in, required: p.required === true, schema: resolve(doc, p.schema) })),
        body: body ? resolve(doc, body) : null,
        bodyRequired: op.requestBody?.required === true,
      });
    }
  }
  return ops;
}

export const typesOf = (s: Schema): string[] => (s.anyOf ? s.anyOf.flatMap(typesOf) : Array.isArray(s.type) ? s.type : s.type ? [s.type] : s.enum ? [typeof s.enum[0]] : []);

/** A value the schema accepts, as far as a schema can tell (the route may still refuse it for what it means). */
export function sample(s: Schema): unknown {
  if (s.anyOf) return sample(s.anyOf[0]);
  if (s.enum) return s.enum[0];
  if (s.default !== undefined && s.default !== null) return s.default;
  const type = typesOf(s).find((t) => t !== 'null') ?? 'null';
  switch (type) {
    case 'object':
      return Object.fromEntries((s.required ?? []).map((k: string) => [k, sample(s.properties[k])]));
    case 'array':
      return [];
    case 'boolean':
      return true;
    case 'integer':
    case 'number':
      return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    case 'string':
      if (s.format === 'email') return 'hardening@example.com';
      if (s.format === 'date-time') return new Date().toISOString();
      if (s.format === 'uri') return 'http://127.0.0.1:8788/';
      if (s.pattern === '^[A-Z]{3}$') return 'EUR';
      if (s.pattern?.includes('\\d{4}-')) return new Date().toISOString().slice(0, 10);
      if (s.pattern?.includes('\\d{6}')) return 'P100001';
      return 'hardening'.padEnd(s.minLength ?? 1, 'x').slice(0, s.maxLength ?? 9);
    default:
      return null;
  }
}

export interface RequestParts {
  path: Record<string, string>;
  query: string;
  headers: Record<string, string>;
  /** The raw body, as sent. */
  body?: string;
  contentType?: string;
}

/** Fills the path template with (already URL-encoded) values. */
export const fillPath = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, name) => values[name] ?? encodeURIComponent(name));

/**
 * Calls the Worker's fetch handler as the runtime does, with the test's real bindings. Not through SELF.fetch: in
 * @cloudflare/vitest-pool-workers 0.15 every SELF call wraps the entrypoint's prototype in one more Proxy, so call N
 * costs O(N) and the suite's thousands of calls would take many minutes (cloudflare/workers-sdk#15092, #15446; fixed
 * after the version pinned here). The handler is the same one SELF reaches; only the test harness's wrapper is skipped.
 */
export async function hit(path: string, init: RequestInit = {}): Promise<Response> {
  return worker.fetch(new Request(`${BASE}${path}`, { redirect: 'manual', ...init }), env as never, createExecutionContext());
}

/** Sends one request as a principal. */
export function send(op: Pick<Operation, 'method' | 'path'>, principal: Principal, parts: RequestParts): Promise<Response> {
  const url = `${fillPath(op.path, parts.path)}${parts.query ? `?${parts.query}` : ''}`;
  const headers: Record<string, string> = { ...principal.headers(), ...parts.headers };
  if (parts.body !== undefined) headers['Content-Type'] = parts.contentType ?? 'application/json';
  return hit(url, { method: op.method, headers, body: parts.body });
}

/** Real ids for every path parameter, URL-encoded. */
export const realPath = (op: Operation, world: World) =>
  Object.fromEntries(op.params.filter((p) => p.in === 'path').map((p) => [p.name, encodeURIComponent(world.ids[p.name] ?? `unknown_${p.name}`)]));
