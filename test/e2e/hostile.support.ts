/**
 * Shared by the hostile-input tests: the operations of the OpenAPI spec, generators for
 * hostile values, and a fingerprint of the data a caller may not change.
 */
import { createHash, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Client } from 'pg';

export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI template, e.g. `/api/threads/{id}`. */
  path: string;
  params: string[];
  query: string[];
  bodyProps: string[];
  hasBody: boolean;
}

/** Every operation in the spec (the harness picks up endpoints as features add them). */
export function operations(spec: { paths: Record<string, Record<string, any>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = item[method];
      if (!op) continue;
      const parameters: any[] = op.parameters ?? [];
      const schema = op.requestBody?.content?.['application/json']?.schema;
      const ref = schema?.$ref as string | undefined;
      const resolved = ref ? (spec as any).components?.schemas?.[ref.split('/').pop()!] : schema;
      ops.push({
        method,
        path,
        params: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
        query: parameters.filter((p) => p.in === 'query').map((p) => p.name),
        bodyProps: Object.keys(resolved?.properties ?? {}),
        hasBody: !!op.requestBody || ['post', 'put', 'patch'].includes(method),
      });
    }
  }
  return ops;
}

const HUGE = 'A'.repeat(200_000);
const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'];

/** Strings that have broken servers: empty, huge, unicode, SQL and path tricks, NUL. */
export const nastyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '%00',
    '../../etc/passwd',
    "' or 1=1 --",
    '"; drop table users; --',
    '<script>alert(1)</script>',
    'null',
    'undefined',
    'NaN',
    '-1',
    '1e309',
    '{{7*7}}',
    '${7*7}',
    '\uD800',
    '😀'.repeat(100),
  ),
  fc.constant(HUGE),
  fc.constant('x'.repeat(10_001)),
);

/** Path parameter values: garbage, non-uuids, random uuids and (via `known`) real ids. */
export function pathValue(known: string[]) {
  return fc.oneof(
    fc.string({ minLength: 1, maxLength: 40 }),
    fc.constantFrom(
      '0',
      '-1',
      '1e9',
      'null',
      'undefined',
      '%',
      '%zz',
      '..',
      'a b',
      'é',
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      'A'.repeat(300),
    ),
    fc.uuid(),
    fc.constant(randomUUID()),
    fc.constantFrom(...(known.length ? known : [randomUUID()])),
  );
}

/** Arbitrary JSON-ish values with deep nesting and prototype-pollution keys. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.jsonValue({ maxDepth: 3 }),
    nastyString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom(...POLLUTION_KEYS)), tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** A value nested `depth` levels deep (parsers and validators that recurse). */
// (fast-check prints counterexamples recursively: deeper values overflow its printer; the raw
// bodies below send 100,000 levels as text.)
export const deepValue = fc.integer({ min: 50, max: 600 }).map((depth) => {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
});

/** Bodies for one operation: the DTO's own fields with wrong or hostile values, or anything at all. */
export function body(op: Operation) {
  const props = op.bodyProps.length ? op.bodyProps : ['name'];
  const keys = fc.oneof(fc.constantFrom(...props), fc.constantFrom(...POLLUTION_KEYS), fc.string({ maxLength: 12 }));
  const fieldsWithHostileValues = fc.dictionary(keys, fc.oneof(hostileValue, deepValue), { maxKeys: props.length + 2 });
  const protoObject = fc
    .constantFrom(...POLLUTION_KEYS)
    .chain((k) =>
      hostileValue.map((v) =>
        JSON.parse(`{"${k}": {"polluted": ${JSON.stringify(v ?? null) ?? 'null'}, "isAdmin": true}, "${props[0]}": "x"}`),
      ),
    );
  return fc.oneof(fieldsWithHostileValues, hostileValue, deepValue, protoObject, fc.constant(undefined));
}

