import { randomUUID } from 'node:crypto';
import { ErrorBodySchema } from '@bancada/shared';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../test/customers.js';
import { createTestApp, type TestApp } from '../test/helpers.js';
import { createComponent } from '../test/inventory.js';
import { createRepair } from '../test/repairs.js';

/*
 * Issue 13 §5: a schema-driven fuzz test over every operation of /api/openapi.json. Requests are
 * generated from the operations' JSON schemas (fast-check), with hand-picked nasties mixed in (huge
 * strings, deep JSON, 1e309, lone surrogates, invalid ids, wrong content types, truncated multipart),
 * sent as an administrator (so validation and the services are reached) and without a token.
 * Expected: no status >= 500, every error in seed 004's body, and no rejected request persists
 * anything. Bounded in time; the seed is printed so a failure can be replayed (FUZZ_SEED=…).
 */

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema | boolean;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  default?: unknown;
};
type Parameter = { name: string; in: string; required?: boolean; schema?: Schema };
type Operation = {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  security?: unknown[];
};
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Probe = {
  method: Method;
  url: string;
  headers?: Record<string, string>;
  payload?: string | Buffer;
  label: string;
};

const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 150_000);
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const GENERATED_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 16);
const strictError = ErrorBodySchema.strict();

// routes whose side effects would end the administrator's own access (sign-out, 2FA requirement)
// are fuzzed without a token only; their refusals may write (failed sign-in counters)
const AUTH_PATH = /^\/api\/auth\//;

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u001b[2J',
  '\ud800',
  'x\udfffy',
  '😀'.repeat(40),
  'ção'.repeat(30),
  '\u202e\u200b\ufeff',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '%00%ff',
  'NaN',
  'Infinity',
  '1e309',
  '-0',
  'x'.repeat(5000),
];
const NASTY_VALUES: unknown[] = [
  ...NASTY_STRINGS,
  -1,
  0,
  -0,
  0.1 + 0.2,
  1e308,
  -1e308,
  2 ** 53 + 1,
  Number.MIN_VALUE,
  true,
  false,
  null,
  [],
  {},
  [[[[[]]]]],
  { __proto__: { admin: true } },
  { constructor: { prototype: { admin: true } } },
];
const BAD_IDS = [
  'not-a-uuid',
  '%00',
  '..%2F..%2Fetc',
  'x'.repeat(101),
  '%E0%A4%A',
  "1'%20OR%20'1'='1",
  '%F0%9F%98%80',
  '-1',
  '0',
];
const RAW_NUMBERS = [
  '1e309',
  '-1e309',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e-400',
  '123456789012345678901234567890',
];

let t: TestApp;
let doc: Document;
const realIds: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  doc = (await t.request('GET', '/api/openapi.json')).json() as Document;
  // a few real records, so some generated requests reach past "not found"
  const customer = await createCustomer(t, { name: 'Cliente Fuzz' });
  const component = await createComponent(t, { id: 'comp-fuzz' });
  const repair = await createRepair(t, {}, { customerId: customer.id });
  Object.assign(realIds, { customers: customer.id, components: component.id, repairs: repair.id });
});
afterAll(() => t.close());

function resolve(schema: Schema | undefined): Schema | undefined {
  if (!schema?.$ref) return schema;
  return resolve(doc.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')]);
}

function stringArbitrary(schema: Schema): fc.Arbitrary<string> {
  const max = Math.min(schema.maxLength ?? 40, 60);
  const min = Math.min(schema.minLength ?? 0, max);
  switch (schema.format) {
    case 'uuid':
      return fc.oneof(fc.uuid(), fc.constant(randomUUID()));
    case 'date-time':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'date':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'email':
      return fc.emailAddress();
  }
  if (schema.pattern) {
    try {
      return fc
        .stringMatching(new RegExp(schema.pattern))
        .filter((s) => s.length <= (schema.maxLength ?? 200));
    } catch {
      // a pattern fast-check cannot invert: plain text below
    }
  }
  return fc.string({ minLength: min, maxLength: max, unit: 'grapheme' });
}

function numberArbitrary(schema: Schema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1000);
  const max =
    schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 100_000);
  const lo = Math.max(min, -1e9);
  const hi = Math.min(Math.max(max, lo), 1e9);
  return integer
    ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) })
    : fc.oneof(
        fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }),
        fc
          .double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true })
          .map((n) => Math.round(n * 100) / 100),
      );
}

/** Values that fit the schema, most of the time; now and then a nasty instead (a leaf or a whole object). */
function arbitraryOf(input: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(input);
  const nasty = fc.constantFrom(...NASTY_VALUES);
  if (!schema || depth > 6) return nasty;
  const valid = validArbitrary(schema, depth);
  return fc.oneof({ weight: 12, arbitrary: valid }, { weight: 1, arbitrary: nasty });
}

