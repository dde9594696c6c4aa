// Bad input derived from an operation's schemas: for each property, parameter and the body as a whole, values the
// schema refuses (strict: must be a 4xx) and values it may not refuse but that have broken servers before (NUL bytes,
// lone surrogates, broken percent-encoding, huge strings: any status but a 5xx).
import fc from 'fast-check';
import { sample, typesOf, type Operation, type RequestParts, type Schema } from './operations';

export interface BadCase {
  label: string;
  /** What differs from the real request; the rest is the real request's. */
  parts: Partial<RequestParts>;
  /** The schema refuses it, so the answer must be a 4xx. Otherwise any answer but a 5xx (and nothing written if refused). */
  strict: boolean;
}

interface BadValue {
  label: string;
  value: unknown;
  strict: boolean;
}

/** A JSON number the serializer cannot write (1e999 parses as Infinity), written into the body as is. */
class Raw {
  constructor(readonly text: string) {}
}

export function toJson(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_, v) => (v instanceof Raw ? `__RAW_${raws.push(v.text) - 1}__` : v));
  return text.replace(/"__RAW_(\d+)__"/g, (_, i) => raws[Number(i)]);
}

/** Percent-encodes like a hostile client: a lone surrogate becomes its (invalid) three UTF-8-style bytes. */
export function pct(s: string): string {
  let out = '';
  for (const ch of s) {
    const cu = ch.charCodeAt(0);
    out += ch.length === 1 && cu >= 0xd800 && cu <= 0xdfff
      ? [0xed, 0xa0 | ((cu >> 6) & 0x0f), 0x80 | (cu & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('')
      : encodeURIComponent(ch);
  }
  return out;
}

const WRONG_TYPES: [string, unknown, string][] = [
  ['a number', 12345, 'number'],
  ['a boolean', true, 'boolean'],
  ['an array', [], 'array'],
  ['an object', {}, 'object'],
  ['a numeric string', '12', 'string'],
  ['null', null, 'null'],
];

/**
 * Body properties that are the merchant's own ids (shared/schemas/common.ts `externalId`): SECURITY.md promises they refuse
 * control characters and lone surrogates, which the OpenAPI document cannot say.
 */
const EXTERNAL_IDS = new Set(['customerId', 'invoiceId', 'refundId', 'reference']);

/** Values the property's schema refuses, and the nasty ones it may accept (`plainText`: it refuses control characters too). */
export function badValues(s: Schema, plainText = false): BadValue[] {
  const types = new Set(typesOf(s).map((t) => (t === 'integer' ? 'number' : t)));
  const out: BadValue[] = WRONG_TYPES.filter(([, , t]) => !types.has(t)).map(([label, value]) => ({ label, value, strict: true }));
  const variants = s.anyOf ?? [s];
  const stringSchema = variants.find((v: Schema) => typesOf(v).includes('string'));
  const numberSchema = variants.find((v: Schema) => typesOf(v).some((t) => t === 'integer' || t === 'number'));
  if (s.enum) out.push({ label: 'an unknown enum value', value: typeof s.enum[0] === 'number' ? 7 : 'not_a_value', strict: true });
  if (stringSchema && !s.enum) {
    const str = stringSchema;
    if (str.minLength >= 1) out.push({ label: 'an empty string', value: '', strict: true });
    if (str.maxLength !== undefined) out.push({ label: `${str.maxLength + 1} characters`, value: 'x'.repeat(str.maxLength + 1), strict: true });
    else out.push({ label: 'a 100,000-character string', value: 'x'.repeat(100_000), strict: false });
    if (str.format === 'email') out.push({ label: 'not an email', value: 'not-an-email', strict: true });
    if (str.format === 'date-time') out.push({ label: 'not a date', value: 'yesterday', strict: true }, { label: 'an impossible date', value: '2026-13-45T99:99:99Z', strict: true });
    if (str.format === 'uri') out.push({ label: 'not a URL', value: 'not a url', strict: true });
    if (str.pattern) out.push({ label: `not matching ${str.pattern}`, value: 'zz', strict: true });
    const refusesControl = plainText || str.format === 'email' || str.pattern !== undefined;
    out.push(
      { label: 'a NUL byte', value: 'hard\u0000ening', strict: refusesControl },
      { label: 'a lone high surrogate', value: 'hard\ud800ening', strict: refusesControl },
      { label: 'a lone low surrogate', value: '\udfff', strict: refusesControl },
      { label: 'control characters', value: '\u0007\u001b[31mred\u001b[0m', strict: refusesControl },
    );
  }
  if (numberSchema) {
    const n = numberSchema;
    const floor = n.minimum ?? n.exclusiveMinimum;
    out.push({ label: '-1', value: -1, strict: floor !== undefined && floor >= 0 });
    if (n.exclusiveMinimum === 0) out.push({ label: '0', value: 0, strict: true });
    if (typesOf(n).includes('integer')) out.push({ label: 'a fraction', value: 1.5, strict: true });
    if (n.maximum !== undefined) out.push({ label: `${n.maximum + 1}`, value: n.maximum + 1, strict: true });
    out.push(
      { label: '1e308', value: 1e308, strict: n.maximum !== undefined },
      { label: '1e999 (Infinity)', value: new Raw('1e999'), strict: true },
      { label: '2^53 + 2', value: 2 ** 53 + 2, strict: n.maximum !== undefined && n.maximum < 2 ** 53 },
    );
  }
  const objectSchema = variants.find((v: Schema) => typesOf(v).includes('object'));
  if (objectSchema?.properties) {
    const base = sample(objectSchema) as Record<string, unknown>;
    for (const [k, ps] of Object.entries<Schema>(objectSchema.properties)) {
      for (const v of badValues(ps)) out.push({ label: `.${k}: ${v.label}`, value: { ...base, [k]: v.value }, strict: v.strict && !s.anyOf });
    }
    for (const k of objectSchema.required ?? []) {
      const { [k]: _, ...rest } = base;
      out.push({ label: `.${k} missing`, value: rest, strict: !s.anyOf });
    }
  }
  if (typesOf(s).includes('array') && s.items) {
    if (s.maxItems !== undefined) out.push({ label: `${s.maxItems + 1} items`, value: Array(s.maxItems + 1).fill(sample(s.items)), strict: true });
    if ((s.items.required ?? []).length > 0) out.push({ label: 'an item missing its fields', value: [{}], strict: true });
    if (typesOf(s.items).includes('object')) out.push({ label: 'an item of the wrong type', value: ['x'], strict: true });
  }
  return out;
}

/** Whole bodies that are not what the operation takes. */
function badBodies(op: Operation, base: Record<string, unknown>): BadCase[] {
  const raw = (label: string, body: string, strict = true, contentType?: string): BadCase => ({ label: `body ${label}`, parts: { body, contentType }, strict });
  const out = [
    raw('malformed JSON', '{"customerId": '),
    raw('not JSON at all', 'not json'),
    raw('with trailing garbage', `${toJson(base)}}}`),
    raw('an array', '[]'),
    raw('null', 'null'),
    raw('a number', '42'),
    raw('a string', '"text"'),
    raw('nested 5,000 deep', `${'['.repeat(5000)}${']'.repeat(5000)}`),
    raw('empty', '', op.bodyRequired),
    raw('sent as text/plain', toJson(base), false, 'text/plain'),
  ];
  const body = op.body!;
  for (const [k, ps] of Object.entries<Schema>(body.properties ?? {})) {
    for (const v of badValues(ps, EXTERNAL_IDS.has(k))) out.push(raw(`${k}: ${v.label}`, toJson({ ...base, [k]: v.value }), v.strict));
  }
  for (const k of body.required ?? []) {
    const { [k]: _, ...rest } = base;
    out.push(raw(`${k} missing`, toJson(rest)));
  }
  if (body.additionalProperties === false) out.push(raw('with an unknown property', toJson({ ...base, unexpected: 1 })));
  return out;
}

/** Query strings that are not what the operation takes, as raw (already encoded) text. */
function badQueries(op: Operation, base: Record<string, string>): BadCase[] {
  const q = (over: Record<string, string | null>) =>
    Object.entries({ ...Object.fromEntries(Object.entries(base).map(([k, v]) => [k, pct(v)])), ...over })
      .filter(([, v]) => v !== null)
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
  const c = (label: string, query: string, strict: boolean): BadCase => ({ label: `query ${label}`, parts: { query }, strict });
  const out = [c('junk and broken percent-encoding', `${q({})}&%zz=%E0%A4%A&x%00=%00`, false)];
  for (const p of op.params.filter((p) => p.in === 'query')) {
    const s = p.schema;
    const values: [string, string, boolean][] = [
      ['a NUL byte', 'a%00b', false],
      ['a lone surrogate', pct('a\ud800b'), false],
      ['broken percent-encoding', '%E0%A4%A', false],
    ];
    if (typesOf(s).includes('integer')) {
      values.push(['not a number', 'abc', true], ['a fraction', '1.5', true], ['1e400', '1e400', true]);
      if (s.minimum !== undefined) values.push([`${s.minimum - 1}`, String(s.minimum - 1), true]);
      if (s.maximum !== undefined) values.push([`${s.maximum + 1}`, String(s.maximum + 1), true]);
    }
    if (s.enum) values.push(['an unknown enum value', 'not_a_value', true]);
    if (s.pattern) values.push([`not matching ${s.pattern}`, '2026-1-1', true]);
    if (s.format === 'date-time') values.push(['not a date', 'yesterday', true]);
    if (s.maxLength !== undefined) values.push([`${s.maxLength + 1} characters`, 'x'.repeat(s.maxLength + 1), true]);
    if (s.minLength >= 1) values.push(['empty', '', true]);
    for (const [label, v, strict] of values) out.push(c(`${p.name}: ${label}`, q({ [p.name]: v }), strict));
    out.push(c(`${p.name} given twice`, `${q({})}&${p.name}=${pct(String(sample(s)))}`, false));
    if (p.required) out.push(c(`${p.name} missing`, q({ [p.name]: null }), true));
  }
  return out;
}

/** Path parameters that name nothing real, or are not ids at all (already encoded, as a client would send them). */
function badPaths(op: Operation): BadCase[] {
  const out: BadCase[] = [];
  for (const p of op.params.filter((p) => p.in === 'path')) {
    const values: [string, string][] = [
      ['an unknown id', 'nope_does_not_exist'],
      ['a NUL byte', 'a%00b'],
      ['a lone surrogate', pct('a\ud800b')],
      ['broken percent-encoding', '%E0%A4%A'],
      ['SQL', pct("x' OR '1'='1")],
      ['an encoded ../', '..%2F..%2Fsession'],
      [`${(p.schema.maxLength ?? 200) + 1} characters`, 'x'.repeat((p.schema.maxLength ?? 200) + 1)],
    ];
    for (const [label, v] of values) out.push({ label: `path ${p.name}: ${label}`, parts: { path: { [p.name]: v } }, strict: true });
  }
  return out;
}

function badHeaders(op: Operation): BadCase[] {
  return op.params
    .filter((p) => p.in === 'header' && p.schema.maxLength !== undefined)
    .map((p) => ({ label: `header ${p.name}: ${p.schema.maxLength + 1} characters`, parts: { headers: { [p.name]: 'k'.repeat(p.schema.maxLength + 1) } }, strict: true }));
}

/** A few more, drawn by fast-check (seeded, so every run sends the same): any JSON or binary string into any property. */
function drawn(op: Operation, base: Record<string, unknown>, seed: number): BadCase[] {
  const props = Object.keys(op.body?.properties ?? {});
  const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.string({ unit: 'binary', maxLength: 40 }));
  if (props.length > 0) {
    return fc
      .sample(fc.record({ prop: fc.constantFrom(...props), value: anyValue }), { seed, numRuns: 4 })
      .map(({ prop, value }) => ({ label: `drawn ${prop}: ${JSON.stringify(value).slice(0, 40)}`, parts: { body: toJson({ ...base, [prop]: value }) }, strict: false }));
  }
  const names = op.params.filter((p) => p.in === 'query').map((p) => p.name);
  return fc
    .sample(fc.record({ name: names.length ? fc.constantFrom(...names) : fc.constant('x'), value: fc.string({ unit: 'binary', maxLength: 40 }) }), { seed, numRuns: 3 })
    .map(({ name, value }) => ({ label: `drawn query ${name}`, parts: { query: `${name}=${pct(value)}` }, strict: false }));
}

/** Every bad request for one operation. */
export function badCases(op: Operation, base: { body: Record<string, unknown>; query: Record<string, string> }, seed: number): BadCase[] {
  return [
    ...(op.body ? badBodies(op, base.body) : []),
    ...badQueries(op, base.query),
    ...badPaths(op),
    ...badHeaders(op),
    ...drawn(op, base.body, seed),
  ];
}