/** Raw (possibly invalid) body text with a content type; `json: undefined` means send `raw`. */
export const rawBody = fc.oneof(
  fc.constantFrom(
    '{',
    '{"a":',
    '[1,2',
    'nul',
    '"unterminated',
    '{"__proto__": {"x": 1}}',
    '\u0000\u0001',
    '{}'.repeat(10000),
    '['.repeat(100000),
  ),
  fc.string({ maxLength: 200 }),
);
export const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/merge-patch+json',
  'text/plain',
  'text/csv',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  '',
  'garbage/garbage',
);

/** Query values: long but under Node's 16 KB header limit (beyond it Node itself answers 431; tested separately). */
const queryString = nastyString.map((v) => v.slice(0, 2000));

export function queryFor(op: Operation) {
  const keys = fc.oneof(
    fc.constantFrom(...(op.query.length ? op.query : ['q'])),
    fc.constantFrom('__proto__', 'constructor[prototype][x]', 'a[b][c]', 'limit', 'offset'),
    fc.string({ maxLength: 8 }),
  );
  const values = fc.oneof(queryString, fc.integer().map(String), fc.constantFrom('-1', '0', '99999999999', 'true', '[]', '{}', '%zz'));
  return fc.array(fc.tuple(keys, values), { maxLength: 6 });
}

export const headerSets = fc.record(
  {
    'x-request-id': nastyString.filter((s) => /^[\t\x20-\x7e]*$/.test(s) && s.length < 8000),
    accept: fc.constantFrom('*/*', 'text/html', 'application/xml', 'garbage', ''),
    'accept-language': fc.constantFrom('id', 'en', '*', 'x'.repeat(1000)),
    'x-forwarded-for': fc.constantFrom('1.2.3.4', 'garbage', '::1, 127.0.0.1'),
    origin: fc.constantFrom('http://evil.example', 'null'),
  },
  { requiredKeys: [] },
);

/** Percent-encodes the UTF-8 bytes (also lone surrogates, which encodeURIComponent refuses). */
export function encode(value: string): string {
  let out = '';
  for (const b of Buffer.from(value, 'utf8'))
    out += /[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0').toUpperCase()}`;
  return out;
}

/** Builds a concrete URL from a template; `%` values stay raw sometimes (malformed escapes). */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = values[name] ?? 'x';
    return /^%[0-9a-z]{0,2}$/i.test(v) ? v : encode(v);
  });
}

export type Watched = string | { name: string; sql: string; params?: unknown[] };

/** A digest of data a caller may not change: whole tables, or queries (tables not there yet are skipped). */
export async function fingerprint(databaseUrl: string, watched: Watched[]): Promise<Record<string, string>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const existing = new Set(
      (
        await client.query<{ table_name: string }>(`select table_name from information_schema.tables where table_schema = 'public'`)
      ).rows.map((r) => r.table_name),
    );
    const out: Record<string, string> = {};
    for (const w of watched) {
      const { name, sql, params } = typeof w === 'string' ? { name: w, sql: `select * from "${w}" t order by t::text`, params: [] } : w;
      const table = typeof w === 'string' ? w : /from\s+"?(\w+)/i.exec(sql)?.[1];
      if (table && !existing.has(table)) continue;
      const rows = await client.query(sql, params ?? []);
      out[name] = `${rows.rowCount}:${createHash('sha256').update(JSON.stringify(rows.rows)).digest('hex').slice(0, 16)}`;
    }
    return out;
  } finally {
    await client.end();
  }
}

/** Asserts the contract's error shape and never a 5xx; returns a problem description or ''. */
export function problem(status: number, body: unknown, text: string): string {
  if (status >= 500) return `status ${status}: ${text.slice(0, 300)}`;
  if (status >= 400) {
    const b = body as { statusCode?: unknown; code?: unknown; message?: unknown } | undefined;
    if (!b || typeof b !== 'object') return `status ${status} without a JSON error body: ${text.slice(0, 200)}`;
    if (b.statusCode !== status) return `statusCode ${String(b.statusCode)} != ${status}`;
    if (typeof b.code !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(b.code)) return `bad code ${JSON.stringify(b.code)}`;
    if (typeof b.message !== 'string') return 'message is not a string';
    if (/\n\s+at /.test(text)) return 'stack trace in response';
  }
  return '';
}