function validArbitrary(schema: Schema, depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices?.length) return fc.oneof(...choices.map((c) => arbitraryOf(c, depth + 1)));
  if (schema.allOf?.length) return arbitraryOf(schema.allOf[0], depth + 1);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => validArbitrary({ ...schema, type }, depth)));
  switch (types[0]) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const maxLength = Math.min(schema.maxItems ?? 3, 3);
      return fc.array(arbitraryOf(schema.items, depth + 1), {
        minLength: Math.min(schema.minItems ?? 0, maxLength),
        maxLength,
      });
    }
    case 'object': {
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, child] of Object.entries(properties)) record[key] = arbitraryOf(child, depth + 1);
      if (Object.keys(record).length === 0)
        return fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 });
      return fc.record(record, {
        requiredKeys: Object.keys(properties).filter((k) => required.has(k) || Math.random() < 0.5),
      });
    }
  }
  return fc.anything({ maxDepth: 2 });
}

function pathWith(path: string, pick: (name: string, segment: string) => string): string {
  const segments = path.split('/');
  return segments
    .map((segment, i) => {
      const name = /^\{(.+)\}$/.exec(segment)?.[1];
      return name ? pick(name, segments[i - 1] ?? '') : segment;
    })
    .join('/');
}

/** Percent-encodes any string, lone surrogates included (sent as UTF-8's replacement character). */
function encode(value: string): string {
  return [...Buffer.from(value, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).padStart(2, '0')}`,
    )
    .join('');
}

function queryString(values: Record<string, unknown>): string {
  const parts = Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encode(k)}=${encode(typeof v === 'string' ? v : JSON.stringify(v))}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

function jsonBodySchema(op: Operation): Schema | undefined {
  return op.requestBody?.content?.['application/json']?.schema;
}

/** Generated requests for one operation, from its parameters' and body's schemas. */
function generated(method: Method, path: string, op: Operation, seed: number): Probe[] {
  const params = op.parameters ?? [];
  const pathParams = Object.fromEntries(
    params.filter((p) => p.in === 'path').map((p) => [p.name, arbitraryOf(p.schema)]),
  );
  const query = Object.fromEntries(
    params
      .filter((p) => p.in === 'query')
      .map((p) => [p.name, fc.option(arbitraryOf(p.schema), { nil: undefined, freq: 2 })]),
  );
  const bodySchema = jsonBodySchema(op);
  const arbitrary = fc.record({
    path: fc.record(pathParams),
    query: fc.record(query),
    body: bodySchema ? arbitraryOf(bodySchema) : fc.constant(undefined),
    real: fc.boolean(),
  });
  return fc.sample(arbitrary, { numRuns: GENERATED_PER_OPERATION, seed }).map((sample, i) => {
    const url =
      pathWith(path, (name, segment) => {
        const real = name === 'id' ? realIds[segment] : undefined;
        if (sample.real && real) return real;
        const value = sample.path[name];
        return encode(typeof value === 'string' && value !== '' ? value : JSON.stringify(value ?? 'x'));
      }) + queryString(sample.query);
    return {
      method,
      url,
      label: `generated #${i}`,
      ...(sample.body !== undefined
        ? { headers: { 'content-type': 'application/json' }, payload: JSON.stringify(sample.body) }
        : {}),
    };
  });
}

