import { RepairCreateSchema } from '@bancada/shared';
import { describe, expect, it, vi } from 'vitest';
import {
  emptyRepair,
  type RepairValues,
  repairNumberMessages,
  toCandidate,
  validateRepair,
} from './repair-form';

// app/api, app/form and app/i18n reach the browser's session and document; these checks need none of
// it. The resolver keeps the schema's own words, and a rule's words are shown as their key.
vi.mock('../../app/api', () => ({ ApiError: class ApiError extends Error {} }));
vi.mock('../../app/form', () => ({
  parseWith: vi.fn(),
  zodResolver:
    (schema: typeof RepairCreateSchema, options: { prepare: (values: RepairValues) => unknown }) =>
    (values: RepairValues) => {
      const result = schema.safeParse(options.prepare(values));
      if (result.success) return {};
      return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
    },
}));
vi.mock('../../app/i18n', () => ({
  currentLocale: () => 'pt-BR',
  i18n: { t: (key: string, values: object) => `<${key}${JSON.stringify(values)}>` },
}));

const ASSET = '2f1c9a4e-7b3d-4e8f-9a1b-0c2d3e4f5a6b';
const CUSTOMER = '8d2e4f6a-1b3c-4d5e-8f7a-9b0c1d2e3f4a';

const order = (readings: Partial<RepairValues>): RepairValues => ({
  ...emptyRepair('America/Sao_Paulo'),
  userId: CUSTOMER,
  assetId: ASSET,
  ...readings,
});

describe('a new order’s odometer and hour meter are refused on their fields, never rewritten', () => {
  it.each([
    ['', {}],
    [0, {}],
    [81000, {}],
    ['81000.5', {}],
    [9_999_999, {}],
    [-5, { odometerKm: { key: 'numberField.negative', values: {} } }],
    [81000.25, { odometerKm: { key: 'numberField.decimals', values: { count: 1 } } }],
    [10_000_000, { odometerKm: { key: 'numberField.tooLarge', values: { max: 9_999_999 } } }],
    ['-', { odometerKm: { key: 'numberField.invalid', values: {} } }],
  ] as const)('an odometer of %j km: %j', (typed, expected) => {
    expect(repairNumberMessages(order({ odometerKm: typed }))).toEqual(expected);
  });

  it.each([
    [1234.5, {}],
    [-1, { hourMeter: { key: 'numberField.negative', values: {} } }],
    ['1234.56', { hourMeter: { key: 'numberField.decimals', values: { count: 1 } } }],
  ] as const)('an hour meter of %j h: %j', (typed, expected) => {
    expect(repairNumberMessages(order({ hourMeter: typed }))).toEqual(expected);
  });

  it('checks no reading when no asset is picked: none is sent', () => {
    const values = order({ assetId: null, odometerKm: -5, hourMeter: 1.25 });
    expect(repairNumberMessages(values)).toEqual({});
    expect(toCandidate(values)).toMatchObject({ odometerKm: null, hourMeter: null });
  });

  it('hands the schema the reading as typed: −5 stays −5, blank is no reading', () => {
    expect(toCandidate(order({ odometerKm: -5 })).odometerKm).toBe(-5);
    expect(toCandidate(order({ hourMeter: '1234.5' })).hourMeter).toBe(1234.5);
    expect(toCandidate(order({ odometerKm: '' })).odometerKm).toBeNull();
  });

  it('the schema keeps no more than the rule: what the rule lets through, the schema takes', () => {
    for (const typed of [0, 81000, 81000.5, 9_999_999]) {
      const candidate = toCandidate(order({ odometerKm: typed, hourMeter: typed }));
      expect(RepairCreateSchema.safeParse(candidate).success).toBe(true);
    }
  });

  it('says the rule’s words over zod’s English on the field, and nothing is valid', () => {
    const errors = validateRepair(order({ odometerKm: -5, hourMeter: 12.34 }));
    expect(errors.odometerKm).toBe('<numberField.negative{}>');
    expect(errors.hourMeter).toBe('<numberField.decimals{"count":1}>');
    expect(Object.values(errors).join(' ')).not.toMatch(/Too small|expected|Invalid input/);
    expect(validateRepair(order({ odometerKm: 81000.5 }))).toEqual({});
  });
});
