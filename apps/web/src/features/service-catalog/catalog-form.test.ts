import { ServiceCatalogCreateSchema } from '@bancada/shared';
import { describe, expect, it, vi } from 'vitest';
import {
  type CatalogValues,
  catalogNumberMessages,
  emptyCatalogItem,
  toCatalogCandidate,
} from './catalog-form';

// app/form reaches the browser's session; these checks need none of it
vi.mock('../../app/form', () => ({ parseWith: vi.fn() }));

const item = (numbers: Partial<CatalogValues>): CatalogValues => ({
  ...emptyCatalogItem(),
  code: 'REV-01',
  name: 'Revisão',
  ...numbers,
});

describe('a catalog item’s warranty days are refused on their field, never rewritten', () => {
  it('starts at the default warranty, which is fine', () => {
    expect(catalogNumberMessages(emptyCatalogItem())).toEqual({});
  });

  it.each([
    [0, {}],
    [90, {}],
    ['365', {}],
    [3650, {}],
    ['', { warrantyDays: { key: 'numberField.required', values: {} } }],
    [-30, { warrantyDays: { key: 'numberField.negative', values: {} } }],
    [30.5, { warrantyDays: { key: 'numberField.whole', values: {} } }],
    [3651, { warrantyDays: { key: 'numberField.tooLarge', values: { max: 3650 } } }],
    ['-', { warrantyDays: { key: 'numberField.invalid', values: {} } }],
  ] as const)('%j days: %j', (typed, expected) => {
    expect(catalogNumberMessages(item({ warrantyDays: typed }))).toEqual(expected);
  });

  it('hands the schema the days as typed: −30 stays −30, and the schema refuses what the rule refuses', () => {
    expect(toCatalogCandidate(item({ warrantyDays: -30 })).warrantyDays).toBe(-30);
    expect(toCatalogCandidate(item({ warrantyDays: '45' })).warrantyDays).toBe(45);
    for (const typed of [-30, 30.5, 3651, '', '-']) {
      expect(
        ServiceCatalogCreateSchema.safeParse(toCatalogCandidate(item({ warrantyDays: typed }))).success,
      ).toBe(false);
    }
    for (const typed of [0, 90, 3650]) {
      expect(
        ServiceCatalogCreateSchema.safeParse(toCatalogCandidate(item({ warrantyDays: typed }))).success,
      ).toBe(true);
    }
  });
});

describe('the hours and price: empty or no number is said here, the rest is the schema’s, translated', () => {
  it.each([
    [{ standardHours: '' }, { standardHours: { key: 'numberField.required', values: {} } }],
    [{ price: '' }, { price: { key: 'numberField.required', values: {} } }],
    [{ price: '-' }, { price: { key: 'numberField.invalid', values: {} } }],
    [{ standardHours: -2, price: -50 }, {}],
  ] as const)('%j: %j', (typed, expected) => {
    expect(catalogNumberMessages(item(typed))).toEqual(expected);
  });

  it('a negative or a third decimal is refused by the schema in its own keys, not zod’s English', () => {
    const result = ServiceCatalogCreateSchema.safeParse(
      toCatalogCandidate(item({ standardHours: -2, price: 50.129 })),
    );
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(
      (result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]),
    );
    expect(messages).toEqual({
      standardHours: 'validation.hours_negative',
      price: 'validation.money_decimals',
    });
  });
});