/** The hand-picked nasties for one operation. */
function nasties(method: Method, path: string, op: Operation): Probe[] {
  const probes: Probe[] = [];
  const withRealIds = pathWith(path, (name, segment) => (name === 'id' && realIds[segment]) || randomUUID());
  for (const bad of BAD_IDS) {
    if (!path.includes('{')) break;
    probes.push({ method, url: pathWith(path, () => bad), label: `path ${bad.slice(0, 20)}` });
  }
  for (const param of (op.parameters ?? []).filter((p) => p.in === 'query')) {
    probes.push({
      method,
      url: `${withRealIds}?${param.name}=${'x'.repeat(3000)}`,
      label: `query ${param.name} long`,
    });
    probes.push({ method, url: `${withRealIds}?${param.name}=%00`, label: `query ${param.name} NUL` });
    probes.push({
      method,
      url: `${withRealIds}?${param.name}=1e309&${param.name}=-1`,
      label: `query ${param.name} twice`,
    });
  }
  if (method === 'GET' || method === 'DELETE') return probes;
  const json = { 'content-type': 'application/json' };
  const bodySchema = resolve(jsonBodySchema(op));
  const sample = bodySchema ? (fc.sample(arbitraryOf(bodySchema), { numRuns: 1, seed: SEED })[0] ?? {}) : {};
  const base =
    sample && typeof sample === 'object' && !Array.isArray(sample) ? (sample as Record<string, unknown>) : {};
  const keys = Object.keys(bodySchema?.properties ?? {});
  keys.slice(0, 4).forEach((key, i) => {
    for (const raw of RAW_NUMBERS)
      probes.push({
        method,
        url: withRealIds,
        headers: json,
        payload: JSON.stringify({ ...base, [key]: '__RAW__' }).replace('"__RAW__"', raw),
        label: `body ${key}=${raw}`,
      });
    if (i < 2)
      probes.push({
        method,
        url: withRealIds,
        headers: json,
        payload: JSON.stringify({ ...base, [key]: 'ç😀'.repeat(200_000) }),
        label: `body ${key} huge`,
      });
    probes.push({
      method,
      url: withRealIds,
      headers: json,
      payload: JSON.stringify({ ...base, [key]: '__RAW__' }).replace('"__RAW__"', '"\\ud800\\u0000\\udfff"'),
      label: `body ${key} surrogates`,
    });
  });
  const deep = 20_000;
  probes.push(
    {
      method,
      url: withRealIds,
      headers: json,
      payload: '['.repeat(deep) + ']'.repeat(deep),
      label: 'deep array',
    },
    {
      method,
      url: withRealIds,
      headers: json,
      payload: `${'{"a":'.repeat(deep)}1${'}'.repeat(deep)}`,
      label: 'deep object',
    },
    {
      method,
      url: withRealIds,
      headers: json,
      payload: `{"items":[${'1,'.repeat(100_000)}1]}`,
      label: 'long array',
    },
    { method, url: withRealIds, headers: json, payload: '{"a":', label: 'truncated JSON' },
    { method, url: withRealIds, headers: json, payload: '', label: 'empty JSON' },
    { method, url: withRealIds, headers: json, payload: 'null', label: 'JSON null' },
    { method, url: withRealIds, headers: json, payload: '"text"', label: 'JSON string' },
    { method, url: withRealIds, headers: json, payload: '[]', label: 'JSON array' },
    {
      method,
      url: withRealIds,
      headers: json,
      payload: '{"__proto__":{"isAdmin":true}}',
      label: '__proto__',
    },
    {
      method,
      url: withRealIds,
      headers: { 'content-type': 'text/plain' },
      payload: 'hello',
      label: 'text/plain',
    },
    {
      method,
      url: withRealIds,
      headers: { 'content-type': 'application/xml' },
      payload: '<a/>',
      label: 'xml',
    },
    {
      method,
      url: withRealIds,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'a=1&b=2',
      label: 'form',
    },
    {
      method,
      url: withRealIds,
      headers: { 'content-type': 'application/json; charset=utf-7' },
      payload: JSON.stringify(base),
      label: 'utf-7',
    },
    {
      method,
      url: withRealIds,
      headers: { 'content-type': 'multipart/form-data' },
      payload: '--x\r\n',
      label: 'multipart without boundary',
    },
  );
  if (op.requestBody?.content?.['multipart/form-data'] || op.requestBody?.content?.['text/csv']) {
    const boundary = '----fuzz';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`;
    const multipart = { 'content-type': `multipart/form-data; boundary=${boundary}` };
    probes.push(
      {
        method,
        url: withRealIds,
        headers: multipart,
        payload: Buffer.from(`${head}\xff\xd8\xff`),
        label: 'truncated multipart',
      },
      {
        method,
        url: withRealIds,
        headers: multipart,
        payload: `--${boundary}--\r\n`,
        label: 'empty multipart',
      },
      {
        method,
        url: withRealIds,
        headers: multipart,
        payload: `${head}not an image\r\n--${boundary}--\r\n`,
        label: 'multipart not an image',
      },
      {
        method,
        url: withRealIds,
        headers: { 'content-type': 'text/csv' },
        payload: 'name,document\n"unterminated,\u0000\n',
        label: 'broken csv',
      },
    );
  }
  return probes;
}

describe('schema-driven fuzz over every operation of the API document', () => {
  it('never answers 5xx, always answers errors in seed 004’s body, and persists nothing it refuses', {
    timeout: BUDGET_MS + 120_000,
  }, async () => {
    const started = Date.now();
    const statuses: Record<string, number> = {};
    const failures: string[] = [];
    let requests = 0;
    let operations = 0;
    let token = t.adminToken;

    // row counts and version sums of the business tables: a refused request must leave them as they were
    const { rows: tables } = await t.deps.pool.query<{ table_name: string; versioned: boolean }>(
      `SELECT table_name, bool_or(column_name = 'version') AS versioned
         FROM information_schema.columns
        WHERE table_schema = 'public'
          AND table_name NOT IN ('sessions', 'refresh_tokens', 'sign_in_challenges', 'user_devices',
                                 'number_counters', 'idempotency_keys', 'password_reset_tokens',
                                 -- the shared rate limit counts every request, refused or not
                                 'rate_limit_hits')
        GROUP BY table_name ORDER BY table_name`,
    );
    const fingerprintSql = `SELECT concat_ws(',', ${tables
      .map(
        (r) =>
          `(SELECT count(*)${r.versioned ? ` || ':' || coalesce(sum(version), 0)` : ''} FROM "${r.table_name}")`,
      )
      .join(', ')}) AS f`;
    const fingerprint = async () =>
      (await t.deps.pool.query<{ f: string }>({ name: 'fuzz-fingerprint', text: fingerprintSql })).rows[0]!.f;
    // the next transaction id moves only when something wrote: the full fingerprint is taken only then
    const nextXid = async () =>
      (await t.deps.pool.query<{ x: string }>('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS x'))
        .rows[0]!.x;
    let last = await fingerprint();
    let lastXid = await nextXid();

    async function send(probe: Probe, authenticated: boolean, checkPersistence: boolean) {
      let res: LightMyRequestResponse;
      try {
        res = await t.app.inject({
          method: probe.method,
          url: probe.url,
          headers: { ...(authenticated ? { authorization: `Bearer ${token}` } : {}), ...probe.headers },
          ...(probe.payload !== undefined ? { payload: probe.payload } : {}),
        });
      } catch (error) {
        failures.push(`${probe.method} ${probe.url.slice(0, 120)} [${probe.label}] threw ${String(error)}`);
        return;
      }
      requests++;
      statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
      const where = `${authenticated ? 'admin' : 'anonymous'} ${probe.method} ${probe.url.slice(0, 120)} [${probe.label}]`;
      if (res.statusCode >= 500) failures.push(`${where} → ${res.statusCode} ${res.body.slice(0, 200)}`);
      if (res.statusCode >= 400) {
        let body: unknown;
        try {
          body = res.json();
        } catch {
          body = undefined;
        }
        if (!strictError.safeParse(body).success)
          failures.push(`${where} → ${res.statusCode} not seed 004: ${res.body.slice(0, 200)}`);
      }
      if (res.statusCode === 401 && authenticated)
        token = (await t.login('admin@oficina.test', 'admin-pass-123')).accessToken;
      const xid = await nextXid();
      if (xid !== lastXid) {
        const now = await fingerprint();
        if (checkPersistence && res.statusCode >= 400 && now !== last) {
          const before = last.split(',');
          const changed = now
            .split(',')
            .map((value, i) => (value === before[i] ? null : tables[i]!.table_name))
            .filter(Boolean);
          // a refused sign-in, link or webhook is itself recorded (a security event), and only that
          const audited =
            (res.statusCode === 401 || res.statusCode === 403) && changed.join() === 'audit_log';
          if (!audited) failures.push(`${where} → ${res.statusCode} but wrote to ${changed.join(', ')}`);
        }
        last = now;
        lastXid = xid;
      }
    }

    // every operation gets its share of the time left, so a slow machine fuzzes each one less, never
    // skips one; its probes alternate generated and hand-picked, so a short share still has both kinds
    const all = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([lower, op]) => ({ path, method: lower.toUpperCase() as Method, op })),
    );
    let skipped = 0;
    for (const [index, { path, method, op }] of all.entries()) {
      const opStarted = Date.now();
      const share = Math.max(300, (BUDGET_MS - (opStarted - started)) / (all.length - index));
      operations++;
      const made = generated(method, path, op, SEED + index);
      const picked = nasties(method, path, op);
      const probes = Array.from({ length: Math.max(made.length, picked.length) }, (_, i) => [
        made[i],
        picked[i],
      ])
        .flat()
        .filter((probe): probe is Probe => probe !== undefined);
      const auth = AUTH_PATH.test(path);
      for (const [i, probe] of probes.entries()) {
        if (i >= 4 && Date.now() - opStarted > share) {
          skipped += probes.length - i;
          break;
        }
        // the administrator reaches validation and the services; without a token, every fourth probe
        if (!auth) await send(probe, true, true);
        if (auth || i % 4 === 0) await send(probe, false, !auth);
      }
    }

    const elapsed = Math.round((Date.now() - started) / 1000);
    console.log(
      `fuzz: seed ${SEED}, ${operations} operations, ${requests} requests in ${elapsed} s (${skipped} probes left for lack of time), statuses ${JSON.stringify(statuses)}`,
    );
    expect(operations).toBe(all.length);
    expect(operations).toBeGreaterThan(100);
    expect(failures).toEqual([]);
  });
});
