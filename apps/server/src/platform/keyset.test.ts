import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers.js';
import { cappedCount, decodeCursor, encodeCursor } from './keyset.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('keyset pagination helpers', () => {
  it('a cursor is the row id, round-tripped; anything else is refused', () => {
    const id = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    expect(decodeCursor(encodeCursor(id))).toBe(id);
    expect(encodeCursor(id)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(() => decodeCursor('AAAA')).toThrow();
  });

  it('counts exactly up to the cap and stops there', async () => {
    expect(await cappedCount(t.deps.db, sql`FROM generate_series(1, 7)`, 10)).toEqual({
      total: 7,
      capped: false,
    });
    expect(await cappedCount(t.deps.db, sql`FROM generate_series(1, 10)`, 10)).toEqual({
      total: 10,
      capped: false,
    });
    expect(await cappedCount(t.deps.db, sql`FROM generate_series(1, 1000000)`, 10)).toEqual({
      total: 10,
      capped: true,
    });
  });
});
