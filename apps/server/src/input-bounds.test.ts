import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/helpers.js';

/*
 * Issue 13 §5: every string and every array a client can send has an upper bound in the schema, so
 * no request makes the server hold, parse or store more than the contract allows (the body limit
 * bounds the whole; these bound each part). Walks /api/openapi.json.
 */

type Schema = {
  $ref?: string;
  type?: string | string[];
  maxLength?: number;
  maxItems?: number;
  maximum?: number;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  prefixItems?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};
type Operation = {
  operationId: string;
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

// formats whose syntax bounds their length
const BOUNDED_FORMATS = new Set(['uuid', 'date', 'date-time', 'time', 'email', 'binary']);

let t: TestApp;
let doc: Document;
beforeAll(async () => {
  t = await createTestApp();
  doc = (await t.request('GET', '/api/openapi.json')).json() as Document;
});
afterAll(() => t.close());

function unbounded(schema: Schema | undefined, where: string, seen = new Set<Schema>()): string[] {
  if (!schema || seen.has(schema)) return [];
  seen.add(schema);
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return unbounded(doc.components?.schemas?.[name], where, seen);
  }
  const found: string[] = [];
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const constrained = schema.enum !== undefined || schema.const !== undefined;
  if (types.includes('string') && !constrained && schema.maxLength === undefined) {
    if (!schema.format || !BOUNDED_FORMATS.has(schema.format))
      found.push(`${where}: string without maxLength`);
  }
  if (types.includes('array') && schema.maxItems === undefined && !schema.prefixItems)
    found.push(`${where}: array without maxItems`);
  for (const [key, child] of Object.entries(schema.properties ?? {}))
    found.push(...unbounded(child, `${where}.${key}`, seen));
  if (typeof schema.additionalProperties === 'object')
    found.push(...unbounded(schema.additionalProperties, `${where}.*`, seen));
  if (schema.items) found.push(...unbounded(schema.items, `${where}[]`, seen));
  for (const list of [schema.anyOf, schema.oneOf, schema.allOf, schema.prefixItems])
    for (const child of list ?? []) found.push(...unbounded(child, where, seen));
  return found;
}

describe('input bounds', () => {
  it('every request-body and query string has a maxLength, every array a maxItems', () => {
    const problems: string[] = [];
    let operations = 0;
    for (const methods of Object.values(doc.paths)) {
      for (const op of Object.values(methods)) {
        operations++;
        for (const [type, media] of Object.entries(op.requestBody?.content ?? {}))
          problems.push(...unbounded(media.schema, `${op.operationId} body (${type})`));
        for (const param of op.parameters ?? [])
          problems.push(...unbounded(param.schema, `${op.operationId} ${param.in} ${param.name}`));
      }
    }
    expect(operations).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  });

  it('pages are bounded: no list answers more than 500 rows at once', () => {
    const problems: string[] = [];
    for (const methods of Object.values(doc.paths)) {
      for (const op of Object.values(methods)) {
        const size = op.parameters?.find((p) => p.in === 'query' && /^(pageSize|limit)$/.test(p.name));
        if (size && !(typeof size.schema?.maximum === 'number' && size.schema.maximum <= 500))
          problems.push(`${op.operationId} ${size.name}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('answers a too-long string and a too-long array with 400 in seed 004’s body', async () => {
    const long = await t.request('POST', '/api/customers', {
      token: t.adminToken,
      body: { name: 'x'.repeat(100_000) },
    });
    expect([400, 413]).toContain(long.statusCode);
    expect(long.json()).toHaveProperty('error');
  });
});
